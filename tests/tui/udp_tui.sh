#!/bin/sh
# udp_tui.sh — a UDP client connected to a local server that is bound but not connected (the
# kernel cannot pair them itself) on every screen: the server's IPC tab decodes its socket as ss
# does and names the client as its peer, the channel table has one udp row of the server and the
# client with both addresses, the graph draws the client's edge to the server, and the list's
# filter by the server's port finds both. Expected values: the fixture's record and ss.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
command -v ss >/dev/null 2>&1 || skip_all "ss not found"
tmux_setup udp fixture

py_fixture udp <<'PY'
import socket
libc.prctl(15, sys.argv[1].encode(), 0, 0, 0)
srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
srv.bind(("127.0.0.1", 0))
port = srv.getsockname()[1]
r, w = os.pipe()
child = os.fork()
if child == 0:
    srv.close(); os.close(r)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)   # PR_SET_PDEATHSIG: ends with the server
    libc.prctl(15, sys.argv[2].encode(), 0, 0, 0)
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.connect(("127.0.0.1", port))
    c.send(b"hello")                          # waits, unread, in the server's queue
    os.write(w, str(c.getsockname()[1]).encode()); os.close(w)
    time.sleep(600)
    os._exit(0)
os.close(w)
cport = os.read(r, 16).decode(); os.close(r)
signal.signal(signal.SIGTERM, lambda *a: (os.kill(child, signal.SIGKILL), os._exit(0)))
record(os.getpid(), child, port, cport)
time.sleep(600)
PY
sname="us$$" cname="uc$$"
"$PYTHON3" "$tmp/udp.py" "$sname" "$cname" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec"; ok $? "the fixture's client sent to its server"
read -r spid cpid port cport < "$tmp/rec"

# ss: the server UNCONN on its port (its receive queue), the client ESTAB to it
rq=$(ss -uanpH "sport = :$port" | awk -v p="pid=$spid," '$1 == "UNCONN" && index($0, p) { print $2 }')
ss -uanpH "dport = :$port" | grep -q "^ESTAB .*127\.0\.0\.1:$cport .*pid=$cpid,"
r=$?; [ -n "$rq" ] && [ $r -eq 0 ]
ok $? "ss: the server $spid is unconnected on 127.0.0.1:$port (rq $rq), the client $cpid connected to it"

start main -d 10 -p "$spid,$cpid"
T resize-window -t main -x 200 -y 40
wait_for "Command" 150 || { echo "Bail out! ipctop did not start"; exit 1; }
T send-keys -t main / "$sname"; wait_for "$sname"
T send-keys -t main Enter Enter
wait_for "Parent PID" && T send-keys -t main 4
ok_re "socket .* → $cpid \($cname\) fd [0-9]+ client" \
	"IPC tab of the server: its socket's peer is the client $cpid"
ok_re "udp 127\.0\.0\.1:$port unconnected, rq $rq wq 0" \
	"...decoded as ss says: udp 127.0.0.1:$port unconnected, rq $rq wq 0"

T send-keys -t main Escape; wait_for "Command" && T send-keys -t main c
ok_re "^udp .*$spid \($sname\) fd [0-9]+ server 127\.0\.0\.1:$port ↔ $cpid \($cname\) fd [0-9]+ client 127\.0\.0\.1:$cport" \
	"channel table: one udp row, the server on :$port and the client on :$cport"

T send-keys -t main Escape; wait_for "Command" && T send-keys -t main g
wait_for "Graph:" && T send-keys -t main Tab
ok_re "udp $cname\($cpid\) → $sname\($spid\) +127\.0\.0\.1:$port unconnected" \
	"graph: the client's edge goes to the server, named by the server's socket"
T send-keys -t main q

# the list's filter by the port: both processes (the server's socket and the client's peer)
start list -d 10 -p "$spid,$cpid"
filter_list list ":$port"
printf '%s\n' "$screen" | awk -v a="$spid" -v b="$cpid" '$1 == a { x = 1 } $1 == b { y = 1 } END { exit !(x && y) }'
r=$?; ok $r "list filtered by :$port: the server and the client"
[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
T send-keys -t list q
tap_done
