#!/bin/sh
# postgres.sh — a real PostgreSQL 15 cluster (started once for the whole file, in a private
# directory on a loopback port picked here): its buffer pool, SysV and POSIX segments shared by
# every process of the cluster, psql over the UNIX socket and over TCP paired with its backend,
# and `-u postgres` keeping postgres's processes only; the channel table shows the buffer pool by
# its size, and each psql's connection with its state; the graph the pool as one node of every
# process that maps it; the list's filter "shared anon" finds the cluster, not its clients.
# Expected values: /proc and the server.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
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

# --- the screens: the channel table names the buffer pool and each psql's connection ---
# The pool's size from the postmaster's maps (its largest "/dev/zero (deleted)" rw-s region),
# in binary units as the screens write sizes; the sessions' pids from psql_hold.
# Also how many processes map it (the pool's device and inode in every /proc/PID/maps).
set -- $("$PYTHON3" - "$PG_PID" <<-'PY'
	import os, sys
	def pools(pid):
	    """(dev, inode) -> size of pid's shared "/dev/zero (deleted)" regions."""
	    out = {}
	    try:
	        for line in open(f"/proc/{pid}/maps"):
	            f = line.split(None, 5)
	            if len(f) == 6 and f[1].endswith("s") and f[5].strip() == "/dev/zero (deleted)":
	                lo, hi = (int(x, 16) for x in f[0].split("-"))
	                out[(f[3], f[4])] = max(out.get((f[3], f[4]), 0), hi - lo)
	    except OSError:
	        pass
	    return out
	mine = pools(sys.argv[1])
	key, size = max(mine.items(), key=lambda kv: kv[1]) if mine else (None, 0)
	n = sum(1 for p in filter(str.isdigit, os.listdir("/proc")) if key in pools(p))
	v, units = float(size), ["B", "KiB", "MiB", "GiB"]
	i = 0
	while v >= 1024 and i < 3:
	    v, i = v / 1024, i + 1
	print(("%d B" % size if i == 0 else "%.1f %s" % (v, units[i])).replace(" ", "_"), n)
	PY
)
pool=$(printf '%s' "$1" | tr _ ' ') pool_maps=$2
set -- $unix $tcp
upsql=$1 ubackend=$2 tpsql=$3 tbackend=$4

# --- the layout of the cluster and its clients beside dot's ---
kids=$(srv_children "$PG_PID" | paste -sd, -)   # the backends and helpers, from /proc
n_cluster=$(( $(printf '%s' "$kids" | tr ',' '\n' | grep -c .) + 1 ))
srv_vs_dot "$PG_PID,$kids,$upsql,$tpsql"
if [ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1; then
	tmux_setup pg
	trap 'srv_cleanup; tmux_cleanup' EXIT
	start pg -d 5 -p "$PG_PID,$upsql,$tpsql"
	T resize-window -t pg -x 250 -y 50   # the object column comes after the cluster's ends
	wait_for "Command" 150; ok $? "ipctop -p $PG_PID,$upsql,$tpsql is up"
	T send-keys -t pg c
	ok_re "^anon_shm .*$PG_PID \(postgres\) mapped.* shared anon $pool\b" \
		"channel table: the buffer pool is \"shared anon $pool\", mapped by the postmaster $PG_PID"
	ok_re "^tcp +established .*$tpsql \(psql\) fd [0-9]+ client .*$tbackend \(postgres\) fd [0-9]+ server 127\.0\.0\.1:$PG_PORT, accepted on 127\.0\.0\.1:$PG_PORT" \
		"channel table: psql $tpsql over TCP, established, to its backend $tbackend, accepted on the listener"
	ok_re "^unix .*$upsql \(psql\) fd [0-9]+ .*$ubackend \(postgres\) fd [0-9]+" \
		"channel table: psql $upsql over the UNIX socket, with its backend $ubackend"
	# the graph around the postmaster, groups off (on, the cluster is one box with the pool
	# inside): the pool is one node of every process that maps it
	T send-keys -t pg Escape; wait_for "Command" && T send-keys -t pg g
	wait_for "Graph: " && T send-keys -t pg c
	ok_re "anon_shm ×$pool_maps\b" "graph, groups off: the buffer pool is one anon_shm node of the $pool_maps processes that map it"
	T send-keys -t pg q
	# the list's filter by the pool's words: the postmaster and the backends, not the psqls
	start pgl -d 5 -p "$PG_PID,$ubackend,$tbackend,$upsql,$tpsql"
	filter_list pgl "shared anon"
	printf '%s\n' "$screen" | awk -v want="$PG_PID $ubackend $tbackend" -v not="$upsql $tpsql" '
		BEGIN { n = split(want, w, " "); split(not, x, " ") }
		{ for (i in w) if ($1 == w[i]) seen[$1] = 1; for (i in x) if ($1 == x[i]) bad = 1 }
		END { c = 0; for (p in seen) c++; exit !(c == n && !bad) }'
	r=$?; ok $r "list filtered by \"shared anon\": the postmaster and both backends, no psql"
	[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	T send-keys -t pgl q
	# the default graph at 200x50: g on the postmaster, every node it counts drawn whole
	start pgg -d 5 -p "$PG_PID"
	T resize-window -t pgg -x 200 -y 50
	wait_for "Command" 150 && T send-keys -t pgg g
	# the cluster's boxes ("postgres ×5", the backends' service "postgres :PORT ×2") hold its
	# processes, as many as /proc counts
	in_boxes() {
		n=$(printf '%s\n' "$1" | grep -oE "postgres( :$PG_PORT)? ×[0-9]+ " | awk -F'×' '{ s += $2 } END { print s + 0 }')
		[ "${n:-0}" = "$n_cluster" ]
	}
	wait_until in_boxes
	r=$?; ok $r "graph at 200x50: the cluster's $n_cluster processes (/proc) are in its boxes (${n:-0})"
	[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	wait_re "psql $upsql " && wait_re "psql $tpsql "
	r=$?; ok $r "graph at 200x50: both psqls ($upsql over UNIX, $tpsql over TCP)"
	[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	srv_graph_whole "graph at 200x50"
	T send-keys -t pgg q
fi
tap_done
