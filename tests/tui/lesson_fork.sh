#!/bin/sh
# lesson_fork.sh — ipctop --lesson fork at 120x40 and 80x24: n makes fork-parent fork; the
# child it recorded is, for the kernel, its child (/proc/CHILD/stat), and the tree draws it, marked [new],
# under its parent; a second n, a second child; the child's PCB tab names its parent. The end:
# SIGHUP to ipctop with the parent and its children stopped; every recorded process is gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-fork
trap 'lesson_cleanup; tmux_cleanup' EXIT

ppid_of() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $2 }'; }

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	set -- $size
	lesson_start fork "$1" "$2"
	ok $? "$1x$2: the lesson starts"
	screen_has_text "A process makes a new process with fork(). Press n and fork-parent forks a child."
	ok $? "$1x$2: the banner is shown whole"
	lesson_record
	parent=$(rec_pid fork-parent)
	wait_re "^ *$parent .*fork-parent"
	ok $? "$1x$2: the list shows fork-parent ($parent)"
	step 2
	rec_wait fork-child
	c1=$(rec_pid fork-child 1)
	[ -n "$c1" ] && [ "$(ppid_of "$c1")" = "$parent" ]
	ok $? "$1x$2: n forked a child ($c1) whose parent in the kernel is $parent"
	name=" fork-parent"
	[ "$1" = 80 ] && name=   # cut off at 80 columns, after the tree's lines and the mark
	wait_re "^ *$c1 .*(└─|\`-)\[new\]$name"
	ok $? "$1x$2: the tree draws the child under its parent, marked [new]"
	step 3
	rec_wait fork-child 2
	c2=$(rec_pid fork-child 2)
	[ -n "$c2" ] && [ "$c2" != "$c1" ] && [ "$(ppid_of "$c2")" = "$parent" ]
	ok $? "$1x$2: a second child ($c2) of the same parent"
	wait_re "^ *$c2 .*fork-parent"
	ok $? "$1x$2: the list shows it too"
	step 4
	wait_re "Parent PID +$parent "
	ok $? "$1x$2: the child's PCB tab names its parent"
	kill -STOP "$parent" "$c1" "$c2"
	kill -HUP "$ipctop_pid"
	wait_gone
	ok $? "$1x$2: SIGHUP ends ipctop"
	lesson_gone
	ok $? "$1x$2: every recorded process is gone, stopped ones too"
	lesson_procs=''
done
tap_done
