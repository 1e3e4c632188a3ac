#!/bin/sh
# postgres.sh — a real PostgreSQL 15 cluster (started once for the whole file, in a private
# directory on a loopback port picked here): its buffer pool, SysV and POSIX segments shared by
# every process of the cluster, psql over the UNIX socket and over TCP paired with its backend,
# and `-u postgres` keeping postgres's processes only. Expected values: /proc and the server.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
fx_need
[ "$(id -u)" -eq 0 ] || skip_all "starting a cluster as user postgres needs root"
[ -x "$PG_BIN/initdb" ] && id postgres >/dev/null 2>&1 ||
	skip_all "postgresql-15 is not installed (tools/deps.sh installs it)"

pg_start
ok $? "PostgreSQL starts on 127.0.0.1:$PG_PORT"
[ -n "$PG_PID" ] || { tap_done; exit; }
psql_hold unix "$SRV_RUN/pg" 7
ok $? "psql connects over the UNIX socket (psql $PSQL_PID, backend $PSQL_BACKEND)"
unix="${PSQL_PID:-0} ${PSQL_BACKEND:-0}"
psql_hold tcp 127.0.0.1 8
ok $? "psql connects over TCP (psql $PSQL_PID, backend $PSQL_BACKEND)"
tcp="${PSQL_PID:-0} ${PSQL_BACKEND:-0}"
"$IPCTOP" --json >"$FX_TMP/all.json" 2>"$FX_TMP/all.err"
ok $? "ipctop --json exits 0"
fx_py ../servers/check_servers.py pg "$FX_TMP/all.json" "$PG_PID" $unix $tcp "$PG_PORT"

"$IPCTOP" -u postgres --json >"$FX_TMP/user.json" 2>"$FX_TMP/user.err"
ok $? "ipctop -u postgres --json exits 0"
schema_ok "both JSON documents are valid against the schema" "$FX_TMP/all.json" "$FX_TMP/user.json"
fx_py ../servers/check_servers.py pg-user "$FX_TMP/user.json" "$PG_PID"
tap_done
