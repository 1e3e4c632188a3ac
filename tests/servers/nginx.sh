#!/bin/sh
# nginx.sh — a real nginx (master and two workers, started once for the whole file, in a private
# prefix on a loopback port picked here): the listener held by the master and every worker, and
# a keep-alive client paired with the worker that accepted it. Expected values: /proc and ss.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
fx_need
[ "$(id -u)" -eq 0 ] || skip_all "nginx's workers run as nobody only when started by root"
command -v nginx >/dev/null || skip_all "nginx is not installed (tools/deps.sh installs it)"

nginx_start
ok $? "nginx starts on 127.0.0.1:$NGINX_PORT"
[ -n "$NGINX_PID" ] || { tap_done; exit; }

# A client that keeps its connection open after one request (HTTP/1.1 keep-alive).
: >"$FX_TMP/client.out"
"$PYTHON3" -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
data = b""
while b"hello" not in data:
    chunk = s.recv(4096)
    if not chunk:
        sys.exit(1)
    data += chunk
print("ready", flush=True)
time.sleep(600)
' "$NGINX_PORT" >"$FX_TMP/client.out" 2>&1 &
client=$!
SRV_PEERS=$client
tries=0
while ! grep -q ready "$FX_TMP/client.out" && kill -0 $client 2>/dev/null && [ $tries -lt 100 ]; do
	tries=$((tries + 1)); sleep 0.1
done
grep -q ready "$FX_TMP/client.out"
ok $? "a keep-alive client got its page and holds the connection"

"$IPCTOP" --json >"$FX_TMP/all.json" 2>"$FX_TMP/all.err"
ok $? "ipctop --json exits 0"
fx_py ../servers/check_servers.py nginx "$FX_TMP/all.json" "$NGINX_PID" "$NGINX_PORT" "$client"
tap_done
