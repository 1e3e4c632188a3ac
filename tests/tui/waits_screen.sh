#!/bin/sh
# waits_screen.sh — the waits screen (w) and the list's WAIT column on wait_fixture's blocked
# processes, pids from the fixture's record: the full pipe's writer names its reader in its WAIT
# cell and on its chain (whose end the END column names), the reader that only pauses has no
# WAIT text and no row, blocked state letters are underlined, sorting by WAIT puts the blocked
# first; the two-pipe deadlock is named so; Enter opens the selected process's detail, Tab moves
# along a chain (onto the reader in the writer's row, from one deadlocked row to the other); a
# process that blocks while ipctop runs is listed after those blocked before it; a chain wider
# than the pane is cut and scrolls sideways with Right and Left.
# As nobody, root's waits are "not readable", never guessed.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/wait_fixture" ] || skip_all "wait_fixture not built"
tmux_setup waitscr fixture_pid late_r late_w

# A pair that blocks later, started first (lower pids than the fixture's): a sleep on the read
# end of a FIFO, and a shell that, once told through $tmp/go, becomes `yes` writing into it
# until the FIFO is full. Both wait in open() until then, which is not blocked.
mkfifo "$tmp/go" "$tmp/late"
sleep 600 < "$tmp/late" &
late_r=$!
sh -c 'read x < "$1"; exec yes > "$2"' sh "$tmp/go" "$tmp/late" &
late_w=$!

start_fixture wait_fixture --timeout 600

# field CASE KEY: the value of KEY= on the record's CASE line.
field() { sed -n "s/^$1 .*$2=\([0-9]*\).*/\1/p" "$tmp/manifest"; }
w=$(field pipe_full writer) r=$(field pipe_full reader) a=$(field deadlock a) b=$(field deadlock b)
pids="$w,$r,$a,$b,$late_r,$late_w"
ESC=$(printf '\033')
# soon CHECK ARGS...: CHECK succeeds within 3 s.
soon() {
	n=0
	until "$@" || [ "$n" -ge 30 ]; do sleep 0.1; n=$((n + 1)); done
	"$@"
}
AGE='[0-9smhd?]+'

# The WAIT column from the settings file, the list sorted by it.
mkdir -p "$tmp/config/ipctop"
printf 'columns=pid,state,wait\nsort_column=wait\nsort_direction=desc\n' > "$tmp/config/ipctop/ipctoprc"
start list --no-color -p "$pids"
wait_re "^ *$w S write pipe → $r " 150; ok $? "WAIT: the writer's cell names the reader ($r)"
wait_re "^ *$r S +wf_reader"; ok $? "WAIT: the reader, which pauses, has none"
wait_re "^ *$a S read pipe → $b "; ok $? "WAIT: deadlock a reads a pipe of b"
# underlined_s PID: PID's state letter is drawn underlined (SGR 4 before it).
underlined_s() {
	T capture-pane -e -p -t "$session" | grep -E "^($ESC\\[[0-9;]*m| )*$1 " |
		grep -Eq "$ESC\\[([0-9;]*;)?4(;[0-9;]*)?m[ST]"
}
underlined_s "$w"; ok $? "the blocked writer's state letter is underlined"
! underlined_s "$r"; ok $? "the pausing reader's is not"
blocked=$(printf '%s\n' "$w" "$a" "$b" | sort -n | paste -sd' ' -)
idle=$(printf '%s\n' "$r" "$late_r" "$late_w" | sort -n | paste -sd' ' -)
wait_order "$blocked $idle"; ok $? "sorted by WAIT: the blocked first ($blocked), then the others by pid"

T send-keys -t list w
wait_for "Waits: 3 blocked, 3 shown"; ok $? "w opens the waits screen: 3 of the 4 are blocked"
wait_re "^ +$AGE +$w +$r $w \\(wf_writer\\) write pipe → $r \\(wf_reader\\) pause"
ok $? "the writer's chain ends at the reader, named in END"
printf '%s\n' "$screen" | grep -Eq "^ +$AGE +$r "; [ $? -ne 0 ]; ok $? "the reader has no row"
wait_re "^ +$AGE +$a +deadlock deadlock: $a \\(wd_a\\) read pipe → $b \\(wd_b\\) read pipe → $a \\(wd_a\\)"
ok $? "the deadlock is named, a's chain runs round to a"
wait_re "^ +$AGE +$b +deadlock deadlock: $b \\(wd_b\\) read pipe → $a \\(wd_a\\)"; ok $? "and b's"

# Enter on the writer's row (the filter keeps only chains with the writer).
T send-keys -t list / "$w" Enter
wait_re "Waits: 3 blocked, 1 shown.*filter: $w"; ok $? "/ filters by pid: the writer's row alone"
T send-keys -t list Enter
wait_re "^PID $w +wf_writer"; ok $? "Enter opens the writer's detail"
T send-keys -t list Escape
wait_for "Waits: 3 blocked, 1 shown"; ok $? "Esc comes back to the waits screen"
T send-keys -t list Tab
# hop_underlined TEXT: TEXT is drawn underlined on the selected row.
hop_underlined() { T capture-pane -e -p -t "$session" | grep -Fq "${ESC}[4m$1"; }
soon hop_underlined "$r (wf_reader)"; ok $? "Tab moves onto the reader in the writer's row (no row of its own)"
T send-keys -t list Enter
wait_re "^PID $r +wf_reader"; ok $? "Enter then opens the reader's detail"
T send-keys -t list Escape
wait_for "Waits: 3 blocked, 1 shown"
T send-keys -t list / BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace wd_ Enter
wait_for "Waits: 3 blocked, 2 shown"; ok $? "the filter by name keeps both deadlocked rows"
T send-keys -t list Home
down_to " $a deadlock" 3; ok $? "a's row selected"
T send-keys -t list Tab
soon sel_has " $b deadlock"; ok $? "Tab moves to b's row: the next of a's chain"
T send-keys -t list Tab
soon sel_has " $a deadlock"; ok $? "Tab again: round the ring to a's row"
# A chain longer than the pane is cut, and Right scrolls it into view.
T resize-window -t list -x 60
# tmux cuts the old lines at 60 columns itself: keys_done first (the resize, signalled before
# its F1, is handled before it) so that the screen read is ipctop's own at 60 columns
keys_done && wait_re "^ +$AGE +$a +deadlock deadlock: $a \\(wd_a\\) read" &&
	! printf '%s\n' "$screen" | grep -q "→ $a (wd_a)\$"; ok $? "at 60 columns a's chain is cut"
T send-keys -t list Right Right Right Right Right
wait_re "\\(wd_b\\) read pipe → $a \\(wd_a\\)\$"; ok $? "Right scrolls to the end of a's chain"
T send-keys -t list Left Left Left Left Left
wait_re "^ +$AGE +$a +deadlock"; ok $? "Left scrolls back"
T resize-window -t list -x 120

# Longest blocked first: the late pair, though its pids are lower, comes after the fixture's.
T send-keys -t list / Escape
wait_for "Waits: 3 blocked, 3 shown"
echo go > "$tmp/go"
wait_re "^ +$AGE +$late_w +$late_r $late_w \\(yes\\) write fifo → $late_r \\(sleep\\)"
ok $? "a process that blocks later shows up: yes writing the FIFO to the sleep"
order=$(printf '%s\n' "$screen" | sed -n 's/^ *[0-9smhd?][0-9smhd?]* *\([0-9][0-9]*\) .*/\1/p' | paste -sd' ' -)
case $order in
*" $late_w") ok 0 "the one blocked last comes last ($order)" ;;
*) ok 1 "the one blocked last comes last ($order; expected $late_w at the end)" ;;
esac
T send-keys -t list BSpace
wait_for "    PID S WAIT"; ok $? "Backspace goes back to the list"
quit_ok list

# As nobody (from a root run): root's processes' system calls are not readable, so their waits
# are said to be unreadable, and no chain is guessed from the descriptors.
nobody_or_done
! $nobody_prefix cat "/proc/$w/syscall" >/dev/null 2>&1; ok $? "as nobody: the kernel refuses the writer's syscall file"
session=nobody
T new-session -d -s "$session" -x 120 -y 40 "$nobody_prefix \
	env XDG_CONFIG_HOME=/nonexistent LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $pids"
wait_re "^ +$w " 150; ok $? "as nobody: ipctop shows root's fixture"
T send-keys -t "$session" w
wait_re "^ +$AGE +$w +$w $w \\(wf_writer\\) not readable$"; ok $? "as nobody: the writer's wait is not readable"
printf '%s\n' "$screen" | grep -q "→ $r"; [ $? -ne 0 ]; ok $? "as nobody: no chain to the reader is guessed"
quit_ok "as nobody"
tap_done
