#!/bin/sh
# share.sh — ipctop --json and --dot against share_fixture: the shared anonymous region is one
# anon_shm channel of all its mappers (address, size, access as /proc/PID/maps says), and the
# writer-only pipe is one-ended and joins nobody; as the running user, then as nobody.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
[ -x "$TESTS_BIN/fixture/share_fixture" ] || skip_all "share_fixture not built"

# run_suite WHO IPCTOP FIXTURE [PREFIX...]: fixture and ipctop both run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3
	shift 3
	if ! fx_start "share-$who" "$@" "$fixture" 3; then
		ok 1 "share_fixture starts ($who)"
		return
	fi
	ok 0 "share_fixture starts ($who)"
	"$@" "$ipctop" --json >"$FX_TMP/$who.json" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json exits 0 ($who)"
	schema_ok "the JSON is valid against the schema ($who)" "$FX_TMP/$who.json"
	"$@" "$ipctop" --dot >"$FX_TMP/$who.dot" 2>>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --dot exits 0 ($who)"
	fx_py check_share.py "$FX_MANIFEST" "$FX_TMP/$who.json" "$FX_TMP/$who.dot"
	fx_stop_check "share-$who"
}

run_suite "$(id -un)" "$IPCTOP" "$TESTS_BIN/fixture/share_fixture"
if fx_nobody_setup && cp "$TESTS_BIN/fixture/share_fixture" "$FX_PRIV/" &&
   chmod 755 "$FX_PRIV/share_fixture"; then
	run_suite nobody "$FX_PRIV/ipctop" "$FX_PRIV/share_fixture" \
		setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups
else
	skip "run as nobody: not root (the run above was already unprivileged)"
fi
tap_done
