#!/bin/sh
# graph_inside_rate.sh — the traffic inside a group on the graph screen: a parent and the child
# it forked (one program) joined by a TCP connection over loopback, the child sending while it
# is not told to stop. With groups on the two are one box whose label counts the connection
# inside with its rate, as a moving edge's label gives it ("NAME ×2 (1 inside 6.0M/s)"); once
# the child stops sending (SIGUSR1) the count stays and the rate goes. --dot --groups
# --interval labels the group's node with the rate too. The pids and the port
# from the fixture's record, the child's parent from /proc/PID/stat, the bytes moving from ss.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
export LC_ALL=C.UTF-8
tmux_setup grate talk

# talk.py NAME OUT: a process named NAME listens on a free loopback port and forks a child
# (named NAME too) that connects and sends 64 KiB every 10 ms until SIGUSR1; the parent reads.
# Records the parent, the child and the port once the connection is accepted.
py_fixture talk <<'PY'
import socket
libc.prctl(15, sys.argv[1].encode(), 0, 0, 0)
lst = socket.socket()
lst.bind(("127.0.0.1", 0))
lst.listen(1)
port = lst.getsockname()[1]
pid = os.fork()
if pid == 0:
    libc.prctl(1, signal.SIGTERM, 0, 0, 0)     # PR_SET_PDEATHSIG: ends with its parent
    lst.close()
    stop = []
    signal.signal(signal.SIGUSR1, lambda *a: stop.append(1))
    c = socket.create_connection(("127.0.0.1", port))
    chunk = b"x" * 65536
    while True:
        if stop:
            signal.pause()
        else:
            c.sendall(chunk)
            time.sleep(0.01)
conn, _ = lst.accept()
record(os.getpid(), pid, port)
while conn.recv(1 << 20):
    pass
time.sleep(600)
PY

name="tr$$"
"$PYTHON3" "$tmp/talk.py" "$name" "$tmp/talk" </dev/null >/dev/null 2>&1 &
talk=$!
wait_file "$tmp/talk"
read -r parent child port < "$tmp/talk"
ppid=$(awk '{ sub(/.*\) /, ""); print $2 }' "/proc/$child/stat" 2>/dev/null)
[ "$ppid" = "$parent" ]; ok $? "the sender $child is the child of $parent (/proc/PID/stat)"
# ss: the accepted end has received bytes (the connection really carries traffic)
received() {
	got=$(ss -tinH state established "( sport = :$port )" 2>/dev/null | grep -o 'bytes_received:[0-9]*' | head -n 1)
	[ "${got#bytes_received:}" -gt 0 ] 2>/dev/null
}
tries=0
until received || [ $tries -ge 50 ]; do sleep 0.1; tries=$((tries + 1)); done
received; ok $? "ss: the parent's end received bytes ($got)"

# --dot --groups with --interval: the group node's label says the same
"$IPCTOP" --dot --groups -p "$parent" --interval 500 >"$tmp/g.dot" 2>"$tmp/g.err"
grep -Eq "label=\"$name ×2\\\\nparent pid $parent\\\\n\(1 inside, [0-9.]+ (B|[KMGTPE]iB)/s\)\"" "$tmp/g.dot"
r=$?; ok $r "--dot --groups --interval: the group's node counts the connection inside with its rate"
[ $r -eq 0 ] || grep "$name" "$tmp/g.dot" "$tmp/g.err" | sed 's/^/# /'

start main -p "$parent" -d 5
wait_re "$name" 150; ok $? "ipctop -p PARENT lists the parent"
T send-keys -t main g
wait_for "Graph:"; ok $? "g opens the graph"
ok_re "$name ×2 \(1 inside [0-9.]+[KMGTP]?/s\)" \
	"groups on: one box for the two, the connection counted inside with its rate"
kill -USR1 "$child"
ok_re "$name ×2 \(1 inside\)" "the child stopped sending: the count stays, the rate goes"
T send-keys -t main q
tap_done
