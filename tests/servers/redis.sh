#!/bin/sh
# redis.sh — a real redis-server (started once for the whole file, in its own directory, no
# daemonize, no persistence, on a loopback port picked here and a UNIX socket in its directory)
# with two TCP clients and one UNIX client holding their connections: every client paired with
# the server on its own socket, the server's ends accepted on its listener, and the screens
# saying "redis-server accepts on 127.0.0.1:PORT"; the server and its clients laid out by ipctop
# with no more crossings than dot's layout of the same graph (issue 13). Expected values:
# ss -tanp, ss -xp, /proc, dot.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
fx_need
command -v redis-server >/dev/null && command -v redis-cli >/dev/null ||
	skip_all "redis-server is not installed (tools/deps.sh installs it)"

redis_start
ok $? "redis-server starts on 127.0.0.1:$REDIS_PORT and $REDIS_DIR/redis.sock"
[ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null || { tap_done; exit; }

ping='PING\r\n' pong='+PONG\r\n'   # hold_client.py reads the escapes
srv_client tcp1 tcp "$REDIS_PORT" "$ping" "$pong"
ok $? "TCP client 1 got +PONG and holds its connection"; tcp1=$CLIENT
srv_client tcp2 tcp "$REDIS_PORT" "$ping" "$pong"
ok $? "TCP client 2 got +PONG and holds its connection"; tcp2=$CLIENT
srv_client unix1 unix "$REDIS_DIR/redis.sock" "$ping" "$pong"
ok $? "UNIX client got +PONG and holds its connection"; unix1=$CLIENT

"$IPCTOP" --json >"$FX_TMP/all.json" 2>"$FX_TMP/all.err"
ok $? "ipctop --json exits 0"
schema_ok "the JSON is valid against the schema" "$FX_TMP/all.json"
fx_py ../servers/check_servers.py redis "$FX_TMP/all.json" "$REDIS_PID" "$REDIS_PORT" \
	"$REDIS_DIR/redis.sock" "$tcp1" "$tcp2" "$unix1"
srv_vs_dot "$REDIS_PID,$tcp1,$tcp2,$unix1"

# --- the screens say who accepts on the listener (the same redis, in tmux) ---
if [ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1; then
	tmux_setup redis
	trap 'srv_cleanup; tmux_cleanup' EXIT   # the server and clients first: tmux_cleanup waits for children
	says="$(cat "/proc/$REDIS_PID/comm") accepts on 127.0.0.1:$REDIS_PORT"
	start rds -d 5 -p "$REDIS_PID"
	T resize-window -t rds -x 250
	wait_for "Command" 150; ok $? "ipctop -p $REDIS_PID is up"
	T send-keys -t rds c
	wait_for "$says"; r=$?; ok $r "channel table: $says"; [ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	T send-keys -t rds Escape
	wait_for "Command" && T send-keys -t rds Enter
	wait_for "Parent PID" && T send-keys -t rds 4
	wait_for "$says"; r=$?; ok $r "IPC tab of redis-server: $says"; [ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
fi
tap_done
