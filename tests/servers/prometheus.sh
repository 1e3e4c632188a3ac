#!/bin/sh
# prometheus.sh — ipctop --serve under a real Prometheus (Debian's, started once here on a
# loopback port with its config and storage in this test's directory): HTTP answers (200 with
# the OpenMetrics type, a page that a strict OpenMetrics parser reads and promtool reads with
# no complaint but its counters' "NAME_total no help text", see check_om_strict.py; 404, 405;
# the text format for a client asking for text/plain, which promtool accepts; the server's
# scrape and snapshot counters), Prometheus scrapes it (up is 1: its strict OpenMetrics parser
# accepted the page) and a query through its HTTP API gives ipc_fixture's children's channel
# counts, and the channels joining each pair of them (ipctop_pair_channels), as the fixture
# recorded them; 50 concurrent scrapers and a client that sends half a request and waits leave
# the exporter answering; an oversized request is refused. No prometheus: a skip, a failure on CI.
# Several hosts: the same Prometheus also scrapes a second `ipctop --serve` on a host of the
# test's own (network, PID, mount and IPC namespaces joined by a veth pair, prom_host_lib.sh) with
# its own ipc_fixture and traffic_fixture; for each instance (and a traffic_fixture here too),
# the channel counts of its own fixture's children, the TCP bytes of traffic_fixture's idle
# connection and the count of processes blocked on a full POSIX queue are what that host's
# fixtures recorded (check_prom_traffic.py). Everything the host was is gone afterwards.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
. "$TESTS_SRC/integration/om_lib.sh"
. "$TESTS_SRC/servers/prom_host_lib.sh"
fx_need
for tool in prometheus curl; do
	command -v $tool >/dev/null 2>&1 || ci_skip_all "$tool not installed (Debian packages prometheus, curl)"
done

SV_PID= PROM_PID= SLOW_PID= TF_PID=
sv_cleanup() {
	[ -n "$SLOW_PID" ] && kill -TERM "$SLOW_PID" 2>/dev/null && wait "$SLOW_PID" 2>/dev/null
	[ -n "$PROM_PID" ] && kill -TERM "$PROM_PID" 2>/dev/null && wait "$PROM_PID" 2>/dev/null
	[ -n "$SV_PID" ] && kill -TERM "$SV_PID" 2>/dev/null && wait "$SV_PID" 2>/dev/null
	[ -n "$TF_PID" ] && kill -TERM "$TF_PID" 2>/dev/null && wait "$TF_PID" 2>/dev/null
	ph_stop
	srv_cleanup
}
trap 'sv_cleanup' EXIT

http_code() {   # http_code [CURL ARGS...] URL
	curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$@"
}

if ! fx_start fixture "$TESTS_BIN/fixture/ipc_fixture"; then
	ok 1 "ipc_fixture starts"
	tap_done
	exit
fi
# traffic_fixture here (stdin: its FIFO opened read-write, so it ends on SIGTERM only)
mkfifo "$FX_TMP/tf.ctl"
"$TESTS_BIN/fixture/traffic_fixture" --timeout 300 <>"$FX_TMP/tf.ctl" >"$FX_TMP/tf.manifest" \
	2>"$FX_TMP/tf.err" 9>&- &
TF_PID=$!
poll_for 60 grep -qx ready "$FX_TMP/tf.manifest"
ok $? "traffic_fixture starts"
# The second host, before Prometheus starts: its targets are both or this one alone.
B_TARGET=
if ph_start; then
	B_TARGET=$PH_ADDR:$PH_PORT
	ok 0 "a second host (namespaces, veth $PH_NET.1-2/30) serves on $B_TARGET"
else
	ci_skip "a second host: $PH_WHY"
fi

# -d 600: the first scrape's snapshot serves every scrape of this test (at most one per minute),
# so none waits for another snapshot on a loaded machine, and the reuse itself is checked.
"$IPCTOP" --serve 0 --metrics-pids -d 600 2>"$FX_TMP/serve.err" 9>&- &
SV_PID=$!
poll_for 10 grep -q '^ipctop: serving http://127.0.0.1:[0-9]*/metrics$' "$FX_TMP/serve.err"
ok $? "ipctop --serve 0 (a port alone) says it listens on 127.0.0.1"
PORT=$(sed -n 's|^ipctop: serving http://127.0.0.1:\([0-9]*\)/metrics$|\1|p' "$FX_TMP/serve.err")
URL=http://127.0.0.1:$PORT/metrics
ss -Hltn "sport = :$PORT" | grep -q "127.0.0.1:$PORT"
ok $? "the kernel (ss) lists it listening on 127.0.0.1:$PORT only"

"$IPCTOP" --serve "$PORT" >"$FX_TMP/busy.out" 2>&1 9>&-
st=$?
[ $st -eq 1 ] && [ "$(cat "$FX_TMP/busy.out")" = "ipctop: cannot serve on 127.0.0.1:$PORT: Address already in use" ]
ok $? "a second --serve on the same port: status 1 and why ($st: $(cat "$FX_TMP/busy.out"))"

type=$(curl -s -o "$FX_TMP/page.om" -w '%{http_code} %{content_type}' --max-time 60 "$URL")
[ "$type" = "200 application/openmetrics-text; version=1.0.0; charset=utf-8" ] &&
	tail -n 1 "$FX_TMP/page.om" | grep -qx '# EOF'
ok $? "GET /metrics: 200, the OpenMetrics type, a page ending in # EOF ($type)"
grep -qx 'ipctop_scrapes_total 1' "$FX_TMP/page.om" && grep -qx 'ipctop_snapshots_total 1' "$FX_TMP/page.om" &&
	grep -qx '# TYPE ipctop_scrapes counter' "$FX_TMP/page.om"
ok $? "the first scrape: ipctop_scrapes_total 1, ipctop_snapshots_total 1 (OpenMetrics counters)"
om_strict_ok "the served OpenMetrics page" "$FX_TMP/page.om"
type=$(curl -s -H 'Accept: text/plain' -o "$FX_TMP/page.prom" -w '%{http_code} %{content_type}' --max-time 60 "$URL")
[ "$type" = "200 text/plain; version=0.0.4; charset=utf-8" ] &&
	grep -qx '# TYPE ipctop_scrapes_total counter' "$FX_TMP/page.prom" && ! grep -q '^# EOF' "$FX_TMP/page.prom"
ok $? "GET /metrics with Accept: text/plain: Prometheus's text format ($type)"
grep -qx 'ipctop_scrapes_total 2' "$FX_TMP/page.prom" && grep -qx 'ipctop_snapshots_total 1' "$FX_TMP/page.prom"
ok $? "the second scrape within -d: 2 scrapes, still 1 snapshot ($(grep -E '^ipctop_(scrapes|snapshots)_total' "$FX_TMP/page.prom" | tr '\n' ' '))"
if command -v promtool >/dev/null 2>&1; then
	promtool check metrics <"$FX_TMP/page.prom" >"$FX_TMP/promtool.out" 2>&1 &&
		grep -q '^ipctop_channels{' "$FX_TMP/page.prom"
	st=$?
	ok $st "promtool accepts the text format page"
	[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/promtool.out" | head -n 20
else
	ci_skip "promtool not installed (Debian package prometheus)"
fi
[ "$(http_code "http://127.0.0.1:$PORT/")" = 404 ] && [ "$(http_code "$URL/x")" = 404 ]
ok $? "GET of another path: 404"
[ "$(http_code -X POST -d x "$URL")" = 405 ] && [ "$(http_code -X DELETE "$URL")" = 405 ]
ok $? "POST and DELETE /metrics: 405"
big=$(head -c 20000 /dev/zero | tr '\0' a)
code=$(http_code -H "X-Big: $big" "$URL")
[ "$code" = 431 ] || [ "$code" = 413 ]
ok $? "a request with 20 kB of headers is refused ($code)"

# Prometheus, once for this file: scrape every second, storage here.
PROM_PORT=$(srv_port)
cat >"$FX_TMP/prometheus.yml" <<-YML
	global:
	  scrape_interval: 2s
	  scrape_timeout: 2s
	scrape_configs:
	  - job_name: ipctop
	    static_configs:
	      - targets: ['127.0.0.1:$PORT'${B_TARGET:+, '$B_TARGET'}]
YML
prometheus --config.file="$FX_TMP/prometheus.yml" --storage.tsdb.path="$FX_TMP/tsdb" \
	--web.listen-address="127.0.0.1:$PROM_PORT" >"$FX_TMP/prometheus.log" 2>&1 9>&- &
PROM_PID=$!
API=http://127.0.0.1:$PROM_PORT/api/v1/query

# query FILE PROMQL: the API's answer to an instant query, in FILE.
query() {
	curl -s --max-time 5 -o "$1" --data-urlencode "query=$2" "$API"
}
LOC=127.0.0.1:$PORT
# scraped INSTANCE TAG: up{instance} is 1 and its channel families are stored (in TAG.q.json);
# its traffic and wait families go to TAG.t.json.
scraped() {
	query "$FX_TMP/$2.up.json" "up{instance=\"$1\"}" &&
		grep -q '"value":\[[0-9.]*,"1"\]' "$FX_TMP/$2.up.json" &&
		query "$FX_TMP/$2.q.json" "{__name__=~\"ipctop_process_channels|ipctop_channels|ipctop_pair_channels\",instance=\"$1\"}" &&
		grep -q '"ipctop_process_channels"' "$FX_TMP/$2.q.json" &&
		grep -q '"ipctop_pair_channels"' "$FX_TMP/$2.q.json" &&
		query "$FX_TMP/$2.t.json" "{__name__=~\"ipctop_pair_sent_bytes|ipctop_blocked_processes\",instance=\"$1\"}"
}
# check_host INSTANCE TAG MANIFEST TRAFFIC-MANIFEST exact|atleast
check_host() {
	poll_for 60 scraped "$1" "$2"
	local st=$?
	ok $st "Prometheus scraped ipctop --serve at $1 (up is 1)"
	[ $st -eq 0 ] || { sed 's/^/#   /' "$FX_TMP/$2.up.json" "$FX_TMP/prometheus.log" | tail -n 20; }
	echo "# $2 ($1):"
	fx_py check_openmetrics.py "$3" "$FX_TMP/$2.q.json" --api
	fx_py ../servers/check_prom_traffic.py "$2" "$4" "$FX_TMP/$2.t.json" "$5"
}
check_host "$LOC" local "$FX_MANIFEST" "$FX_TMP/tf.manifest" atleast
[ -n "$B_TARGET" ] && check_host "$B_TARGET" hostB "$FX_TMP/b-fx.manifest" "$FX_TMP/b-tf.manifest" exact
# The scrape counter as Prometheus stored it: increasing (a rate above 0) over its scrapes.
counting() {
	query "$FX_TMP/rate.json" "rate(ipctop_scrapes_total{instance=\"$LOC\"}[1m]) > 0" &&
		grep -q '"result":\[{' "$FX_TMP/rate.json"
}
poll_for 60 counting
st=$?
ok $st "Prometheus: rate(ipctop_scrapes_total[1m]) > 0"
[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/rate.json"
query "$FX_TMP/snaps.json" "ipctop_snapshots_total{instance=\"$LOC\"} >= 1 < ipctop_scrapes_total{instance=\"$LOC\"}" &&
	grep -q '"result":\[{' "$FX_TMP/snaps.json"
st=$?
ok $st "Prometheus: 1 <= ipctop_snapshots_total < ipctop_scrapes_total (scrapes within -d 600 reuse a snapshot)"
[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/snaps.json"

# A client that sends half a request and waits (until killed), then 50 scrapers.
"$PYTHON3" -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /metr")
print("sent", flush=True)
time.sleep(120)' "$PORT" >"$FX_TMP/slow.out" 2>&1 9>&- &
SLOW_PID=$!
poll_for 10 grep -q sent "$FX_TMP/slow.out"
ok $? "the slow client sent half a request"
i=0 burst=
while [ $i -lt 50 ]; do
	curl -s -o "$FX_TMP/burst.$i" -w '%{http_code}\n' --max-time 60 "$URL" >"$FX_TMP/code.$i" 2>&1 9>&- &
	burst="$burst $!"
	i=$((i + 1))
done
[ "$(http_code "$URL")" = 200 ]
ok $? "a scrape during the burst, with the half-sent request open, is answered"
# shellcheck disable=SC2086
wait $burst
whole=$(cat "$FX_TMP"/code.* | grep -c '^200$')
pages=$(for f in "$FX_TMP"/burst.*; do tail -n 1 "$f"; echo; done | grep -c '^# EOF$')
[ "$whole" -eq 50 ] && [ "$pages" -eq 50 ]
ok $? "all 50 concurrent scrapers got a whole page ($whole status 200, $pages ending in # EOF)"
stamp() { grep '^ipctop_snapshot_timestamp_seconds ' "$1"; }
[ -n "$(stamp "$FX_TMP/page.om")" ] && [ "$(stamp "$FX_TMP/page.om")" = "$(stamp "$FX_TMP/burst.49")" ]
ok $? "within -d every scrape got the first scrape's snapshot (same timestamp)"
[ "$(http_code "$URL")" = 200 ] && kill -0 "$SV_PID" && kill -0 "$SLOW_PID"
ok $? "the exporter still answers, the half-sent request still open"
kill -TERM "$SLOW_PID"; wait "$SLOW_PID" 2>/dev/null; SLOW_PID=
query "$FX_TMP/up2.json" "up{instance=\"$LOC\"}" && grep -q '"value":\[[0-9.]*,"1"\]' "$FX_TMP/up2.json"
ok $? "Prometheus's last scrape still succeeded"

kill -TERM "$PROM_PID"; wait "$PROM_PID"; PROM_PID=
kill -TERM "$SV_PID"; wait "$SV_PID"
st=$?
SV_PID=
ok $st "ipctop --serve exits 0 on SIGTERM (status $st)"
fx_stop_check fixture
kill -TERM "$TF_PID"; wait "$TF_PID"
st=$?
TF_PID=
ok $st "traffic_fixture stops cleanly (exit $st)"
if [ -n "$B_TARGET" ]; then
	b_if=$PH_IF b_unshare=$PH_UNSHARE
	ph_stop
	[ "$(cat "$FX_TMP/b-exit" 2>/dev/null)" = "0 0 0" ]
	ok $? "the second host's fixtures and ipctop --serve exit 0 on SIGTERM ($(cat "$FX_TMP/b-exit" 2>/dev/null))"
	! kill -0 "$b_unshare" 2>/dev/null && ! ip link show "$b_if" >/dev/null 2>&1 &&
		! ip -o addr show | grep -q " $PH_NET\."
	ok $? "the second host is gone: its namespaces' unshare, the veth pair, its addresses"
fi
tap_done
