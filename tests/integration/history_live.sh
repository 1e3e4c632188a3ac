#!/bin/sh
# history_live.sh — schema 3's lives: a process's row stays open (last_sample NULL) while it
# lives and the writer stores only what changed. A sleeping process alive for many samples
# replays in every sample taken while it lived and in none taken before or after it; a process
# whose voluntary context switches change only when the test pokes it (cat reading a FIFO)
# replays, in every sample taken between two pokes, the count /proc gave after the first, with
# fewer counter rows than samples; the sleeping process reniced by the test (it does not run:
# the recorder must not take it for unchanged) replays with its new nice value in every sample
# taken after, as ps read it, and its old one before; the recorder killed with -9 leaves its rows open, the file
# checks whole and replays the still living process at its last sample, and a new recorder
# appending to it keeps that process in its row until it ends. Samples are told apart by the
# file's own list: those it holds when the test lists them were taken whole before.
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
T=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-live.XXXXXX") || exit 1
REC_PID= SLEEP_PID= CAT_PID=
cleanup() {
	[ -n "$REC_PID" ] && kill -KILL "$REC_PID" 2>/dev/null
	[ -n "$SLEEP_PID" ] && kill "$SLEEP_PID" 2>/dev/null
	exec 7>&-
	[ -n "$CAT_PID" ] && kill "$CAT_PID" 2>/dev/null
	wait
	rm -rf "$T"
}
trap cleanup EXIT
hl() { "$PYTHON3" "$TESTS_SRC/integration/history_live.py" "$@"; }
hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
now() { date +%s.%N; }
R=$T/rec.db

# expect_all FILE VALUE: every "ID V" line of FILE has V = VALUE, and there is one at least
expect_all() {
	[ -s "$1" ] && ! awk -v want="$2" '$2 != want { bad = 1 } END { exit !bad }' "$1"
}

"$IPCTOP" --record "$R" -d 1 2>"$T/rec.err" &
REC_PID=$!
hdb wait "$R" 1 0
ok $? "the recorder writes a first sample"

# an idle process, alive for many samples
hl ids "$R" 0 >"$T/before"
sleep 1000 &
SLEEP_PID=$!
sleep_pid=$SLEEP_PID
set -- $(hdb starts "$sleep_pid")
sleep_start=$2
ni0=$(ps -o ni= -p "$sleep_pid" | tr -d ' ')
t=$(now)
hdb wait "$R" 6 "$t" && hl ids "$R" "$t" >"$T/during"
ok $? "six samples taken while a sleeping process lives"
want=$((ni0 + 3))
[ $want -le 19 ] || want=$((ni0 - 3))   # lower: root only
renice -n $want -p "$sleep_pid" >/dev/null
ni=$(ps -o ni= -p "$sleep_pid" | tr -d ' ')
t=$(now)
hdb wait "$R" 3 "$t" && hl ids "$R" "$t" >"$T/reniced"
ok $? "three samples taken after it was reniced from $ni0 to $ni (ps)"
hl replay-nice "$IPCTOP" "$R" "$sleep_pid" "$sleep_start" $(cat "$T/reniced") >"$T/reniced.got"
expect_all "$T/reniced.got" "$ni" && [ "$ni" = $want ]
ok $? "... which replay it with nice $ni" || sed 's/^/#   /' "$T/reniced.got"
hl replay-nice "$IPCTOP" "$R" "$sleep_pid" "$sleep_start" $(cat "$T/during") >"$T/during.nice"
expect_all "$T/during.nice" "$ni0"
ok $? "... and those before with nice $ni0" || sed 's/^/#   /' "$T/during.nice"
kill "$sleep_pid"
wait "$sleep_pid"
SLEEP_PID=
t=$(now)
hdb wait "$R" 2 "$t" && hl ids "$R" "$t" >"$T/after"
ok $? "two samples taken after it ended"
hl replay "$IPCTOP" "$R" "$sleep_pid" "$sleep_start" $(cat "$T/during") >"$T/during.got"
[ "$(grep -c ' none$' "$T/during.got")" = 0 ] && [ -s "$T/during.got" ]
ok $? "it is in every sample taken while it lived ($(wc -l <"$T/during.got") samples)" ||
	sed 's/^/#   /' "$T/during.got"
hl replay "$IPCTOP" "$R" "$sleep_pid" "$sleep_start" $(cat "$T/before" "$T/after") >"$T/out.got"
expect_all "$T/out.got" none
ok $? "... and in none taken before it began or after it ended" || sed 's/^/#   /' "$T/out.got"
set -- $(hl rows "$R" "$sleep_pid" "$sleep_start")
[ "$1" = 1 ] && [ "$2" = 0 ]
ok $? "... in one row, closed ($1 rows, $2 open)"

# a counter that changes only when poked
mkfifo "$T/fifo" && exec 7<>"$T/fifo"
cat "$T/fifo" >"$T/out" 7>&- &
CAT_PID=$!
cat_pid=$CAT_PID
set -- $(hdb starts "$cat_pid")
cat_start=$2
prev=-1 fine=0
for k in 0 1 2 3; do
	if [ $k -gt 0 ]; then
		echo "poke $k" >&7
		n=0
		while [ "$(wc -l <"$T/out")" -lt $k ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
	fi
	v=$(hl idle "$cat_pid") || break
	t=$(now)
	hdb wait "$R" 3 "$t" || break
	hl ids "$R" "$t" >"$T/quiet$k"
	hl replay "$IPCTOP" "$R" "$cat_pid" "$cat_start" $(cat "$T/quiet$k") >"$T/quiet$k.got"
	expect_all "$T/quiet$k.got" "$v" && [ "$v" -gt "$prev" ] && fine=$((fine + 1))
	echo "# poke $k: /proc says $v voluntary switches; replayed: $(cut -d' ' -f2 "$T/quiet$k.got" | tr '\n' ' ')"
	prev=$v
done
[ $fine = 4 ]
ok $? "cat's voluntary switches, read from /proc after each of 3 pokes, are those of every sample taken until the next (and rose each time)"
set -- $(hl rows "$R" "$cat_pid" "$cat_start")
lived=$(cat "$T"/quiet? | wc -l)
[ "$1" = 1 ] && [ "$2" = 1 ] && [ "$3" -le 7 ] && [ "$3" -lt "$lived" ]
ok $? "... in one open row with $3 counter rows (at most 7 for 3 pokes), fewer than the $lived samples it was idle in"

# kill -9, then replay and append
kill -KILL "$REC_PID"
wait "$REC_PID"
REC_PID=
[ "$(hl check "$R")" = ok ]
ok $? "the recording killed with -9 checks whole (integrity_check)"
last=$(hl ids "$R" 0 | tail -n 1)
set -- $(hl replay "$IPCTOP" "$R" "$cat_pid" "$cat_start" "$last")
[ "$2" = "$prev" ]
ok $? "its last sample replays the idle cat with its $prev switches (got $2)"
set -- $(hl rows "$R" "$cat_pid" "$cat_start")
[ "$1" = 1 ] && [ "$2" = 1 ]
ok $? "... whose row the killed recorder left open ($1 rows, $2 open)"
"$IPCTOP" --record "$R" -d 1 2>"$T/rec2.err" 7>&- &   # not a writer of cat's FIFO
REC_PID=$!
t=$(now)
hdb wait "$R" 2 "$t" && hl ids "$R" "$t" >"$T/appended"
ok $? "a new recorder appends two samples to it"
exec 7>&-
wait "$CAT_PID"
CAT_PID=
t=$(now)
hdb wait "$R" 2 "$t" && hl ids "$R" "$t" >"$T/gone"
ok $? "... and two more after cat ended"
kill -INT "$REC_PID"
wait "$REC_PID"
ok $? "... and stops on SIGINT" || sed 's/^/#   /' "$T/rec2.err"
REC_PID=
hl replay "$IPCTOP" "$R" "$cat_pid" "$cat_start" $(cat "$T/appended") >"$T/appended.got"
expect_all "$T/appended.got" "$prev"
ok $? "the appended samples replay cat as it was" || sed 's/^/#   /' "$T/appended.got"
hl replay "$IPCTOP" "$R" "$cat_pid" "$cat_start" $(cat "$T/gone") >"$T/gone.got"
expect_all "$T/gone.got" none
ok $? "... and those after it ended without it" || sed 's/^/#   /' "$T/gone.got"
set -- $(hl rows "$R" "$cat_pid" "$cat_start")
[ "$1" = 1 ] && [ "$2" = 0 ]
ok $? "cat kept its one row through the kill and the append, closed when it ended ($1 rows, $2 open)"
tap_done
