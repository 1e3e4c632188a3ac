#!/bin/sh
# openmetrics.sh — `ipctop --openmetrics`: promtool (Prometheus's own linter) accepts the output
# of the real machine and of the hand-built snapshot with hostile names, and with
# --metrics-pids the channel counts of ipc_fixture's children are what the fixture recorded;
# the TCP bytes and queued bytes between two processes of a loopback pair are what they sent;
# as this user and (when root) as nobody. No promtool: a skip, a failure under CI=true.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
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

"$TESTS_BIN/unit/test_export_openmetrics" --dump --pids >"$FX_TMP/hand.om"
promtool_ok "promtool accepts the hand-built snapshot's metrics (hostile names, --metrics-pids)" \
	"$FX_TMP/hand.om"

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
	promtool_ok "promtool accepts the --metrics-pids output ($who)" "$FX_TMP/$who.om"
	fx_py check_openmetrics.py "$FX_MANIFEST" "$FX_TMP/$who.om"
	"$@" "$ipctop" --openmetrics >"$FX_TMP/$who-plain.om" 2>"$FX_TMP/$who.err" 9>&-
	! grep -q 'pid=' "$FX_TMP/$who-plain.om"
	ok $? "no pid labels without --metrics-pids ($who)"
	promtool_ok "promtool accepts the plain output ($who)" "$FX_TMP/$who-plain.om"
	fx_stop_check "fixture-$who"
}

fx_each_user run_suite

# Traffic between two processes of this test's own over loopback TCP: om-snd sends 5000 bytes
# that om-rcv never reads, om-rcv sends 700 that om-snd reads; their record says so. Expected
# lines come from that record (pids, counts), polled until the kernel has acked the bytes.
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
	fwd="kind=\"tcp\",from=\"om-snd\",to=\"om-rcv\",from_pid=\"$snd\",to_pid=\"$rcv\"}"
	rev="kind=\"tcp\",from=\"om-rcv\",to=\"om-snd\",from_pid=\"$rcv\",to_pid=\"$snd\"}"
	traffic_ok() {
		"$IPCTOP" --openmetrics --metrics-pids -p "$snd,$rcv" >"$FX_TMP/tcp.om" 2>&1 9>&- &&
			grep -qxF "ipctop_pair_sent_bytes{$fwd 5000" "$FX_TMP/tcp.om" &&
			grep -qxF "ipctop_pair_sent_bytes{$rev 700" "$FX_TMP/tcp.om"
	}
	n=0
	until traffic_ok || [ $n -ge 50 ]; do sleep 0.1; n=$((n + 1)); done
	traffic_ok
	ok $? "ipctop_pair_sent_bytes: 5000 bytes om-snd -> om-rcv, 700 back (the fixture's record)"
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
tap_done
