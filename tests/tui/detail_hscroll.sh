#!/bin/sh
# detail_hscroll.sh — the detail's tabs at 80x24 scroll sideways: the IPC line of --demo's
# pipe-writer (its pipe and its peer, as the kernel shows them: /proc/PID/fd/3 and the reader's
# fd) is cut at the window's edge; > shows the rest ("queued"), < brings the labels back, Right
# on a line without a peer scrolls too, Left back; and Right on the pipe's line still opens the
# peer, pipe-reader. Under two TERMs.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup dhs
# child_named PARENT COMM: PARENT's child of that name (the kernel's parent and comm).
child_named() {
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		[ "$(cat "/proc/$c/comm" 2>/dev/null)" = "$2" ] && { echo "$c"; return 0; }
	done
	return 1
}
for pane_term in xterm-256color linux; do
	s=h$pane_term
	START_W=80 START_H=24 start "$s" --demo
	wait_for pipe-writer 150; ok $? "$pane_term: --demo at 80x24"
	ip=$(T list-panes -t "$s" -F '#{pane_pid}')
	dp=$(child_named "$ip" demo-parent)
	pw=$(child_named "$dp" pipe-writer) pr=$(child_named "$dp" pipe-reader)
	pipe=$(readlink "/proc/$pw/fd/3")
	[ -n "$pw" ] && [ -n "$pr" ] && [ "$(readlink "/proc/$pr/fd/3")" = "$pipe" ]
	ok $? "$pane_term: the kernel: pipe-writer $pw and pipe-reader $pr share $pipe"
	T send-keys -t "$s" / && T send-keys -t "$s" -l "lesson pipe-writer" && T send-keys -t "$s" Enter Enter
	wait_for "PID $pw pipe-writer" && T send-keys -t "$s" 4
	line="$pipe  → $pr (pipe-reader)"
	wait_for "$line"; ok $? "$pane_term: the IPC tab's line of fd 3: $line"
	row=$(T capture-pane -p -t "$s" | grep -F -- "$line")
	case $row in *queued*) false ;; *) true ;; esac; ok $? "$pane_term: ...cut before its queue at 80 columns"
	# > until the queue shows: the line grows when the pipe's fill is first read (a refresh
	# after the detail opened), and > scrolls only as far as the lines shown reach
	n=0
	until T capture-pane -p -t "$s" | grep -Eq "$pr \(pipe-reader\) fd [0-9]+ .*queued [0-9]" || [ $n -ge 30 ]; do
		T send-keys -t "$s" '>'; keys_done; sleep 0.2; n=$((n + 1))
	done
	wait_re "$pr \(pipe-reader\) fd [0-9]+ .*queued [0-9]"; ok $? "$pane_term: > scrolls the lines: the queue shows"
	! T capture-pane -p -t "$s" | grep -q "^ Summary"; ok $? "$pane_term: ...and the labels have scrolled off"
	k=0
	while [ $k -le "$n" ]; do T send-keys -t "$s" '<'; k=$((k + 1)); done   # as many as > and one
	wait_re "^ Summary +[0-9]+ descriptors"; ok $? "$pane_term: < brings the labels back"
	T send-keys -t "$s" Home Right
	keys_done
	wait_absent " Summary "; ok $? "$pane_term: Right on a line without a peer (Summary) scrolls"
	T send-keys -t "$s" Left
	wait_re "^ Summary "; ok $? "$pane_term: Left scrolls back"
	# the pipe's line: Down until it is selected, then Right opens the peer
	T send-keys -t "$s" End
	n=0
	while ! T capture-pane -p -t "$s" | grep -q "PID $pr pipe-reader" && [ $n -lt 8 ]; do
		T send-keys -t "$s" Up Right; keys_done; n=$((n + 1))
		T capture-pane -p -t "$s" | grep -q "PID $pr pipe-reader" && break
		T send-keys -t "$s" '<' '<' '<' '<'
	done
	wait_for "PID $pr pipe-reader"; ok $? "$pane_term: Right on the pipe's line opens its peer, pipe-reader $pr"
	quit_ok "$pane_term"
done
tap_done
