#!/bin/sh
# anon_tab.sh — the IPC tab says what fdinfo gives for anon_fixture's descriptors: the eventfd's
# count, the timerfd's clock and period, the signalfd's signals, the inotify watches' inodes,
# the epoll targets with their events, and the process each pidfd refers to. The expected words
# come from the fixture's record, never from ipctop.
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
wait_gone 100; ok $? "ipctop quits"
exec 9>&-
wait "$fixture_pid"; ok $? "anon_fixture stops cleanly"
fixture_pid=
tap_done
