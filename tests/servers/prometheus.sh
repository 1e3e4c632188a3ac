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
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/servers/servers_lib.sh"
. "$TESTS_SRC/integration/om_lib.sh"
fx_need
for tool in prometheus curl; do
	command -v $tool >/dev/null 2>&1 || ci_skip_all "$tool not installed (Debian packages prometheus, curl)"
done

SV_PID= PROM_PID= SLOW_PID=
sv_cleanup() {
	[ -n "$SLOW_PID" ] && kill -TERM "$SLOW_PID" 2>/dev/null && wait "$SLOW_PID" 2>/dev/null
	[ -n "$PROM_PID" ] && kill -TERM "$PROM_PID" 2>/dev/null && wait "$PROM_PID" 2>/dev/null
	[ -n "$SV_PID" ] && kill -TERM "$SV_PID" 2>/dev/null && wait "$SV_PID" 2>/dev/null
	srv_cleanup
}
trap 'sv_cleanup' EXIT

# poll_for SECONDS COMMAND...: run COMMAND every 0.2 s until it succeeds or SECONDS of the
# clock have passed (a bound for a loaded machine, not a timing assertion).
poll_for() {
	local end=$(($(date +%s) + $1))
	shift
	while ! "$@"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.2
	done
}

http_code() {   # http_code [CURL ARGS...] URL
	curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$@"
}

if ! fx_start fixture "$TESTS_BIN/fixture/ipc_fixture"; then
	ok 1 "ipc_fixture starts"
	tap_done
	exit
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
	      - targets: ['127.0.0.1:$PORT']
YML
prometheus --config.file="$FX_TMP/prometheus.yml" --storage.tsdb.path="$FX_TMP/tsdb" \
	--web.listen-address="127.0.0.1:$PROM_PORT" >"$FX_TMP/prometheus.log" 2>&1 9>&- &
PROM_PID=$!
API=http://127.0.0.1:$PROM_PORT/api/v1/query

# query FILE PROMQL: the API's answer to an instant query, in FILE.
query() {
	curl -s --max-time 5 -o "$1" --data-urlencode "query=$2" "$API"
}
scraped() {
	query "$FX_TMP/up.json" 'up{job="ipctop"}' &&
		grep -q '"value":\[[0-9.]*,"1"\]' "$FX_TMP/up.json" &&
		query "$FX_TMP/q.json" '{__name__=~"ipctop_process_channels|ipctop_channels|ipctop_pair_channels"}' &&
		grep -q '"ipctop_process_channels"' "$FX_TMP/q.json" &&
		grep -q '"ipctop_pair_channels"' "$FX_TMP/q.json"
}
poll_for 60 scraped
ok $? "Prometheus scraped ipctop --serve (up is 1)"
[ $? -eq 0 ] || { sed 's/^/#   /' "$FX_TMP/up.json" "$FX_TMP/prometheus.log" | tail -n 20; }
fx_py check_openmetrics.py "$FX_MANIFEST" "$FX_TMP/q.json" --api
# The scrape counter as Prometheus stored it: increasing (a rate above 0) over its scrapes.
counting() {
	query "$FX_TMP/rate.json" 'rate(ipctop_scrapes_total{job="ipctop"}[1m]) > 0' &&
		grep -q '"result":\[{' "$FX_TMP/rate.json"
}
poll_for 60 counting
st=$?
ok $st "Prometheus: rate(ipctop_scrapes_total[1m]) > 0"
[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/rate.json"
query "$FX_TMP/snaps.json" 'ipctop_snapshots_total{job="ipctop"} >= 1 < ipctop_scrapes_total{job="ipctop"}' &&
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
query "$FX_TMP/up2.json" 'up{job="ipctop"}' && grep -q '"value":\[[0-9.]*,"1"\]' "$FX_TMP/up2.json"
ok $? "Prometheus's last scrape still succeeded"

kill -TERM "$PROM_PID"; wait "$PROM_PID"; PROM_PID=
kill -TERM "$SV_PID"; wait "$SV_PID"
st=$?
SV_PID=
ok $st "ipctop --serve exits 0 on SIGTERM (status $st)"
fx_stop_check fixture
tap_done
