# servers_lib.sh — sourced by the real-server tests: start PostgreSQL, nginx and redis from Debian's
# packages in a private runtime directory on loopback ports picked here, and stop them on exit.
# Needs tap.sh and integration/fixture_lib.sh sourced first ($FX_TMP, fx_py, cleanup trap).

PG_BIN=/usr/lib/postgresql/15/bin
SRV_RUN=           # the servers' private directory (owned by the user they run as)
PG_DATA= PG_PORT= PG_PID=
NGINX_PREFIX= NGINX_PORT= NGINX_PID=
REDIS_DIR= REDIS_PORT= REDIS_PID=
SRV_PEERS=         # pids of client processes this test started

# srv_port: a TCP port on 127.0.0.1 that is free now (the kernel picks it).
srv_port() {
	"$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

srv_dir() {
	[ -n "$SRV_RUN" ] && return 0
	SRV_RUN=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-srv.XXXXXX") || return 1
	chmod 755 "$SRV_RUN"
}

# srv_clean COMMAND...: exec COMMAND with no descriptor but 0, 1 and 2, as systemd starts a
# server: else it and every process it forks hold what the test's shell inherited (make's
# jobserver pipe, the harness's pipes), and the graph joins the server to make and its shells.
# In the background, where $! must be the command's pid (a function run with & is a subshell
# of its own): "$PYTHON3" -c "$SRV_CLEAN" COMMAND... &
SRV_CLEAN='import os, sys; os.closerange(3, 65536); os.execvp(sys.argv[1], sys.argv[1:])'
srv_clean() {
	"$PYTHON3" -c "$SRV_CLEAN" "$@"
}

# as_postgres COMMAND...: run COMMAND as the postgres user (initdb refuses root).
as_postgres() {
	setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
}

# pg_start: a throwaway cluster (trust auth, UNIX socket in $SRV_RUN, TCP on 127.0.0.1:$PG_PORT).
pg_start() {
	srv_dir || return 1
	PG_DATA=$SRV_RUN/pgdata
	mkdir -p "$SRV_RUN/pg" && chown postgres: "$SRV_RUN/pg" || return 1
	PG_DATA=$SRV_RUN/pg/data
	PG_PORT=$(srv_port) || return 1
	as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --no-locale \
		>"$SRV_RUN/pg/initdb.log" 2>&1 || { sed 's/^/#   /' "$SRV_RUN/pg/initdb.log"; return 1; }
	srv_clean setpriv --reuid=postgres --regid=postgres --init-groups -- \
		"$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$SRV_RUN/pg/log" -w -t 60 \
		-o "-p $PG_PORT -k $SRV_RUN/pg -c listen_addresses=127.0.0.1 -c shared_buffers=16MB -c autovacuum=off" \
		start >"$SRV_RUN/pg/ctl.log" 2>&1 || { sed 's/^/#   /' "$SRV_RUN/pg/ctl.log" "$SRV_RUN/pg/log"; return 1; }
	PG_PID=$(head -n 1 "$PG_DATA/postmaster.pid")
	[ -n "$PG_PID" ] && kill -0 "$PG_PID"
}

pg_stop() {
	[ -n "$PG_PID" ] || return 0
	as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 ||
		kill -KILL "$PG_PID" 2>/dev/null
	PG_PID=
}

# psql_hold NAME HOST FD: a psql session kept open (stdin from a FIFO this shell holds on FD,
# one digit), connected through HOST (the socket directory or 127.0.0.1). Sets PSQL_PID and
# PSQL_BACKEND once the backend answered with its pid. Not for a $(...) subshell.
PSQL_PID= PSQL_BACKEND=
psql_hold() {
	local name=$1 host=$2 fd=$3 dir=$SRV_RUN/$1 tries=0
	PSQL_PID= PSQL_BACKEND=
	mkdir -p "$dir" && mkfifo "$dir/in" || return 1
	"$PG_BIN/psql" -X -At -h "$host" -p "$PG_PORT" -U postgres postgres \
		<"$dir/in" >"$dir/out" 2>"$dir/err" &
	PSQL_PID=$!
	SRV_PEERS="$SRV_PEERS $PSQL_PID"
	eval "exec $fd>\"\$dir/in\""
	echo 'select pg_backend_pid();' >&"$fd"
	while ! grep -qE '^[0-9]+$' "$dir/out" 2>/dev/null; do
		if ! kill -0 "$PSQL_PID" 2>/dev/null || [ $tries -ge 300 ]; then
			sed 's/^/#   /' "$dir/err"
			return 1
		fi
		tries=$((tries + 1)); sleep 0.1
	done
	PSQL_BACKEND=$(grep -E '^[0-9]+$' "$dir/out" | head -n 1)
}

# nginx_start: master and two workers (as nobody), every path under $NGINX_PREFIX.
nginx_start() {
	srv_dir || return 1
	NGINX_PREFIX=$SRV_RUN/nginx
	NGINX_PORT=$(srv_port) || return 1
	mkdir -p "$NGINX_PREFIX/conf" "$NGINX_PREFIX/logs" "$NGINX_PREFIX/html" "$NGINX_PREFIX/tmp" || return 1
	echo hello >"$NGINX_PREFIX/html/index.html"
	cat >"$NGINX_PREFIX/conf/nginx.conf" <<-CONF
	worker_processes 2;
	pid $NGINX_PREFIX/logs/nginx.pid;
	error_log $NGINX_PREFIX/logs/error.log;
	events { worker_connections 64; }
	http {
	  access_log $NGINX_PREFIX/logs/access.log;
	  client_body_temp_path $NGINX_PREFIX/tmp/body; proxy_temp_path $NGINX_PREFIX/tmp/proxy;
	  fastcgi_temp_path $NGINX_PREFIX/tmp/fcgi; uwsgi_temp_path $NGINX_PREFIX/tmp/uwsgi;
	  scgi_temp_path $NGINX_PREFIX/tmp/scgi;
	  keepalive_timeout 300;
	  server { listen 127.0.0.1:$NGINX_PORT; root $NGINX_PREFIX/html; }
	}
	CONF
	srv_clean nginx -p "$NGINX_PREFIX/" -e "$NGINX_PREFIX/logs/error.log" -c conf/nginx.conf \
		>"$NGINX_PREFIX/start.log" 2>&1 || { sed 's/^/#   /' "$NGINX_PREFIX/start.log"; return 1; }
	local tries=0
	while [ ! -s "$NGINX_PREFIX/logs/nginx.pid" ] || [ "$(srv_children "$(cat "$NGINX_PREFIX/logs/nginx.pid")" | wc -w)" -lt 2 ]; do
		[ $tries -lt 100 ] || return 1
		tries=$((tries + 1)); sleep 0.1
	done
	NGINX_PID=$(cat "$NGINX_PREFIX/logs/nginx.pid")
}

nginx_stop() {
	# A start that failed waiting for the workers has the master's pid in its file only.
	[ -n "$NGINX_PID" ] || [ -z "$NGINX_PREFIX" ] || NGINX_PID=$(cat "$NGINX_PREFIX/logs/nginx.pid" 2>/dev/null)
	[ -n "$NGINX_PID" ] || return 0
	kill -QUIT "$NGINX_PID" 2>/dev/null
	local tries=0
	while kill -0 "$NGINX_PID" 2>/dev/null && [ $tries -lt 100 ]; do tries=$((tries + 1)); sleep 0.1; done
	kill -KILL "$NGINX_PID" 2>/dev/null
	NGINX_PID=
}

# redis_start: redis-server in the foreground of a background job (no daemonize, no RDB or AOF
# file), on 127.0.0.1:$REDIS_PORT and the UNIX socket $REDIS_DIR/redis.sock; ready when it
# answers PING on both.
redis_start() {
	srv_dir || return 1
	REDIS_DIR=$SRV_RUN/redis
	REDIS_PORT=$(srv_port) || return 1
	mkdir -p "$REDIS_DIR" || return 1
	"$PYTHON3" -c "$SRV_CLEAN" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --daemonize no \
		--save '' --appendonly no --unixsocket "$REDIS_DIR/redis.sock" --unixsocketperm 700 \
		--logfile "$REDIS_DIR/log" >"$REDIS_DIR/start.log" 2>&1 </dev/null &
	REDIS_PID=$!
	local tries=0
	until [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] &&
	      [ "$(redis-cli -s "$REDIS_DIR/redis.sock" ping 2>/dev/null)" = PONG ]; do
		if ! kill -0 "$REDIS_PID" 2>/dev/null || [ $tries -ge 100 ]; then
			sed 's/^/#   /' "$REDIS_DIR/start.log" "$REDIS_DIR/log" 2>/dev/null
			return 1
		fi
		tries=$((tries + 1)); sleep 0.1
	done
}

redis_stop() {
	[ -n "$REDIS_PID" ] || return 0
	kill -TERM "$REDIS_PID" 2>/dev/null
	local tries=0
	while kill -0 "$REDIS_PID" 2>/dev/null && [ $tries -lt 100 ]; do tries=$((tries + 1)); sleep 0.1; done
	kill -KILL "$REDIS_PID" 2>/dev/null
	wait "$REDIS_PID" 2>/dev/null
	REDIS_PID=
}

# srv_client NAME tcp PORT|unix PATH REQUEST EXPECT: a client (hold_client.py) that sent
# REQUEST, read EXPECT and holds its connection, started by srv_clean as a user would start it
# (none of the test shell's descriptors); CLIENT is its pid (added to SRV_PEERS). True
# once it said ready (10 s at most).
CLIENT=
srv_client() {
	local name=$1 tries=0
	shift
	: >"$FX_TMP/$name.out"
	"$PYTHON3" -c "$SRV_CLEAN" "$PYTHON3" "$TESTS_SRC/servers/hold_client.py" "$@" \
		>"$FX_TMP/$name.out" 2>&1 &
	CLIENT=$!
	SRV_PEERS="$SRV_PEERS $CLIENT"
	while ! grep -q ready "$FX_TMP/$name.out" && kill -0 $CLIENT 2>/dev/null && [ $tries -lt 100 ]; do
		tries=$((tries + 1)); sleep 0.1
	done
	grep -q ready "$FX_TMP/$name.out"
}

# srv_children PID: the pids whose parent is PID, as the kernel says (field 4 of stat).
srv_children() {
	"$PYTHON3" - "$1" <<-'PY'
	import os, sys
	for pid in filter(str.isdigit, os.listdir("/proc")):
	    try:
	        with open(f"/proc/{pid}/stat", "rb") as f:   # bytes: a name may be any bytes
	            stat = f.read()
	    except OSError:
	        continue
	    if stat[stat.rindex(b")") + 2:].split()[1] == sys.argv[1].encode():
	        print(pid)
	PY
}

# srv_vs_dot PIDS: the graph of PIDS (comma-separated; ipctop -p PIDS --json) laid out by
# ipctop and by Graphviz dot, crossings counted alike (bench/layout_vs_dot.py), groups on and
# off; a check each that ipctop's has no more crossings than dot's (issue 13's "done when").
srv_vs_dot() {
	local bench="$TESTS_BIN/../bench/layout_bench" g
	if ! command -v dot >/dev/null 2>&1 || [ ! -x "$bench" ]; then
		skip "graphviz dot or bench/layout_bench missing: no layout beside dot's"
		return
	fi
	"$IPCTOP" -p "$1" --json >"$FX_TMP/vs_dot.json" 2>"$FX_TMP/vs_dot.err"
	ok $? "ipctop -p $1 --json"
	"$PYTHON3" "$TESTS_SRC/../bench/layout_vs_dot.py" --bench "$bench" --runs 0 \
		grouped="$FX_TMP/vs_dot.json" ungrouped="ungrouped:$FX_TMP/vs_dot.json" >"$FX_TMP/vs_dot" 2>&1
	ok $? "bench/layout_vs_dot.py lays its graph out with ipctop and with dot"
	for g in grouped ungrouped; do
		set -- $(awk -F'|' -v g="$g" '{ gsub(/ /, "") } $2 == g { print $3, $5, $6 }' "$FX_TMP/vs_dot")
		[ $# -eq 3 ] && [ "$1" -ge 2 ] && [ "$2" -le "$3" ]
		ok $? "$g: ipctop's layout crosses no more than dot's (${1:-?} nodes: ${2:-?} crossings, dot ${3:-?})" ||
			sed 's/^/# /' "$FX_TMP/vs_dot"
	done
}

# srv_graph_whole WHAT: $screen (a graph screen) holds every node its status line counts as a
# whole box ("│ NAME ×N │", "┤ NAME PID (…) ├", a hub's "│ KIND ×N │"): the graph fits the screen.
srv_graph_whole() {
	set -- "$1" $(printf '%s\n' "$screen" | "$PYTHON3" -c '
import re, sys
text = sys.stdin.read()
m = re.search(r"(\d+) nodes, \d+ edges", text)
side = "│┤├"   # a box side, or a tee where an edge meets it
box = "[%s] [^%s]*? (?:×\\d+|\\d+)(?: \\([^%s]*)? *[%s]" % (side, side, side, side)
print(m.group(1) if m else -1, sum(len(re.findall(box, line)) for line in text.splitlines()))')
	[ "${2:--1}" -ge 2 ] && [ "$2" = "$3" ]
	local r=$?
	ok $r "$1: all ${2:-?} nodes it counts are on the one screen, whole (${3:-?} boxes)"
	[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	return $r
}

srv_cleanup() {
	local p
	for p in $SRV_PEERS; do kill -TERM "$p" 2>/dev/null; done
	nginx_stop
	redis_stop
	pg_stop
	[ -n "$SRV_RUN" ] && rm -rf "$SRV_RUN"
	fx_cleanup
}
trap 'srv_cleanup' EXIT
