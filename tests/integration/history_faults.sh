#!/bin/sh
# history_faults.sh — the recording under faults: a recorder killed with SIGKILL leaves a file
# that replays up to its last complete sample (SQLite's own integrity check passes, no sample
# that was committed is lost); files made with umask 000 are still mode 0600 (with -wal and
# -shm); empty, garbage, truncated, damaged (states, CPU times, memory figures) and foreign files, a recording of an unknown schema
# version, a time before the recording and bad option combinations exit 2 with a clear message
# and write nothing; --record refuses an existing file that is not a recording and leaves it
# as it was.
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
T=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-hist.XXXXXX") || exit 1
REC_PID=
trap '[ -n "$REC_PID" ] && kill -KILL "$REC_PID" 2>/dev/null; rm -rf "$T"' EXIT
hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
san_watch "$T"

# refuses WANT DESC -- ARGS...: ipctop ARGS exits 2, stderr has WANT, stdout is empty.
refuses() { refuses_in "$T" 2 "$@"; }

# A recording killed with SIGKILL, started with umask 000.
R=$T/killed.db
(umask 000; exec "$IPCTOP" --record "$R" -d 1) 2>"$T/rec.err" &
REC_PID=$!
hdb wait "$R" 2 0
ok $? "the recorder wrote two samples"
modes=$(stat -c '%a' "$R" "$R-wal" "$R-shm" 2>&1 | tr '\n' ' ')
[ "$modes" = "600 600 600 " ]
ok $? "umask 000: the file, its -wal and -shm are mode 600 ($modes)"
committed=$("$PYTHON3" -c '
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=10)
print(db.execute("SELECT COUNT(*) FROM sample").fetchone()[0])' "$R")
kill -KILL "$REC_PID"
wait "$REC_PID" 2>/dev/null
rec=$REC_PID
REC_PID=
[ -s "$R-wal" ]
ok $? "the killed recorder left its -wal file (it could not close)"
"$IPCTOP" --replay "$R" --at "$(date +%s)" --json >"$T/last.json" 2>"$T/err"
st=$?
ok $st "the killed recording replays (exit $st)"
[ $st -eq 0 ] || sed 's/^/#   /' "$T/err"
schema_ok "the replayed JSON is valid against the schema" "$T/last.json"
hdb last "$R" >"$T/last" 2>&1
read -r last_ms integrity rest <"$T/last"
[ "$integrity" = ok ]
ok $? "SQLite's integrity check of the killed recording: ${integrity:-$(cat "$T/last")}"
"$PYTHON3" - "$T/last.json" "$last_ms" "$rec" "$R" "$committed" <<'PY'
import json, sqlite3, sys
doc, last_ms, rec, path, committed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
d = json.load(open(doc))
n = sqlite3.connect(path).execute("SELECT COUNT(*) FROM sample").fetchone()[0]
me = [p for p in d["processes"] if p["pid"] == rec]
ok = d["taken_at_ms"] == last_ms and n >= committed and me and me[0]["comm"] == "ipctop"
print("# taken_at_ms %s, last sample %s; %d samples, %d committed before the kill; recorder %s"
      % (d["taken_at_ms"], last_ms, n, committed, me))
sys.exit(0 if ok else 1)
PY
ok $? "it replays its last complete sample, with every committed one kept and the recorder in it"

# A small good recording to damage.
G=$T/good.db
"$IPCTOP" --record "$G" -d 1 2>"$T/rec.err" &
REC_PID=$!
hdb wait "$G" 1 0
kill -TERM "$REC_PID"
wait "$REC_PID"
ok $? "a recorder stopped by SIGTERM exits 0"
REC_PID=
first=$("$PYTHON3" -c '
import sqlite3, sys
print(int(sqlite3.connect(sys.argv[1]).execute("SELECT MIN(time) FROM sample").fetchone()[0]))' "$G")
"$IPCTOP" --replay "$G" --at "$first" --json >"$T/out" 2>"$T/err"
ok $? "the good recording replays"

: >"$T/empty.db"
refuses "empty.db: not an ipctop recording (empty file)" "an empty file" -- --replay "$T/empty.db" --at 1 --json
head -c 10000 /dev/urandom >"$T/garbage.db"
refuses "garbage.db: reading its meta table: file is not a database" "a garbage file" -- \
	--replay "$T/garbage.db" --at 1 --json
head -c 4096 "$G" >"$T/cut1.db"
refuses "cut1.db: " "a recording cut after its first page" -- --replay "$T/cut1.db" --at "$first" --json
head -c $(($(stat -c %s "$G") / 2)) "$G" >"$T/cut2.db"
refuses "cut2.db: " "a recording cut in half" -- --replay "$T/cut2.db" --at "$first" --json
"$PYTHON3" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("CREATE TABLE meta(key TEXT, value TEXT); INSERT INTO meta VALUES(\"format\", \"other\");")
db.commit()
db = sqlite3.connect(sys.argv[2])
db.executescript("CREATE TABLE t(a); INSERT INTO t VALUES(1);")
db.commit()' "$T/foreign1.db" "$T/foreign2.db"
refuses "foreign1.db: not an ipctop recording" "an SQLite database of another program (meta table)" -- \
	--replay "$T/foreign1.db" --at 1 --json
refuses "foreign2.db: not an ipctop recording" "an SQLite database of another program" -- \
	--replay "$T/foreign2.db" --at 1 --json
cp "$G" "$T/future.db"
"$PYTHON3" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("UPDATE meta SET value = 99 WHERE key = \"schema_version\""); db.commit()' "$T/future.db"
refuses "a recording of schema version '99'; this ipctop reads versions 1 to 3" "a recording of an unknown schema version" -- \
	--replay "$T/future.db" --at "$first" --json
cp "$G" "$T/blob.db"
"$PYTHON3" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("UPDATE blob SET json = \"[1, \""); db.commit()' "$T/blob.db"
refuses "damaged recording" "a recording whose stored states are damaged" -- \
	--replay "$T/blob.db" --at "$first" --json
for bad in "cpu_time SET cpu = cpu + 1000000 WHERE cpu >= 0|a CPU number out of range" \
	"cpu_time SET idle = -5|a CPU time is not a count" \
	"sample_mem SET swap_total_kib = 'x'|a memory figure is not a count"; do
	cp "$G" "$T/fig.db"
	"$PYTHON3" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("UPDATE " + sys.argv[2]); db.commit()' "$T/fig.db" "${bad%|*}"
	refuses "damaged recording: ${bad#*|}" "a recording whose figures are damaged (${bad%|*})" -- \
		--replay "$T/fig.db" --at "$first" --json
done
refuses "is before the recording's first sample" "a time before the recording" -- \
	--replay "$G" --at $((first - 10)) --json
refuses "invalid time '25:99:99'" "an invalid time" -- --replay "$G" --at 25:99:99 --json
refuses "$T/none.db: No such file" "a missing file" -- --replay "$T/none.db" --at 1 --json
refuses "--replay needs --at" "--replay without --at" -- --replay "$G" --json
refuses "--replay writes --json or --dot, or shows" "--replay with --openmetrics" -- --replay "$G" --at 1 --openmetrics
refuses "--at applies to --replay only" "--at without --replay" -- --at 1 --json
refuses "--record records every process" "--record with -p" -- --record "$T/x.db" -p 1
refuses "cannot be used together" "--record with --json" -- --record "$T/x.db" --json
[ ! -e "$T/x.db" ]
ok $? "refused command lines made no file"

for f in empty garbage foreign2; do
	cp "$T/$f.db" "$T/$f.orig"
	refuses "$f.db: " "--record refuses an existing $f file" -- --record "$T/$f.db" -d 1
	cmp -s "$T/$f.db" "$T/$f.orig" && [ ! -e "$T/$f.db-wal" ]
	ok $? "... and leaves it as it was"
done
tap_done
