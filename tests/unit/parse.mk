# tests/unit/parse.mk (included by tests/local.mk)
# The parser tests read the captured /proc files of tests/fixtures/proc from FIXTURE_DIR.
PARSE_TEST_CPPFLAGS = $(AM_CPPFLAGS) -DFIXTURE_DIR='"$(abs_top_srcdir)/tests/fixtures/proc"'

check_PROGRAMS += tests/unit/test_parse_status
TESTS += tests/unit/test_parse_status
tests_unit_test_parse_status_CPPFLAGS = $(PARSE_TEST_CPPFLAGS)
tests_unit_test_parse_status_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_parse_maps
TESTS += tests/unit/test_parse_maps
tests_unit_test_parse_maps_CPPFLAGS = $(PARSE_TEST_CPPFLAGS)
tests_unit_test_parse_maps_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_parse_smaps
TESTS += tests/unit/test_parse_smaps
tests_unit_test_parse_smaps_CPPFLAGS = $(PARSE_TEST_CPPFLAGS)
tests_unit_test_parse_smaps_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_parse_fdinfo tests/unit/test_parse_sysvipc
TESTS += tests/unit/test_parse_fdinfo tests/unit/test_parse_sysvipc
tests_unit_test_parse_fdinfo_CPPFLAGS = $(PARSE_TEST_CPPFLAGS)
tests_unit_test_parse_fdinfo_LDADD = $(IPCTOP_LIBS)
tests_unit_test_parse_sysvipc_CPPFLAGS = $(PARSE_TEST_CPPFLAGS)
tests_unit_test_parse_sysvipc_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_parse_misc
TESTS += tests/unit/test_parse_misc
tests_unit_test_parse_misc_CPPFLAGS = $(PARSE_TEST_CPPFLAGS)
tests_unit_test_parse_misc_LDADD = $(IPCTOP_LIBS)

check_PROGRAMS += tests/unit/test_parse_fuzz
TESTS += tests/unit/test_parse_fuzz
tests_unit_test_parse_fuzz_CPPFLAGS = $(PARSE_TEST_CPPFLAGS)
tests_unit_test_parse_fuzz_LDADD = $(IPCTOP_LIBS)

EXTRA_DIST += tests/unit/test_parse_fixture.h \
	tests/fixtures/proc/capture.c \
	tests/fixtures/proc/exe.txt \
	tests/fixtures/proc/fd_links.txt \
	tests/fixtures/proc/fdinfo_epoll.txt \
	tests/fixtures/proc/fdinfo_eventfd.txt \
	tests/fixtures/proc/fdinfo_inotify.txt \
	tests/fixtures/proc/fdinfo_lock.txt \
	tests/fixtures/proc/fdinfo_pipe_w.txt \
	tests/fixtures/proc/fdinfo_ptmx.txt \
	tests/fixtures/proc/maps.txt \
	tests/fixtures/proc/schedstat.txt \
	tests/fixtures/proc/smaps.txt \
	tests/fixtures/proc/status.txt \
	tests/fixtures/proc/status_kthread.txt \
	tests/fixtures/proc/status_setresuid.txt \
	tests/fixtures/proc/sysvipc_msg.txt \
	tests/fixtures/proc/sysvipc_sem.txt \
	tests/fixtures/proc/sysvipc_shm.txt
