#!/usr/bin/env bash
# bench/waits_cost.sh — what reading waits costs a refresh (one run is kept in
# bench/WAITS_COST.md). Under a load of N processes in
# pairs joined by IPC (bench/loadgen: each child blocked in its read), hyperfine times
# bench/refresh_profile side by side with and without waits (collect_opts no_waits), both in
# the steady refresh (idle processes carried over: their waits copied, nothing read) and with
# every refresh a full rescan (every sleeping task's /proc/PID/syscall read again: the worst
# case). Then refresh_profile's own CPU per refresh (user and system) for each of the four.
#
#   bench/waits_cost.sh [-n PROCS] [--runs R]      (defaults: 2000 processes, 5 runs)
# Environment: LOADGEN, REFRESH_PROFILE (built binaries; default ./bench/loadgen and
# ./bench/refresh_profile). Needs hyperfine (tools/deps.sh --bench). Prints a table; keeps
# nothing.
set -uo pipefail

LOADGEN=${LOADGEN:-./bench/loadgen}
REFRESH_PROFILE=${REFRESH_PROFILE:-./bench/refresh_profile}
n=2000
runs=5
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift ;;
	--runs) runs=$2; shift ;;
	*) echo "usage: bench/waits_cost.sh [-n PROCS] [--runs R]" >&2; exit 2 ;;
	esac
	shift
done
say() { printf 'waits_cost: %s\n' "$*" >&2; }
[ -x "$LOADGEN" ] && [ -x "$REFRESH_PROFILE" ] || { say "build first (make check_PROGRAMS)"; exit 1; }
command -v hyperfine >/dev/null || { say "hyperfine not found (tools/deps.sh --bench)"; exit 1; }

. "$(dirname "$0")/load_lib.sh"
tmp=$(mktemp -d /tmp/ipctop-waits-cost-XXXXXX)
lg_pid=
finish() {
	load_down
	rm -rf "$tmp"
}
trap finish EXIT
trap 'exit 1' INT TERM

load_up "$n" || exit 1

# Three refreshes to warm up (the first reads everything), then ten measured ones 100 ms apart.
rp="$REFRESH_PROFILE"
steady="$rp 3 10 100" steady_nw="$rp --no-waits 3 10 100"
full="$rp --full 3 10 100" full_nw="$rp --no-waits --full 3 10 100"
hyperfine -N --warmup 1 --runs "$runs" --style basic --export-markdown "$tmp/hf.md" \
	-n "steady, waits" "$steady" -n "steady, no waits" "$steady_nw" \
	-n "full rescan, waits" "$full" -n "full rescan, no waits" "$full_nw" >&2 || exit 1
echo "## Waits' cost: $(head -n 1 "$tmp/ready" | cut -d' ' -f2) processes of bench/loadgen, $(nproc) CPUs"
echo
echo "hyperfine, $runs runs of refresh_profile (3 warm-up and 10 measured refreshes, 100 ms apart):"
echo
cat "$tmp/hf.md"
echo
echo "refresh_profile's CPU per measured refresh (one run each):"
echo
echo "| refresh | processes | reused | schedstat kept | syscall kept | user ms | sys ms |"
echo "|---|---|---|---|---|---|---|"
for k in steady steady_nw full full_nw; do
	read -r _ _ _ procs _ reused _ kept _ user _ sys _ calls < <(${!k})
	echo "| $k | $procs | $reused | $kept | $calls | $user | $sys |"
done
