#!/bin/sh
# tui_basic.sh — end-to-end test of the interactive ipctop in a private tmux server: the list,
# search, the detail tabs (PCB, IPC peer), resize, a tiny terminal, escaping of a hostile
# process name, -p, quitting, and the refusal to run without a terminal.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
export LC_ALL=C.UTF-8
tmux_setup tui fixture_pid hostile_pid

# Fixture: a parent with a unique name holding the write end of a pipe to its child.
name="ipctfx$$" cname="ipctch$$"
start_pipe_pair "$name" "$cname" || { echo "Bail out! fixture did not start"; exit 1; }
ppid_fx=$pair_parent child_fx=$pair_child
[ "$ppid_fx" = "$fixture_pid" ] || { echo "Bail out! fixture did not start"; exit 1; }

# A process whose command line carries an escape sequence and invalid UTF-8.
hostile=$(printf '\033[31mEVIL\377')
bash -c 'exec -a "$1" sleep 600' sh "$hostile" &
hostile_pid=$!

# --- stdout not a terminal ---
out=$("$IPCTOP" </dev/null 2>&1 | cat)
st=$("$IPCTOP" </dev/null >/dev/null 2>&1; echo $?)
[ "$st" = 1 ]; ok $? "exit status 1 when stdout is not a terminal"
case $out in *"stdout is not a terminal; use --json or --dot"*) r=0 ;; *) r=1 ;; esac
ok $r "says why and what to use instead"

# --- the list, search, detail ---
start main -d 10
wait_for "Command" 150; ok $? "process list with its column header"
wait_for "Load average"; ok $? "header with load averages"
T send-keys -t main / "$name"
# its row, not the prompt (which shows the name as soon as it is typed)
wait_re "^ *$ppid_fx .*$name"; ok $? "incremental search brings the fixture into view"
T send-keys -t main Enter F Enter
wait_for "Parent PID"; ok $? "Enter opens the detail (PCB tab)"
wait_for "PID $ppid_fx "; ok $? "PCB tab shows the fixture's pid"
printf '%s\n' "$screen" | grep -Eq "Parent PID +$$ "; ok $? "PCB tab shows the parent pid (this script)"
T send-keys -t main 4
wait_for "$child_fx ($cname)"; ok $? "IPC tab names the pipe's peer (child pid and name)"
printf '%s\n' "$screen" | grep -q "pipe"; ok $? "the descriptor is decoded as a pipe"
T send-keys -t main 2
wait_re "Voluntary switches +[0-9]+ +\([0-9.]+/s\)" 50
ok $? "Scheduling tab: context switches with their rate since the previous refresh"
T send-keys -t main 4

# --- resize, tiny terminal ---
T resize-window -t main -x 80 -y 24
# drawn anew at 80x24: the tab bar on line 2 and the key bar on line 24 (what tmux keeps of
# the 120x40 screen until ipctop draws is one of them at most, as the old screen is cut)
drawn_80x24() { printf '%s\n' "$1" | awk 'NR == 2 && /4 IPC/ { t = 1 } NR == 24 && /F10Quit/ { k = 1 } END { exit !(t && k) }'; }
wait_until drawn_80x24; ok $? "still drawn after resizing to 80x24"
T resize-window -t main -x 30 -y 6
wait_for "terminal too small"; ok $? "tiny terminal shows a one-line message"
T resize-window -t main -x 120 -y 40
wait_for "Scheduling"; ok $? "back to full size, the detail is drawn again"
T send-keys -t main Escape
wait_for "Load average"; ok $? "Esc goes back to the list"

# --- hostile name shown escaped ---
T send-keys -t main / EVIL
# the prompt first: the list may show the row already, and the Esc below must close the prompt
wait_for "Search: EVIL" && wait_for '\x1b[31mEVIL\xff'; ok $? "hostile command line shown escaped (\\x1b, \\xff)"
T send-keys -t main Escape
wait_absent "Search:" 50   # Esc and q at once would read as Alt+q, which is no key
T send-keys -t main q
wait_gone; ok $? "q quits"

# --- no raw control bytes reach the terminal (no colours: only ipctop's own attributes) ---
start mono --no-color -p "$hostile_pid,$ppid_fx"
wait_for "EVIL" 150; ok $? "-p shows the listed processes"
cap=$(T capture-pane -e -p -t mono)
row=$(printf '%s\n' "$cap" | grep "EVIL")
shown_child=$(printf '%s\n' "$cap" | grep -c " $child_fx ")
[ -n "$row" ] && [ "$shown_child" = 0 ]; ok $? "-p hides processes not listed"
esc=$(printf '\033')
[ -n "$row" ] && ! printf '%s\n' "$row" | grep -q "${esc}\[31m"; ok $? "no SGR from the process name on screen"
[ -n "$row" ] && ! printf '%s\n' "$row" | grep -Eq "${esc}\[[0-9;]*3[0-7]m|38;[25];"
ok $? "with --no-color no colour attributes at all on the row"
[ -n "$row" ] && ! printf '%s\n' "$row" | tr -d '\033' | LC_ALL=C grep -q '[[:cntrl:]]'
ok $? "no other control bytes on the row"
T send-keys -t mono F10
wait_gone; ok $? "F10 quits"

tap_done
