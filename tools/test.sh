#!/usr/bin/env bash
# tools/test.sh — the whole test suite: install what is missing, build twice (plain, and with
# AddressSanitizer + UndefinedBehaviorSanitizer), run `make check` in both, check the release
# tarball builds, list every skipped test result by name with its reason, and end with one line
# "N passed, N failed, N skipped".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./tools/deps.sh || exit 1
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null || exit 1

pass=0 fail=0 skip=0
jobs=$(nproc 2>/dev/null || echo 2)

# Add a build's test-suite.log summary to the totals; a missing log is a failure.
count() {
	local log=$1/test-suite.log n
	if [ ! -f "$log" ]; then
		echo "tools/test.sh: no $log (build failed?)" >&2
		fail=$((fail + 1))
		return
	fi
	n=$(sed -n 's/^# PASS: *//p' "$log"); pass=$((pass + ${n:-0}))
	n=$(sed -n 's/^# SKIP: *//p' "$log"); skip=$((skip + ${n:-0}))
	for k in FAIL XPASS ERROR; do
		n=$(sed -n "s/^# $k: *//p" "$log"); fail=$((fail + ${n:-0}))
	done
	grep -E '^(FAIL|ERROR|XPASS)' "$log" >&2 || true
}

# Every skipped result of DIR's make check, one line each: the build, the test (and the
# number of the result within it) and the reason. From the test logs, which hold a SKIP line
# for each "ok N # SKIP reason" and for a whole test skipped by its plan ("1..0 # SKIP why").
skips=$(mktemp) || exit 1
trap 'rm -f "$skips"' EXIT
list_skips() {
	local build=${1##*/} trs
	find "$1/tests" -name '*.trs' 2>/dev/null | sort | while IFS= read -r trs; do
		[ -f "${trs%.trs}.log" ] && sed -n \
			-e "s|^SKIP: \([^ ]*\) \([0-9][0-9]*\) *# SKIP *|skipped ($build): \1 \2: |p" \
			-e "s|^SKIP: \([^ ]*\) - |skipped ($build): \1: |p" \
			-e "s|^SKIP: \([^ ]*\)\$|skipped ($build): \1: (no reason given)|p" "${trs%.trs}.log"
	done >> "$skips"
}

# build DIR CONFIGURE-ARGS...: configure and build in DIR (output in DIR.out)
build() {
	local dir=$1; shift
	mkdir -p "$dir"
	( cd "$dir" && "$top/configure" -q "$@" && make -s -j"$jobs" ) > "$dir.out" 2>&1 || {
		tail -n 40 "$dir.out" >&2
		return 1
	}
}

# check DIR: make check in DIR, added to DIR.out. Most tests wait (on tmux, on servers, on
# processes they start) far more than they compute, so several run at once: 3 per CPU. The
# two builds' checks run one after the other: side by side, the scale tests of both (10000
# processes each) load a 2-CPU machine enough to make timeouts of other tests fire.
check() {
	( cd "$1" && make -s -j"$((jobs * 3))" check ) >> "$1.out" 2>&1 || tail -n 40 "$1.out" >&2
}

for b in "build:CFLAGS=-O2 -g" "build-san:--enable-sanitizers:CFLAGS=-O1 -g"; do
	dir=$top/${b%%:*}
	IFS=: read -r -a args <<< "${b#*:}"
	build "$dir" "${args[@]}" && check "$dir"
	count "$dir"
	list_skips "$dir"
done

# The release tarball builds, installs and passes the unit tests (its full check is the run
# above; tests/local.mk lists them in UNIT_CHECKS).
if ( cd "$top/build" && make -s distcheck-unit ) > "$top/build-dist.out" 2>&1; then
	pass=$((pass + 1))
else
	tail -n 30 "$top/build-dist.out" >&2
	echo "FAIL: make distcheck" >&2
	fail=$((fail + 1))
fi

# Every skip by name before the totals; the totals stay the last line.
cat "$skips"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
