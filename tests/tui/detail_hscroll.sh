#!/bin/sh
# detail_hscroll.sh — the detail's tabs at 80x24 scroll sideways: the IPC line of --demo's
# pipe-writer (its pipe and its peer, as the kernel shows them: /proc/PID/fd/3 and the reader's
# fd) is cut at the window's edge; > shows the rest ("queued"), < brings the labels back, Right
# on a line without a peer scrolls too, Left back; and Right on the pipe's line still opens the
# peer, pipe-reader. The title's command line scrolls with the lines: unix-client's (its
# /proc/PID/cmdline, longer than 80 columns with its title) is cut, > shows its end, < its
# start. Under two TERMs.
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
# first_line: the pane's top line (the detail's title).
first_line() { T capture-pane -p -t "$s" | head -n 1; }
# title_scrolls SESSION DEMO_PARENT: unix-client's detail, its title cut at 80 columns, > until
# the end of its command line shows, < back to its start.
title_scrolls() {
	T send-keys -t "$1" Escape
	wait_for "F2Setup"
	uc=$(child_named "$2" unix-client)
	cmd=$(tr '\0' ' ' < "/proc/$uc/cmdline")
	cmd=${cmd% }
	title="PID $uc unix-client  $cmd"
	T send-keys -t "$1" / && T send-keys -t "$1" -l "lesson unix-client" && T send-keys -t "$1" Enter Enter
	wait_for "PID $uc unix-client"; ok $? "$pane_term: unix-client's detail ($uc: $cmd)"
	cols=80   # a short pid makes the title fit: then narrower, so that it is cut all the same
	[ "${#title}" -gt 80 ] || { cols=64; T resize-window -t "$1" -x $cols; }
	wait_until cut_title; ok $? "$pane_term: its title is cut at $cols columns (${#title} wide)"
	n=0
	until end_shown || [ $n -ge 20 ]; do
		T send-keys -t "$1" '>'; keys_done; n=$((n + 1))
	done
	end_shown
	ok $? "$pane_term: > scrolls the command line to its end, PID and name stay: $(first_line)"
	k=0
	while [ $k -le "$n" ]; do T send-keys -t "$1" '<'; k=$((k + 1)); done
	keys_done
	first_line | grep -qF -- "PID $uc unix-client  ipctop-lesson unix-client"
	ok $? "$pane_term: < brings its start back"
	[ $cols = 80 ] || T resize-window -t "$1" -x 80
}
# end_shown: the title is "PID N unix-client", then the end of its command line (a part
# scrolled off), to its last character.
end_shown() {
	shown=$(first_line | sed 's/ *$//')
	rest=${shown#"PID $uc unix-client  "}
	[ "$rest" != "$shown" ] && [ -n "$rest" ] && [ "$rest" != "$cmd" ] || return 1
	case $cmd in *"$rest") return 0 ;; esac
	return 1
}
# cut_title SCREEN: its first line is $title cut short (the start shown, not the whole).
cut_title() {
	l=$(printf '%s\n' "$1" | head -n 1)
	case $l in *"$cmd"*) return 1 ;; "PID $uc unix-client  ipctop-lesson"*) return 0 ;; esac
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
	title_scrolls "$s" "$dp"
	quit_ok "$pane_term"
done
tap_done
