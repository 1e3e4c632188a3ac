#!/bin/sh
# latency.sh — input never waits for a snapshot: with 10,000 more processes on the machine,
# ipctop's collector is held in a snapshot (collect_gate.so, preloaded, makes the open of /proc
# that begins each snapshot wait on a file of the test's), and keys pressed then
# must show their effect while it is still held — help opens and closes, the selection moves,
# the search prompt takes text. No clock is read: the order of events is the assertion.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
gate_so=$TESTS_BIN/hardening/collect_gate.so
scaler=$TESTS_BIN/hardening/scaler
[ -f "$gate_so" ] && [ -x "$scaler" ] || skip_all "collect_gate.so or scaler not built"
tmux_setup latency scaler_pid

mkfifo "$tmp/in"
"$scaler" "iplat$$" < "$tmp/in" > "$tmp/out" 2>/dev/null &
scaler_pid=$!
exec 3> "$tmp/in"
echo "grow 5000 1" >&3
n=0
while ! grep -q '^ready' "$tmp/out" 2>/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
procs=$(awk '/^ready/ { print $2 }' "$tmp/out")
[ "${procs:-0}" -ge 9000 ]; ok $? "the fixture started ${procs:-no} processes"

gate=$tmp/gate
# (the tmux server must not inherit the fixture's stdin: it would keep the fixture from its EOF)
T new-session -d -s lat -x 120 -y 40 \
	"env LD_PRELOAD='$gate_so' IPCTOP_GATE='$gate' XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' -d 10" 3>&-
session=lat
wait_for "Load average" 600; ok $? "ipctop is up"
touch "$gate"
n=0
while [ ! -e "$gate.held" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
[ -e "$gate.held" ]; ok $? "a snapshot is held in the middle"

T send-keys -t lat F1
wait_for "Keys: Everywhere" 100; ok $? "F1 opens the help while the snapshot is held"
T send-keys -t lat Escape
wait_for "Load average" 100; ok $? "Esc closes it while the snapshot is held"
T send-keys -t lat /
wait_for "Search:" 100; ok $? "/ opens the search prompt while the snapshot is held"
T send-keys -t lat "iplat$$"
wait_for "Search: iplat$$" 100; ok $? "typed text shows while the snapshot is held"
T send-keys -t lat Enter
wait_absent "Search:" 100; ok $? "Enter closes the prompt while the snapshot is held"
[ -e "$gate.held" ]; ok $? "the snapshot was held all along"
rm -f "$gate"
T send-keys -t lat q
wait_gone 300; ok $? "q quits once the snapshot has finished"
exec 3>&-            # EOF: the fixture ends its processes and exits
wait "$scaler_pid" 2>/dev/null
scaler_pid=
tap_done
