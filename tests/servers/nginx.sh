#!/bin/sh
# nginx.sh — a real nginx (master and two workers, started once for the whole file, in a private
# prefix on a loopback port picked here): the listener held by the master and every worker, and
# a keep-alive client paired with the worker that accepted it; the channel table, IPC tab and
# graph say "nginx master + 2 workers accept on ADDR:PORT". Expected values: /proc and ss.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
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

# --- the screens say who accepts on the shared listener, in words (the same nginx, in tmux) ---
# The count of workers from /proc (the master's children), the name from its comm.
if [ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1; then
	tmux_setup nginx   # (not $want: wait_for sets it)
	trap 'srv_cleanup; tmux_cleanup' EXIT   # the server and client first: tmux_cleanup waits for children
	says="$(cat "/proc/$NGINX_PID/comm") master + $(srv_children "$NGINX_PID" | wc -w) workers accept on 127.0.0.1:$NGINX_PORT"
	start ngx -d 5 -p "$NGINX_PID"
	T resize-window -t ngx -x 250   # the table's object column comes after three ends
	wait_for "Command" 150; ok $? "ipctop -p $NGINX_PID is up"
	T send-keys -t ngx c
	wait_for "$says"; ok $? "channel table: $says"
	T send-keys -t ngx Escape
	wait_for "Command" && T send-keys -t ngx Enter
	wait_for "Parent PID" && T send-keys -t ngx 4
	wait_for "$says"; ok $? "IPC tab of the master: $says"
	# the graph, groups off (c: else the family is one box with the listener inside): Tab
	# through the edges until the listener's is selected
	T send-keys -t ngx Escape
	# "Graph: ", not "Graph": the list's key bar says gGraph
	wait_for "Command" && T send-keys -t ngx g
	wait_for "Graph: " && T send-keys -t ngx c
	keys_done && wait_absent "nginx ×3"
	n=0   # each Tab handled before the line is read and the next sent (one early skips an edge)
	while [ $n -lt 12 ]; do
		T send-keys -t ngx Tab
		keys_done >/dev/null && wait_for "$says" 1 >/dev/null && break
		n=$((n + 1))
	done
	[ $n -lt 12 ]; ok $? "graph edge line of the listener: $says" || printf '%s\n' "$screen" | sed 's/^/# /'
fi
tap_done
