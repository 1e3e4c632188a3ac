#!/bin/sh
# history_record.sh — ipctop --record at -d 2 while ipc_fixture starts, holds one channel of
# every kind and ends; then --replay --at a time before, during and after, checked against the
# fixture's own record (check_history.py); the recorder stops cleanly on SIGINT, the file is
# mode 0600 and its owner's; the man page's SQL example finds the TCP client that connected to
# the fixture's port while it ran, and nobody before. As this user, then as nobody.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

now() { date +%s.%N | cut -c1-14; }   # epoch seconds with 3 decimals
hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }

# run_suite WHO IPCTOP FIXTURE [PREFIX...]
run_suite() {
	local who=$1 ipctop=$2 fixture=$3 dir=$FX_TMP
	shift 3
	[ $# -gt 0 ] && dir=$FX_PRIV/tmp
	local rec=$dir/rec-$who-$$.db
	"$@" "$ipctop" --record "$rec" -d 2 2>"$FX_TMP/rec-$who.err" 9>&- &
	local rec_pid=$!
	hdb wait "$rec" 1 0
	ok $? "the recorder writes a first sample ($who)"
	local t0 t1 t2 t3 t4
	t0=$(now)
	if ! fx_start "fixture-$who" "$@" "$fixture"; then
		ok 1 "ipc_fixture starts ($who)"
		kill -INT "$rec_pid"
		wait "$rec_pid"
		return
	fi
	ok 0 "ipc_fixture starts ($who)"
	awk '$1 == "parent" || $1 == "bystander" { print $2 } NF > 2 && $2 ~ /^[0-9]+$/ { print $2; if ($3 != 0) print $3 }' \
		"$FX_MANIFEST" | sort -un >"$FX_TMP/pids-$who"
	hdb starts $(cat "$FX_TMP/pids-$who") >"$FX_TMP/starts-$who"
	ok $? "start times of the fixture's processes read from /proc ($who)"
	t1=$(now)
	hdb wait "$rec" 2 "$t1"
	ok $? "two samples taken while the fixture runs ($who)"
	t2=$(now)
	hdb switches $(cat "$FX_TMP/pids-$who") >"$FX_TMP/switches-$who"
	ok $? "context switches of the fixture's processes read from /proc after the sample ($who)"
	fx_stop_check "fixture-$who"
	t3=$(now)
	hdb wait "$rec" 2 "$t3"
	ok $? "two samples taken after the fixture ended ($who)"
	t4=$(now)
	kill -INT "$rec_pid"
	wait "$rec_pid"
	local st=$?
	ok $st "the recorder exits 0 on SIGINT ($who)"
	[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/rec-$who.err"
	[ ! -e "$rec-wal" ]
	ok $? "the recording was closed cleanly: no -wal file left ($who)"
	local want_owner
	want_owner=$(id -un "$who")
	[ "$(stat -c '%a %U' "$rec")" = "600 $want_owner" ]
	ok $? "the recording has mode 600 and belongs to $who ($(stat -c '%a %U' "$rec"))"

	local at name bad=0
	for at in "before $t0" "during $t2" "after $t4"; do
		name=${at%% *}
		"$@" "$ipctop" --replay "$rec" --at "${at#* }" --json >"$FX_TMP/$name-$who.json" \
			2>"$FX_TMP/replay.err" || { bad=1; sed 's/^/#   /' "$FX_TMP/replay.err"; }
	done
	ok $bad "--replay --at before, during and after exit 0 ($who)"
	fx_py check_history.py "$FX_MANIFEST" "$FX_TMP/starts-$who" "$FX_TMP/switches-$who" \
		"$FX_TMP/before-$who.json" "$FX_TMP/during-$who.json" "$FX_TMP/after-$who.json"
	schema_ok "the replayed --json validates against the schema ($who)" "$FX_TMP/during-$who.json"

	local tcp port client
	tcp=$(grep '^tcp .* variant=v4 ' "$FX_MANIFEST")
	port=$(printf '%s\n' "$tcp" | sed -n 's/.* porta=\([0-9]*\).*/\1/p')
	client=$(printf '%s\n' "$tcp" | cut -d' ' -f3)
	hdb query "$TESTS_SRC/../man/ipctop.1" "$rec" "$t1" "$t2" "$port" >"$FX_TMP/q-$who" 2>&1
	[ "$(cat "$FX_TMP/q-$who")" = "$client" ]
	ok $? "the man page's query: the client (pid $client) connected to port $port ($who)"
	if [ "$(cat "$FX_TMP/q-$who")" != "$client" ]; then
		echo "#   found: $(cat "$FX_TMP/q-$who"); window $t1 - $t2; the endpoints at port $port:"
		hdb endpoints "$rec" "$port" 2>&1 | sed 's/^/#   /'
	fi
	# the query's times are whole seconds (its end rounded up): the window ends a second
	# before t0, when the fixture had not started
	hdb query "$TESTS_SRC/../man/ipctop.1" "$rec" 0 "$(awk -v t="$t0" 'BEGIN { printf "%.3f", t - 1 }')" \
		"$port" >"$FX_TMP/q-$who" 2>&1
	[ ! -s "$FX_TMP/q-$who" ]
	ok $? "the man page's query: no one connected to port $port before the fixture ($who)"

	"$@" "$ipctop" --replay "$rec" --at "$t2" --dot >"$FX_TMP/during-$who.dot" 2>"$FX_TMP/replay.err"
	st=$?
	grep -q "$client" "$FX_TMP/during-$who.dot"
	ok $((st + $?)) "--replay --dot during names the TCP client $client ($who)"
	rm -f "$rec" "$rec-wal" "$rec-shm"
}

fx_each_user run_suite
tap_done
