#!/bin/sh
# replay_jump.sh — moving through a replay by time: J jumps to a typed time (HH:MM:SS, an ISO
# time, epoch seconds, -2s / +1s from the sample shown), R plays and pauses, S sets the speed,
# X marks a sample that D (what changed) then compares with. The test
# records at -d 3 while a pipe pair starts and ends (in its own PID namespace when it can make
# one, so that a sample is quick on a busy machine), then replays it in tmux. Which sample a
# time must land on comes from the recording read with Python's sqlite3 (replay_db.py: the
# last sample at or before that time), and whether the pair is listed from its life there,
# never from ipctop; so are the time bar's marks of busy samples. The replay keeps the waits: the child's read of the pipe ends at its
# parent on the waits screen.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/pidns_lib.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup "rjump$IPCTOP_IN_PIDNS" rec pp

hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
rdb() { "$PYTHON3" "$TESTS_SRC/tui/replay_db.py" "$@"; }
now() { date +%s.%N | cut -c1-14; }
db=$tmp/rec.db

"$IPCTOP" --record "$db" -d 3 2>"$tmp/rec.err" &
rec=$!
hdb wait "$db" 2 0 || { echo "Bail out! the recorder wrote no samples"; exit 1; }
start_pipe_pair rjmpar rjmkid || { echo "Bail out! the pair did not start"; exit 1; }
a1=$pair_parent a2=$pair_child pp=$fixture_pid
starts=$(hdb starts "$a1" "$a2")
s1=$(printf '%s\n' "$starts" | awk -v p="$a1" '$1 == p { print $2 }')
s2=$(printf '%s\n' "$starts" | awk -v p="$a2" '$1 == p { print $2 }')
[ -n "$s1" ] && [ -n "$s2" ] || { echo "Bail out! no start times of the pair"; exit 1; }
hdb wait "$db" 3 "$(now)" || { echo "Bail out! no samples while the pair ran"; exit 1; }
stop_pipe_pair "$pp" "$a1" "$a2"
pp=
hdb wait "$db" 3 "$(now)" || { echo "Bail out! no samples after the pair ended"; exit 1; }
kill -INT "$rec"; wait "$rec"
rec=
count=$(rdb count "$db")
life=$(rdb life "$db" "$a1" "$s1")
[ "$life" != none ] && [ "${life% *}" -gt 1 ] && [ "${life#* }" -lt "$count" ]
ok $? "the file holds the parent (samples $life) of $count samples, none at the ends"

# at I: the time bar names sample I of the file and its time
at() {
	wait_for "sample $1/$count" 100 || return 1
	case $screen in *" at $(rdb clock "$db" "$1")  sample $1/$count"*) return 0 ;; esac
	echo "# not at $(rdb clock "$db" "$1")"; printf '%s\n' "$screen" | sed 's/^/# /'; return 1
}
# jump TEXT [SESSION]: J, TEXT typed at the prompt, Enter
jump() {
	T send-keys -t "${2:-main}" J
	wait_for "jump to (" 50 || return 1
	T send-keys -t "${2:-main}" -l -- "$1"
	wait_for "$1_" 50 || return 1
	T send-keys -t "${2:-main}" Enter
	wait_absent "jump to (" 50
}
# listed I: at sample I, the parent's row (its PID, alone in this PID namespace; before its
# exec it has another name) is in the list exactly when its life holds I
listed() {
	if [ "$1" -ge "${life% *}" ] && [ "$1" -le "${life#* }" ]; then wait_re "^ *$a1 " 50
	else keys_done && ! printf '%s\n' "$screen" | grep -Eq "^ *$a1 "; fi
}

start main --no-color --replay "$db"
at 1; ok $? "the replay starts at sample 1 of $count"
got=$(printf '%s\n' "$screen" | sed -n '1s/^replay [0-9:]* \[\([^]]*\)\].*/\1/p')
exp=$(rdb track "$db" "${#got}" 1) marks=$(rdb busy "$db")
[ -n "$marks" ] && [ -n "$got" ] && [ "$got" = "$exp" ] && case $got in *'*'*) true ;; *) false ;; esac
ok $? "the time bar marks the busy samples ($marks: most births, ends, channels opened and closed) with *: [$got], expected [$exp]"
swp=$(rdb swap "$db" 1)
printf '%s\n' "$screen" | grep -q '^ *0\[ *\]' && printf '%s\n' "$screen" | grep -Fq "$swp]" &&
	! printf '%s\n' "$screen" | grep -q 'not recorded'
ok $? "the header at sample 1: no use of CPU 0 (no sample before), swap as recorded ($swp)" || printf '%s\n' "$screen" | sed -n '1,6s/^/# /p'
cpu0=$(rdb cpu "$db" 2 0)
jump "$(rdb epoch "$db" 2)" && at 2 && wait_re "^ *0\[(.*[^0-9.])?$cpu0\]" 20
ok $? "at sample 2 CPU 0's meter reads $cpu0, its use between the two samples' recorded times" || printf '%s\n' "$screen" | sed -n '1,6s/^/# /p'
in=${life% *}
up=$("$PYTHON3" -c "import math; print(math.ceil($(rdb epoch "$db" "$in")))")
exp=$(rdb at "$db" "$up")
jump "$(rdb hms "$db" "$up")" && at "$exp" && listed "$exp"
ok $? "J $(rdb hms "$db" "$up") (the second after the parent's first sample $in): sample $exp, the parent listed exactly when its life ($life) holds it"
exp=$(rdb at "$db" "$(rdb epoch "$db" "$count" | cut -d. -f1)")
jump "$(rdb iso "$db" "$(rdb epoch "$db" "$count")")" && at "$exp" && listed "$exp"
ok $? "J $(rdb iso "$db" "$(rdb epoch "$db" "$count")"): sample $exp, the parent listed exactly when its life holds it"
cur=$exp
exp=$(rdb at "$db" "$("$PYTHON3" -c "print($(rdb epoch "$db" "$cur") - 2)")")
jump -2s && at "$exp" && listed "$exp"
ok $? "J -2s from sample $cur: sample $exp"
cur=$exp
exp=$(rdb at "$db" "$("$PYTHON3" -c "print($(rdb epoch "$db" "$cur") + 1)")")
jump +1s && at "$exp"
ok $? "J +1s from sample $cur: sample $exp"
jump -1h && at 1 && wait_for "before the recording: its first sample" 20
ok $? "J -1h: before the recording, its first sample, said so"
jump +1d && at "$count" && wait_for "after the recording: its last sample" 20
ok $? "J +1d: after the recording, its last sample, said so"
jump 'not a time' && at "$count" && wait_for "not a time: HH:MM:SS" 20
ok $? "J with no time: said so, the sample unchanged"
# the waits: the child reads the pipe only its parent writes to (the fixture's design), so
# in the middle of its life its row on the waits screen ends at the parent
kid=$(rdb life "$db" "$a2" "$s2")
mid=$(( (${kid% *} + ${kid#* }) / 2 ))
jump "$(rdb epoch "$db" "$mid")" && at "$mid" && T send-keys -t main w &&
	wait_re "^ +[0-9smhd?]+ +$a2 +$a1 $a2 \\(rjmkid\\) .*pipe.* $a1 \\(rjmpar\\)" 50
ok $? "J to sample $mid's epoch time; w: the child ($a2, samples $kid) waits reading the pipe to the parent ($a1)"
# X marks a sample, D then compares the one shown with it instead of the one before
T send-keys -t main '^'
at 1 && T send-keys -t main X && wait_re "sample 1/$count  mark 1" 50 && jump "$(rdb epoch "$db" "$mid")" &&
	at "$mid" && T send-keys -t main D &&
	wait_for "What changed from $(rdb clock "$db" 1) (marked) to $(rdb clock "$db" "$mid")" 50 &&
	wait_re "^born +$a2 " 20
ok $? "X at sample 1, J to sample $mid, D: from the marked sample 1, the child ($a2, born at sample ${kid% *}) born"
T send-keys -t main X
wait_for "What changed from $(rdb clock "$db" $((mid - 1))) to $(rdb clock "$db" "$mid")" 50 && keys_done &&
	if [ "${kid% *}" -eq "$mid" ]; then wait_re "^born +$a2 " 20; else ! printf '%s\n' "$screen" | grep -Eq "^born +$a2 "; fi
ok $? "X again: the mark removed, D compares with sample $((mid - 1)) (the child born there only if it was born at $mid)"
T send-keys -t main J
wait_for "jump to (" 50 && T send-keys -t main -l -- '-1h' && T send-keys -t main Escape &&
	wait_absent "jump to (" 50 && at "$mid"
ok $? "Esc closes the prompt, the sample unchanged"

T send-keys -t main '$'
at "$count"
T send-keys -t main R
wait_for "the last sample of the recording: nothing to play" 50
ok $? "R at the last sample: nothing to play, said so"
T send-keys -t main '^'
at 1
T send-keys -t main S
wait_for "playing speed 10x" 50
ok $? "S: the speed 10x"
T send-keys -t main R
wait_re "sample [0-9]+/$count  playing 10x" 50
ok $? "R: playing at 10x, shown in the time bar"
at "$count" && wait_for "the end of the recording: paused" 200 && wait_absent "playing 10x" 10
ok $? "playing reaches the last sample ($count) by itself and pauses there"
T send-keys -t main '^'
at 1 && T send-keys -t main S S S && wait_for "playing speed 1x" 50 && T send-keys -t main R &&
	wait_for "playing 1x" 50 && T send-keys -t main R && wait_absent "playing 1x" 50 &&
	keys_done && wait_re "sample [0-9]+/$count" && ! printf '%s\n' "$screen" | grep -q "sample $count/$count"
ok $? "S three more times: 1x again; R R: playing at 1x, paused before the end"
T send-keys -t main q
wait_gone; ok $? "q quits"

nobody_or_done
chmod 711 "$tmp"
mkdir -p "$tmp/nb" && cp "$db" "$tmp/nb/rec.db" && chown -R nobody "$tmp/nb" && chmod 700 "$tmp/nb"
session=nb
T new-session -d -s nb -x 120 -y 40 "$nobody_prefix env XDG_CONFIG_HOME='$tmp/nb' LC_ALL=C.UTF-8 '$IPCTOP' --no-color --replay '$tmp/nb/rec.db'"
cur=$count
exp=$(rdb at "$db" "$("$PYTHON3" -c "print($(rdb epoch "$db" "$cur") - 1)")")
at 1 && T send-keys -t nb '$' && at "$count" && jump -1s nb && at "$exp"
ok $? "as nobody: its own copy replays, J -1s from the last sample: sample $exp"
T send-keys -t nb q
wait_gone
tap_done
