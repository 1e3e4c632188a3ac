#!/bin/sh
# lifecycle.sh — nothing hangs and nothing spins: ipctop ends when its terminal goes away
# (the tmux session closed under `trap "" HUP`, the tmux server killed), on SIGINT and SIGTERM;
# Ctrl-Z and fg give the terminal back and take it again; resizes down to 40x10 and back
# leave a whole screen. A process that spins would be running (R) with its CPU time climbing:
# checked from /proc, against the ticks of the same interval.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup life

# gone PID [TENTHS]: until PID no longer exists (or is a zombie nobody reaps yet).
gone() {
	n=0
	while [ $n -lt "${2:-50}" ]; do
		st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $1 }')
		[ -z "$st" ] || [ "$st" = Z ] && return 0
		sleep 0.1; n=$((n + 1))
	done
	return 1
}
# pid_in SESSION: ipctop's pid (the pane's process; env execs it).
pid_in() { T list-panes -t "$1" -F '#{pane_pid}'; }
# ticks PID: user + system CPU time in clock ticks.
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# idle PID: over two seconds, PID used less than 60% of them in CPU time (a spin takes all of
# it). The job's ipctop refreshes every 3 s: at most one refresh falls in the two seconds, and
# one refresh of a machine loaded with other tests' thousands of processes can take half a
# second of CPU in the sanitizer build (a third of one second failed there once).
idle() {
	a=$(ticks "$1"); sleep 2; b=$(ticks "$1")
	[ $((b - a)) -lt $(($(getconf CLK_TCK) * 2 * 6 / 10)) ]
}

# --- the session closed under trap "" HUP: end of input ends it ---
T new-session -d -s hup -x 100 -y 30 \
	"sh -c 'trap \"\" HUP; exec env XDG_CONFIG_HOME=\"$tmp/config\" \"$IPCTOP\" -d 10'"
session=hup
wait_for "Load average" 150; ok $? "ipctop started with SIGHUP ignored"
p=$(pid_in hup)
ign=$(awk '/^SigIgn/ { print $2 }' "/proc/$p/status")
[ $((0x$ign & 1)) -eq 1 ]; ok $? "SIGHUP is ignored in ipctop ($p)"
T kill-session -t hup
gone "$p"; ok $? "the terminal gone, ipctop ends anyway"

# --- the tmux server killed under it ---
start srv -d 10
wait_for "Load average" 150
p=$(pid_in srv)
T kill-server
gone "$p"; ok $? "the tmux server killed, ipctop ends"

# --- SIGTERM and SIGINT end it, and give the terminal back ---
start term -d 10
wait_for "Load average" 150
kill -TERM "$(pid_in term)"
wait_gone 600 term; ok $? "SIGTERM ends it"
start int -d 10
wait_for "Load average" 150
T send-keys -t int C-c
wait_gone 600 int; ok $? "Ctrl-C (SIGINT) ends it"

# --- Ctrl-Z and fg ---
T new-session -d -s job -x 100 -y 30 "env PS1='job\$ ' bash --norc --noprofile -i"
session=job
wait_for 'job$' 100
T send-keys -t job "XDG_CONFIG_HOME='$tmp/config' '$IPCTOP' -d 30; echo ipctop-ended" Enter
wait_for "Load average" 150; ok $? "ipctop started from an interactive shell"
# The shell's own child, not any ipctop -d 30 another test may run at the same time.
p=$(pgrep -n -P "$(T list-panes -t job -F '#{pane_pid}')" -f "^$IPCTOP -d 30")
T send-keys -t job C-z
wait_for "Stopped" 100; ok $? "Ctrl-Z gives the shell its terminal back"
st=$(sed 's/^.*) //' "/proc/$p/stat" | awk '{ print $1 }')
[ "$st" = T ]; ok $? "ipctop is stopped ($st)"
T send-keys -t job "fg" Enter
wait_for "Load average" 100; ok $? "fg draws the list again"
idle "$p"; ok $? "after fg it waits for input, it does not spin"

# --- resizes down to 40x10 and back ---
T resize-window -t job -x 40 -y 10
# drawn anew at 40x10: the column header and the key bar on line 10 (tmux keeps a cut of the
# old screen until ipctop draws, with one of them at most)
drawn_40x10() { printf '%s\n' "$1" | awk '/ PID / { h = 1 } NR == 10 && /^F1Help/ { k = 1 } END { exit !(h && k) }'; }
wait_until drawn_40x10 100; ok $? "at 40x10 the list is drawn"
T resize-window -t job -x 30 -y 6
wait_for "terminal too small" 100; ok $? "at 30x6 it says the terminal is too small"
T resize-window -t job -x 120 -y 40
wait_for "Load average" 100; ok $? "back at 120x40 the whole screen is drawn"
idle "$p"; ok $? "after the resizes it does not spin"
T send-keys -t job q
wait_for "ipctop-ended" 100; ok $? "q ends it and the shell goes on"
T send-keys -t job "stty -a | tr ' ' '\n' | grep -x -e icanon -e echo | sort | tr '\n' ' '; echo" Enter
wait_for "echo icanon" 50; ok $? "the terminal is back in cooked mode with echo"
gone "$p"; ok $? "no ipctop left behind"
tap_done
