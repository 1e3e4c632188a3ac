#!/bin/sh
# inet.sh — ipctop --json against inet_fixture (TCP/UDP of real servers: a UDP client of a
# bound server, CLOSE_WAIT, a TIME_WAIT orphan, a connection not accepted yet, a listener
# shared by forked workers, a socket passed with SCM_RIGHTS), checked against the fixture's
# record and against `ss -tanpe` / `ss -uanpe`; as the caller, then as nobody (when root).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
command -v ss >/dev/null 2>&1 || skip_all "ss (iproute2) not found"
[ -x "$TESTS_BIN/fixture/inet_fixture" ] || skip_all "inet_fixture not built"

# run_suite WHO IPCTOP FIXTURE [PREFIX...]: fixture, ipctop and ss all run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3
	shift 3
	fx_start "inet-$who" "$@" "$fixture"
	local st=$?
	ok $st "inet_fixture starts ($who)"
	[ $st -eq 0 ] || return
	local snd
	snd=$(sed -n 's/^udp .* udp-snd=\([0-9]*\) .*/\1/p' "$FX_MANIFEST")
	# ss first: the TIME-WAIT orphan lasts 60 s, and two whole-machine snapshots beside CI's
	# 10000-process tests seem to have taken longer than that once (ss listed no orphan)
	"$@" ss -tanpe >"$FX_TMP/$who.tcp" 9>&-
	"$@" ss -uanpe >"$FX_TMP/$who.udp" 9>&-
	"$@" "$ipctop" --json >"$FX_TMP/$who.json" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json exits 0 ($who)"
	"$@" "$ipctop" --json -p "${snd:-1}" >"$FX_TMP/$who-p.json" 2>>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json -p exits 0 ($who)"
	schema_ok "both JSON documents are valid against the schema ($who)" "$FX_TMP/$who.json" "$FX_TMP/$who-p.json"
	sed 's/^/#   /' "$FX_TMP/$who.err"
	fx_py check_inet.py "$FX_MANIFEST" "$FX_TMP/$who.json" "$FX_TMP/$who-p.json" \
		"$FX_TMP/$who.tcp" "$FX_TMP/$who.udp"
	fx_stop_check "inet-$who"
	# every process of the record (parent, ROLE=PID, the workers' wrk=PID,PID) is gone
	local pids
	pids="$(sed -n 's/^parent //p' "$FX_MANIFEST") $(tr ' ' '\n' <"$FX_MANIFEST" |
		grep -E '^([a-z]+-[a-z]+|closewait|timewait|wrk)=' | cut -d= -f2 | tr ',' ' ')"
	# shellcheck disable=SC2086
	fx_none_left "$who" 'fi-*|inet_fixture' $pids
}

fx_each_user_of inet_fixture run_suite
tap_done
