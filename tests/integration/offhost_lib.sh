# offhost_lib.sh — sourced by integration tests after fixture_lib.sh: an off-host TCP peer for
# the fixture. A network namespace of the test's own, joined to this one by a veth pair with
# addresses on a private /30 (10.X.Y.0/30: .1 here, .2 there), and offhost_peer.py listening
# in it on port 2222. Root only; everything is removed on exit (the peer killed, the namespace
# and its veth pair deleted).

OH_NS= OH_IF= OH_PEER_PID= OH_PEER= OH_WHY=

oh_teardown() {
	if [ -n "$OH_PEER_PID" ]; then
		exec 7>&-
		kill "$OH_PEER_PID" 2>/dev/null
		wait "$OH_PEER_PID" 2>/dev/null
		OH_PEER_PID=
	fi
	[ -n "$OH_IF" ] && ip link del "$OH_IF" 2>/dev/null
	[ -n "$OH_NS" ] && ip netns del "$OH_NS" 2>/dev/null
	OH_IF= OH_NS=
}
trap 'oh_teardown; fx_cleanup' EXIT

# oh_fail WHY: record why the set-up failed, undo what was made, return 1.
oh_fail() {
	OH_WHY=$1
	oh_teardown
	return 1
}

# oh_setup: make the namespace, the link and the peer; OH_PEER is "ADDR:PORT" of the peer.
# Returns 1 with the reason in OH_WHY.
oh_setup() {
	[ "$(id -u)" -eq 0 ] || { OH_WHY="not root"; return 1; }
	command -v ip >/dev/null 2>&1 || { OH_WHY="ip (iproute2) not found"; return 1; }
	local n=$$ net
	net="10.$((100 + n % 100)).$(((n / 100) % 256))"
	OH_NS=ipcfx-oh-$n
	ip netns add "$OH_NS" 2>"$FX_TMP/oh.err" || { OH_NS=; oh_fail "ip netns add failed"; return 1; }
	OH_IF=ifx${n}h
	ip link add "$OH_IF" type veth peer name "ifx${n}p" netns "$OH_NS" 2>>"$FX_TMP/oh.err" ||
		{ OH_IF=; oh_fail "ip link add veth failed"; return 1; }
	ip addr add "$net.1/30" dev "$OH_IF" && ip link set "$OH_IF" up &&
		ip -n "$OH_NS" addr add "$net.2/30" dev "ifx${n}p" &&
		ip -n "$OH_NS" link set "ifx${n}p" up && ip -n "$OH_NS" link set lo up \
		2>>"$FX_TMP/oh.err" || { oh_fail "addresses on the veth pair"; return 1; }
	rm -f "$FX_TMP/oh.ctl"
	mkfifo "$FX_TMP/oh.ctl" || { oh_fail "mkfifo"; return 1; }
	ip netns exec "$OH_NS" "$PYTHON3" "$TESTS_SRC/integration/offhost_peer.py" "$net.2" 2222 \
		<"$FX_TMP/oh.ctl" >"$FX_TMP/oh.out" 2>>"$FX_TMP/oh.err" &
	OH_PEER_PID=$!
	exec 7>"$FX_TMP/oh.ctl"
	local tries=0
	while ! grep -q '^ready$' "$FX_TMP/oh.out" 2>/dev/null; do
		if ! kill -0 "$OH_PEER_PID" 2>/dev/null || [ $tries -ge 100 ]; then
			sed 's/^/#   /' "$FX_TMP/oh.err"
			oh_fail "the peer did not start"
			return 1
		fi
		tries=$((tries + 1))
		sleep 0.1
	done
	OH_PEER=$net.2:2222
	return 0
}
