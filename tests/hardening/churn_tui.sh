#!/bin/sh
# churn_tui.sh — the interactive ipctop at its fastest refresh (-d 1, a tenth of a second) in a
# private tmux server while the churner starts and kills channel-holding processes hundreds of
# times a second (600 a second, half by fork, half by clone: see churner.c): for about 12 s (the plain list, the list filtered to the churned processes,
# the tree of them) it keeps running and keeps drawing (the uptime in the header moves on), every
# screen has its frame (header, column header, function-key bar) with only process rows
# between, nothing reaches stderr, and q ends it with status 0. The churn rate is reported as a
# TAP comment, never asserted.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/hardening/churn_lib.sh"
tmux_require
[ -x "$churner" ] || skip_all "churner not built"

export LC_ALL=C.UTF-8
tmux_setup churntui churn_pid

name=ht$$   # this run's processes only, even when another build runs the same test
churn_start "$tmp/churner.out" 40 128 "$name" 600 2
ok $? "churner is forking and killing channel-holding processes"

session=churn
T new-session -d -s churn -x 120 -y 40 \
	"env XDG_CONFIG_HOME='$tmp/config' '$IPCTOP' -d 1 2>'$tmp/err'; echo \$? > '$tmp/rc'"
wait_for "Command" 150
ok $? "ipctop draws its process list under churn"

# frame_problem SCREEN: print what is wrong with one captured screen, nothing when it is whole.
# Between the column header and the function-key bar every row is a process (it starts with
# a pid), empty, or ipctop's own "no process matches" (the filter caught no churned process):
# a stray message, a half-drawn row or a control sequence shown as text would break that. The
# bar is the function keys, or the filter prompt while F4's name is being typed (a capture can
# fall between the keys sent and the Enter that ends the prompt).
frame_problem() {
	printf '%s\n' "$1" | awk '
		!body && /Load average: [0-9.]+ [0-9.]+ [0-9.]+/ { load = 1 }
		!body && /Tasks: [0-9]+, / { tasks = 1 }
		/^ +PID USER / { body = NR }
		{ last = $0; rows[NR] = $0 }
		END {
			if (!body) { print "no column header"; exit }
			if (!load || !tasks) print "header: no load average or task line above the list"
			if (last !~ /^F1Help / && last !~ /^Filter: [^ ]* \(Enter done, Esc clear\)/)
				print "bar: " last
			for (i = body + 1; i < NR; i++)
				if (rows[i] !~ /^ *[0-9]+ / && rows[i] !~ /^ *$/ && rows[i] !~ /^ *no process matches/)
					print "row " i ": " rows[i]
		}'
	printf '%s\n' "$1" | LC_ALL=C grep -n '[[:cntrl:]]' | head -3 | sed 's/^/control byte on line /'
}

# watch SECONDS: capture the pane about 4 times a second (fewer on a busy machine) for that
# long; count the screens and the bad ones; keep the uptime shown first and last.
watch() {
	stop_at=$(($(date +%s) + $1))
	while [ "$(date +%s)" -lt "$stop_at" ]; do
		screen=$(T capture-pane -p -t churn 2>/dev/null) || break
		up=$(printf '%s\n' "$screen" | sed -n 's/.*Uptime: \([0-9a-z ,:]*[0-9]\).*/\1/p')
		[ -z "$first_up" ] && first_up=$up
		[ -n "$up" ] && last_up=$up
		bad=$(frame_problem "$screen")
		screens=$((screens + 1))
		if [ -n "$bad" ]; then
			bad_screens=$((bad_screens + 1))
			[ "$bad_screens" -le 2 ] && printf '%s\n' "$bad" | head -5 | sed 's/^/#   /'
		fi
		sleep 0.25
	done
}

screens=0 bad_screens=0 first_up= last_up=
watch 4
T send-keys -t churn F4 "$name" Enter   # only the churned processes: the rows churn
watch 4
T send-keys -t churn F5                  # their tree: parents and children churn
watch 4
# a machine loaded by other tests may take longer than the watch for one refresh under churn
# (sanitizer build): give the uptime up to 30 s more to move
n=0
while [ -n "$first_up" ] && [ "$first_up" = "$last_up" ] && [ $n -lt 120 ]; do
	sleep 0.25
	up=$(T capture-pane -p -t churn 2>/dev/null | sed -n 's/.*Uptime: \([0-9a-z ,:]*[0-9]\).*/\1/p')
	[ -n "$up" ] && last_up=$up
	n=$((n + 1))
done
echo "# $screens screens captured; uptime shown went from $first_up to $last_up"

T has-session -t churn 2>/dev/null
ok $? "ipctop is still running after 12 s of churn at -d 1"
[ "$screens" -ge 6 ] && [ "$bad_screens" -eq 0 ]
ok $? "every screen is whole: header, column header, process rows, key bar ($bad_screens of $screens not)"
[ -n "$first_up" ] && [ "$first_up" != "$last_up" ]
ok $? "it keeps drawing: the uptime in the header moved on ($first_up, then $last_up)"

T send-keys -t churn q
wait_gone
ok $? "q ends it"
[ "$(cat "$tmp/rc" 2>/dev/null)" = 0 ]
ok $? "exit status 0 ($(cat "$tmp/rc" 2>/dev/null))"
[ ! -s "$tmp/err" ]
ok $? "nothing on stderr (no warning drawn over the screen, no sanitizer report)"
sed 's/^/#   stderr: /' "$tmp/err" | head -10

churn_stop
tap_done
