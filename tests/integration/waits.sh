#!/bin/sh
# waits.sh — ipctop --json against wait_fixture's blocked processes: each process's "wait"
# (a writer on a full pipe, a writer on a UNIX stream whose reader is stopped, a msgrcv, a
# wait4, an fcntl and a flock lock wait), the two-pipe deadlock named in "wait_cycles", and with
# -p each thread's own wait (a process of 70 threads: marked unexamined by one snapshot, its
# blocked thread found by --interval's second and with -p; --merge keeps each "restricted");
# as the running user, then as nobody, where other users' waits
# (this shell's, root's, blocked in wait4 on ipctop) must read as unknown, never guessed.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
[ -x "$TESTS_BIN/fixture/wait_fixture" ] || skip_all "wait_fixture not built"

# run_suite WHO IPCTOP FIXTURE [PREFIX...]: fixture and ipctop both run under PREFIX.
run_suite() {
	local who=$1 ipctop=$2 fixture=$3 threads many
	shift 3
	if ! fx_start "waits-$who" "$@" "$fixture" --timeout 600; then
		ok 1 "wait_fixture starts ($who)"
		return
	fi
	ok 0 "wait_fixture starts ($who)"
	threads=$(sed -n 's/^threads pid=\([0-9]*\) .*/\1/p' "$FX_MANIFEST")
	many=$(sed -n 's/^thread_many pid=\([0-9]*\) .*/\1/p' "$FX_MANIFEST")
	"$@" "$ipctop" --json >"$FX_TMP/$who.json" 2>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json exits 0 ($who)"
	"$@" "$ipctop" --json -p "$threads,$many" >"$FX_TMP/$who-p.json" 2>>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json -p $threads,$many exits 0 ($who)"
	"$@" "$ipctop" --json --interval 50 >"$FX_TMP/$who-i.json" 2>>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --json --interval 50 exits 0 ($who)"
	schema_ok "$who: all three are valid against the schema" "$FX_TMP/$who.json" \
		"$FX_TMP/$who-p.json" "$FX_TMP/$who-i.json"
	fx_py check_waits.py "$FX_MANIFEST" "$FX_TMP/$who.json" "$FX_TMP/$who-p.json" \
		"$FX_TMP/$who-i.json" $$
	"$ipctop" --merge --json "$FX_TMP/$who.json" >"$FX_TMP/$who-m.json" 2>>"$FX_TMP/$who.err" 9>&-
	ok $? "ipctop --merge --json of it exits 0 ($who)"
	python3 - "$FX_TMP/$who.json" "$FX_TMP/$who-m.json" "$many" <<-'EOF'
	import json, sys
	one, merged = (json.load(open(f)) for f in sys.argv[1:3])
	was = {p["pid"]: p["restricted"] for p in one["processes"]}
	now = {p["pid"]: p["restricted"] for p in merged["processes"]}
	bad = [pid for pid in was if now.get(pid) != was[pid]]
	ok = not bad and "thread_waits" in now.get(int(sys.argv[3]), [])
	if bad:
	    print("# restricted changed: %r" % [(pid, was[pid], now.get(pid)) for pid in bad[:5]])
	sys.exit(0 if ok else 1)
	EOF
	ok $? "--merge reads each process's restricted back, the 70 threads' thread_waits too ($who)"
	fx_stop_check "waits-$who"
}

run_suite "$(id -un)" "$IPCTOP" "$TESTS_BIN/fixture/wait_fixture"
if fx_nobody_setup && cp "$TESTS_BIN/fixture/wait_fixture" "$FX_PRIV/" &&
   chmod 755 "$FX_PRIV/wait_fixture"; then
	run_suite nobody "$FX_PRIV/ipctop" "$FX_PRIV/wait_fixture" \
		env TMPDIR="$FX_PRIV/tmp" setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups
else
	skip "run as nobody: not root (the run above was already unprivileged)"
fi
tap_done
