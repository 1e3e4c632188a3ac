#!/bin/sh
# nginx.sh — a real nginx (master and two workers, started once for the whole file, in a private
# prefix on a loopback port picked here): the listener held by the master and every worker, and
# a keep-alive client paired with the worker that accepted it; the channel table, IPC tab and
# graph say "nginx master + 2 workers accept on ADDR:PORT"; the graph draws the client's
# connection to the service node "nginx :PORT" that holds the master and its workers (groups
# on). Issue 13's "done when": nginx, its workers and the client laid out by ipctop have no more
# crossings than dot's layout of the same graph; at 200x50 the default graph (g on the master)
# draws every node it counts on the one screen. Expected values: /proc, ss and dot.
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
srv_client keepalive tcp "$NGINX_PORT" \
	"GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: keep-alive\\r\\n\\r\\n" hello
ok $? "a keep-alive client got its page and holds the connection"

"$IPCTOP" --json >"$FX_TMP/all.json" 2>"$FX_TMP/all.err"
ok $? "ipctop --json exits 0"
schema_ok "the JSON is valid against the schema" "$FX_TMP/all.json"
fx_py ../servers/check_servers.py nginx "$FX_TMP/all.json" "$NGINX_PID" "$NGINX_PORT" "$CLIENT"
srv_vs_dot "$NGINX_PID,$(srv_children "$NGINX_PID" | paste -sd, -),$CLIENT"

# --- the screens say who accepts on the shared listener, in words (the same nginx, in tmux) ---
# The count of workers from /proc (the master's children), the name from its comm.
if [ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1; then
	tmux_setup nginx   # (not $want: wait_for sets it)
	trap 'srv_cleanup; tmux_cleanup' EXIT   # the server and client first: tmux_cleanup waits for children
	says="$(cat "/proc/$NGINX_PID/comm") master + $(srv_children "$NGINX_PID" | wc -w) workers accept on 127.0.0.1:$NGINX_PORT"
	start ngx -d 5 -p "$NGINX_PID"
	T resize-window -t ngx -x 320   # the table's object column comes after three ends and seven figures
	wait_for "Command" 150; ok $? "ipctop -p $NGINX_PID is up"
	T send-keys -t ngx c
	wait_for "$says"; ok $? "channel table: $says"
	T send-keys -t ngx Escape
	wait_for "Command" && T send-keys -t ngx Enter
	wait_for "Parent PID" && T send-keys -t ngx 4
	wait_for "$says"; ok $? "IPC tab of the master: $says"
	# the graph: tab_to TEXT Tabs through the edges until the selected one's line has TEXT,
	# each Tab handled before the line is read and the next sent (one early skips an edge)
	tab_to() {
		n=0
		while [ $n -lt 12 ]; do
			T send-keys -t ngx Tab
			keys_done >/dev/null && wait_for "$1" 1 >/dev/null && return 0
			n=$((n + 1))
		done
		return 1
	}
	T send-keys -t ngx Escape
	# "Graph: ", not "Graph": the list's key bar says gGraph
	wait_for "Command" && T send-keys -t ngx g
	wait_for "Graph: "
	# groups on (at first): the client's connection ends in the listener's service node
	want="python3($CLIENT) → nginx :$NGINX_PORT"
	tab_to "$want"; r=$?
	ok $r "graph, groups on: the keep-alive client's edge is \"$want\""; [ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	n_srv=$((1 + $(srv_children "$NGINX_PID" | wc -w)))   # the master and its workers, from /proc
	printf '%s\n' "$screen" | grep -Eq "nginx :$NGINX_PORT, $n_srv processes from $NGINX_PID"
	ok $? "...the service node holds the master $NGINX_PID and its workers: $n_srv processes (port by number)"
	# groups off (c: else the master and workers are one box with the listener inside): the
	# listener's edge names who accepts on it (test_graph_service: each connection goes to
	# its worker again)
	T send-keys -t ngx c
	keys_done && wait_absent "nginx :$NGINX_PORT ×3"
	tab_to "$says"; r=$?
	ok $r "graph edge line of the listener: $says"; [ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	T send-keys -t ngx q
	# the default graph at 200x50: g on the master, every node it counts drawn whole
	start ngg -d 5 -p "$NGINX_PID"
	T resize-window -t ngg -x 200 -y 50
	wait_for "Command" 150 && T send-keys -t ngg g
	ok_re "nginx :$NGINX_PORT " "graph at 200x50: the service node nginx :$NGINX_PORT"
	ok_re "python3 $CLIENT " "graph at 200x50: its client $CLIENT"
	srv_graph_whole "graph at 200x50"
	T send-keys -t ngg q
fi
tap_done
