# bench/local.mk — benchmarks (make bench): a load generator of process pairs joined by IPC, the
# /proc floor (bench/procfloor: the least /proc reading a tool like ipctop must do), and
# bench/run, which times ipctop against lsof, lsfd, ss, top and that floor (and the TUI against
# htop) under that load and writes the table to bench/RESULTS.md; bench/refresh_profile takes
# interactive refreshes alone, for bench/run to profile one under callgrind and strace (and for
# bench/waits_cost.sh to time refreshes with and without reading waits); bench/layout_run
# (make bench-layout) sets ipctop's graph layout (bench/layout_bench) beside Graphviz dot on
# the same graphs: crossings, length and time, to bench/LAYOUT.md. Only the
# load generator's and the layout benchmark's smoke tests run in make check: never a timing.
check_PROGRAMS += bench/loadgen bench/procfloor bench/refresh_profile bench/layout_bench
bench_loadgen_SOURCES = bench/loadgen.c bench/loadgen_pair.c bench/loadgen.h
bench_loadgen_LDADD = -lrt
bench_procfloor_SOURCES = bench/procfloor.c
bench_refresh_profile_SOURCES = bench/refresh_profile.c
bench_refresh_profile_CPPFLAGS = $(AM_CPPFLAGS)
bench_refresh_profile_LDADD = $(IPCTOP_LIBS)
bench_layout_bench_SOURCES = bench/layout_bench.c
bench_layout_bench_LDADD = $(IPCTOP_LIBS)

TESTS += bench/loadgen_smoke.sh bench/layout_smoke.sh
EXTRA_DIST += bench/loadgen_smoke.sh bench/layout_smoke.sh bench/layout_run bench/layout_vs_dot.py bench/LAYOUT.md bench/run bench/check_load.py bench/report.py \
	bench/report_profile.py bench/report_tui.py bench/report_files.py bench/bench_files.py bench/tui_measure.py bench/other_cpu.py bench/RESULTS.md \
	bench/waits_cost.sh bench/WAITS_COST.md bench/record_cost.sh bench/record_steady.py bench/RECORD_COST.md bench/load_lib.sh

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

# ipctop's graph layout beside Graphviz dot (issue 13): `make bench-layout`, or
# `make bench-layout LAYOUT_ARGS=--quick`.
LAYOUT_OUT = $(abs_top_srcdir)/bench/LAYOUT.md
LAYOUT_ARGS =

.PHONY: bench-layout
bench-layout: ipctop bench/layout_bench bench/loadgen
	IPCTOP='$(abs_top_builddir)/ipctop' LAYOUT_BENCH='$(abs_top_builddir)/bench/layout_bench' \
	LOADGEN='$(abs_top_builddir)/bench/loadgen' PYTHON3='$(PYTHON3)' \
	bash $(top_srcdir)/bench/layout_run --out '$(LAYOUT_OUT)' $(LAYOUT_ARGS)
