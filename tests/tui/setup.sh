#!/bin/sh
# setup.sh — the F2 setup screen: switching a column off removes it from the list, the choice
# and a changed refresh delay are written to the settings file when ipctop quits, a restart
# reads them back (the column stays off, setup shows it off), and switching it on again brings
# it back and saves that too. Settings live in a private dir: once found through
# XDG_CONFIG_HOME, once through HOME (~/.config); under the TERM values linux and screen.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup setup sleeper

sleep 600 &
sleeper=$!

# run TERM SESSION: ipctop on the sleeper alone, with the settings environment of this round.
run() {
	session=$2
	T new-session -d -s "$session" -x 120 -y 40 \
		"env -u XDG_CONFIG_HOME $env_dir TERM=$1 LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $sleeper"
	wait_for "sleep 600" 150
}
header() { T capture-pane -p -t "$session" | grep -m 1 ' PID '; }
# quit_saved: q, until ipctop ended; then the file's columns= and delay= lines.
quit_saved() {
	T send-keys -t "$session" q
	wait_gone || return 1
	columns=$(sed -n 's/^columns=//p' "$rc" 2>/dev/null)
	delay=$(sed -n 's/^delay=//p' "$rc" 2>/dev/null)
	[ -n "$columns" ]
}

for round in "linux xdg" "screen home"; do
	set -- $round
	term=$1
	if [ "$2" = xdg ]; then
		env_dir="XDG_CONFIG_HOME='$tmp/xdg'" rc="$tmp/xdg/ipctop/ipctoprc"
	else
		env_dir="HOME='$tmp/home'" rc="$tmp/home/.config/ipctop/ipctoprc"
	fi
	run "$term" "s1-$term"; ok $? "$term: the list is up ($2)"
	case $(header) in *POLICY*CPU%*) true ;; *) false ;; esac; ok $? "$term: POLICY is a column at first"
	[ ! -e "$rc" ]; ok $? "$term: there is no settings file yet"
	T send-keys -t "$session" F2
	wait_for "[x] show column POLICY"; ok $? "$term: F2 opens setup, POLICY shown switched on"
	down_to "show column POLICY"; ok $? "$term: Down selects the POLICY item"
	T send-keys -t "$session" Space
	wait_for "[ ] show column POLICY"; ok $? "$term: Space switches it off"
	down_to "refresh delay" 40; ok $? "$term: Down reaches the refresh delay"
	T send-keys -t "$session" + +
	wait_for "refresh delay: 1.7 s"; ok $? "$term: + + makes the delay 1.7 s"
	T send-keys -t "$session" Escape
	wait_absent "show column"; ok $? "$term: Esc goes back to the list"
	h=$(header)
	case $h in *POLICY*) false ;; *CPU%*) true ;; *) false ;; esac; ok $? "$term: POLICY is gone, CPU% still there: $h"
	quit_saved; ok $? "$term: quitting writes $rc"
	case ,$columns, in *,policy,*) false ;; *,cpu,*) true ;; *) false ;; esac
	ok $? "$term: its columns line lacks policy, keeps cpu ($columns)"
	[ "$delay" = 17 ]; ok $? "$term: its delay is 17 tenths ($delay)"

	run "$term" "s2-$term"; ok $? "$term: restarted"
	case $(header) in *POLICY*) false ;; *CPU%*) true ;; *) false ;; esac; ok $? "$term: POLICY still off after the restart"
	T send-keys -t "$session" F2
	wait_for "[ ] show column POLICY"; ok $? "$term: setup shows it off"
	wait_for "refresh delay: 1.7 s"; ok $? "$term: and the delay read back"
	down_to "show column POLICY" && T send-keys -t "$session" Enter
	wait_for "[x] show column POLICY"; ok $? "$term: Enter switches it on again"
	T send-keys -t "$session" F2
	wait_absent "show column"; ok $? "$term: F2 closes setup"
	case $(header) in *POLICY*CPU%*) true ;; *) false ;; esac; ok $? "$term: POLICY is back in its place"
	quit_saved; ok $? "$term: quit again"
	case ,$columns, in *,policy,*) true ;; *) false ;; esac; ok $? "$term: policy saved on ($columns)"
done
tap_done
