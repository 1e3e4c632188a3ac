#!/bin/sh
# hscroll.sh — the process list at 80x24: a long command line is cut; Right at the last column
# (Command) scrolls the list sideways until its end shows (the text shown is the kernel's
# /proc/PID/cmdline), and Left brings the columns back. Then, wider: p hides and shows the
# program's directory, and the program's name is drawn highlighted (bold, from --no-color).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup hscroll other fixture

sleep 600 &
other=$!
long=$(printf 'x%.0s' $(seq 150))
py=$("$PYTHON3" -c 'import sys; print(sys.executable)')   # the interpreter itself, not a wrapper
"$py" -c 'import time; time.sleep(600)' "$long" ENDMARK </dev/null >/dev/null 2>&1 &
fixture=$!
cmdline() { tr '\0' ' ' < "/proc/$fixture/cmdline" | sed 's/ $//'; }
i=0
while ! cmdline | grep -q ENDMARK && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
argv0=$(tr '\0' '\n' < "/proc/$fixture/cmdline" | head -n 1)
base=${argv0##*/}
mkdir -p "$tmp/config/ipctop"
# The cursor rests on the first row, drawn reversed; keep it on the sleep, not on the fixture whose
# name's highlight the test reads (pids wrap at pid_max, so the sleep may have the larger pid).
dir=asc
[ "$other" -gt "$fixture" ] && dir=desc
printf 'sort_column=pid\nsort_direction=%s\n' "$dir" > "$tmp/config/ipctop/ipctoprc"

run() {
	session=$1
	T new-session -d -s "$session" -x "$2" -y 24 \
		"env XDG_CONFIG_HOME='$tmp/config' TERM=linux LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $other,$fixture"
	wait_re "^ +$fixture " 150
}
row() { T capture-pane -p -t "$session" | grep -m 1 -E "$1"; }
header_has_pid() { T capture-pane -p -t "$session" | grep -q '^ *PID USER'; }

run h1 80; ok $? "80x24: the list shows the fixture"
! T capture-pane -p -t "$session" | grep -q ENDMARK; ok $? "the end of its command line is cut off"
rights=Right
for k in $(seq 40); do rights="$rights Right"; done
T send-keys -t "$session" $rights
wait_for ENDMARK; ok $? "Right past the last column scrolls until the end of the command line shows"
line=$(row 'ENDMARK' | sed 's/^ *//; s/ *$//')
case " $(cmdline)" in *"$line") true ;; *) false ;; esac
ok $? "what is shown is the end of /proc/PID/cmdline ($line)"
! header_has_pid; ok $? "the PID and USER columns have scrolled off"
lefts=Left
for k in $(seq 60); do lefts="$lefts Left"; done
T send-keys -t "$session" $lefts
i=0
while ! header_has_pid && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
header_has_pid; ok $? "Left brings the first columns back"
wait_absent ENDMARK; ok $? "and the end of the command line is cut off again"
quit_ok "80x24"

case $argv0 in */*) true ;; *) false ;; esac; ok $? "the fixture's argv[0] has a directory ($argv0)"
run h2 250; ok $? "250 columns: the list shows the fixture"
wait_for "$argv0 -c"; ok $? "the command column shows argv[0] with its directory"
T send-keys -t "$session" p
wait_absent "$argv0 -c"; ok $? "p hides the directory"
row " $fixture " | grep -q " $base -c "; ok $? "the program's name remains: $base"
esc=$(printf '\033')
T capture-pane -e -p -t "$session" | grep " $fixture " | grep -q "${esc}\[1m$base${esc}\["
ok $? "the program's name is drawn bold"
T send-keys -t "$session" p
wait_for "$argv0 -c"; ok $? "p shows the directory again"
T capture-pane -e -p -t "$session" | grep " $fixture " | grep -q "${esc}\[1m$base${esc}\["
ok $? "still with the name in bold"
T send-keys -t "$session" p
wait_absent "$argv0 -c"
quit_ok "250 columns"
grep -qx 'program_path=0' "$tmp/config/ipctop/ipctoprc"; ok $? "program_path=0 saved"
tap_done
