#!/bin/sh
# channels.sh — ipctop --json against ipc_fixture's own record: every kind of channel found
# between exactly its two processes with the identity, access and role each child recorded,
# nothing else held by a fixture child, nothing joining unrelated fixture processes; then the
# same as user nobody (when run as root), where other users' processes must be marked and
# never guessed. As root the fixture also connects to a TCP peer off the host (a network
# namespace made here, see offhost_lib.sh); under CI=true a failure to set that up fails.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
. "$TESTS_SRC/integration/offhost_lib.sh"
fx_need

if oh_setup; then
	ok 0 "off-host peer at $OH_PEER in network namespace $OH_NS"
elif [ "$CI" = true ] && [ "$(id -u)" -eq 0 ]; then
	ok 1 "off-host peer set up (CI=true, root): $OH_WHY"
else
	skip "off-host TCP peer: $OH_WHY"
fi

# run_suite WHO IPCTOP FIXTURE [PREFIX...]: fixture and ipctop both run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3
	shift 3
	if ! fx_start "fixture-$who" "$@" "$fixture" ${OH_PEER:+--offhost "$OH_PEER"}; then
		ok 1 "ipc_fixture starts ($who)"
		return
	fi
	ok 0 "ipc_fixture starts ($who)"
	if [ -n "$OH_PEER" ]; then
		grep -q ' variant=offhost ' "$FX_MANIFEST"
		ok $? "the fixture connected to the off-host peer ($who)"
	fi
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

fx_each_user run_suite
tap_done
