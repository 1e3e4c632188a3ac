# tests/hardening/local.mk (included by Makefile.am) — ipctop under hostile conditions:
# process churn, scale, memory over many refreshes, memcheck, hidepid, network and PID
# namespaces, the notes of what could not be read, small and odd terminals.
# The namespace and hidepid tests need root and skip otherwise.
check_PROGRAMS += tests/hardening/churner
tests_hardening_churner_SOURCES = tests/hardening/churner.c tests/hardening/churn_pair.c \
	tests/hardening/churn_pair.h tests/hardening/sleeper.c tests/hardening/sleeper.h
# Fixtures, not the code under test: built without sanitizers, so that they start processes as
# fast in the sanitizer build as in the plain one.
tests_hardening_churner_CFLAGS = -std=gnu11 $(WARN_CFLAGS)
tests_hardening_churner_LDFLAGS =
check_PROGRAMS += tests/hardening/scaler
tests_hardening_scaler_SOURCES = tests/hardening/scaler.c tests/hardening/sleeper.c \
	tests/hardening/sleeper.h
tests_hardening_scaler_CFLAGS = -std=gnu11 $(WARN_CFLAGS)
tests_hardening_scaler_LDFLAGS =
# The refresh counter of tui_memory.sh: a shared library to preload into ipctop.
check_PROGRAMS += tests/hardening/refresh_probe.so
tests_hardening_refresh_probe_so_SOURCES = tests/hardening/refresh_probe.c
tests_hardening_refresh_probe_so_CFLAGS = -std=gnu11 $(WARN_CFLAGS) -fPIC
tests_hardening_refresh_probe_so_LDFLAGS = -shared
tests_hardening_refresh_probe_so_LDADD = -ldl
# The gate of latency.sh: holds the collector in the middle of a snapshot.
check_PROGRAMS += tests/hardening/collect_gate.so
tests_hardening_collect_gate_so_SOURCES = tests/hardening/collect_gate.c
tests_hardening_collect_gate_so_CFLAGS = -std=gnu11 $(WARN_CFLAGS) -fPIC
tests_hardening_collect_gate_so_LDFLAGS = -shared
tests_hardening_collect_gate_so_LDADD = -ldl
# The longest tests first: `make check -j` starts them in this order, so the short ones fill in
# around them instead of the long ones starting last.
if !SANITIZERS
TESTS += tests/hardening/valgrind.sh
endif
TESTS += tests/hardening/scale_procs.sh tests/hardening/scale.sh tests/hardening/churn.sh \
	tests/hardening/pidns.sh tests/hardening/notes.sh tests/hardening/hidepid.sh \
	tests/hardening/netns.sh tests/hardening/terminal.sh tests/hardening/churn_tui.sh
EXTRA_DIST += tests/hardening/churn.sh tests/hardening/hidepid.sh tests/hardening/netns.sh \
	tests/hardening/notes.sh tests/hardening/check_notes.py \
	tests/hardening/pidns.sh tests/hardening/terminal.sh tests/hardening/ns_lib.sh \
	tests/hardening/churn_lib.sh \
	tests/hardening/hold.py tests/hardening/check_snapshot.py tests/hardening/scale.sh \
	tests/hardening/valgrind.sh tests/hardening/tui_memory.sh \
	tests/hardening/scale.py tests/hardening/churn_tui.sh tests/hardening/scale_procs.sh \
	tests/hardening/scale_procs.py tests/hardening/latency.sh
# valgrind and ASan do not mix: memcheck runs from the plain build. So does the resident-size
# test of the interactive ipctop (under ASan it would measure the quarantine).
if !SANITIZERS
# So does latency.sh: its gate library is preloaded, which ASan's runtime does not allow.
TESTS += tests/hardening/tui_memory.sh tests/hardening/latency.sh
endif
