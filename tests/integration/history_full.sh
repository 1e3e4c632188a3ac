#!/bin/sh
# history_full.sh — a full disk stops --record with a clear message, and the file stays
# readable up to its last committed sample. The test runs in a PID namespace of its own (so a
# sample is quick) with the mount namespace that comes with it, mounts a small tmpfs there
# (gone with the namespace), records into it, fills the rest of it once two samples are in,
# and waits for the recorder to stop by itself; then SQLite (Python's sqlite3) and the
# replay read the file where it is, the disk still full.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/pidns_lib.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
T=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-full.XXXXXX") || exit 1
M=$T/mnt
REC_PID=
trap '[ -n "$REC_PID" ] && kill -KILL "$REC_PID" 2>/dev/null; umount "$M" 2>/dev/null; rm -rf "$T"' EXIT
hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
san_watch "$T"

mkdir "$M" && mount -t tmpfs -o size=1m,mode=0700 ipctop-full "$M" ||
	{ echo "Bail out! cannot mount a tmpfs in this mount namespace"; exit 1; }
R=$M/rec.db
"$IPCTOP" --record "$R" -d 1 2>"$T/rec.err" &
REC_PID=$!
hdb wait "$R" 2 0
ok $? "the recorder wrote two samples on the small tmpfs"
dd if=/dev/zero of="$M/fill" bs=4096 2>"$T/dd.err"
grep -q "No space left" "$T/dd.err"
ok $? "the rest of the tmpfs filled: $(tail -n 1 "$T/dd.err")"
# the recorder must stop by itself: at most 60 s
n=0
while kill -0 "$REC_PID" 2>/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
if kill -0 "$REC_PID" 2>/dev/null; then
	ok 1 "the recorder stopped by itself on the full disk (still running after 60 s)"
	kill -KILL "$REC_PID"
fi
wait "$REC_PID"
st=$?
REC_PID=
[ $st -eq 1 ]
ok $? "the recorder exits with status 1 (exit $st)"
grep -q "^ipctop: --record: .*disk is full.*(recording stopped)$" "$T/rec.err"
ok $? "with a clear message: $(head -n 1 "$T/rec.err")" || sed 's/^/#   /' "$T/rec.err"

hdb last "$R" >"$T/last" 2>&1
read -r last_ms integrity rest <"$T/last"
[ "$integrity" = ok ]
ok $? "SQLite's integrity check of the file on the full disk: ${integrity:-$(cat "$T/last")}"
"$IPCTOP" --replay "$R" --at "$(date +%s)" --json >"$T/last.json" 2>"$T/err"
st=$?
ok $st "the recording replays on the full disk (exit $st)" || sed 's/^/#   /' "$T/err"
"$PYTHON3" - "$T/last.json" "$last_ms" "$R" <<'PY'
import json, sqlite3, sys
d = json.load(open(sys.argv[1]))
n = sqlite3.connect("file:%s?mode=ro" % sys.argv[3], uri=True).execute("SELECT COUNT(*) FROM sample").fetchone()[0]
print("# replayed taken_at_ms %s, the last committed sample's %s, %d samples" % (d["taken_at_ms"], sys.argv[2], n))
sys.exit(0 if d["taken_at_ms"] == int(sys.argv[2]) and n >= 2 else 1)
PY
ok $? "the replay at the end is the last committed sample"
tap_done
