#!/bin/sh
# json_cols.sh — the process list's columns in --json --interval (ipctop(1), "The process
# list's columns") for two processes this test starts: a shell in a tmux pane of its own (so it
# has a terminal) that sleeps 50 ms at a time, and a spinning python holding 128 MiB. Expected
# values come from the kernel and ps, read before and after ipctop: TTY as ps names it, EXE as readlink says,
# SHR from statm, MEM% from VmRSS and MemTotal, START from btime and the start ticks; CPU% and
# voluntary switches per second within what the counters moved over a window wider than
# ipctop's interval; no TCP, so IPC/s and BUSIEST null. As the caller, then (root) as nobody,
# who may not read a root process's program path (null).
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
[ -n "$PYTHON3" ] || skip_all "python3 not found by configure"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-jcols.XXXXXX") || exit 99
sock="jcols$$"
spin=
cleanup() {
	[ -n "$spin" ] && kill "$spin" 2>/dev/null
	tmux -L "$sock" kill-server 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
chmod 755 "$tmp"
cp "$IPCTOP" "$tmp/ipctop" && chmod 755 "$tmp/ipctop" || { ok 1 "copy ipctop"; tap_done; exit; }

tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 "exec sh -c 'while :; do sleep 0.05; done'"
ok $? "a shell in a tmux pane"
term=$(tmux -L "$sock" display-message -p '#{pane_pid}')
# the spinner holds 128 MiB of its own (MEM% far from 0)
"$PYTHON3" -c 'b = b"x" * (128 << 20)
while True: pass' &
spin=$!
i=0   # until the spinner holds its memory (5 s at most)
while [ "$(awk '/^VmRSS/ { print $2 }' "/proc/$spin/status" 2>/dev/null || echo 0)" -lt 131072 ] &&
	[ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -n "$term" ] && [ -d "/proc/$term" ] && [ $i -lt 50 ]
ok $? "the pane's shell runs (pid $term); the spinner $spin holds its 128 MiB"

# facts PID...: one line per pid of what the kernel and ps say now
facts() {
	local pid
	for pid in "$@"; do
		printf '%s tty=%s exe=%s statm=%s stat=%s vol=%s rss=%s\n' "$pid" \
			"$(ps -o tty= -p "$pid" | tr -d ' ')" "$(readlink "/proc/$pid/exe")" \
			"$(cut -d' ' -f3 "/proc/$pid/statm")" \
			"$(sed 's/^.*) //' "/proc/$pid/stat" | tr ' ' ',')" \
			"$(awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$pid/status")" \
			"$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")"
	done
}

cat >"$tmp/check.py" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
before = {l.split()[0]: dict(w.split("=", 1) for w in l.split()[1:]) for l in open(sys.argv[2])}
after = {l.split()[0]: dict(w.split("=", 1) for w in l.split()[1:]) for l in open(sys.argv[3])}
who, term, spin = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
hz, page_kib = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE") // 1024
btime = next(int(l.split()[1]) for l in open("/proc/stat") if l.startswith("btime "))
mem_total = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal:"))
secs = doc["interval_ms"] / 1000.0
bad = []
def check(cond, what, got):
    print(("ok - " if cond else "FAIL - ") + what + " (got %r)" % (got,))
    if not cond:
        bad.append(what)
procs = {p["pid"]: p for p in doc["processes"]}
for pid, name in ((term, "pane shell"), (spin, "spinner")):
    p, b, a = procs.get(pid), before[str(pid)], after[str(pid)]
    if p is None:
        check(False, "%s %d listed" % (name, pid), None)
        continue
    st_b, st_a = b["stat"].split(","), a["stat"].split(",")
    tty = b["tty"] if b["tty"] not in ("?", "") else None
    check(p["tty"] == tty, "%s: tty is what ps says, %r" % (name, tty), p["tty"])
    want_exe = None if who == "nobody" else b["exe"]
    check(p["exe"] == want_exe, "%s: exe %r" % (name, want_exe), p["exe"])
    shr = sorted([int(b["statm"]) * page_kib, int(a["statm"]) * page_kib])
    check(p["shr_kib"] is not None and shr[0] - 8 <= p["shr_kib"] <= shr[1] + 8,
          "%s: shr_kib within the statm readings %s" % (name, shr), p["shr_kib"])
    rss = sorted([int(b["rss"]), int(a["rss"])])
    check(p["mem_percent"] is not None and
          rss[0] * 100.0 / mem_total - 0.06 <= p["mem_percent"] <= rss[1] * 100.0 / mem_total + 0.06,
          "%s: mem_percent is VmRSS of MemTotal" % name, p["mem_percent"])
    start_ms = (btime + int(st_b[19]) / hz) * 1000
    # btime is whole seconds, and the clock may have been set since boot: 3 s
    check(p["started_at_ms"] is not None and abs(p["started_at_ms"] - start_ms) <= 3000,
          "%s: started_at_ms within 3 s of btime + start ticks (%d)" % (name, start_ms), p["started_at_ms"])
    ticks = int(st_a[11]) + int(st_a[12]) - int(st_b[11]) - int(st_b[12])
    cpu = p.get("cpu_percent")
    check(cpu is not None and cpu * secs * hz / 100.0 <= ticks + 1,
          "%s: cpu_percent over %.3f s within the %d ticks of a wider window" % (name, secs, ticks), cpu)
    vol = p.get("voluntary_switches_per_s")
    moved = int(a["vol"]) - int(b["vol"])
    check(vol is not None and vol * secs <= moved + 1,
          "%s: voluntary switches within the %d of a wider window" % (name, moved), vol)
    check(p.get("involuntary_switches_per_s") is not None, "%s: involuntary switches known" % name,
          p.get("involuntary_switches_per_s"))
    check("ipc_bytes_per_s" in p and p["ipc_bytes_per_s"] is None and p.get("busiest", 0) is None,
          "%s: no TCP connection: ipc_bytes_per_s and busiest null" % name,
          (p.get("ipc_bytes_per_s"), p.get("busiest")))
check((procs.get(spin, {}).get("cpu_percent") or 0) > 0, "the spinner used CPU", procs.get(spin, {}).get("cpu_percent"))
check((procs.get(spin, {}).get("mem_percent") or 0) > 0, "the spinner's 128 MiB show", procs.get(spin, {}).get("mem_percent"))
check((procs.get(term, {}).get("voluntary_switches_per_s") or 0) > 0,
      "the pane's shell, waiting for its sleeps, switched voluntarily",
      procs.get(term, {}).get("voluntary_switches_per_s"))
sys.exit(1 if bad else 0)
PY

# suite WHO [PREFIX...]: ipctop --json --interval under PREFIX, checked against the facts
suite() {
	local who=$1
	shift
	facts "$term" "$spin" >"$tmp/before.$who"
	"$@" "$tmp/ipctop" --json --interval 500 -p "$term,$spin" >"$tmp/$who.json" 2>"$tmp/$who.err"
	ok $? "$who: ipctop --json --interval 500 -p exits 0"
	facts "$term" "$spin" >"$tmp/after.$who"
	sed 's/^/#   /' "$tmp/$who.err"
	schema_ok "$who: the document is valid against the schema" "$tmp/$who.json"
	"$PYTHON3" "$tmp/check.py" "$tmp/$who.json" "$tmp/before.$who" "$tmp/after.$who" "$who" \
		"$term" "$spin" >"$tmp/$who.out" 2>&1
	ok $? "$who: the columns' members agree with the kernel and ps"
	sed 's/^/#   /' "$tmp/$who.out"
}

suite "$(id -un)"
group=$(getent group nogroup >/dev/null 2>&1 && echo nogroup || echo 65534)
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	suite nobody setpriv --reuid=nobody --regid="$group" --clear-groups
else
	skip "as nobody: not root"
fi
tap_done
