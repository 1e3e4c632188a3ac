# tests/hardening/local.mk (included by Makefile.am) — ipctop under hostile conditions:
# process churn, hidepid, network and PID namespaces, small and odd terminals.
# The namespace and hidepid tests need root and skip otherwise.
check_PROGRAMS += tests/hardening/churner
tests_hardening_churner_SOURCES = tests/hardening/churner.c
TESTS += tests/hardening/churn.sh tests/hardening/hidepid.sh tests/hardening/netns.sh \
	tests/hardening/pidns.sh tests/hardening/terminal.sh tests/hardening/scale.sh
EXTRA_DIST += tests/hardening/churn.sh tests/hardening/hidepid.sh tests/hardening/netns.sh \
	tests/hardening/pidns.sh tests/hardening/terminal.sh tests/hardening/ns_lib.sh \
	tests/hardening/hold.py tests/hardening/check_snapshot.py tests/hardening/scale.sh \
	tests/hardening/valgrind.sh \
	tests/hardening/scale.py
# valgrind and ASan do not mix: memcheck runs from the plain build.
if !SANITIZERS
TESTS += tests/hardening/valgrind.sh
endif
