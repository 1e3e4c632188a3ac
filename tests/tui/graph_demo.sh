#!/bin/sh
# graph_demo.sh — in --demo at 120x40, g then a shows all of the demo: a box "NAME PID" for
# every demo process of a pair (demo-parent's children as ps shows them, the three that talk to
# no one aside), one box each, no crossing, and no process that is not the demo's; A then
# shows the whole machine.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
export LC_ALL=C.UTF-8
tmux_setup gdemo

start demo --demo -d 10
wait_re "pipe-writer" 150; ok $? "the demo is listed"
pane_pid=$(T display-message -p -t demo '#{pane_pid}')
# ipctop is the pane's process, or its child when the pane's shell did not exec it (ps: procps)
ipctop_pid=$(ps -o pid=,comm= --ppid "$pane_pid" | awk '$2 == "ipctop" { print $1 }')
: "${ipctop_pid:=$pane_pid}"

demo_parent=$(ps -o pid=,comm= --ppid "$ipctop_pid" | awk '$2 == "demo-parent" { print $1 }')
# demo_children: "COMM PID" of each demo process of a pair (demo-parent's children; cpu-bound,
# forker and exec-loop hold no channel)
demo_children() {
	ps -o comm=,pid= --ppid "${demo_parent:-0}" |
		awk '$1 != "cpu-bound" && $1 != "forker" && $1 != "exec-loop" { print $1, $2 }'
}
kids=$(demo_children)
n_kids=$(printf '%s\n' "$kids" | grep -c .)
ok "$([ "$n_kids" -ge 4 ]; echo $?)" "ps shows $n_kids demo processes"

T send-keys -t demo g
wait_for "Graph:"; ok $? "g opens the graph"
T send-keys -t demo a
wait_re "nodes, [0-9]+ edges \(listed\)"; ok $? "a: all of the demo"
missing='' twice=''
last=$(printf '%s\n' "$kids" | tail -n 1)
wait_for "$last "
while read -r comm pid; do
	c=$(printf '%s\n' "$screen" | grep -o "$comm $pid " | wc -l)
	[ "$c" -eq 0 ] && missing="$missing $comm/$pid"
	[ "$c" -gt 1 ] && twice="$twice $comm/$pid"
done <<KIDS
$kids
KIDS
ok "$([ -z "$missing" ]; echo $?)" "every demo process has a box at 120x40 (missing:${missing:- none})"
ok "$([ -z "$twice" ]; echo $?)" "one box per demo process (twice:${twice:- none})"
boxes=$(printf '%s\n' "$screen" | grep -oE "[│┤├] [^ │]+ [0-9]+ " | wc -l)
ok "$([ "$boxes" = "$n_kids" ]; echo $?)" "no box besides the demo's ($boxes boxes, $n_kids demo processes)"
printf '%s\n' "$screen" | grep -q "┼"; [ $? -ne 0 ]; ok $? "no crossing in the demo's graph"
T send-keys -t demo A
wait_re "nodes, [0-9]+ edges \(machine\)"; ok $? "A: the whole machine"
T send-keys -t demo a
# (not "(listed)" alone: the key hint "a all(listed)" shows it on the machine's screen too)
wait_re "nodes, [0-9]+ edges \(listed\)"; ok $? "a: back to the demo"
T send-keys -t demo q q
wait_gone 600 demo; ok $? "ipctop quits"

tap_done
