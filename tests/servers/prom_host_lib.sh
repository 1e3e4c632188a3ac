# prom_host_lib.sh — sourced by prometheus.sh after fixture_lib.sh: a second "host" for one
# Prometheus to scrape beside this one. Network + PID + mount + IPC namespaces made here
# (unshare; their own /proc, and a /dev/shm of their own, so that the fixtures' names, made of
# the host's small pids, meet no other test's and their System V and POSIX objects go with the
# host), joined to this namespace by a veth pair on a private /30 of the test's own
# (10.X.Y.1 on this end, 10.X.Y.2 in the host; the range is not offhost_lib.sh's). Inside:
# ipc_fixture and traffic_fixture, and, once both are ready, `ipctop --serve 10.X.Y.2:9100
# --metrics-pids -d 600`. Their records are $FX_TMP/b-fx.manifest and b-tf.manifest, with the
# host's own pids, as its ipctop sees them. ph_stop (or the init's SIGKILL, or the death of
# unshare: --kill-child) ends everything in it; the namespaces and the veth pair go with it.
# Root only. Also poll_for.

PH_UNSHARE= PH_IF= PH_NET= PH_ADDR= PH_WHY=
PH_PORT=9100

# poll_for SECONDS COMMAND...: run COMMAND every 0.2 s until it succeeds or SECONDS of the
# clock have passed (a bound for a loaded machine, not a timing assertion).
poll_for() {
	local end=$(($(date +%s) + $1))
	shift
	while ! "$@"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.2
	done
}

# The host's init (sh): $1 the test's directory, $2 ADDR:PORT to serve, $3 ipctop, $4 and $5
# the fixtures. Each fixture's stdin is its FIFO opened read-write, so it never sees EOF: it
# ends on the SIGTERM sent when T/b-stop appears. The exit statuses go to T/b-exit.
PH_INIT='
T=$1
mount -t tmpfs -o mode=1777,size=16m ipctop-test /dev/shm || exit 1
while [ ! -e "$T/b-go" ]; do sleep 0.05; done
"$4" --timeout 300 <>"$T/b-fx.ctl" >"$T/b-fx.manifest" 2>"$T/b-fx.err" & f1=$!
"$5" --timeout 300 <>"$T/b-tf.ctl" >"$T/b-tf.manifest" 2>"$T/b-tf.err" & f2=$!
i=0
until grep -qx ready "$T/b-fx.manifest" && grep -qx ready "$T/b-tf.manifest"; do
	i=$((i + 1))
	[ $i -lt 600 ] || break
	sleep 0.1
done
"$3" --serve "$2" --metrics-pids -d 600 2>"$T/b-serve.err" & s=$!
while [ ! -e "$T/b-stop" ]; do sleep 0.1; done
kill -TERM $f1 $f2 $s
wait $f1; e1=$?
wait $f2; e2=$?
wait $s; e3=$?
echo "$e1 $e2 $e3" >"$T/b-exit"
'

# ph_init: the pid (here) of the host's init, the child of unshare.
ph_init() {
	awk '{ print $1 }' "/proc/$PH_UNSHARE/task/$PH_UNSHARE/children" 2>/dev/null
}
ph_has_init() { [ -n "$(ph_init)" ]; }
ph_serving() { grep -q '^ipctop: serving http://' "$FX_TMP/b-serve.err" 2>/dev/null; }
ph_gone() { ! kill -0 "$PH_UNSHARE" 2>/dev/null; }

# ph_fail WHY: record why the set-up failed, undo what was made, return 1.
ph_fail() {
	PH_WHY=$1
	sed 's/^/#   /' "$FX_TMP"/b-*.err 2>/dev/null
	ph_stop
	return 1
}

# ph_start: make the host; PH_ADDR:PH_PORT is its exporter. Returns 1 with the reason in PH_WHY.
ph_start() {
	[ "$(id -u)" -eq 0 ] || { PH_WHY="not root"; return 1; }
	local c n=$$
	for c in unshare nsenter ip; do
		command -v $c >/dev/null 2>&1 || { PH_WHY="$c not found"; return 1; }
	done
	[ -x "$TESTS_BIN/fixture/traffic_fixture" ] || { PH_WHY="traffic_fixture not built"; return 1; }
	PH_NET=10.$((200 + n % 50)).$(((n / 50) % 256))
	PH_ADDR=$PH_NET.2
	mkfifo "$FX_TMP/b-fx.ctl" "$FX_TMP/b-tf.ctl" || { PH_WHY="mkfifo"; return 1; }
	unshare --net --pid --mount --ipc --fork --mount-proc --kill-child sh -c "$PH_INIT" ph-host "$FX_TMP" \
		"$PH_ADDR:$PH_PORT" "$IPCTOP" "$TESTS_BIN/fixture/ipc_fixture" "$TESTS_BIN/fixture/traffic_fixture" \
		2>"$FX_TMP/b-unshare.err" 7>&- 8>&- 9>&- &
	PH_UNSHARE=$!
	poll_for 10 ph_has_init || { ph_fail "unshare did not start the host"; return 1; }
	PH_IF=iph$n
	ip link add "$PH_IF" type veth peer name "ipb$n" netns "$PH_UNSHARE" 2>"$FX_TMP/b-ip.err" ||
		{ PH_IF=; ph_fail "ip link add veth failed"; return 1; }
	ip addr add "$PH_NET.1/30" dev "$PH_IF" 2>>"$FX_TMP/b-ip.err" && ip link set "$PH_IF" up &&
		nsenter -t "$PH_UNSHARE" -n sh -c "ip link set lo up && ip addr add $PH_ADDR/30 dev ipb$n &&
			ip link set ipb$n up" 2>>"$FX_TMP/b-ip.err" || { ph_fail "addresses on the veth pair"; return 1; }
	touch "$FX_TMP/b-go"
	poll_for 60 ph_serving || { ph_fail "the host's fixtures or exporter did not start"; return 1; }
	return 0
}

# ph_stop: end the host (its fixtures and exporter by SIGTERM, anything left by its init's
# SIGKILL) and delete this end of the veth pair if the namespace's end did not take it along.
ph_stop() {
	if [ -n "$PH_UNSHARE" ]; then
		touch "$FX_TMP/b-stop"
		if ! poll_for 20 ph_gone; then
			local c
			c=$(ph_init)
			[ -n "$c" ] && kill -KILL "$c" 2>/dev/null
		fi
		wait "$PH_UNSHARE" 2>/dev/null
		PH_UNSHARE=
	fi
	[ -n "$PH_IF" ] && ip link del "$PH_IF" 2>/dev/null
	PH_IF=
	return 0
}
