#!/bin/sh
# anon.sh — ipctop --json -p against anon_fixture: eventfd, timerfd, signalfd, inotify, epoll
# and pidfd decoded from fdinfo as the fixture made them (check_anon.py), and the output valid
# against the schema; as the running user, then as nobody (ipctop reading its own user's
# process).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
[ -x "$TESTS_BIN/fixture/anon_fixture" ] || skip_all "anon_fixture not built"

# run_suite WHO IPCTOP FIXTURE DIR [PREFIX...]: fixture and ipctop both run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3 dir=$4
	shift 4
	mkdir -p "$dir" && chmod 777 "$dir"
	if ! fx_start "anon-$who" "$@" "$fixture" "$dir"; then
		ok 1 "anon_fixture starts ($who)"
		return
	fi
	ok 0 "anon_fixture starts ($who)"
	local pid
	pid=$(awk '$1 == "self" { sub("pid=", "", $2); print $2 }' "$FX_MANIFEST")
	"$@" "$ipctop" --json -p "$pid" >"$FX_TMP/$who.json" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json -p exits 0 ($who)"
	schema_ok "the JSON is valid against the schema ($who)" "$FX_TMP/$who.json"
	fx_py check_anon.py "$FX_MANIFEST" "$FX_TMP/$who.json"
	fx_stop_check "anon-$who"
}

run_suite "$(id -un)" "$IPCTOP" "$TESTS_BIN/fixture/anon_fixture" "$FX_TMP/w"
if fx_nobody_setup && cp "$TESTS_BIN/fixture/anon_fixture" "$FX_PRIV/" &&
   chmod 755 "$FX_PRIV/anon_fixture"; then
	run_suite nobody "$FX_PRIV/ipctop" "$FX_PRIV/anon_fixture" "$FX_PRIV/tmp/w" \
		setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups
else
	skip "run as nobody: not root (the run above was already unprivileged)"
fi
tap_done
