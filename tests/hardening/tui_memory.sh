#!/bin/sh
# tui_memory.sh — the interactive ipctop gives its memory back between refreshes: at its
# fastest rate (-d 1) in a private tmux server, its resident size (VmRSS, read from
# /proc/PID/status) after as many refreshes as fit in 50 s (about 400; see below) equals
# the one after 10, within 512 KiB plus 5% (pages, ncurses, and the churned processes alive at
# each moment): a leak of some 1.5 KiB a refresh, or 8 bytes per process per refresh, fails.
#
# The load is fixed, so that only ipctop can change the result: ipctop runs in new PID and
# network namespaces (unshare, with its own /proc mounted in its own mount namespace), where
# it sees only the test's processes: 150 scaler processes holding 450 socketpair ends and the
# churner's 32, replaced at 100 a second (so processes come and go at every refresh), never
# the machine's others, whose number changes as other tests run (a snapshot's size follows
# them, and the heap keeps some of a past peak).
#
# Refreshes are counted, not guessed from the time: the refresh_probe library, preloaded,
# counts ipctop's calls to malloc_trim() (one per refresh, right after the previous snapshot
# is freed) and stops ipctop (SIGSTOP) just after the 10th and the last, so that both sizes are
# read at the same point of the loop; the test then lets it go on (SIGCONT). (ipctop runs
# under a shell, not as the pane's own process: tmux would send a stopped pane process SIGCONT
# at once.)
#
# How many refreshes: a refresh takes the 0.1 s delay plus the snapshot, measured here with the
# load above at 0.113 s on the quiet 2-core machine (1000 in 113 s) and 0.14 to 0.19 s while
# other tests ran. The test lets ipctop run for at most 50 s after the 10th refresh (the whole
# suite must stay within CI's time): about 440 refreshes when the machine is quiet; it says how
# many it reached and skips when fewer than 100 fit. 1000 refreshes took 113 s and gave the
# same result (5672 -> 5760 KiB); the library-level test tests/unit/test_refresh_memory runs
# exactly 1000 refresh snapshots.
# Plain build only (local.mk): under AddressSanitizer the resident size is its quarantine.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
probe=$TESTS_BIN/hardening/refresh_probe.so
scaler=$TESTS_BIN/hardening/scaler
churner=$TESTS_BIN/hardening/churner
[ -r "$probe" ] && [ -x "$scaler" ] && [ -x "$churner" ] || skip_all "test helpers not built"
grep -q libasan "$IPCTOP" && skip_all "sanitizer build: its resident size is AddressSanitizer's"
if unshare -p -n -f --mount-proc true 2>/dev/null; then
	ns="unshare -p -n -f --mount-proc --kill-child"
elif unshare -r -p -n -f --mount-proc true 2>/dev/null; then
	ns="unshare -r -p -n -f --mount-proc --kill-child"   # as root of a new user namespace
else
	ci_skip_all "cannot create PID and network namespaces (unshare) for a fixed load"
fi

export LC_ALL=C.UTF-8
# pid: ipctop's host pid, once known; tmux_cleanup wakes it (stopped, it would ignore the
# hang-up from the tmux server) and ends it
tmux_setup tuimem pid

# Process 1 of the new namespaces: the fixed load, then ipctop. When it ends, so does every
# process in the namespace.
name=hm$$
cat > "$tmp/inner.sh" <<EOF
ip link set lo up 2>/dev/null   # the churner's TCP pairs; without it, pipes and socketpairs
(echo "grow 75 3"; exec sleep 600) | '$scaler' '$name' > '$tmp/scaler.out' &
'$churner' 300 16 '${name}c' 100 1 > '$tmp/churner.out' 2>&1 &
i=0
while ! grep -q ready '$tmp/scaler.out' && [ "\$i" -lt 100 ]; do sleep 0.1; i=\$((i + 1)); done
env XDG_CONFIG_HOME='$tmp/config' LD_PRELOAD='$probe' IPCTOP_PROBE_COUNT='$tmp/count' \
	IPCTOP_PROBE_STOP='$tmp/stop' '$IPCTOP' -d 1 2>'$tmp/err'
echo \$? > '$tmp/rc'
EOF

# stop_at N: the probe stops ipctop after refresh N (the file is replaced whole, never torn).
stop_at() { echo "$1" > "$tmp/stop.new" && mv "$tmp/stop.new" "$tmp/stop"; }
count() { c=; [ -s "$tmp/count" ] && read -r c < "$tmp/count"; echo "${c:-0}"; }
stopped() { [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" = T ]; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null; }
tasks_line() { T capture-pane -p -t mem | sed -n 2p; }

# ipctop_below PID: the host pid of the ipctop process below PID (it has a pid of its own in
# the namespace).
ipctop_below() {
	ps -e -o pid=,ppid=,comm= | awk -v root="$1" '
		{ parent[$1] = $2; comm[$1] = $3 }
		END { for (p in parent) if (comm[p] == "ipctop")
			for (q = parent[p]; q != "" && q > 0; q = parent[q])
				if (q == root) { print p; exit } }'
}

# wait_stopped N TENTHS: until ipctop is stopped by the probe at refresh N.
wait_stopped() {
	i=0
	while [ "$i" -lt "$2" ]; do
		[ "$(count)" -eq "$1" ] && stopped && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

start=$(date +%s)
target=1000
stop_at 10
session=mem
T new-session -d -s mem -x 120 -y 40 "$ns sh '$tmp/inner.sh'"
wait_for "Command" 300
ok $? "ipctop draws its process list (in its own PID namespace, with the fixed load)"
pane=$(T display-message -p -t mem '#{pane_pid}')
pid=$(ipctop_below "$pane")
wait_stopped 10 600
ok $? "the probe counts its refreshes and holds it after the 10th (host pid $pid)"
early=$(rss_kib)
tasks_early=$(tasks_line)

stop_at "$target"
kill -CONT "$pid"
deadline=$(($(date +%s) + 50))
while [ "$(count)" -lt "$target" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.5; done
n=$(count)
if [ "$n" -lt "$target" ]; then
	n=$((n + 2))   # a slow machine: stop at the next refresh but one
	stop_at "$n"
fi
wait_stopped "$n" 600
ok $? "and after the last one ($n)"
late=$(rss_kib)
tasks_late=$(tasks_line)
echo "# $n refreshes in $(($(date +%s) - start)) s"
echo "# after 10: $early KiB; $tasks_early"
echo "# after $n: $late KiB; $tasks_late"
sed -n 's/^ready /# scaler: processes, sockets: /p' "$tmp/scaler.out"

if [ "$n" -lt 100 ]; then
	skip "only $n refreshes fit in 50 s (a slow machine): too few to compare"
elif [ -z "$early" ] || [ -z "$late" ]; then
	ok 1 "resident size read (after 10: '$early' KiB, after $n: '$late' KiB)"
else
	allowed=$((512 + early / 20))
	[ "$late" -le $((early + allowed)) ]
	ok $? "resident size after $n refreshes $late KiB, after 10 $early KiB (at most $allowed KiB more allowed)"
fi

stop_at 0
kill -CONT "$pid"
T send-keys -t mem q
wait_gone
ok $? "q ends it"
pid=
[ "$(cat "$tmp/rc" 2>/dev/null)" = 0 ] && [ ! -s "$tmp/err" ]
ok $? "exit status 0 ($(cat "$tmp/rc" 2>/dev/null)), nothing on stderr"
sed 's/^/#   stderr: /' "$tmp/err" | head -5
tap_done
