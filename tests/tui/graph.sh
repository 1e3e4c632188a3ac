#!/bin/sh
# graph.sh — end-to-end test of the communication-graph screen in a private tmux server: two
# processes joined by a pipe, found with / and shown with g as two boxes and a line between
# them (UTF-8 and --ascii), Tab selects the edge, Enter opens the focused process, Esc leaves;
# --kind starts it with only those kinds shown.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
export LC_ALL=C.UTF-8
tmux_setup graph fixture_pid

# Fixture: a writer with a unique name holding the write end of a pipe to its reader child;
# nothing else shared with anyone (standard streams on /dev/null).
name="gw$$" rname="gr$$"
start_pipe_pair "$name" "$rname" || { echo "Bail out! fixture did not start"; exit 1; }
writer=$pair_parent reader=$pair_child

open_graph() {   # open_graph SESSION ARGS...: search the writer, press g
	start "$@"
	wait_re "Command" 150 || return 1
	T send-keys -t "$session" / "$name"
	wait_re "$name" || return 1
	T send-keys -t "$session" Enter g
	i=0
	while [ "$i" -lt 50 ]; do
		screen=$(T capture-pane -p -t "$session" 2>/dev/null)
		case $screen in
		# the graph is always compiled in: a build without it is a failure, never a skip
		*"graph view not built"*) echo "# this ipctop has no graph screen"; break ;;
		*"Graph:"*) return 0 ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
	printf '%s\n' "$screen" | sed 's/^/#   | /'
	return 1
}

# --- UTF-8 ---
open_graph main -d 10 && wait_re "Graph: $name\($writer\)"
ok $? "g opens the graph screen focused on the searched process"
wait_re "$name $writer "; ok $? "the writer's box (name and pid)"
wait_re "$rname $reader "; ok $? "the reader's box (name and pid)"
wait_re "$name $writer ├─*→┤ $rname $reader"
ok $? "a line from the writer's box to the reader's, arrow at the reader"
wait_re "[0-9]─+pipe"; ok $? "the legend names the pipe kind with its key and line"
T send-keys -t main Tab
wait_re "pipe $name\($writer\) → $rname\($reader\)"; ok $? "Tab selects the edge; the status line names both ends"
T send-keys -t main Enter
wait_re "Graph: $rname\($reader\)"; ok $? "Enter on the selected edge follows it to the peer"
T send-keys -t main Enter
wait_re "Parent PID"; ok $? "Enter on the focused node opens its detail"
T send-keys -t main Escape
wait_re "Graph:"; ok $? "Esc from the detail comes back to the graph"
T send-keys -t main 1
wait_re "pipe\(off\)"; ok $? "key 1 filters pipes out, the legend says so"
printf '%s\n' "$screen" | grep -q "$name $writer"; [ $? -ne 0 ]; ok $? "with pipes filtered the boxes are gone"
T send-keys -t main 1
wait_re "$rname $reader"; ok $? "key 1 again brings them back"
T resize-window -t main -x 30 -y 6
# drawn at the tiny size first: resized back at once, ipctop may never see it
wait_for "terminal too small" 100
T resize-window -t main -x 120 -y 40
wait_re "$rname $reader"; ok $? "drawn again after a resize through a tiny size"
T send-keys -t main Escape
wait_re "Load average"; ok $? "Esc leaves the graph for the list"
T send-keys -t main q
gone_main() { ! T has-session -t main 2>/dev/null; }
i=0
while ! gone_main && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
gone_main; ok $? "q quits from the list"

# --- --kind: the graph starts with only those kinds; the kind key turns pipes on again ---
open_graph kinds --kind unix,tcp -d 10; ok $? "graph screen with --kind unix,tcp"
wait_re "pipe\(off\)" && ! printf '%s\n' "$screen" | grep -q "$rname $reader"
ok $? "--kind unix,tcp: pipes start off, the pipe's boxes are not drawn"
T send-keys -t kinds 1
wait_re "1─+pipe " && ! printf '%s\n' "$screen" | grep -q "pipe(off)"
ok $? "key 1 turns pipes on again (the legend draws their line)"
T send-keys -t kinds q

# --- ASCII ---
open_graph ascii --ascii -d 10; ok $? "graph screen with --ascii"
wait_re "$name $writer \+-*>\+ $rname $reader"; ok $? "--ascii: the line drawn with - and > between + ports"
screen=$(T capture-pane -p -t ascii)
printf '%s\n' "$screen" | LC_ALL=C grep -q '[^ -~]'; [ $? -ne 0 ]; ok $? "--ascii: no byte outside printable ASCII on screen"
T send-keys -t ascii q

tap_done
