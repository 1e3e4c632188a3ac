#!/bin/sh
# openmetrics.sh — `ipctop --openmetrics`: promtool (Prometheus's own linter) accepts the output
# of the real machine and of the hand-built snapshot with hostile names, and with
# --metrics-pids the channel counts of ipc_fixture's children are what the fixture recorded;
# as this user and (when root) as nobody. No promtool: a skip, a failure under CI=true.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

PROMTOOL=$(command -v promtool)

# promtool_ok DESC FILE: promtool check metrics accepts FILE (a skip when there is no promtool).
promtool_ok() {
	if [ -z "$PROMTOOL" ]; then
		ci_skip "$1: promtool not installed (Debian package prometheus)"
		return
	fi
	"$PROMTOOL" check metrics <"$2" >"$FX_TMP/promtool.out" 2>&1 &&
		grep -q '^ipctop_channels{' "$2"   # an empty input would pass promtool
	ok $? "$1"
	sed 's/^/#   /' "$FX_TMP/promtool.out"
}

"$TESTS_BIN/unit/test_export_openmetrics" --dump --pids >"$FX_TMP/hand.om"
promtool_ok "promtool accepts the hand-built snapshot's metrics (hostile names, --metrics-pids)" \
	"$FX_TMP/hand.om"

run_suite() {
	local who=$1 ipctop=$2 fixture=$3
	shift 3
	if ! fx_start "fixture-$who" "$@" "$fixture"; then
		ok 1 "ipc_fixture starts ($who)"
		return
	fi
	ok 0 "ipc_fixture starts ($who)"
	"$@" "$ipctop" --openmetrics --metrics-pids >"$FX_TMP/$who.om" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --openmetrics --metrics-pids exits 0 ($who)"
	tail -n 1 "$FX_TMP/$who.om" | grep -qx '# EOF'
	ok $? "the output ends with # EOF ($who)"
	promtool_ok "promtool accepts the --metrics-pids output ($who)" "$FX_TMP/$who.om"
	fx_py check_openmetrics.py "$FX_MANIFEST" "$FX_TMP/$who.om"
	"$@" "$ipctop" --openmetrics >"$FX_TMP/$who-plain.om" 2>"$FX_TMP/$who.err" 9>&-
	! grep -q 'pid=' "$FX_TMP/$who-plain.om"
	ok $? "no pid labels without --metrics-pids ($who)"
	promtool_ok "promtool accepts the plain output ($who)" "$FX_TMP/$who-plain.om"
	fx_stop_check "fixture-$who"
}

fx_each_user run_suite
tap_done
