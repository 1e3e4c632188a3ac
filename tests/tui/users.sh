#!/bin/sh
# users.sh — the user filter (u): a menu lists the users, choosing one leaves only the processes
# whose effective uid (the kernel's /proc/PID/status) is that user's; "All users" brings all
# back. Sleepers run as root, as nobody, and one with real uid nobody but effective uid root
# (it belongs to root). Under the TERM values xterm-256color and linux. Needs root (setpriv).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ "$(id -u)" -eq 0 ] || skip_all "not root: cannot start processes of another user"
command -v setpriv >/dev/null 2>&1 || skip_all "setpriv not installed"
nobody_uid=$(id -u nobody 2>/dev/null) || skip_all "no user nobody"
tmux_setup users
pids=''
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; tmux_cleanup' EXIT

# The sleepers: the pid of setpriv is the sleeper's (it execs sleep).
for who in root root nobody nobody mixed; do
	case $who in
	root) sleep 600 & ;;
	nobody) setpriv --reuid="$nobody_uid" --regid="$(id -g nobody)" --clear-groups sleep 600 & ;;
	mixed) setpriv --ruid="$nobody_uid" sleep 600 & ;;
	esac
	pids="$pids $!"
done
list=$(echo $pids | tr ' ' ',')
# Until every sleeper is sleep: setpriv sets the ids, then execs, so before that its uid may
# still be root's (10 s at most).
n=0
for p in $pids; do
	while [ "$(cat "/proc/$p/comm" 2>/dev/null)" != sleep ] && [ "$n" -lt 100 ]; do
		sleep 0.1; n=$((n + 1))
	done
done

euid() { awk '/^Uid:/ { print $3 }' "/proc/$1/status" 2>/dev/null; }
# expect UID: the sleepers whose effective uid the kernel says is UID, ascending.
expect() { for p in $pids; do [ "$(euid "$p")" = "$1" ] && echo "$p"; done | sort -n | paste -sd' ' -; }
# rows: the pids of the list's rows, ascending.
rows() { T capture-pane -p -t "$session" | awk 'NR > 5 && $1 ~ /^[0-9]+$/ { print $1 }' | sort -n | paste -sd' ' -; }
# wait_rows PIDS: until the list shows exactly PIDS (5 s).
wait_rows() {
	n=0
	while [ "$(rows)" != "$1" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	[ "$(rows)" = "$1" ] || { echo "# shown: $(rows); expected: $1"; return 1; }
}
# menu_sel NAME: the menu's selected entry is NAME.
menu_sel() { capture_rev | grep -q "$SEL *$1 *$END"; }
# choose NAME: u, Home, then Down until the menu's selected entry is NAME, then Enter.
choose() {
	T send-keys -t "$session" u
	wait_for "Show processes of" || return 1
	T send-keys -t "$session" Home
	down_to "$1 *$END" 30 || return 1
	T send-keys -t "$session" Enter
	wait_absent "Show processes of"
}

mine=$(expect 0) theirs=$(expect "$nobody_uid")
[ "$(echo $mine | wc -w)" = 3 ] && [ "$(echo $theirs | wc -w)" = 2 ]
ok $? "the kernel sees 3 sleepers of root ($mine) and 2 of nobody ($theirs)"
for term in xterm-256color linux; do
	session="u-$term"
	T new-session -d -s "$session" -x 120 -y 40 \
		"env TERM=$term XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $list"
	all=$(echo $pids | tr ' ' '\n' | sort -n | paste -sd' ' -)
	wait_rows "$all"; ok $? "$term: all five sleepers listed"
	choose nobody; ok $? "$term: u, nobody chosen"
	wait_rows "$theirs"; ok $? "$term: only nobody's (effective uid $nobody_uid) remain"
	T send-keys -t "$session" u
	wait_for "Show processes of" && menu_sel nobody; ok $? "$term: u again opens the menu on nobody"
	T send-keys -t "$session" Escape
	wait_absent "Show processes of" && wait_rows "$theirs"; ok $? "$term: Esc closes it, the filter kept"
	choose root; ok $? "$term: u, root chosen"
	wait_rows "$mine"; ok $? "$term: only root's remain, the one with real uid nobody among them"
	choose "All users"; ok $? "$term: u, All users chosen"
	wait_rows "$all"; ok $? "$term: all five again"
	quit_ok "$term"
done

# Without -p: every row of nobody's list is a process of effective uid nobody (now, if it
# still exists), and the two sleepers are among them.
session="u-all"
T new-session -d -s "$session" -x 120 -y 60 \
	"env TERM=screen XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' --no-color"
wait_for " PID " 150; ok $? "all processes: the list is up"
choose nobody; ok $? "all processes: nobody chosen"
wait_for "$(echo $theirs | cut -d' ' -f1) "; ok $? "all processes: a sleeper of nobody is shown"
bad=''
for p in $(rows); do
	u=$(euid "$p")
	[ -z "$u" ] || [ "$u" = "$nobody_uid" ] || bad="$bad $p:$u"
done
[ -z "$bad" ]; ok $? "all processes: no row of another user (${bad:-none})"
for p in $theirs; do case " $(rows) " in *" $p "*) ;; *) false ;; esac; done
ok $? "all processes: both sleepers of nobody are rows"
quit_ok "all processes"
tap_done
