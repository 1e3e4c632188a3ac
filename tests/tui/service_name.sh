#!/bin/sh
# service_name.sh — ports by number at first, named as /etc/services does on request (N, saved
# as service_names=1; --services): a listener on the first free named TCP port (1024-32767,
# outside the ephemeral range) shows at first as "tcp listen 127.0.0.1:PORT, pending ..." with
# no "(NAME)" anywhere on the IPC tab; after N as "tcp listen 127.0.0.1:PORT (NAME)", NAME from
# getent (the C library), never from ipctop, and the connection it accepted from its own client
# says "accepted on 127.0.0.1:PORT (NAME)" (the client's socket does not), also in --json as
# "listener" (by number: the JSON never names ports). A child of the fixture holds the
# listener too, so the graph draws one service box, ":PORT, 2 processes from PID" at first and
# ":PORT (NAME), ..." after N. The channel table names the port while
# names are shown, and N there takes the name away again. N is saved on quit; --services
# names ports though the settings file says service_names=0. The descriptor numbers come from
# the fixture's record.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
[ -r /etc/services ] || skip_all "no /etc/services"
command -v getent >/dev/null || skip_all "getent not found"
export LC_ALL=C.UTF-8
tmux_setup svc fixture child

py_fixture listen <<'PY'
sys.dont_write_bytecode = True   # nothing written into the source tree
sys.path.insert(0, sys.argv[1])
from named_listener import listen_named, fork_holder
import socket
s, port = listen_named()
child = fork_holder()   # a second holder of the listener: the graph's service box "python3 :PORT"
c = socket.create_connection(("127.0.0.1", port))
a, _ = s.accept()
record(os.getpid(), port, s.fileno(), c.fileno(), a.fileno(), child)
time.sleep(600)
PY
"$PYTHON3" "$tmp/listen.py" "$TESTS_SRC/tui" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec" 300; ok $? "a listener on a free named port"
read -r pid port lfd cfd afd child < "$tmp/rec"
name=$(getent services "$port/tcp" | awk '{ print $1 }')
[ -n "$name" ]; ok $? "getent names port $port/tcp: $name"

# fd_line FD: the line under descriptor FD's line on the captured screen (its socket)
fd_line() { printf '%s\n' "$screen" | awk -v fd="$1" 'hit { print; exit } $1 == "fd" && $2 == fd { hit = 1 }'; }
show() { printf '%s\n' "$screen" | sed 's/^/#   /'; }

start svc -d 5 -p "$pid,$child"
T resize-window -t svc -x 200 -y 40   # the socket lines are longer than 120 columns
wait_for "$child" 300 && wait_for "Command" 300 && T send-keys -t svc Enter
wait_for "Parent PID" 300 && T send-keys -t svc 4
wait_for "tcp listen 127.0.0.1:$port, pending 0 of backlog" 300
ok $? "default: IPC tab: tcp listen 127.0.0.1:$port by number" || show
case $screen in *"($name)"*) r=1; show ;; *) r=0 ;; esac
ok $r "default: no service name ($name) anywhere on the IPC tab"
case $(fd_line "$afd") in
*"tcp 127.0.0.1:$port → 127.0.0.1:"*", accepted on 127.0.0.1:$port") r=0 ;;
*) r=1; fd_line "$afd" | sed 's/^/#   /' ;;
esac
ok $r "default: fd $afd accepted on 127.0.0.1:$port, by number"

# the graph, groups on: the fixture and its child hold the listener: one service box
T send-keys -t svc g
wait_for ":$port, 2 processes from $pid" 300
ok $? "default: graph: the service box :$port, 2 processes from $pid, by number" || show
T send-keys -t svc N
wait_for ":$port ($name), 2 processes from $pid" 300
ok $? "N: graph: the service box :$port ($name)" || show
T send-keys -t svc Escape
wait_for "tcp listen 127.0.0.1:$port ($name), pending 0 of backlog" 300
ok $? "N: IPC tab: tcp listen 127.0.0.1:$port ($name)" || show
# under ACCEPTED fd's line: the socket line says where it was accepted
line=$(fd_line "$afd")
case $line in
*"tcp 127.0.0.1:$port ($name) → 127.0.0.1:"*" established, rq 0 wq 0 (buffers rcv "*" snd "*"), accepted on 127.0.0.1:$port ($name)") r=0 ;;
*) r=1; printf '#   %s\n' "$line" ;;
esac
ok $r "N: IPC tab: fd $afd accepted on 127.0.0.1:$port ($name)"
fd_line "$cfd" | grep -q "accepted on"
[ $? -ne 0 ]; ok $? "IPC tab: the client fd $cfd is not called accepted"

# the channel table of this process (c from the detail): the port named, then N: by number
T send-keys -t svc c
wait_for "fd $lfd listen 127.0.0.1:$port ($name)" 300
ok $? "N: channel table: the listener's end fd $lfd listen 127.0.0.1:$port ($name)" || show
T send-keys -t svc N
wait_absent "($name)" 300 && wait_for "fd $lfd listen 127.0.0.1:$port" 100
ok $? "N again in the channel table: 127.0.0.1:$port by number, no ($name)" || show
T send-keys -t svc N
wait_for "fd $lfd listen 127.0.0.1:$port ($name)" 300
ok $? "N a third time: named again"
T send-keys -t svc F10
wait_gone; ok $? "ipctop quits"
rc=$tmp/config/ipctop/ipctoprc
grep -qx 'service_names=1' "$rc"; ok $? "the settings file keeps service_names=1"

# --services over a settings file that says numbers
sed -i 's/^service_names=1$/service_names=0/' "$rc"
start svc2 -d 5 -p "$pid,$child" --services
T resize-window -t svc2 -x 200 -y 40
wait_for "$child" 300 && wait_for "Command" 300 && T send-keys -t svc2 Enter
wait_for "Parent PID" 300 && T send-keys -t svc2 4
wait_for "tcp listen 127.0.0.1:$port ($name), pending 0 of backlog" 300
ok $? "--services: IPC tab: tcp listen 127.0.0.1:$port ($name) though service_names=0" || show
T send-keys -t svc2 F10
wait_gone; ok $? "ipctop --services quits"
"$IPCTOP" --json -p "$pid" > "$tmp/svc.json"; ok $? "ipctop --json -p $pid"
schema_ok "the JSON is valid against the schema" "$tmp/svc.json"
"$PYTHON3" - "$tmp/svc.json" "$pid" "$port" "$lfd" "$cfd" "$afd" <<'PY'
import json, sys
doc, pid, port, lfd, cfd, afd = json.load(open(sys.argv[1])), *map(int, sys.argv[2:])
fds = next(p for p in doc["processes"] if p["pid"] == pid)["detail"]["fds"]
got = {f["fd"]: f["socket"].get("listener") for f in fds if "socket" in f}
want = {lfd: None, cfd: None, afd: "127.0.0.1:%d" % port}
sys.exit(0 if got == want else print(got, want) or 1)
PY
ok $? "JSON: only the accepted socket names its listener 127.0.0.1:$port"
kill "$child" "$fixture" && wait "$fixture" 2>/dev/null
fixture= child=
tap_done
