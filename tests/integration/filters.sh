#!/bin/sh
# filters.sh — -u, -p and --kind on --json and --dot: two fixtures of two users (this one, and
# nobody when run as root) hold one pair of every kind; ipctop, run as this user and as nobody,
# must list exactly the processes of the user asked for (the kernel's euid, /proc/PID/status),
# keep only channels with an end among them, only the kinds asked for, and the -p selection;
# bad values exit 2 with a message and write nothing. Every JSON is held to the schema.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

py() { PYTHONDONTWRITEBYTECODE=1 "$PYTHON3" "$TESTS_SRC/integration/check_filters.py" "$@"; }
field() { awk -v k="$2" -v n="$3" '$1 == k { print $n; exit }' "$1"; }

# --- bad values: exit 2, a message naming the value, nothing on stdout ---
bad_value() {
	for mode in --json --dot; do
		"$IPCTOP" $mode "$@" >"$FX_TMP/bad.out" 2>"$FX_TMP/bad.err" 9>&-
		st=$?
		[ $st -eq 2 ] && [ ! -s "$FX_TMP/bad.out" ] && grep -q "^ipctop: .*$want" "$FX_TMP/bad.err"
		ok $? "$mode $*: exit 2 ($st), nothing written, the error names '$want'"
	done
}
want=carrier_pigeon bad_value --kind carrier_pigeon
want="empty kind" bad_value --kind pipe,,unix
want="empty kind" bad_value --kind ""
want="empty pid" bad_value -p 1,,2
want="empty pid" bad_value -p 1,
want="invalid pid '0'" bad_value -p 0
want="invalid pid '2x'" bad_value -p 1,2x
want="unknown user 'no-such-user-ipctop'" bad_value -u no-such-user-ipctop
want="unknown user '12x'" bad_value -u 12x

# --- the fixtures: this user's, and nobody's when root ---
fx_start fixture "$TESTS_BIN/fixture/ipc_fixture" || { ok 1 "ipc_fixture starts"; tap_done; exit; }
ok 0 "ipc_fixture starts ($(id -un))"
me=$(id -u)
fixtures="$me $FX_MANIFEST"
other_pid=
if fx_nobody_setup; then
	nobody=$(id -u nobody)
	m2=$FX_TMP/nobody.manifest
	mkfifo "$FX_TMP/ctl2"
	env TMPDIR="$FX_PRIV/tmp" setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups \
		"$FX_PRIV/ipc_fixture" <"$FX_TMP/ctl2" >"$m2" 2>"$FX_TMP/nobody.stderr" 9>&- &
	other_pid=$!
	exec 8>"$FX_TMP/ctl2"
	tries=0
	while ! grep -q '^ready$' "$m2" 2>/dev/null && kill -0 $other_pid 2>/dev/null && [ $tries -lt 600 ]; do
		tries=$((tries + 1))
		sleep 0.1
	done
	grep -q '^ready$' "$m2"
	ok $? "ipc_fixture starts (nobody)"
	fixtures="$fixtures $nobody $m2"
fi

# run_as WHO IPCTOP [PREFIX...]: every filtered output of ipctop run by WHO into $FX_TMP/WHO,
# then the checks. The -p and --kind runs take the fixture WHO can see.
run_as() {
	who=$1 bin=$2
	shift 2
	d=$FX_TMP/$who
	mkdir -p "$d"
	set -- $fixtures
	seen=$2 other=${4:-}
	[ "$who" = nobody ] && [ -n "$other" ] && { seen=$4 other=$2; }
	for uid in $(echo $fixtures | awk '{ for (i = 1; i <= NF; i += 2) print $i }'); do
		py snap "$d/u$uid.before"
		$runner "$bin" --json -u "$uid" >"$d/u$uid.json" 2>"$d/err" 9>&- 8>&-
		ok $? "$who: --json -u $uid exits 0"
		$runner "$bin" --dot -u "$uid" >"$d/u$uid.dot" 2>"$d/err" 9>&- 8>&-
		ok $? "$who: --dot -u $uid exits 0"
		py snap "$d/u$uid.after"
	done
	$runner "$bin" --json --kind pipe,unix >"$d/kind.json" 2>"$d/err" 9>&- 8>&-
	ok $? "$who: --json --kind pipe,unix exits 0"
	$runner "$bin" --dot --kind pipe >"$d/kind.dot" 2>"$d/err" 9>&- 8>&-
	ok $? "$who: --dot --kind pipe exits 0"
	a=$(field "$seen" pipe 2) b=$(field "$seen" unix 2)
	$runner "$bin" --json -p "$a,$b" >"$d/p.json" 2>"$d/err" 9>&- 8>&-
	ok $? "$who: --json -p $a,$b exits 0"
	if [ -n "$other" ]; then
		uid=$(echo $fixtures | awk -v m="$seen" '{ for (i = 2; i <= NF; i += 2) if ($i == m) print $(i - 1) }')
		$runner "$bin" --json -p "$a,$(field "$other" pipe 2)" -u "$uid" >"$d/pu.json" 2>"$d/err" 9>&- 8>&-
		ok $? "$who: --json -p with a process of each user, -u $uid, exits 0"
	fi
	fx_py check_filters.py check "$d" "$(id -u "$who")" $fixtures
	schema_ok "$who: every filtered --json is valid against the schema" "$d"/*.json
}

runner= run_as "$(id -un)" "$IPCTOP"
if [ -n "$other_pid" ]; then
	runner="setpriv --reuid=nobody --regid=$FX_NOBODY_GROUP --clear-groups" \
		run_as nobody "$FX_PRIV/ipctop"
	exec 8>&-
	wait $other_pid
	ok $? "nobody's ipc_fixture stops cleanly on EOF"
else
	skip "as nobody: not root (the run above was already unprivileged)"
fi
fx_stop_check fixture
fx_py check_cleanup.py "$FX_MANIFEST"
tap_done
