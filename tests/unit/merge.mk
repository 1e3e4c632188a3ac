# tests/unit/merge.mk — tests of the --json reader and --merge (included by tests/local.mk)
check_PROGRAMS += tests/unit/test_snap_json
TESTS += tests/unit/test_snap_json
tests_unit_test_snap_json_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_channel_merge
TESTS += tests/unit/test_channel_merge
tests_unit_test_channel_merge_SOURCES = tests/unit/test_channel_merge.c \
	tests/unit/hand_snapshot.c tests/unit/hand_snapshot.h
tests_unit_test_channel_merge_LDADD = $(IPCTOP_LIBS)
