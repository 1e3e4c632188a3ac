#!/bin/sh
# channels.sh — ipctop --json against ipc_fixture: every kind of channel found between exactly
# its two processes, nothing joining unrelated fixture processes; then the same as user nobody
# (when run as root), where other users' processes must be marked and never guessed.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

# run_suite WHO IPCTOP FIXTURE [PREFIX...]: fixture and ipctop both run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3
	shift 3
	if ! fx_start "fixture-$who" "$@" "$fixture"; then
		ok 1 "ipc_fixture starts ($who)"
		return
	fi
	ok 0 "ipc_fixture starts ($who)"
	"$@" "$ipctop" --json >"$FX_TMP/$who.json" 2>"$FX_TMP/$who.err" 9>&-
	local st=$?
	ok $st "ipctop --json exits 0 ($who)"
	[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/$who.err"
	local uid_arg=
	[ "$(id -u "$who")" -ne 0 ] && uid_arg=$(id -u "$who")
	fx_py check_channels.py "$FX_MANIFEST" "$FX_TMP/$who.json" $uid_arg
	schema_ok "the --json of $who is valid against the schema" "$FX_TMP/$who.json"
	fx_stop_check "fixture-$who"
	fx_py check_cleanup.py "$FX_MANIFEST"
}

run_suite "$(id -un)" "$IPCTOP" "$TESTS_BIN/fixture/ipc_fixture"
if fx_nobody_setup; then
	run_suite nobody "$FX_PRIV/ipctop" "$FX_PRIV/ipc_fixture" \
		env TMPDIR="$FX_PRIV/tmp" setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups
else
	skip "run as nobody: not root (the run above was already unprivileged)"
fi
tap_done
