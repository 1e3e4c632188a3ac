#!/bin/sh
# list_marks.sh — the list marks a process that just started "[new]" and one that replaced its
# program in place "[exec]" (same pid, as /proc/PID/cmdline shows the new program), each for a
# few seconds only; in words, so that --no-color shows them; under two TERMs. The process is a
# shell of this test's that waits on a FIFO, then execs python3 (the kernel's exec, not a
# rename: its comm and command line change, its pid stays). The filter keeps a process it
# matched after that process execs a program whose name and command line no longer match
# (sleep, the kernel says, without the tag), while a sleep that never matched stays out.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup marks fixture
py=$("$PYTHON3" -c 'import sys; print(sys.executable)')

for pane_term in xterm-256color linux; do
	tag=mk$$$pane_term
	tag=$(printf '%s' "$tag" | tr -c 'a-z0-9' x)
	rm -f "$tmp/go"; mkfifo "$tmp/go"
	START_W=200 start "m$pane_term" -d 5 --no-color
	filter_list "$session" "$tag"; ok $? "$pane_term: the list filtered by $tag"
	sh -c 'read x < "$1"; exec "$2" -c "import time; time.sleep(600)" "$3"' sh "$tmp/go" "$py" "$tag" &
	fixture=$!
	ok_re "^ *$fixture .*\[new\] sh -c" "$pane_term: the new process $fixture is marked [new]"
	wait_absent "[new]" 150; ok $? "$pane_term: ...and the mark goes after a few seconds"
	! T capture-pane -p -t "$session" | grep -q "\[exec\]"; ok $? "$pane_term: no [exec] before the exec"
	echo go > "$tmp/go"
	i=0
	while ! tr '\0' ' ' < "/proc/$fixture/cmdline" | grep -q "time.sleep" && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	tr '\0' ' ' < "/proc/$fixture/cmdline" | grep -q "time.sleep"
	ok $? "$pane_term: the kernel says $fixture runs the new program now (/proc/$fixture/cmdline)"
	ok_re "^ *$fixture .*\[exec\] .*time.sleep\(600\) $tag" "$pane_term: the same pid is marked [exec] with its new command line"
	wait_absent "[exec]" 150; ok $? "$pane_term: ...and the mark goes after a few seconds"
	kill "$fixture"; wait "$fixture" 2>/dev/null
	rm -f "$tmp/go2"; mkfifo "$tmp/go2"
	sh -c 'read x < "$1"; exec sleep 600' sh "$tmp/go2" "$tag" &
	other=$!
	sleep 601 &
	never=$!
	ok_re "^ *$other .*sh -c read" "$pane_term: $other shows while its command line holds $tag"
	echo go > "$tmp/go2"
	i=0
	while [ "$(tr '\0' ' ' < "/proc/$other/cmdline")" != "sleep 600 " ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(tr '\0' ' ' < "/proc/$other/cmdline")" = "sleep 600 " ] && [ "$(cat "/proc/$other/comm")" = sleep ]
	ok $? "$pane_term: the kernel says $other runs sleep 600 now, no $tag in its name or command line"
	ok_re "^ *$other .* sleep 600 *$" "$pane_term: the filter keeps $other after its exec, with its new command line"
	! printf '%s\n' "$screen" | grep -q "^ *$never "
	ok $? "$pane_term: a sleep that never matched ($never) stays out"
	kill "$other" "$never"; wait "$other" "$never" 2>/dev/null
	quit_ok "$pane_term"
done
tap_done
