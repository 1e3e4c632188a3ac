#!/bin/sh
# detail.sh — `ipctop --json -p PID` for several ipc_fixture children: full detail (maps, fds,
# sched, signals) for PID only, its peer without detail, and only PID's channels; with a PID
# that has exited besides a live one, the live one and a note; with only gone ones, exit 1.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

# pid_of KIND VARIANT SIDE: the pid of side a or b of a manifest channel.
pid_of() {
	awk -v k="$1" -v v="$2" -v s="$3" \
		'$1 == k && (v == "" || $4 == "variant=" v) { print (s == "a") ? $2 : $3; exit }' \
		"$FX_MANIFEST"
}

fx_start fixture "$TESTS_BIN/fixture/ipc_fixture" || { ok 1 "ipc_fixture starts"; tap_done; exit; }
ok 0 "ipc_fixture starts"
for spec in pipe:a pipe:b unix/stream:a memfd:b posix_shm:a pty:b posix_mq:b; do
	chan=${spec%:*} side=${spec#*:}
	pid=$(pid_of "${chan%%/*}" "$(echo "$chan" | sed -n 's|.*/||p')" "$side")
	if [ -z "$pid" ]; then
		skip "$spec: not in the manifest"
		continue
	fi
	"$IPCTOP" --json -p "$pid" >"$FX_TMP/detail.json" 2>"$FX_TMP/detail.err" 9>&-
	st=$?
	ok $st "ipctop --json -p $pid exits 0 ($spec)"
	[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/detail.err"
	fx_py check_detail.py "$FX_MANIFEST" "$FX_TMP/detail.json" "$chan" "$side"
	[ $st -eq 0 ] && cp "$FX_TMP/detail.json" "$FX_TMP/detail-$pid.json"
done
schema_ok "every --json -p output is valid against the schema" "$FX_TMP"/detail-*.json

# -p with a process that has exited (a child of this shell, reaped: its pid names no process):
# the live one is written in full with a note on the other, exit 0; only gone ones: exit 1.
sh -c 'exit 0' &
gone=$!
wait "$gone"
live=$(pid_of pipe "" a)
"$IPCTOP" --json -p "$live,$gone" >"$FX_TMP/gone.json" 2>"$FX_TMP/gone.err" 9>&-
st_json=$?
"$IPCTOP" --dot -p "$live,$gone" >"$FX_TMP/gone.dot" 2>"$FX_TMP/gone_dot.err" 9>&-
st_dot=$?
"$IPCTOP" --json -p "$gone" >"$FX_TMP/none.json" 2>"$FX_TMP/none.err" 9>&-
st_none=$?
"$IPCTOP" --dot -p "$gone" >"$FX_TMP/none.dot" 2>"$FX_TMP/none_dot.err" 9>&-
st_none_dot=$?
if [ -e "/proc/$gone" ]; then
	skip "pid $gone was taken again meanwhile: no test of a missing -p process"
else
	ok $st_json "--json -p $live,$gone ($gone has exited) exits 0"
	out=$("$PYTHON3" -c '
import json, sys
doc = json.load(open(sys.argv[1]))
live, gone = int(sys.argv[2]), int(sys.argv[3])
procs = {p["pid"]: p for p in doc["processes"]}
want = "process %d not found (exited?)" % gone
if "detail" not in procs.get(live, {}):
    print("process %d missing or without detail" % live)
if gone in procs:
    print("process %d listed" % gone)
if doc["notes"].count(want) != 1:
    print("notes %r lack %r once" % (doc["notes"], want))
' "$FX_TMP/gone.json" "$live" "$gone" 2>&1)
	[ -z "$out" ]
	ok $? "the live process in full detail, a note on $gone"
	[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'
	schema_ok "--json -p $live,$gone is valid against the schema" "$FX_TMP/gone.json"
	grep -q "process $gone not found" "$FX_TMP/gone.err"
	ok $? "standard error names $gone"
	[ $st_dot -eq 0 ] && grep -q "^  p$live " "$FX_TMP/gone.dot"
	ok $? "--dot -p $live,$gone exits 0 and draws $live"
	[ $st_none -eq 1 ] && [ ! -s "$FX_TMP/none.json" ] && grep -q "none of the processes" "$FX_TMP/none.err"
	ok $? "--json -p $gone alone: exit 1 ($st_none), nothing written, an error"
	[ $st_none_dot -eq 1 ] && [ ! -s "$FX_TMP/none.dot" ]
	ok $? "--dot -p $gone alone: exit 1 ($st_none_dot), nothing written"
fi
fx_stop_check fixture eof
fx_py check_cleanup.py "$FX_MANIFEST"
tap_done
