# tests/unit/export.mk — tests of src/export (included by tests/local.mk)
check_PROGRAMS += tests/unit/test_json_writer
TESTS += tests/unit/test_json_writer
tests_unit_test_json_writer_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_export_json
TESTS += tests/unit/test_export_json
tests_unit_test_export_json_SOURCES = tests/unit/test_export_json.c \
	tests/unit/export_fixture.c tests/unit/export_fixture.h tests/unit/export_checks.h
tests_unit_test_export_json_LDADD = $(IPCTOP_LIBS)

TESTS += tests/unit/export_json_valid.sh
EXTRA_DIST += tests/unit/export_json_valid.sh
TESTS += tests/unit/json_cols_doc.sh
EXTRA_DIST += tests/unit/json_cols_doc.sh

check_PROGRAMS += tests/unit/test_export_dot
TESTS += tests/unit/test_export_dot
tests_unit_test_export_dot_SOURCES = tests/unit/test_export_dot.c \
	tests/unit/export_fixture.c tests/unit/export_fixture.h tests/unit/export_checks.h \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_export_dot_LDADD = $(IPCTOP_LIBS)

TESTS += tests/unit/dot_accepts.sh
EXTRA_DIST += tests/unit/dot_accepts.sh

check_PROGRAMS += tests/unit/test_snap_filter
TESTS += tests/unit/test_snap_filter
tests_unit_test_snap_filter_SOURCES = tests/unit/test_snap_filter.c \
	tests/unit/export_fixture.c tests/unit/export_fixture.h
tests_unit_test_snap_filter_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_export_openmetrics
TESTS += tests/unit/test_export_openmetrics
tests_unit_test_export_openmetrics_SOURCES = tests/unit/test_export_openmetrics.c \
	tests/unit/export_fixture.c tests/unit/export_fixture.h
tests_unit_test_export_openmetrics_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_json_stamp
TESTS += tests/unit/test_json_stamp
tests_unit_test_json_stamp_SOURCES = tests/unit/test_json_stamp.c \
	tests/unit/export_fixture.c tests/unit/export_fixture.h
tests_unit_test_json_stamp_LDADD = $(IPCTOP_LIBS)
