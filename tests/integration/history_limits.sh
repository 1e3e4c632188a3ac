#!/bin/sh
# history_limits.sh — --record-max-size and --record-keep while ipc_fixture runs. The cap is
# twice the size of a one-sample recording made first: while samples go on,
# the oldest are dropped (the first sample id passes 1), the database file never grows past
# the cap at any poll (history_limits.py), and both the newest and the oldest sample left
# replay with the fixture's parent (pid and /proc start time; it started before the recording,
# so the oldest sample holds it only if its life was moved onto that sample). --record-keep 1
# keeps at most a second between the first and last sample, and its oldest sample replays with
# the parent too. Bad values are refused. As this user, then as nobody. In a PID namespace of
# its own: on the whole machine a later sample could outgrow the first by more than the cap's
# slack (CI's 10000-process tests come and go), and the file then rightly passes the cap.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/pidns_lib.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
lim() { "$PYTHON3" "$TESTS_SRC/integration/history_limits.py" "$@"; }

# replays_parent WHO IPCTOP FILE TIME WHAT [PREFIX...]: --replay --at TIME --json has the
# fixture's parent with its start time
replays_parent() {
	local who=$1 ipctop=$2 file=$3 at=$4 what=$5
	shift 5
	"$@" "$ipctop" --replay "$file" --at "$at" --json >"$FX_TMP/replay-$who.json" 2>"$FX_TMP/replay.err"
	"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if any(p["pid"] == int(sys.argv[2]) and p.get("start_ticks") == int(sys.argv[3])
                  for p in d["processes"]) else 1)' "$FX_TMP/replay-$who.json" "$parent" "$pstart"
	ok $? "the $what sample replays with the fixture's parent $parent ($who)"
}

# record WHO IPCTOP FILE ARGS -- PREFIX...: a recorder in the background (rec_pid)
record() {
	local who=$1 ipctop=$2 file=$3 args=$4
	shift 5
	"$@" "$ipctop" --record "$file" $args 2>"$FX_TMP/rec-$who.err" 9>&- &
	rec_pid=$!
}

# stop_recorder WHO FILE: SIGINT to the recorder; on a failure its errors and who owns what in
# FILE's directory (CI once saw "attempt to write a readonly database" as nobody)
stop_recorder() {
	kill -INT "$rec_pid"
	wait "$rec_pid"
	ok $? "the recorder exits 0 on SIGINT ($1)" ||
		{ sed 's/^/#   /' "$FX_TMP/rec-$1.err"; ls -la "${2%/*}" | sed 's/^/#   /'; }
	rec_pid=
}

run_suite() {
	local who=$1 ipctop=$2 fixture=$3 dir=$FX_TMP
	shift 3
	[ $# -gt 0 ] && dir=$FX_PRIV/tmp
	if ! fx_start "fixture-$who" "$@" "$fixture"; then
		ok 1 "ipc_fixture starts ($who)"
		return
	fi
	parent=$(awk '$1 == "parent" { print $2 }' "$FX_MANIFEST")
	pstart=$(hdb starts "$parent" | cut -d' ' -f2)

	local one=$dir/one-$who-$$.db cap=$dir/cap-$who-$$.db keep=$dir/keep-$who-$$.db
	record "$who" "$ipctop" "$one" "-d 1" -- "$@"
	hdb wait "$one" 1 0
	if ! stop_recorder "$who" "$one" || [ ! -s "$one" ]; then
		echo "# no one-sample recording: the rest of the $who suite cannot run"
		fx_stop_check "fixture-$who"
		return
	fi
	local size=$(stat -c %s "$one") watched
	local max=$((size * 2 / 1024))K
	record "$who" "$ipctop" "$cap" "-d 1 --record-max-size $max" -- "$@"
	watched=$(lim watch "$cap" 3)
	ok $? "--record-max-size $max (a sample: $size bytes): the oldest samples are dropped while samples go on ($who)"
	stop_recorder "$who" "$cap"
	set -- ${watched:-- - -} "$@"   # (three words even when the watch said nothing)
	local biggest=$1 first=$2 last=$3
	shift 3
	[ "$biggest" != - ] && [ "$biggest" -le $((${max%K} * 1024)) ] && [ "$(stat -c %s "$cap")" -le $((${max%K} * 1024)) ]
	ok $? "...the file stayed under $max at every poll (up to ${biggest:-?} bytes) and after ($(stat -c %s "$cap")) ($who)"
	set -- $(lim span "$cap" || echo - - - -) "$@"
	local t0=$3 t1=$4
	shift 4
	replays_parent "$who" "$ipctop" "$cap" "$t1" newest "$@"
	replays_parent "$who" "$ipctop" "$cap" "$t0" "oldest kept" "$@"

	record "$who" "$ipctop" "$keep" "-d 2 --record-keep 1" -- "$@"
	lim watch "$keep" 3 >/dev/null
	ok $? "--record-keep 1: the oldest samples are dropped while samples go on ($who)"
	stop_recorder "$who" "$keep"
	set -- $(lim span "$keep" || echo - - - -) "$@"
	t0=$3 t1=$4
	shift 4
	awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a <= 1.0) }'
	ok $? "...its samples span at most a second ($t0 .. $t1) ($who)"
	replays_parent "$who" "$ipctop" "$keep" "$t0" "oldest kept" "$@"

	fx_stop_check "fixture-$who"
	rm -f "$one" "$cap" "$keep" "$one"-* "$cap"-* "$keep"-*
}

fx_each_user run_suite

T=$FX_TMP
refuses_in "$T" 2 "invalid --record-keep '0'" "--record-keep 0 is refused" -- --record "$T/x.db" --record-keep 0
refuses_in "$T" 2 "invalid --record-keep '5x'" "--record-keep 5x is refused" -- --record "$T/x.db" --record-keep 5x
refuses_in "$T" 2 "invalid --record-max-size '1K'" "--record-max-size below 64K is refused" -- --record "$T/x.db" --record-max-size 1K
refuses_in "$T" 2 "apply to --record only" "--record-max-size without --record is refused" -- --json --record-max-size 1M
[ ! -e "$T/x.db" ]
ok $? "no file was made"
tap_done
