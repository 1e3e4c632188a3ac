#!/bin/sh
# oracles.sh — ipctop's pairs against tools that are not ipctop, on one ipc_fixture load:
# `lsof -n -P +E` and `ss -anp` / `ss -xp` are read while the fixture runs, right after
# `ipctop --json`, and check_oracles.py folds their descriptors to processes the way each tool
# documents it and compares the pairs; each known disagreement is asserted as the oracle's
# error. Then the same as user nobody (when run as root). lsof and ss are test dependencies
# (tools/deps.sh): missing, the test is skipped, or fails under CI=true.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
for tool in lsof ss; do
	if ! command -v $tool >/dev/null 2>&1; then
		[ "$CI" = true ] && { ok 1 "$tool is installed (CI=true)"; tap_done; exit; }
		skip_all "$tool not found (tools/deps.sh installs it)"
	fi
done

# run_suite WHO IPCTOP FIXTURE [PREFIX...]: fixture, ipctop, lsof and ss all run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3 pids
	shift 3
	if ! fx_start "fixture-$who" "$@" "$fixture"; then
		ok 1 "ipc_fixture starts ($who)"
		return
	fi
	ok 0 "ipc_fixture starts ($who)"
	"$@" "$ipctop" --json >"$FX_TMP/$who.json" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json exits 0 ($who)"
	schema_ok "the JSON is valid against the schema ($who)" "$FX_TMP/$who.json"
	pids=$(awk '$2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { print $2; if ($3 > 0) print $3 }' "$FX_MANIFEST" |
		paste -sd, -)
	# lsof exits 1 when some of its selections found nothing; its output is what counts
	"$@" lsof -n -P +E -F pcfatDin -p "$pids" >"$FX_TMP/$who.lsof" 2>"$FX_TMP/$who.lsof.err" 9>&-
	"$@" ss -Hanp >"$FX_TMP/$who.ss" 2>"$FX_TMP/$who.ss.err" 9>&-
	ok $? "ss -anp exits 0 ($who)"
	"$@" ss -Hxp >"$FX_TMP/$who.ssx" 2>>"$FX_TMP/$who.ss.err" 9>&-
	ok $? "ss -xp exits 0 ($who)"
	fx_py check_oracles.py "$FX_MANIFEST" "$FX_TMP/$who.json" "$FX_TMP/$who.lsof" \
		"$FX_TMP/$who.ss" "$FX_TMP/$who.ssx"
	fx_stop_check "fixture-$who"
	fx_py check_cleanup.py "$FX_MANIFEST"
}

fx_each_user run_suite
tap_done
