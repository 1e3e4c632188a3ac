#!/usr/bin/env bash
# bench/record_cost.sh — what --record costs against the plain refresh (issue 15's targets:
# recording CPU at most 1.2x a plain refresh's, growth at most 20 MB an hour, a mostly idle
# 2000-process machine recorded at 1 s; one run is kept in bench/RECORD_COST.md). Under a load
# of N processes in pairs joined by IPC (bench/loadgen, idle once started), hyperfine runs side
# by side K + 1 snapshots 1 s apart of
#   * the plain refresh: bench/refresh_profile --tui 1 K 1000 (the refresh loop with the
#     recorder's rotating full read of a twentieth of the processes, without drawing), and
#   * the recorder: ipctop --record FILE -d 10, stopped by SIGINT after K + 0.5 s (a new file
#     each run),
# and compares their CPU (user + system, hyperfine's means) per snapshot. Then one recorder
# runs for D seconds: the growth of the database (its page count, as a reader sees it through
# the WAL) from its first sample to its last, per hour.
#
#   bench/record_cost.sh [-n PROCS] [--runs R] [--samples K] [--seconds D]
#     (defaults: 2000 processes, 5 runs, 30 samples, 300 s)
# Environment: IPCTOP, LOADGEN, REFRESH_PROFILE (built binaries; default ./ipctop,
# ./bench/loadgen, ./bench/refresh_profile), PYTHON3. Needs hyperfine (tools/deps.sh
# --bench). Prints the tables; keeps nothing.
set -uo pipefail

IPCTOP=${IPCTOP:-./ipctop}
LOADGEN=${LOADGEN:-./bench/loadgen}
REFRESH_PROFILE=${REFRESH_PROFILE:-./bench/refresh_profile}
PY=${PYTHON3:-python3}
n=2000 runs=5 k=30 secs=300
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift ;;
	--runs) runs=$2; shift ;;
	--samples) k=$2; shift ;;
	--seconds) secs=$2; shift ;;
	*) echo "usage: bench/record_cost.sh [-n PROCS] [--runs R] [--samples K] [--seconds D]" >&2; exit 2 ;;
	esac
	shift
done
say() { printf 'record_cost: %s\n' "$*" >&2; }
[ -x "$IPCTOP" ] && [ -x "$LOADGEN" ] && [ -x "$REFRESH_PROFILE" ] ||
	{ say "build first (make ipctop check_PROGRAMS)"; exit 1; }
command -v hyperfine >/dev/null || { say "hyperfine not found (tools/deps.sh --bench)"; exit 1; }

. "$(dirname "$0")/load_lib.sh"
tmp=$(mktemp -d /tmp/ipctop-record-cost-XXXXXX)
lg_pid= rec_pid=
finish() {
	[ -n "$rec_pid" ] && kill -INT "$rec_pid" 2>/dev/null && wait "$rec_pid"
	load_down
	rm -rf "$tmp"
}
trap finish EXIT
trap 'exit 1' INT TERM

load_up "$n" || exit 1

# db QUERY: one value from the recording, read as any reader would (through the WAL)
db() {
	"$PY" -c 'import sqlite3, sys
print(sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=10).execute(sys.argv[2]).fetchone()[0])' \
		"$tmp/r.db" "$1"
}
rec=$tmp/r.db
hyperfine -N --runs "$runs" --style basic --export-json "$tmp/hf.json" \
	--prepare "rm -f $rec $rec-wal $rec-shm" \
	-n "plain refresh" "$REFRESH_PROFILE --tui 1 $k 1000" \
	-n "record -d 10" "timeout --preserve-status -s INT $k.5 $IPCTOP --record $rec -d 10" >&2 || exit 1
samples=$(db "SELECT COUNT(*) FROM sample")
rm -f "$rec" "$rec-wal" "$rec-shm"

# the growth: page count at the first sample and at the last, D seconds on
"$IPCTOP" --record "$rec" -d 10 2>"$tmp/rec.err" &
rec_pid=$!
size_at() { db "SELECT (SELECT MAX(time) FROM sample) || ' ' || (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())"; }
for _ in $(seq 1 600); do [ "$(db 'SELECT COUNT(*) FROM sample' 2>/dev/null)" -ge 1 ] 2>/dev/null && break; sleep 0.1; done
first=$(size_at) || { say "no first sample"; exit 1; }
sleep "$secs"
last=$(size_at)
n_grow=$(db "SELECT COUNT(*) FROM sample")
kill -INT "$rec_pid"; wait "$rec_pid"; rec_pid=

procs=$(head -n 1 "$tmp/ready" | cut -d' ' -f2)
echo "## Recording's cost: $procs processes of bench/loadgen, $(nproc) CPUs"
echo
"$PY" - "$tmp/hf.json" "$k" "$samples" "$first" "$last" "$n_grow" <<'PY'
import json, sys
hf = json.load(open(sys.argv[1]))
k, samples = int(sys.argv[2]), int(sys.argv[3])
(t1, s1), (t2, s2) = [map(float, a.split()) for a in sys.argv[4:6]]
n_grow = int(sys.argv[6])
rows, per = [], {}
for r in hf["results"]:
    snaps = k + 1 if r["command"] == "plain refresh" else samples
    cpu = r["user"] + r["system"]
    per[r["command"]] = cpu / snaps
    rows.append("| %s | %d | %.3f | %.3f | %.1f |" % (r["command"], snaps, r["user"], r["system"],
                                                      cpu / snaps * 1000))
print("hyperfine, %d runs side by side; CPU is hyperfine's mean of each run's user and system time:"
      % len(hf["results"][0]["times"]))
print()
print("| command | snapshots | user s | system s | CPU ms per snapshot |")
print("|---|---|---|---|---|")
print("\n".join(rows))
ratio = per["record -d 10"] / per["plain refresh"]
mb_h = (s2 - s1) / (t2 - t1) * 3600 / 1e6 if t2 > t1 else float("nan")
print()
print("| target | measured | met |")
print("|---|---|---|")
print("| recording CPU <= 1.2x the plain refresh's | %.2fx | %s |" % (ratio, "yes" if ratio <= 1.2 else "NO"))
print("| growth <= 20 MB an hour at 1 s | %.2f MB/h (%.0f to %.0f bytes over %.0f s, %d samples) | %s |"
      % (mb_h, s1, s2, t2 - t1, n_grow, "yes" if mb_h <= 20 else "NO"))
PY
