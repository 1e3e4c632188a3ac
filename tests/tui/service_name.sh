#!/bin/sh
# service_name.sh — the IPC tab names a listener's port as /etc/services does: a listener on the
# first free named TCP port (1024-32767, outside the ephemeral range) shows as
# "tcp listen 127.0.0.1:PORT (NAME)", NAME from getent (the C library), never from ipctop; and
# the connection it accepted from its own client says "accepted on 127.0.0.1:PORT (NAME)", in
# the IPC tab and as "listener" in --json (the client's socket does not). The descriptor
# numbers come from the fixture's record.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
[ -r /etc/services ] || skip_all "no /etc/services"
command -v getent >/dev/null || skip_all "getent not found"
export LC_ALL=C.UTF-8
tmux_setup svc fixture

py_fixture listen <<'PY'
import socket
for line in open("/etc/services"):
    w = line.split("#")[0].split()
    if len(w) < 2 or not w[1].endswith("/tcp"):
        continue
    port = int(w[1].split("/")[0])
    if not 1024 <= port < 32768:
        continue
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        s.listen(4)
    except OSError:
        s.close()
        continue
    break
else:
    sys.exit(1)
c = socket.create_connection(("127.0.0.1", port))
a, _ = s.accept()
record(os.getpid(), port, s.fileno(), c.fileno(), a.fileno())
time.sleep(600)
PY
"$PYTHON3" "$tmp/listen.py" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec" 300; ok $? "a listener on a free named port"
read -r pid port lfd cfd afd < "$tmp/rec"
name=$(getent services "$port/tcp" | awk '{ print $1 }')
[ -n "$name" ]; ok $? "getent names port $port/tcp: $name"

start svc -d 5 -p "$pid"
T resize-window -t svc -x 200 -y 40   # the socket lines are longer than 120 columns
wait_for "Command" 300 && T send-keys -t svc Enter
wait_for "Parent PID" 300 && T send-keys -t svc 4
wait_for "tcp listen 127.0.0.1:$port ($name), pending 0 of backlog" 300
ok $? "IPC tab: tcp listen 127.0.0.1:$port ($name)"
# under ACCEPTED fd's line: the socket line says where it was accepted
line=$(printf '%s\n' "$screen" | awk -v fd="$afd" 'hit { print; exit } $1 == "fd" && $2 == fd { hit = 1 }')
case $line in
*"tcp 127.0.0.1:$port ($name) → 127.0.0.1:"*" established, rq 0 wq 0 (buffers rcv "*" snd "*"), accepted on 127.0.0.1:$port ($name)") r=0 ;;
*) r=1; printf '#   %s\n' "$line" ;;
esac
ok $r "IPC tab: fd $afd accepted on 127.0.0.1:$port ($name)"
printf '%s\n' "$screen" | awk -v fd="$cfd" 'hit { print; exit } $1 == "fd" && $2 == fd { hit = 1 }' |
	grep -q "accepted on"
[ $? -ne 0 ]; ok $? "IPC tab: the client fd $cfd is not called accepted"
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
T send-keys -t svc F10
wait_gone 100; ok $? "ipctop quits"
kill "$fixture" && wait "$fixture" 2>/dev/null
fixture=
tap_done
