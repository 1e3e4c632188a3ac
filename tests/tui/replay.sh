#!/bin/sh
# replay.sh — ipctop --replay FILE without --json or --dot: the screens on a recording. The
# test records at -d 3 while a pipe pair (parent and child) starts and ends, then replays it
# in tmux. Expected values come from the recording read with Python's sqlite3 (replay_db.py)
# and from the pair's own pids and /proc start times, never from ipctop: the time bar names
# the sample shown (number, time) and its track marks every sample where ipctop(1) says; ( )
# step, ^ $ go to the ends, { } jump (the recording is shorter than a minute: to the ends);
# at the sample where the pair was first recorded, D lists both as born and the pipe as
# opened, not a sample before; at the first sample without them, both ended and the pipe
# closed; Enter on the parent's born line opens its detail, on its ended line its detail one
# sample back; kill is refused with a status line; --at starts at the sample asked. As
# nobody: its own copy of the file replays.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/pidns_lib.sh"   # a sample of the whole machine took over 45 s in CI's sanitizer build
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup replay rec pp

hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
rdb() { "$PYTHON3" "$TESTS_SRC/tui/replay_db.py" "$@"; }
now() { date +%s.%N | cut -c1-14; }
db=$tmp/rec.db

"$IPCTOP" --record "$db" -d 3 2>"$tmp/rec.err" &
rec=$!
hdb wait "$db" 2 0 || { echo "Bail out! the recorder wrote no samples"; exit 1; }
start_pipe_pair rplpar rplkid || { echo "Bail out! the pair did not start"; exit 1; }
a1=$pair_parent a2=$pair_child pp=$fixture_pid
starts=$(hdb starts "$a1" "$a2") || { echo "Bail out! no start times of the pair"; exit 1; }
s1=$(printf '%s\n' "$starts" | awk -v p="$a1" '$1 == p { print $2 }')
s2=$(printf '%s\n' "$starts" | awk -v p="$a2" '$1 == p { print $2 }')
hdb wait "$db" 2 "$(now)" || { echo "Bail out! no samples while the pair ran"; exit 1; }
stop_pipe_pair "$pp" "$a1" "$a2"
pp=
hdb wait "$db" 2 "$(now)" || { echo "Bail out! no samples after the pair ended"; exit 1; }
kill -INT "$rec"; wait "$rec"
ok $? "the recorder exits 0 on SIGINT"
rec=

count=$(rdb count "$db")
life1=$(rdb life "$db" "$a1" "$s1") life2=$(rdb life "$db" "$a2" "$s2") lifep=$(rdb pipe "$db" "$a1" "$a2")
ok0() { [ "$1" != none ] && [ "${1% *}" -gt 1 ] && [ "${1#* }" -lt "$count" ]; }
ok0 "$life1" && ok0 "$life2" && ok0 "$lifep"
ok $? "the file holds the parent (samples $life1), the child ($life2) and their pipe ($lifep) of $count samples, none at the ends"

track_of() { printf '%s\n' "$screen" | sed -n '1s/^replay [0-9:]* \[\([^]]*\)\].*/\1/p'; }
# at I: the time bar names sample I of the file, its time, and draws its track as documented
at() {
	wait_for "sample $1/$count" 100 || return 1
	case $screen in *" at $(rdb clock "$db" "$1")  sample $1/$count"*) ;; *) echo "# not at $(rdb clock "$db" "$1")"; return 1 ;; esac
	got=$(track_of) want=$(rdb track "$db" "${#got}" "$1")
	[ -n "$got" ] && [ "$got" = "$want" ] || { echo "# track: [$got], expected [$want]"; return 1; }
}
# go I: ( or ) one at a time from sample $cur to sample I, each step checked with at
cur=1
go() {
	while [ "$cur" -ne "$1" ]; do
		if [ "$cur" -lt "$1" ]; then T send-keys -t main ')'; cur=$((cur + 1))
		else T send-keys -t main '('; cur=$((cur - 1)); fi
		at "$cur" || return 1
	done
}
# changes I: go to sample I, where the what-changed screen (open) compares I - 1 with I
changes() { go "$1" && wait_for "What changed from $(rdb clock "$db" $(($1 - 1))) to $(rdb clock "$db" "$1")"; }
# chg WORD PID [KIND]: the what-changed screen has the line "WORD PID ..." (of a KIND channel)
# on one of its pages (a busy machine changes more than a screen shows): from the first line,
# PgDn until a page shows it or the last line ("line N/N" at the right of the column titles)
# is on screen
chg() {
	if [ -n "$3" ]; then want_line="^$1 +$2 .* $3 +$3:"; else want_line="^$1 +$2 "; fi
	T send-keys -t main Home
	wait_re "line (1|0)/[0-9]+\$" 50 || return 1
	pages=0
	while [ "$pages" -lt 50 ]; do
		printf '%s\n' "$screen" | grep -Eq "$want_line" && return 0
		line=$(printf '%s\n' "$screen" | sed -n 's|.* line \([0-9]*\)/\([0-9]*\)$|\1 \2|p' | head -n 1)
		[ -n "$line" ] && [ "${line% *}" != "${line#* }" ] || return 1   # the last line shown
		T send-keys -t main NPage
		wait_re "line [0-9]+/${line#* }\$" 50 && ! printf '%s\n' "$screen" | grep -q " line ${line% *}/" || return 1
		pages=$((pages + 1))
	done
	return 1
}

# select_line WORD PID: from the first line of what changed, Down until the line "WORD PID"
# is selected, each Down seen drawn ("line K/N") before the next: never past it
select_line() {
	T send-keys -t main Home
	wait_re " line 1/[0-9]+\$" 50 || return 1
	k=1
	while ! sel_has "$1 *$2 " && [ "$k" -lt 300 ]; do
		T send-keys -t main Down
		k=$((k + 1))
		wait_re " line $k/[0-9]+\$" 50 || return 1
	done
}

start main --no-color --replay "$db"
at 1; ok $? "the time bar: sample 1 of $count, its time, a mark for each sample"
go 3; ok $? ") steps one sample at a time"
go 2; ok $? "( steps back"
T send-keys -t main D
wait_for "What changed from $(rdb clock "$db" 1) to $(rdb clock "$db" 2)"
ok $? "D: what changed from sample 1 to 2"
for who in "parent $a1 ${life1% *} ${life1#* }" "child $a2 ${life2% *} ${life2#* }"; do
	set -- $who
	changes "$3" && chg born "$2"
	ok $? "sample $3: the $1 ($2) born"
	changes $(($3 - 1)) && ! chg born "$2"
	ok $? "sample $(($3 - 1)): the $1 not born"
	changes $(($4 + 1)) && chg ended "$2"
	ok $? "sample $(($4 + 1)): the $1 ended"
	changes "$4" && ! chg ended "$2"
	ok $? "sample $4: the $1 not ended"
done
changes "${lifep% *}" && chg opened "($a1|$a2)" pipe
ok $? "sample ${lifep% *}: their pipe opened"
changes $((${lifep#* } + 1)) && chg closed "($a1|$a2)" pipe
ok $? "sample $((${lifep#* } + 1)): their pipe closed"
T send-keys -t main '^'
at 1; ok $? "^: the first sample"
T send-keys -t main '$'
at "$count"; ok $? "\$: the last sample"
# { and }: to the last sample a minute or more before (after) the shown one, one step at least;
# from the recording's times (a loaded machine may record for more than a minute)
plus() { awk -v t="$1" -v d="$2" 'BEGIN { printf "%.6f", t + d }'; }
back=$(rdb at "$db" "$(plus "$(rdb epoch "$db" "$count")" -60)")
on=$(rdb at "$db" "$(plus "$(rdb epoch "$db" "$back")" 60)")
[ "$on" -gt "$back" ] || on=$((back + 1))
T send-keys -t main '{'
at "$back"; ok $? "{: a minute back from the last sample: sample $back of $count"
T send-keys -t main '}'
at "$on"; ok $? "}: a minute on from there: sample $on"

T send-keys -t main '^'
at 1
cur=1
changes "${life1% *}"
select_line born "$a1"
T send-keys -t main Enter
wait_absent "What changed" 50 && wait_re "PID $a1 .*rplpar" 10
ok $? "Enter on the parent's born line opens its detail"
T send-keys -t main Escape
wait_for "What changed"
# the parent's ended line: Enter steps back to its last sample and opens its detail there
changes $((${life1#* } + 1))
select_line ended "$a1"
T send-keys -t main Enter
cur=${life1#* }
at "$cur" && wait_re "PID $a1 .*rplpar" 50
ok $? "Enter on the parent's ended line: its detail at sample $cur, its last"
T send-keys -t main Escape
wait_for "What changed"
T send-keys -t main Escape
wait_absent "What changed"
T send-keys -t main F9
wait_for "replay of a recording: no tag, signal or nice"
ok $? "F9 (kill) is refused with a status line"
T send-keys -t main q
wait_gone; ok $? "q quits"

born=${life1% *} session=at
start at --no-color --replay "$db" --at "$(rdb epoch "$db" "$born")"
at "$born"; ok $? "--at the time of sample $born starts there"
T send-keys -t at q
wait_gone

nobody_or_done
chmod 711 "$tmp"
mkdir -p "$tmp/nb" && cp "$db" "$tmp/nb/rec.db" && chown -R nobody "$tmp/nb" && chmod 700 "$tmp/nb"
session=nb
T new-session -d -s nb -x 120 -y 40 "$nobody_prefix env XDG_CONFIG_HOME='$tmp/nb' LC_ALL=C.UTF-8 '$IPCTOP' --no-color --replay '$tmp/nb/rec.db'"
at 1 && T send-keys -t nb ')' && at 2
ok $? "as nobody: its own copy replays and steps"
T send-keys -t nb q
wait_gone
tap_done
