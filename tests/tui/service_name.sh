#!/bin/sh
# service_name.sh — the IPC tab names a listener's port as /etc/services does: a listener on the
# first free named TCP port (1024-32767, outside the ephemeral range) shows as
# "tcp listen 127.0.0.1:PORT (NAME)", NAME from getent (the C library), never from ipctop.
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
record(os.getpid(), port)
time.sleep(600)
PY
"$PYTHON3" "$tmp/listen.py" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec" 300; ok $? "a listener on a free named port"
read -r pid port < "$tmp/rec"
name=$(getent services "$port/tcp" | awk '{ print $1 }')
[ -n "$name" ]; ok $? "getent names port $port/tcp: $name"

start svc -d 5 -p "$pid"
wait_for "Command" 300 && T send-keys -t svc Enter
wait_for "Parent PID" 300 && T send-keys -t svc 4
wait_for "tcp listen 127.0.0.1:$port ($name), pending 0 of backlog" 300
ok $? "IPC tab: tcp listen 127.0.0.1:$port ($name)"
T send-keys -t svc F10
wait_gone 100; ok $? "ipctop quits"
kill "$fixture" && wait "$fixture" 2>/dev/null
fixture=
tap_done
