#!/bin/sh
# graph_addr.sh — a channel whose other end is an address is drawn on the graph screen as an
# address box: a process connected over loopback TCP to a listener that accepted and closed the
# connection (its end now an orphan no process holds; the process's end in CLOSE-WAIT, as ss
# shows) has a line to a round-cornered box "127.0.0.1:PORT (closed)", PORT from the fixture.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
export LC_ALL=C.UTF-8
tmux_setup gaddr fixture

py_fixture closed <<'PY'
import socket
libc.prctl(15, sys.argv[1].encode(), 0, 0, 0)
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(1)
port = ls.getsockname()[1]
c = socket.socket()
c.connect(("127.0.0.1", port))
a, _ = ls.accept()
a.close()
ls.close()
time.sleep(0.2)              # the FIN arrives: c is in CLOSE-WAIT
record(os.getpid(), port)
time.sleep(600)
PY
name="cw$$"
"$PYTHON3" "$tmp/closed.py" "$name" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec"; ok $? "the fixture connected"
read -r pid port < "$tmp/rec"
if command -v ss >/dev/null 2>&1; then
	ss -tnH state close-wait "dst 127.0.0.1:$port" | grep -q .
	ok $? "ss: the process's end is in CLOSE-WAIT towards port $port"
else
	skip "no ss"
fi

start main -p "$pid" -d 10
wait_re "$name" 150; ok $? "ipctop -p PID lists the process"
T send-keys -t main g
wait_for "Graph:"; ok $? "g opens the graph"
# either side: which end is the client is told from the ports, both ephemeral here
wait_re "($name $pid [├┤][┄→]+[├┤] 127\.0\.0\.1:$port \(closed\))|(127\.0\.0\.1:$port \(closed\) [├┤][┄→]+[├┤] $name $pid )"
ok $? "a tcp line joins the process and the address box of its closed peer"
wait_re "╭─+╮"; ok $? "the address box has rounded corners"
T send-keys -t main q
start ascii --ascii -p "$pid" -d 10
wait_re "$name" 150
T send-keys -t ascii g
wait_re "\(-+\)"; ok $? "--ascii: the address box's corners are parentheses"
T send-keys -t ascii q

tap_done
