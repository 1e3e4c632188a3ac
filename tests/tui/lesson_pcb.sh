#!/bin/sh
# lesson_pcb.sh — ipctop --lesson pcb at 120x40 and 80x24: the child's PCB tab shows, step by
# step, the state the kernel gives in /proc/CHILD/stat: S (asleep), R (running), T (stopped),
# R again, then Z after it exited with the status the kernel keeps (exit_code 3 << 8), which
# the tab shows as its exit status; p then goes back to step 4 and says that the exit stays
# (the child is still a zombie). The end:
# q with the parent stopped and the child a zombie; every recorded process is gone. The
# screen may take a while to follow the kernel on a loaded machine (a sanitizer build reading
# thousands of processes): each state is waited for up to 30 s.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-pcb
trap 'lesson_cleanup; tmux_cleanup' EXIT

state_of() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1; }
# kernel_state PID X: until the kernel gives PID state X (10 s)
kernel_state() {
	i=0
	while [ "$(state_of "$1")" != "$2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(state_of "$1")" = "$2" ]
}

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	set -- $size
	lesson_start pcb "$1" "$2"
	ok $? "$1x$2: the lesson starts"
	screen_has_text "fork-child sleeps now (state S), waiting for a signal."
	ok $? "$1x$2: the banner is shown whole"
	rec_wait fork-child
	child=$(rec_pid fork-child) parent=$(rec_pid fork-parent)
	n=1
	for st in S R T R Z; do
		[ $n -eq 1 ] || step $n
		kernel_state "$child" $st && wait_for "PID $child " 300 && wait_re "State +$st " 300
		ok $? "$1x$2: step $n: the child's PCB tab shows state $st, as the kernel does"
		n=$((n + 1))
	done
	code=$(sed 's/.*) //' "/proc/$child/stat" | awk '{ print $50 }')
	[ "$code" = 768 ]
	ok $? "$1x$2: the kernel keeps the zombie's exit status 3 ($code)"
	wait_re "Exit status +$((code >> 8)) +\(exited" && wait_re "Wait channel +- \(a zombie"
	ok $? "$1x$2: the zombie's PCB tab shows the kernel's exit code $((code >> 8)), and why it waits no more" ||
		printf '%s\n' "$screen" | sed "s/^/# /"
	# p shows the step before again; the exit is not undone, and the status line says so.
	T send-keys -t "$session" p
	wait_for "Lesson pcb 4/5" && wait_for "back to step 4: later forks, signals and exits stay done" &&
		[ "$(state_of "$child")" = Z ] && wait_re "State +Z " 300
	ok $? "$1x$2: p: step 4 again, the child still a zombie (kernel and tab), and the status line says why" ||
		printf '%s\n' "$screen" | sed "s/^/# /"
	kill -STOP "$parent"
	T send-keys -t "$session" q
	wait_gone
	ok $? "$1x$2: q ends ipctop"
	lesson_gone
	ok $? "$1x$2: every recorded process is gone (the stopped parent, the zombie)"
	lesson_procs=''
done
tap_done
