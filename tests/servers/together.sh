#!/bin/sh
# together.sh — issue 13's "done when" on the servers together: a PostgreSQL cluster with psql
# over the UNIX socket and over TCP, nginx (master and two workers) with a keep-alive client,
# and redis-server with a TCP client, all started once for this file. The graph of all of them
# (ipctop -p with every pid, from /proc and the servers; `a` in the graph: all the list shows)
# fits one 200x50 screen, every node it counts drawn whole, each server's box and every client
# on it; and ipctop's layout of the same graph has no more crossings than dot's (grouped and
# not). Expected values: /proc, the servers, dot.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
fx_need
[ "$(id -u)" -eq 0 ] || skip_all "the cluster runs as postgres and nginx's workers as nobody: root starts them"
[ -x "$PG_BIN/initdb" ] && id postgres >/dev/null 2>&1 ||
	skip_all "postgresql-15 is not installed (tools/deps.sh installs it)"
command -v nginx >/dev/null || skip_all "nginx is not installed (tools/deps.sh installs it)"
command -v redis-server >/dev/null || skip_all "redis-server is not installed (tools/deps.sh installs it)"
[ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1 || skip_all "tmux is not installed"

pg_start; ok $? "PostgreSQL starts on 127.0.0.1:$PG_PORT"
nginx_start; ok $? "nginx starts on 127.0.0.1:$NGINX_PORT"
redis_start; ok $? "redis-server starts on 127.0.0.1:$REDIS_PORT"
[ -n "$PG_PID" ] && [ -n "$NGINX_PID" ] && [ -n "$REDIS_PID" ] || { tap_done; exit; }
# The clients as a user's would be: no descriptor of this test's shell (srv_clean), each
# holding its connection: psql in a long query, hold_client.py after its answer.
psql_sleep() {
	"$PYTHON3" -c "$SRV_CLEAN" "$PG_BIN/psql" -X -h "$1" -p "$PG_PORT" -U postgres -c 'select pg_sleep(600)' postgres \
		</dev/null >/dev/null 2>"$SRV_RUN/psql-$2.err" &
	eval "$2=\$!"
	SRV_PEERS="$SRV_PEERS $!"
}
psql_sleep "$SRV_RUN/pg" upsql
psql_sleep 127.0.0.1 tpsql
sleeping() {
	"$PG_BIN/psql" -X -At -h "$SRV_RUN/pg" -p "$PG_PORT" -U postgres postgres \
		-c "select count(*) from pg_stat_activity where query like 'select pg_sleep%'" 2>/dev/null
}
i=0
while [ "$(sleeping)" != 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(sleeping)" = 2 ]; ok $? "psql over the UNIX socket ($upsql) and over TCP ($tpsql), in pg_sleep"
srv_client web tcp "$NGINX_PORT" \
	"GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: keep-alive\\r\\n\\r\\n" hello
ok $? "nginx's keep-alive client ($CLIENT)"; web=$CLIENT
srv_client kv tcp "$REDIS_PORT" 'PING\r\n' '+PONG\r\n'
ok $? "redis's client ($CLIENT)"; kv=$CLIENT

pg_kids=$(srv_children "$PG_PID" | paste -sd, -)
ngx_kids=$(srv_children "$NGINX_PID" | paste -sd, -)
all="$PG_PID,$pg_kids,$upsql,$tpsql,$NGINX_PID,$ngx_kids,$web,$REDIS_PID,$kv"
srv_vs_dot "$all"

tmux_setup together
trap 'srv_cleanup; tmux_cleanup' EXIT   # the servers and clients first: tmux_cleanup waits for children
START_W=200 START_H=50 start tg -d 5 -p "$all"
wait_for "Command" 150; ok $? "ipctop -p (the servers and their clients) is up at 200x50"
T send-keys -t tg g
wait_for "Graph: " && T send-keys -t tg a
# every server's box and every client, whole on the screen
wait_re "postgres :$PG_PORT ×[0-9]+ " 100; ok $? "the cluster's service box postgres :$PG_PORT"
ok_re "nginx :$NGINX_PORT ×[0-9]+ " "nginx's service box nginx :$NGINX_PORT"
ok_re "redis-server $REDIS_PID " "redis-server $REDIS_PID"
for c in "psql $upsql" "psql $tpsql" "python3 $web" "python3 $kv"; do
	ok_re "$c " "the client $c"
done
srv_graph_whole "all of them at 200x50"
T send-keys -t tg q
tap_done
