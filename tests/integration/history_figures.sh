#!/bin/sh
# history_figures.sh — a recording holds the header's meter figures (schema 2): each sample's
# CPU times (the sum line and every CPU of /proc/stat) and the rest of /proc/meminfo, checked
# against /proc read before and after the recorder (history_figures.py); and a file of schema
# 1 (one of this recording made as ipctop before schema 2 wrote it) still replays, and
# --record appends to it after moving it on to schema 3 (its old samples without figures; the
# test's shell, alive at its last sample and on, goes on in its row, left open).
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
T=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-fig.XXXXXX") || exit 1
REC_PID=
trap '[ -n "$REC_PID" ] && kill -KILL "$REC_PID" 2>/dev/null; rm -rf "$T"' EXIT
hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
hfig() { "$PYTHON3" "$TESTS_SRC/integration/history_figures.py" "$@"; }
san_watch "$T"
chmod 755 "$T"

# record ARGS...: a recorder of three samples, stopped by SIGTERM
record() {
	"$IPCTOP" --record "$@" -d 1 2>"$T/rec.err" &
	REC_PID=$!
	hdb wait "$1" 3 "$(date +%s.%N)"   # to the ns: an appended-to file has samples of this second
	w=$?
	kill -TERM "$REC_PID"; wait "$REC_PID"; st=$?
	REC_PID=
	[ $w -eq 0 ] && [ $st -eq 0 ] || { echo "# wait $w, exit $st"; sed 's/^/#   /' "$T/rec.err"; return 1; }
}

R=$T/rec.db
cat /proc/stat >"$T/stat.before"
record "$R"
ok $? "the recorder wrote three samples and stopped on SIGTERM"
cat /proc/stat >"$T/stat.after"
hfig check "$R" "$T/stat.before" "$T/stat.after" /proc/meminfo
ok $? "every sample holds every CPU's times within /proc/stat's before and after, never going back, and the swap total of /proc/meminfo"

cp "$R" "$T/old.db"
hfig downgrade "$T/old.db"
set -- $(hfig version "$T/old.db")
first=$("$PYTHON3" -c '
import sqlite3, sys
print(repr(sqlite3.connect(sys.argv[1]).execute("SELECT MIN(time) FROM sample").fetchone()[0]))' "$T/old.db")
"$IPCTOP" --replay "$T/old.db" --at "$first" --json >"$T/old.json" 2>"$T/err"
st=$?
[ "$1" = 1 ] && [ "$3" = none ] && [ $st -eq 0 ]
ok $? "a schema 1 file ($*) replays (exit $st)" || sed 's/^/#   /' "$T/err"
schema_ok "... as a valid snapshot" "$T/old.json"
record "$T/old.db"
ok $? "--record appends to the schema 1 file"
old=$(hfig version "$R" | cut -d' ' -f2)
set -- $(hfig version "$T/old.db")
[ "$1" = 3 ] && [ "$2" -ge $((old + 3)) ] && [ "$3" -eq $(($2 - old)) ]
ok $? "... moved on to schema 3: $2 samples, $3 with figures (the $old old ones without)"
set -- $(hfig lives "$T/old.db" $$)
[ "$1" = 1 ] && [ "$2" = 1 ]
ok $? "... the test's shell (pid $$) has one row, open: $1 rows, $2 open"
"$IPCTOP" --replay "$T/old.db" --at "$first" --json >"$T/old1.json" 2>"$T/err" &&
	"$IPCTOP" --replay "$T/old.db" --at "$(date +%s)" --json >"$T/new.json" 2>>"$T/err"
ok $? "its old and its new samples replay" || sed 's/^/#   /' "$T/err"
tap_done
