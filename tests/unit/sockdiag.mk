# tests/unit/sockdiag.mk (included by tests/local.mk) — sock_diag parser and live-kernel tests
check_PROGRAMS += tests/unit/test_sockdiag tests/unit/test_sockdiag_live tests/unit/test_sockdiag_ns
TESTS += tests/unit/test_sockdiag tests/unit/test_sockdiag_live tests/unit/test_sockdiag_ns \
	tests/unit/sockdiag_nobody.sh
EXTRA_DIST += tests/unit/sockdiag_nobody.sh tests/unit/sockdiag_test_util.h tests/unit/nobody_lib.sh
tests_unit_test_sockdiag_LDADD = $(IPCTOP_LIBS)
tests_unit_test_sockdiag_live_LDADD = $(IPCTOP_LIBS)
tests_unit_test_sockdiag_ns_LDADD = $(IPCTOP_LIBS)
# Scripted replies in place of the kernel's (sockdiag_fake)
check_PROGRAMS += tests/unit/test_sockdiag_fault tests/unit/test_sockdiag_lookup
TESTS += tests/unit/test_sockdiag_fault tests/unit/test_sockdiag_lookup
EXTRA_DIST += tests/unit/sockdiag_fault_util.h
tests_unit_test_sockdiag_fault_SOURCES = tests/unit/test_sockdiag_fault.c \
	tests/unit/sockdiag_fake.c tests/unit/sockdiag_fake.h
tests_unit_test_sockdiag_fault_LDADD = $(IPCTOP_LIBS)
tests_unit_test_sockdiag_lookup_SOURCES = tests/unit/test_sockdiag_lookup.c \
	tests/unit/sockdiag_fake.c tests/unit/sockdiag_fake.h
tests_unit_test_sockdiag_lookup_LDADD = $(IPCTOP_LIBS)
