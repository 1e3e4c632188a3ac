# bench/local.mk — benchmarks (make bench): a load generator of process pairs joined by IPC, the
# /proc floor (bench/procfloor: the least /proc reading a tool like ipctop must do), and
# bench/run, which times ipctop against lsof, lsfd, ss, top and that floor (and the TUI against
# htop) under that load and writes the table to bench/RESULTS.md; bench/refresh_profile takes
# interactive refreshes alone, for bench/run to profile one under callgrind and strace (and for
# bench/waits_cost.sh to time refreshes with and without reading waits). Only the
# load generator's smoke test runs in make check: never a timing.
check_PROGRAMS += bench/loadgen bench/procfloor bench/refresh_profile
bench_loadgen_SOURCES = bench/loadgen.c bench/loadgen_pair.c bench/loadgen.h
bench_loadgen_LDADD = -lrt
bench_procfloor_SOURCES = bench/procfloor.c
bench_refresh_profile_SOURCES = bench/refresh_profile.c
bench_refresh_profile_CPPFLAGS = $(AM_CPPFLAGS)
bench_refresh_profile_LDADD = $(IPCTOP_LIBS)

TESTS += bench/loadgen_smoke.sh
EXTRA_DIST += bench/loadgen_smoke.sh bench/run bench/check_load.py bench/report.py \
	bench/report_profile.py bench/bench_files.py bench/tui_measure.py bench/other_cpu.py bench/RESULTS.md \
	bench/waits_cost.sh bench/WAITS_COST.md

# Where the results table goes; `make bench BENCH_OUT=/tmp/r.md` to keep the tree untouched,
# `make bench BENCH_ARGS=--quick` for the short run.
BENCH_OUT = $(abs_top_srcdir)/bench/RESULTS.md
BENCH_ARGS =

.PHONY: bench
bench: ipctop bench/loadgen bench/procfloor bench/refresh_profile
	IPCTOP='$(abs_top_builddir)/ipctop' LOADGEN='$(abs_top_builddir)/bench/loadgen' \
	PROCFLOOR='$(abs_top_builddir)/bench/procfloor' \
	REFRESH_PROFILE='$(abs_top_builddir)/bench/refresh_profile' \
	PYTHON3='$(PYTHON3)' bash $(top_srcdir)/bench/run --out '$(BENCH_OUT)' $(BENCH_ARGS)
