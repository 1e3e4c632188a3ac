#!/bin/sh
# lesson_teacher.sh — a teacher's run through every lesson, as in class: in one tmux session at
# 80x24 a shell runs `ipctop --lesson list` (its lines fit), then each lesson it lists, in turn: n through
# every step to the last, each step's banner shown whole (its text as the lesson table,
# src/lesson/lesson_table.c, writes it: read by lesson_banners.py), one p back (the banner
# before it whole again), q. After each lesson ipctop has ended and everything the lesson made
# is gone: every process its helpers recorded (IPCTOP_LESSON_RECORD), zombies and forked
# children included, and every IPC object named in that record (System V segment and queue by
# id, POSIX shared memory and queue by name, the UNIX socket's directory, the TCP listener).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require python3
tmux_setup lesson-teacher
trap 'lesson_cleanup; tmux_cleanup' EXIT

banners=$tmp/banners
"$PYTHON3" "$TESTS_SRC/tui/lesson_banners.py" "$TESTS_SRC/../src/lesson/lesson_table.c" > "$banners"
names=$(cut -f1 "$banners" | uniq | paste -sd' ' -)
[ "$(echo $names | wc -w)" -ge 10 ]; ok $? "the lesson table has its lessons: $names"

# banner NAME N: the text of step N of lesson NAME.
banner() { awk -F '\t' -v l="$1" -v n="$2" '$1 == l && $2 == n { print $3; exit }' "$banners"; }
# facts KEY: every value of KEY=VALUE in the record.
facts() {
	awk -v k="$1=" '{ for (i = 3; i <= NF; i++) if (index($i, k) == 1) print substr($i, length(k) + 1) }' \
		"$rec" 2>/dev/null | sort -u
}
# objects_left: the record's IPC objects that the kernel still has.
objects_left() {
	for id in $(facts shmid); do sysv_has shm "$id" && echo "shm $id"; done
	for id in $(facts msqid); do sysv_has msg "$id" && echo "msg $id"; done
	for n in $(facts name); do
		case $n in
		*-shm) [ -e "/dev/shm/${n#/}" ] && echo "posix shm $n" ;;
		*-queue) mq_call open "$n" && echo "mqueue $n" ;;
		esac
	done
	for p in $(facts path); do [ -e "${p%/*}" ] && echo "socket dir ${p%/*}"; done
	return 0
}
# ipctop_of SHELL: the ipctop the shell started (its child), once it runs.
ipctop_of() {
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		[ "$(cat "/proc/$c/comm" 2>/dev/null)" = ipctop ] && { echo "$c"; return 0; }
	done
	return 1
}

session=teacher
rec=$tmp/record
T new-session -d -s "$session" -x 80 -y 24 \
	"env XDG_CONFIG_HOME='$tmp/config' HOME='$tmp' LC_ALL=C.UTF-8 IPCTOP_LESSON_RECORD='$rec' PS1='$ ' sh"
shell=$(T list-panes -t "$session" -F '#{pane_pid}')
wait_re '^\$ *$'   # the prompt first: else the command's echo and its output may come before it
T send-keys -t "$session" "'$IPCTOP' --lesson list" Enter
listed() { for n in $names; do printf '%s\n' "$1" | grep -q "^$n  *[a-zA-Z]" || return 1; done; }
wait_until listed; ok $? "--lesson list names every lesson of the table, one a line"
long=$("$IPCTOP" --lesson list | awk 'length($0) > 79 { print $1 }' | paste -sd' ' -)
[ -z "$long" ]; ok $? "--lesson list: each line fits in 80 columns (longer: ${long:-none})"

for name in $names; do
	n_steps=$(awk -F '\t' -v l="$name" '$1 == l' "$banners" | wc -l)
	rm -f "$rec"
	lesson_name=$name lesson_procs=''
	T send-keys -t "$session" "clear; '$IPCTOP' --lesson $name" Enter
	wait_for "Lesson $name 1/$n_steps"; ok $? "$name: starts, $n_steps steps"
	k=1 whole=yes
	while [ "$k" -le "$n_steps" ]; do
		[ "$k" -eq 1 ] || step "$k" || whole="$whole, step $k not reached"
		screen_has_text "$(banner "$name" "$k")" || whole="$whole, banner $k cut"
		lesson_record
		k=$((k + 1))
	done
	[ "$whole" = yes ]; ok $? "$name: n through every step, each banner shown whole ($whole)"
	T send-keys -t "$session" p
	back=$((n_steps - 1))
	wait_for "Lesson $name $back/$n_steps" && screen_has_text "$(banner "$name" "$back")"
	ok $? "$name: p shows step $back again, its banner whole"
	ip=$(ipctop_of "$shell")
	T send-keys -t "$session" q
	i=0
	while [ -n "$ip" ] && [ -e "/proc/$ip" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -n "$ip" ] && [ ! -e "/proc/$ip" ]; ok $? "$name: q ends ipctop (${ip:-not found})"
	lesson_gone; ok $? "$name: every process it recorded is gone ($(echo $lesson_procs | wc -w))"
	objs=$({ facts shmid; facts msqid; facts name; facts path; } | paste -sd' ' -)
	until_none objects_left; ok $? "$name: every IPC object it recorded is gone (${objs:-none})"
	lesson_procs=''
done
tap_done
