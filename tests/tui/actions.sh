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
# F8, then the probe: a menu F8 opened would take the probe's '/', so the search prompt
# showing (and no menu) means F8 was read and opened nothing.
T send-keys -t ro F8 F9
probe; ok $? "--readonly: F8 and F9 open nothing"
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
wait_gone

# As a user who may not signal it: the menu still names it, the kernel says no, and it lives.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	sleep 600 &
	target=$!
	chmod 755 "$tmp"
	mkdir -p "$tmp/nobody" && chown nobody "$tmp/nobody"
	T new-session -d -s nobody -x 120 -y 40 \
		"setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent XDG_CONFIG_HOME='$tmp/nobody' LC_ALL=C.UTF-8 '$IPCTOP' -p $target"
	session=nobody
	wait_for "sleep 600" 150; ok $? "as nobody: the root-owned process is listed"
	T send-keys -t nobody F9
	wait_for "Send signal to PID $target"; ok $? "as nobody: F9 names it"
	T send-keys -t nobody Enter
	wait_re "signal 15: sent to 0 of 1; Operation not permitted"; ok $? "as nobody: the refusal is reported"
	running "$target"; ok $? "as nobody: the process lives"
	T send-keys -t nobody q
	wait_gone
	kill "$target" 2>/dev/null
	wait "$target" 2>/dev/null
	target=
else
	for d in "listed" "F9 names it" "refusal reported" "process lives"; do skip "as nobody: needs root and setpriv ($d)"; done
fi
tap_done
