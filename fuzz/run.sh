#!/bin/sh
# run.sh — build every fuzz target with clang (libFuzzer + ASan + UBSan) into a temporary
# directory and run each for a bounded time on its seed corpus (see seeds.sh).
# Usage: fuzz/run.sh [TARGET...]    (default: every fuzz/fuzz_*.c)
# Environment: FUZZ_SECONDS per target (default 20); FUZZ_OUT where crashing inputs and their
# logs are kept (default ./fuzz-out; emptied parts are removed); CLANG (default clang);
# FUZZ_CFLAGS extra compiler flags for the targets.
# Output is TAP: one "ok"/"not ok" line per target. Exit 1 when any target crashed, hung or
# leaked; 0 with a TAP skip when clang cannot build libFuzzer targets.
set -u
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$fuzz_dir")
secs=${FUZZ_SECONDS:-20}
out=${FUZZ_OUT:-$PWD/fuzz-out}
. "$fuzz_dir/seeds.sh"

targets=$*
if [ -z "$targets" ]; then
	for f in "$fuzz_dir"/fuzz_*.c; do n=${f##*/fuzz_}; targets="$targets ${n%.c}"; done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

if ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' \
	> "$work/probe.c" ||
   ! "${CLANG:-clang}" -fsanitize=fuzzer "$work/probe.c" -o "$work/probe" 2>/dev/null; then
	echo "1..0 # SKIP clang with libFuzzer not available"
	exit 0
fi
if ! "$fuzz_dir/build.sh" fuzz "$work" $targets >"$work/build.log" 2>&1; then
	echo "Bail out! building the fuzz targets failed"
	sed 's/^/# /' "$work/build.log"
	exit 2
fi

# run_one TARGET: run it; keep crash/timeout/leak inputs and the log under $out/TARGET.
run_one() {
	local t=$1
	local keep="$out/$t"
	seed_corpus "$t" "$work/corpus/$t"
	mkdir -p "$keep"
	"$work/fuzz/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$keep/" "$work/corpus/$t" \
		>"$work/$t.log" 2>&1
	local rc=$?
	local execs
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
	if [ "$rc" -eq 0 ]; then
		echo "ok - fuzz $t: ${execs:-?} inputs in ${secs}s, no crash"
		rmdir "$keep" 2>/dev/null
		return 0
	fi
	cp "$work/$t.log" "$keep/log"
	echo "not ok - fuzz $t: exit $rc; input and log kept in $keep/"
	grep -E 'ERROR|SUMMARY|runtime error|^ *#[0-9]+ |Test unit written' "$work/$t.log" |
		head -40 | sed 's/^/#   /'
	return 1
}

n=0 failed=0
for t in $targets; do
	n=$((n + 1))
	run_one "$t" || failed=1
done
rmdir "$out" 2>/dev/null
echo "1..$n"
exit "$failed"
