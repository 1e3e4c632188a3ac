#!/bin/sh
# anon_tab.sh — the IPC tab says what fdinfo gives for anon_fixture's descriptors: the eventfd's
# count, the timerfd's clock and period, the signalfd's signals, the inotify watches' inodes,
# the epoll targets with their events, and the process each pidfd refers to; then, without -p,
# the same once the fixture's detail is open, with each descriptor's position and open flags.
# The expected words come from the fixture's record and the kernel, never from ipctop.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/anon_fixture" ] || skip_all "anon_fixture not built"
export LC_ALL=C.UTF-8
tmux_setup anon fixture_pid

mkdir "$tmp/w" || exit 1
start_fixture anon_fixture "$tmp/w"

# rec KIND WORD [N]: the Nth (default first) value of WORD= on the record line of KIND.
rec() {
	awk -v k="$1" -v w="$2" -v n="${3:-1}" '$1 == k {
		for (i = 2; i <= NF; i++) if (index($i, w "=") == 1 && --n == 0) { print substr($i, length(w) + 2); exit }
	}' "$tmp/manifest"
}
# under FD TEXT: the line under descriptor FD's line holds TEXT.
under() {
	printf '%s\n' "$screen" | awk -v fd="$1" 'hit { print; exit } $1 == "fd" && $2 == fd { hit = 1 }' |
		grep -qF -- "$2"
}

start anon -d 5 -p "$fixture_pid"
wait_for "Command" 300 && T send-keys -t anon Enter
wait_for "Parent PID" 300 && T send-keys -t anon 4
wait_for "count $(rec eventfd count)" 300; ok $? "IPC tab: the eventfd's count $(rec eventfd count)"
under "$(rec eventfd fd)" "count 7"; ok $? "...on the line under fd $(rec eventfd fd)"
under "$(rec timerfd fd)" "monotonic, every 5 s, next in "; ok $? "timerfd: monotonic, every 5 s"
under "$(rec timerfd fd)" ", 0 ticks unread"; ok $? "timerfd: no expiration unread"
under "$(rec signalfd fd)" "SIGUSR1 SIGTERM"; ok $? "signalfd: SIGUSR1 SIGTERM"
ep=$(rec epoll fd) e=$(rec eventfd fd) t=$(rec timerfd fd)
under "$ep" "2 targets: "; ok $? "epoll: 2 targets"
under "$ep" "fd $e (in)"; ok $? "epoll: the eventfd fd $e, for in"
under "$ep" "fd $t (out et)"; ok $? "epoll: the timerfd fd $t, for out, edge-triggered"
in=$(rec inotify fd)
for n in 1 2; do
	w=$(rec inotify watch $n)    # MAJOR:MINOR:INODE:MASK
	dev=${w%:*:*} ino=${w#*:*:}; ino=${ino%:*}
	under "$in" "$dev inode $ino"; ok $? "inotify: watch $n on $dev inode $ino"
done
under "$in" "2 watches: "; ok $? "inotify: 2 watches"
under "$(rec pidfd fd)" "pid $(rec pidfd pid) (anon_child)"; ok $? "pidfd: the live child $(rec pidfd pid)"
under "$(rec pidfd_ended fd)" "process has ended"; ok $? "pidfd of the reaped child: ended"
T send-keys -t anon F10
wait_gone; ok $? "ipctop quits"

# --- without -p: the same fdinfo, and every descriptor's position and open flags, once the
# fixture's detail is open (the collector reads fdinfo for that process only) ---
# below FD TEXT: a line between descriptor FD's line and the next descriptor's holds TEXT.
below() {
	printf '%s\n' "$screen" | awk -v fd="$1" '$1 == "fd" { hit = $2 == fd; next } hit' |
		grep -qF -- "$2"
}
start anon2 -d 5
wait_for "Command" 300 && T send-keys -t anon2 F4
wait_for "Filter: " 50 && T send-keys -t anon2 "$tmp/w" Enter
# The fixture and its forked child share the command line: open rows until it is the fixture's.
n=0
while [ $n -lt 3 ]; do
	wait_for "Command" 100 && T send-keys -t anon2 Enter
	wait_for "Parent PID" 100 && wait_re "^PID $fixture_pid " 10 && break
	T send-keys -t anon2 Escape Down
	n=$((n + 1))
done
T send-keys -t anon2 4
e=$(rec eventfd fd) s=$(rec signalfd fd) in=$(rec inotify fd)
wait_for "count $(rec eventfd count)" 300; r=$?
ok $r "no -p: the IPC tab of the fixture's detail has the eventfd's count"
[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
below "$e" "count 7"; ok $? "no -p: ...under fd $e"
below "$ep" "2 targets: "; ok $? "no -p: epoll's 2 targets"
# fdinfo's flags (the kernel's octal) for what the fixture asked: EFD_CLOEXEC, SFD_CLOEXEC,
# IN_CLOEXEC (inotify is read-only); no read moved a position.
flags() { awk '$1 == "flags:" { print $2 }' "/proc/$fixture_pid/fdinfo/$1"; }
[ "$(flags "$e")" = 02000002 ] && [ "$(flags "$in")" = 02000000 ]
ok $? "kernel: fdinfo flags of the eventfd 02000002, of inotify 02000000"
below "$e" "pos 0, flags O_RDWR|O_CLOEXEC"; ok $? "no -p: eventfd fd $e: pos 0, flags O_RDWR|O_CLOEXEC"
below "$s" "pos 0, flags O_RDWR|O_CLOEXEC"; ok $? "no -p: signalfd fd $s: pos 0, flags O_RDWR|O_CLOEXEC"
below "$in" "pos 0, flags O_RDONLY|O_CLOEXEC"; ok $? "no -p: inotify fd $in: pos 0, flags O_RDONLY|O_CLOEXEC"
T send-keys -t anon2 F10
wait_gone; ok $? "ipctop (no -p) quits"
exec 9>&-
wait "$fixture_pid"; ok $? "anon_fixture stops cleanly"
fixture_pid=
tap_done
