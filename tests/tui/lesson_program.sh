#!/bin/sh
# lesson_program.sh — ipctop --lesson program at 120x40 and 80x24: three processes that the
# kernel says run one executable (/proc/PID/exe) are listed, the EXE column names it (120x40),
# and after n the first one has exec'd in place (same pid, the kernel's new command line) and
# its row says so while the others still run `program`. The end: at 120x40 SIGTERM to ipctop,
# at 80x24 kill -9 of ipctop (the helpers' parent-death signal), each with the three processes
# stopped (SIGSTOP); every recorded process is gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-program
trap 'lesson_cleanup; tmux_cleanup' EXIT

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	set -- $size
	lesson_start program "$1" "$2"
	ok $? "$1x$2: the lesson starts"
	screen_has_text "One program was started three times: three processes"
	ok $? "$1x$2: the banner is shown whole"
	lesson_record
	p1=$(rec_pid program 1) p2=$(rec_pid program 2) p3=$(rec_pid program 3)
	exe=$(readlink "/proc/$p1/exe")
	[ -n "$p3" ] && [ "$(readlink "/proc/$p2/exe")" = "$exe" ] && [ "$(readlink "/proc/$p3/exe")" = "$exe" ]
	ok $? "$1x$2: the kernel says the three recorded processes run one executable"
	wait_re "^ *$p1 .*program" && wait_re "^ *$p2 .*program" && wait_re "^ *$p3 .*program"
	ok $? "$1x$2: the list shows the three processes"
	step 2
	if [ "$1" = 120 ]; then
		# the column is 32 cells wide: the path's start, the same on the three rows
		head=$(printf '%s' "$exe" | cut -c1-24)
		wait_re "^ *$p1 .* $head" && wait_re "^ *$p2 .* $head" && wait_re "^ *$p3 .* $head"
		ok $? "120x40: the EXE column shows the same executable on the three rows ($head...)"
	fi
	step 3
	i=0
	while ! grep -q "^$p1 after-exec" "$rec" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(tr '\0' ' ' < "/proc/$p1/cmdline")" = "ipctop-lesson after-exec " ]
	ok $? "$1x$2: process $p1 exec'd in place (same pid, new command line in /proc)"
	wait_re "^ *$p1 .*\[exec\] .*after-exec" && wait_re "^ *$p2 .*program"
	ok $? "$1x$2: its row shows the new program, marked [exec], the others the old one"
	! T capture-pane -p -t "$session" | grep -E "^ *$p2 " | grep -q "\[exec\]"
	ok $? "$1x$2: ...and only its row is marked"
	kill -STOP "$p1" "$p2" "$p3"
	if [ "$1" = 120 ]; then
		kill -TERM "$ipctop_pid"
		wait_gone
		ok $? "120x40: SIGTERM ends ipctop"
	else
		kill -KILL "$ipctop_pid"
		ok $? "80x24: ipctop killed with SIGKILL"
	fi
	lesson_gone
	ok $? "$1x$2: every recorded process is gone, stopped ones too"
	lesson_procs=''
done
tap_done
