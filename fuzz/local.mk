# fuzz/local.mk (included by Makefile.am) — libFuzzer targets for the /proc and sock_diag
# parsers, the escaping rule and the terminal input decoder. They are built with clang by
# fuzz/build.sh, not by make:
#   make fuzz                 every target for FUZZ_SECONDS (default 20) each, see fuzz/run.sh
#   make check                fuzz/smoke.sh (5 s each) and fuzz/regress.sh (replays
#                             fuzz/regressions/); both skip when clang is missing.
# The fuzz binaries carry their own sanitizers: run them from the plain build only.
if !SANITIZERS
TESTS += fuzz/regress.sh fuzz/smoke.sh
endif
EXTRA_DIST += fuzz/run.sh fuzz/smoke.sh fuzz/regress.sh fuzz/build.sh fuzz/seeds.sh \
	fuzz/replay_main.c fuzz/fuzz_nlmsg.h fuzz/gen_sockdiag_seeds.py \
	fuzz/fuzz_status.c fuzz/fuzz_maps.c fuzz/fuzz_smaps.c fuzz/fuzz_fdinfo.c \
	fuzz/fuzz_sysv_shm.c fuzz/fuzz_sysv_msg.c fuzz/fuzz_sysv_sem.c fuzz/fuzz_schedstat.c \
	fuzz/fuzz_fdlink.c fuzz/fuzz_sockdiag_unix.c fuzz/fuzz_sockdiag_inet.c \
	fuzz/fuzz_sockdiag_netlink.c fuzz/fuzz_sockdiag_reply.c fuzz/fuzz_escape.c \
	fuzz/fuzz_term_input.c fuzz/fuzz_snap_json.c \
	fuzz/corpus fuzz/regressions

.PHONY: fuzz
fuzz:
	$(SHELL) $(srcdir)/fuzz/run.sh
