#!/bin/sh
# history_marks.sh — a replayed process keeps its scheduling policy and signal masks: a
# process of the test's own runs under SCHED_BATCH with SIGUSR1 and SIGWINCH blocked, SIGUSR2
# ignored and SIGHUP caught; a recording of it is replayed with --replay --at --json, and its
# policy and its blocked, ignored and caught masks are those /proc/PID/stat and
# /proc/PID/status gave while it ran; the recording's process.exe is its /proc/PID/exe link
# (NULL as nobody, who cannot read it). As this user, then as nobody (recorder and replay).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
T=$FX_TMP
MARKED=
trap '[ -n "$MARKED" ] && kill "$MARKED" 2>/dev/null; fx_cleanup' EXIT

"$PYTHON3" -c '
import os, signal, sys, time
os.closerange(3, 65536)
os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1, signal.SIGWINCH})
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
signal.signal(signal.SIGHUP, lambda *a: None)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % os.getpid())
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(600)' "$T/marked" </dev/null >/dev/null 2>&1 &
MARKED=$!
n=0
while [ ! -s "$T/marked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat "$T/marked" 2>/dev/null)" = "$MARKED" ] || { echo "Bail out! the marked process did not start"; exit 1; }
# what the kernel says of it: "policy blocked ignored caught" (policy as ipctop(1) names it)
"$PYTHON3" -c '
import sys
pid = sys.argv[1]
stat = open("/proc/%s/stat" % pid).read()
policy = int(stat[stat.rindex(")") + 2:].split()[38])
masks = {l.split(":")[0]: int(l.split()[1], 16) for l in open("/proc/%s/status" % pid) if l[:6] in ("SigBlk", "SigIgn", "SigCgt")}
names = {0: "other", 1: "fifo", 2: "rr", 3: "batch", 5: "idle", 6: "deadline"}
print(names.get(policy, policy), masks["SigBlk"], masks["SigIgn"], masks["SigCgt"])' "$MARKED" >"$T/kernel"
ok $? "the kernel's policy and masks of the marked process ($(cat "$T/kernel"))"

# run_suite WHO IPCTOP FIXTURE [PREFIX...]
run_suite() {
	local who=$1 ipctop=$2 dir=$FX_TMP
	shift 3
	[ $# -gt 0 ] && dir=$FX_PRIV/tmp
	local rec=$dir/marks-$who-$$.db t
	"$@" "$ipctop" --record "$rec" -d 2 2>"$T/rec-$who.err" &
	local rec_pid=$!
	hdb wait "$rec" 2 0
	ok $? "the recorder takes two samples ($who)"
	kill -INT "$rec_pid"
	wait "$rec_pid"
	t=$("$PYTHON3" -c '
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(repr(db.execute("SELECT MAX(time) FROM sample").fetchone()[0]))' "$rec")
	"$@" "$ipctop" --replay "$rec" --at "$t" --json >"$T/replay-$who.json" 2>"$T/replay.err"
	"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = [p for p in d["processes"] if p["pid"] == int(sys.argv[2])]
if not p:
    print("# the marked process is not in the replay"); sys.exit(1)
s = p[0].get("signals", {})
got = "%s %d %d %d" % (p[0].get("policy"), int(s.get("blocked", "0x0"), 16),
                       int(s.get("ignored", "0x0"), 16), int(s.get("caught", "0x0"), 16))
want = open(sys.argv[3]).read().strip()
if got != want:
    print("# replayed %s, the kernel said %s" % (got, want)); sys.exit(1)' \
		"$T/replay-$who.json" "$MARKED" "$T/kernel"
	ok $? "the replay has the marked process's policy and blocked, ignored and caught masks ($who)"
	# process.exe: the kernel's link as root; NULL as nobody (another user's link is unreadable)
	"$PYTHON3" -c '
import os, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
got = [r[0] for r in db.execute("SELECT exe FROM process WHERE pid = ?", (int(sys.argv[2]),))]
want = os.readlink("/proc/%s/exe" % sys.argv[2]) if sys.argv[3] != "nobody" else None
if got != [want]:
    print("# process.exe %r, expected [%r]" % (got, want)); sys.exit(1)' "$rec" "$MARKED" "$who"
	ok $? "process.exe of the marked process: $([ "$who" = nobody ] && echo "NULL (not readable as nobody)" || echo "its /proc/PID/exe link") ($who)"
	rm -f "$rec" "$rec"-*
}

run_suite "$(id -un)" "$IPCTOP" none
if fx_nobody_setup; then
	run_suite nobody "$FX_PRIV/ipctop" none \
		env TMPDIR="$FX_PRIV/tmp" setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups
else
	skip "as nobody: not root (the run above was already unprivileged)"
fi
tap_done
