# tests/unit/merge.mk — tests of the --json reader and --merge (included by tests/local.mk)
check_PROGRAMS += tests/unit/test_snap_json
TESTS += tests/unit/test_snap_json
tests_unit_test_snap_json_LDADD = $(IPCTOP_LIBS)
