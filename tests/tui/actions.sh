#!/bin/sh
# actions.sh — the only things ipctop changes, and only after a menu choice: F8 renices the
# selected process, F9 signals it; with --readonly neither is offered nor done.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup act target

nice_of() { awk '{ sub(/^.*\) /, ""); print $17 }' "/proc/$1/stat"; }
# running PID: the process exists and is not a zombie waiting for this shell to reap it.
running() {
	st=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null)
	[ -n "$st" ] && [ "$st" != Z ]
}

sleep 600 &
target=$!

start ro --readonly -p "$target"
wait_for "sleep 600" 150; ok $? "--readonly: the process is listed"
case $screen in *Kill*|*Nice*) false ;; *) true ;; esac; ok $? "--readonly: no Kill or Nice key offered"
T send-keys -t ro F8
sleep 0.5
screen=$(T capture-pane -p -t ro)
case $screen in *"Nice of PID"*) false ;; *) true ;; esac; ok $? "--readonly: F8 opens nothing"
[ "$(nice_of "$target")" = 0 ]; ok $? "--readonly: nice unchanged"
T send-keys -t ro q

start rw -p "$target"
wait_for "sleep 600" 150; ok $? "without --readonly: the process is listed"
T send-keys -t rw F8
wait_for "Nice of PID $target"; ok $? "F8 offers nice values in a menu"
[ "$(nice_of "$target")" = 0 ]; ok $? "nothing changes before a choice"
T send-keys -t rw Enter
i=0
while [ "$(nice_of "$target")" != 1 ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(nice_of "$target")" = 1 ]; ok $? "choosing the first entry sets nice to 1"
T send-keys -t rw F9
wait_for "Send signal to PID $target"; ok $? "F9 offers signals in a menu"
T send-keys -t rw Enter
i=0
while running "$target" && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
running "$target"; [ $? -ne 0 ]; ok $? "choosing TERM ends the process"
kill "$target" 2>/dev/null
wait "$target" 2>/dev/null
target=
T send-keys -t rw q
tap_done
