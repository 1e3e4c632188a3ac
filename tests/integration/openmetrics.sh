#!/bin/sh
# openmetrics.sh — `ipctop --openmetrics` and `--prometheus`: promtool (Prometheus's own
# linter, which reads the text format) accepts the --prometheus output of the real machine and
# of the hand-built snapshot with hostile names. The --openmetrics output of both is read by a
# strict OpenMetrics parser (python3-prometheus-client), and promtool's only complaints about it
# are "NAME_total no help text" of its own counters: promtool 2.42 lints OpenMetrics with the
# older format's parser, to which a counter family named without _total (as OpenMetrics names
# it) has no samples, and each NAME_total sample no HELP (prometheus-net/prometheus-net#477);
# see check_om_strict.py. With --metrics-pids the channel counts of
# ipc_fixture's children are what the fixture recorded; the TCP bytes and queued bytes between
# two processes of a loopback pair are what they sent; as this user and (when root) as nobody;
# a busy child's CPU seconds and read bytes counters lie between what /proc/PID/stat and
# /proc/PID/io said before and after. No promtool: a skip, a failure under CI=true.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/integration/om_lib.sh"
fx_need

PROMTOOL=$(command -v promtool)

# promtool_ok DESC FILE: promtool check metrics accepts FILE (a skip when there is no promtool).
promtool_ok() {
	if [ -z "$PROMTOOL" ]; then
		ci_skip "$1: promtool not installed (Debian package prometheus)"
		return
	fi
	"$PROMTOOL" check metrics <"$2" >"$FX_TMP/promtool.out" 2>&1 &&
		grep -q '^ipctop_channels{' "$2"   # an empty input would pass promtool
	ok $? "$1"
	sed 's/^/#   /' "$FX_TMP/promtool.out"
}

"$TESTS_BIN/unit/test_export_openmetrics" --dump --pids --text >"$FX_TMP/hand.prom"
promtool_ok "promtool accepts the hand-built snapshot's metrics (hostile names, --metrics-pids, text format)" \
	"$FX_TMP/hand.prom"
"$TESTS_BIN/unit/test_export_openmetrics" --dump --pids >"$FX_TMP/hand.om"
om_strict_ok "hand-built snapshot, hostile names, --openmetrics --metrics-pids" "$FX_TMP/hand.om"

run_suite() {
	local who=$1 ipctop=$2 fixture=$3
	shift 3
	if ! fx_start "fixture-$who" "$@" "$fixture"; then
		ok 1 "ipc_fixture starts ($who)"
		return
	fi
	ok 0 "ipc_fixture starts ($who)"
	"$@" "$ipctop" --openmetrics --metrics-pids >"$FX_TMP/$who.om" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --openmetrics --metrics-pids exits 0 ($who)"
	tail -n 1 "$FX_TMP/$who.om" | grep -qx '# EOF'
	ok $? "the output ends with # EOF ($who)"
	grep -qx '# TYPE ipctop_program_cpu_seconds counter' "$FX_TMP/$who.om" &&
		grep -q '^ipctop_program_cpu_seconds_total{program="' "$FX_TMP/$who.om"
	ok $? "OpenMetrics: the counter family without _total, its samples with it ($who)"
	fx_py check_openmetrics.py "$FX_MANIFEST" "$FX_TMP/$who.om"
	om_strict_ok "--openmetrics --metrics-pids, $who" "$FX_TMP/$who.om"
	"$@" "$ipctop" --prometheus --metrics-pids >"$FX_TMP/$who.prom" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --prometheus --metrics-pids exits 0 ($who)"
	promtool_ok "promtool accepts the --prometheus --metrics-pids output ($who)" "$FX_TMP/$who.prom"
	"$@" "$ipctop" --prometheus >"$FX_TMP/$who-plain.prom" 2>"$FX_TMP/$who.err" 9>&-
	! grep -q 'pid=' "$FX_TMP/$who-plain.prom"
	ok $? "no pid labels without --metrics-pids ($who)"
	promtool_ok "promtool accepts the plain --prometheus output ($who)" "$FX_TMP/$who-plain.prom"
	fx_stop_check "fixture-$who"
}

fx_each_user run_suite

# Traffic between two processes of this test's own over loopback TCP: om-snd sends 5000 bytes
# that om-rcv never reads, om-rcv sends 700 that om-snd reads; their record says so. Expected
# lines come from that record (pids, counts), polled until the kernel has acked the bytes.
# A pair is named by each end's service or container, else its program: name_of reads which
# from the kernel (/proc/PID/cgroup: the v2 line unless "/", else name=systemd's unless "/",
# else the first other; its outermost container scope or id under an engine's directory as
# ENGINE:12 digits, else its deepest NAME.service component; else /proc/PID/comm). Where the
# test runs outside any service (a container's "/"), that is the program fallback, end to end.
cat >"$FX_TMP/tcp_pair.py" <<'PY'
import ctypes, os, socket, sys
libc = ctypes.CDLL(None)
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1)
c = socket.create_connection(l.getsockname())
s, _ = l.accept(); l.close()
child = os.fork()
if child == 0:
    libc.prctl(1, 9, 0, 0, 0)      # PR_SET_PDEATHSIG: ends with the sender
    libc.prctl(15, b"om-rcv", 0, 0, 0)
    c.close(); s.sendall(b"r" * 700)
    os.read(0, 1)                  # until the test closes the control FIFO
    os._exit(0)
s.close()
libc.prctl(15, b"om-snd", 0, 0, 0)
c.sendall(b"s" * 5000)
got = 0
while got < 700:
    got += len(c.recv(700 - got))
print("sender %d receiver %d sent 5000 read 700" % (os.getpid(), child), flush=True)
print("ready", flush=True)
sys.stdin.read()
os.kill(child, 9); os.waitpid(child, 0)
PY
if fx_start tcp_pair "$PYTHON3" "$FX_TMP/tcp_pair.py"; then
	set -- $(sed -n 's/^sender \([0-9]*\) receiver \([0-9]*\) .*/\1 \2/p' "$FX_MANIFEST")
	snd=$1 rcv=$2
	name_of() {
		"$PYTHON3" -c '
import re, sys
pid = sys.argv[1]
rank = lambda h, c, p: 9 if p == "/" else 0 if (h, c) == ("0", "") else 1 if c == "name=systemd" else 2
lines = [l.split(":", 2) for l in open("/proc/%s/cgroup" % pid).read().splitlines() if l.count(":") >= 2]
path = min(lines, key=lambda l: rank(*l))[2] if lines else ""
engines = {"docker-": "docker", "libpod-": "podman", "cri-containerd-": "containerd", "crio-": "crio"}
name, parent = None, ""
for c in path.split("/"):
    m = re.fullmatch(r"(docker-|libpod-|cri-containerd-|crio-)([0-9a-f]{64})\.scope", c)
    if m or (re.fullmatch(r"[0-9a-f]{64}", c) and re.fullmatch(r"[A-Za-z0-9_.\\@-]+", parent)):
        name = "%s:%s" % (engines[m.group(1)], m.group(2)[:12]) if m else "%s:%s" % (parent, c[:12])
        break
    if re.fullmatch(r"[A-Za-z0-9:_.\\@-]+\.service", c) and len(c) < 256:
        name = c
    parent = c or parent
print(name or open("/proc/%s/comm" % pid).read().rstrip("\n"))' "$1"
	}
	nsnd=$(name_of "$snd") nrcv=$(name_of "$rcv")
	echo "# om-snd is named $nsnd, om-rcv $nrcv ($(grep '^0::' "/proc/$snd/cgroup"))"
	fwd="kind=\"tcp\",from=\"$nsnd\",to=\"$nrcv\",from_pid=\"$snd\",to_pid=\"$rcv\"}"
	rev="kind=\"tcp\",from=\"$nrcv\",to=\"$nsnd\",from_pid=\"$rcv\",to_pid=\"$snd\"}"
	traffic_ok() {
		"$IPCTOP" --openmetrics --metrics-pids -p "$snd,$rcv" >"$FX_TMP/tcp.om" 2>&1 9>&- &&
			grep -qxF "ipctop_pair_sent_bytes{$fwd 5000" "$FX_TMP/tcp.om" &&
			grep -qxF "ipctop_pair_sent_bytes{$rev 700" "$FX_TMP/tcp.om"
	}
	n=0
	until traffic_ok || [ $n -ge 50 ]; do sleep 0.1; n=$((n + 1)); done
	traffic_ok
	ok $? "ipctop_pair_sent_bytes: 5000 bytes om-snd -> om-rcv ($nsnd -> $nrcv), 700 back (the fixture's record)"
	grep -qxF "ipctop_pair_queued_bytes{$fwd 5000" "$FX_TMP/tcp.om" &&
		grep -qxF "ipctop_pair_queued_bytes{$rev 0" "$FX_TMP/tcp.om"
	ok $? "ipctop_pair_queued_bytes: the 5000 om-rcv never read wait for it; none for om-snd"
	grep -qxF "ipctop_pair_channels{$fwd 1" "$FX_TMP/tcp.om" && grep -qxF "ipctop_pair_channels{$rev 1" "$FX_TMP/tcp.om"
	ok $? "ipctop_pair_channels: the connection, once each way"
	grep 'ipctop_pair_' "$FX_TMP/tcp.om" | sed 's/^/#   /'
	fx_stop_check tcp_pair eof
else
	ok 1 "the TCP pair starts"
fi
# A busy child of this test's own (comm om-busy, a thread spinning): ipctop's counters of it lie
# between what the kernel said just before and just after (/proc/PID/stat utime+stime over
# CLK_TCK; /proc/PID/io rchar), once it has run 20 ticks.
cat >"$FX_TMP/busy.py" <<'PY'
import ctypes, os, sys, threading
ctypes.CDLL(None).prctl(15, b"om-busy", 0, 0, 0)
def spin():
    while True:
        pass
threading.Thread(target=spin, daemon=True).start()
print("busy %d" % os.getpid(), flush=True)
print("ready", flush=True)
sys.stdin.read()
os._exit(0)
PY
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rchar() { sed -n 's/^rchar: //p' "/proc/$1/io"; }
# value FILE SERIES: the value of the sample SERIES{...} (the whole name and labels) in FILE.
value() { awk -v s="$2" 'index($0, s " ") == 1 { print $2 }' "$1"; }
if fx_start busy "$PYTHON3" "$FX_TMP/busy.py"; then
	busy=$(sed -n 's/^busy //p' "$FX_MANIFEST")
	hz=$(getconf CLK_TCK)
	n=0
	while [ "$(ticks "$busy")" -lt 20 ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
	t0=$(ticks "$busy") r0=$(rchar "$busy")
	"$IPCTOP" --openmetrics --metrics-pids -p "$busy" >"$FX_TMP/busy.om" 2>&1 9>&-
	t1=$(ticks "$busy") r1=$(rchar "$busy")
	prog=$(value "$FX_TMP/busy.om" 'ipctop_program_cpu_seconds_total{program="om-busy"}')
	proc=$(value "$FX_TMP/busy.om" "ipctop_process_cpu_seconds_total{pid=\"$busy\",program=\"om-busy\"}")
	io=$(value "$FX_TMP/busy.om" 'ipctop_program_io_bytes_total{program="om-busy",direction="read"}')
	awk -v v="${prog:-x}" -v a="$t0" -v b="$t1" -v hz="$hz" \
		'BEGIN { exit !(v ~ /^[0-9.]+$/ && a >= 20 && v + 0 >= a / hz && v + 0 <= b / hz) }'
	st=$?
	ok $st "ipctop_program_cpu_seconds_total of om-busy: $prog s, between $t0 and $t1 ticks of /proc/PID/stat at $hz a second"
	[ -n "$proc" ] && [ "$proc" = "$prog" ]
	ok $? "ipctop_process_cpu_seconds_total of its pid: the same ($proc)"
	io_st=0
	[ -n "$io" ] && [ "$io" -ge "$r0" ] && [ "$io" -le "$r1" ] && [ "$r0" -gt 0 ] || io_st=1
	ok $io_st "ipctop_program_io_bytes_total{direction=read} of om-busy: $io, between /proc/PID/io's rchar $r0 and $r1"
	[ $st -eq 0 ] && [ $io_st -eq 0 ] || grep 'om-busy' "$FX_TMP/busy.om" | sed 's/^/#   /'
	fx_stop_check busy eof
else
	ok 1 "the busy child starts"
fi
tap_done
