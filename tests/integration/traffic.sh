#!/bin/sh
# traffic.sh — ipctop --json/--dot --interval against traffic_fixture: a paced TCP flood (the
# rate within 25% of what the sender measured itself) beside an idle connection (0 both ways,
# its byte counts per direction), a listener's backlog, a full pipe whose reader never reads
# and a full POSIX queue (measured as root; null as nobody), the drops of a UDP receiver that
# never reads and of a UNIX datagram one (against /proc/net/udp and ss -xam); the buffers
# the queues fill (against ss -m's rb and tb); as the caller, then as nobody.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
[ -x "$TESTS_BIN/fixture/traffic_fixture" ] || skip_all "traffic_fixture not built"

# run_suite WHO IPCTOP FIXTURE [PREFIX...]: fixture and ipctop run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3 priv=user
	shift 3
	[ "$(id -u)" -eq 0 ] && [ $# -eq 0 ] && priv=root
	fx_start "traffic-$who" "$@" "$fixture" --timeout 600
	local st=$?
	ok $st "traffic_fixture starts ($who)"
	[ $st -eq 0 ] || return
	"$@" "$ipctop" --json --interval 500 >"$FX_TMP/$who.json" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json --interval 500 exits 0 ($who)"
	"$@" "$ipctop" --dot --interval 500 >"$FX_TMP/$who.dot" 2>>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --dot --interval 500 exits 0 ($who)"
	sed 's/^/#   /' "$FX_TMP/$who.err"
	schema_ok "the --json --interval of $who is valid against the schema" "$FX_TMP/$who.json"
	cat /proc/net/udp >"$FX_TMP/$who.udp"   # the oracles of the drops, the fixture still up (its
	# --timeout 600: two whole-machine snapshots of the sanitizer build outlived 120 s once)
	ss -xam >"$FX_TMP/$who.ssx" 2>&1
	ss -tuame >"$FX_TMP/$who.ssi" 2>&1   # the oracle of the buffers: rb and tb of skmem
	fx_stop_check "traffic-$who"   # the fixture prints the sender's own measure as it stops
	fx_py check_traffic.py "$FX_MANIFEST" "$FX_TMP/$who.json" "$FX_TMP/$who.dot" "$priv" \
		"$FX_TMP/$who.udp" "$FX_TMP/$who.ssx" "$FX_TMP/$who.ssi"
	# shellcheck disable=SC2046
	fx_none_left "$who" 'fx-*' $(awk '$2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { print $2, $3 }' "$FX_MANIFEST")
}

fx_each_user_of traffic_fixture run_suite
tap_done
