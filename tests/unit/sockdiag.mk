# tests/unit/sockdiag.mk (included by tests/local.mk) — sock_diag parser and live-kernel tests
check_PROGRAMS += tests/unit/test_sockdiag tests/unit/test_sockdiag_live tests/unit/test_sockdiag_ns
TESTS += tests/unit/test_sockdiag tests/unit/test_sockdiag_live tests/unit/test_sockdiag_ns \
	tests/unit/sockdiag_nobody.sh
EXTRA_DIST += tests/unit/sockdiag_nobody.sh
tests_unit_test_sockdiag_SOURCES = tests/unit/test_sockdiag.c
tests_unit_test_sockdiag_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_unit_test_sockdiag_LDADD = $(IPCTOP_LIBS)
tests_unit_test_sockdiag_live_SOURCES = tests/unit/test_sockdiag_live.c tests/unit/sockdiag_test_util.h
tests_unit_test_sockdiag_live_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_unit_test_sockdiag_live_LDADD = $(IPCTOP_LIBS)
tests_unit_test_sockdiag_ns_SOURCES = tests/unit/test_sockdiag_ns.c tests/unit/sockdiag_test_util.h
tests_unit_test_sockdiag_ns_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_unit_test_sockdiag_ns_LDADD = $(IPCTOP_LIBS)
