# tests/unit/demo.mk — tests of the --demo processes' end (included by tests/local.mk):
# demo_reap and demo_stop, the janitor after a killed owner, and both again as user nobody.
DEMO_TESTS = tests/unit/test_demo_reap tests/unit/test_demo_janitor
check_PROGRAMS += $(DEMO_TESTS)
TESTS += $(DEMO_TESTS) tests/unit/demo_nobody.sh
tests_unit_test_demo_reap_SOURCES = tests/unit/test_demo_reap.c tests/unit/demo_test_util.h
tests_unit_test_demo_reap_LDADD = $(IPCTOP_LIBS)
tests_unit_test_demo_janitor_SOURCES = tests/unit/test_demo_janitor.c tests/unit/demo_test_util.h
tests_unit_test_demo_janitor_LDADD = $(IPCTOP_LIBS)
EXTRA_DIST += tests/unit/demo_nobody.sh
