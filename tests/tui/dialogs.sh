#!/bin/sh
# dialogs.sh — the boxes over the list and the detail's tab bar, each checked by what the kernel
# then says: '?' explains the column under the column cursor (the text of src/view/help_text.c)
# and any key or a click closes it; t draws the tree with its branch glyphs under the parent
# that /proc names; Space tags two processes and F9 with two mouse clicks on "10 USR1" sends
# that signal to both (their wait status says so; the first click only selects); the mouse
# wheel moves the signal menu, Enter sends USR2; a click on a detail tab opens it (Memory
# counts the lines of /proc/PID/maps, PCB names the parent). The processes are sleeps of this
# test, found by their pids.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup dialogs s1 s2 s3
start_sleeps s1 s2 s3
sort_rc pid asc

# explain KEY: the first words of the help text of KEY (col.pid ...) in src/view/help_text.c.
explain() {
	sed -n "s/^.*{ \"$1\", \"[^\"]*\", \"\([^\"]*\)\".*/\1/p" "$TESTS_SRC/../src/view/help_text.c" |
		cut -d' ' -f1-4
}
# wait_sel TEXT: until the selected (reverse video) stretch holds TEXT (5 s).
wait_sel() {
	i=0
	while ! sel_has "$1" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	sel_has "$1"
}
# status_of PID: st = its exit status once it has ended (at most 5 s; 255: it has not, and it
# is killed then, so that nothing waits for it).
status_of() {
	i=0
	# Running: not a zombie yet, and not reaped either (the shell may reap it at once and keep
	# its status for wait).
	while [ -e "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ] &&
		[ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ $i -lt 50 ] || { kill -KILL "$1"; wait "$1"; st=255; return; }
	wait "$1"
	st=$?
}
# row_of PID: the pane's line for that pid (first field).
row_of() { T capture-pane -p -t "$session" | awk -v p="$1" '$1 == p { print; exit }'; }
ppid_of() { sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f2; }

# --- '?' on the list, closed by a key and by a click; t, the tree ---
start ex "--no-color -p $$,$s1,$s2"
wait_for " $s2 " 150; ok $? "the test shell and two sleeps are listed"
T send-keys -t ex '?'
want_pid=$(explain col.pid)
[ -n "$want_pid" ] && wait_for "$want_pid" && wait_for "any key: close"
ok $? "? on the PID column (the sort column) explains it: '$want_pid'"
T send-keys -t ex x
wait_absent "any key: close"; ok $? "any key closes the explanation"
T send-keys -t ex Right '?'
want_user=$(explain col.user)
[ -n "$want_user" ] && wait_for "$want_user"; ok $? "Right, ?: the USER column explained: '$want_user'"
click 3 3
wait_absent "any key: close"; ok $? "a click closes the explanation"

[ "$(ppid_of "$s1")" = $$ ] && [ "$(ppid_of "$s2")" = $$ ]
ok $? "the kernel: both sleeps are children of the test shell ($$)"
T send-keys -t ex t
i=0
# (a child started in the last seconds is marked "[new]" after its branch)
while ! row_of "$s1" | grep -Eq '[├└]─(\[new\] )?sleep' && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
r1=$(row_of "$s1") r2=$(row_of "$s2") r0=$(row_of $$)
printf '%s\n' "$r1" "$r2" | grep -Eq '├─(\[new\] )?sleep' && printf '%s\n' "$r1" "$r2" | grep -Eq '└─(\[new\] )?sleep'
ok $? "t: the two children drawn as branches, one ├─ and the last └─"
case $r0 in *─*) false ;; *) [ -n "$r0" ] ;; esac; ok $? "and their parent as a root, with no branch"
T capture-pane -p -t ex | awk -v a=$$ -v b="$s1" -v c="$s2" '$1 == a { pa = NR } $1 == b { pb = NR }
	$1 == c { pc = NR } END { exit !(pa && pa < pb && pa < pc) }'
ok $? "the parent's row above its children's"
T send-keys -t ex t
wait_absent '└─'; ok $? "t again: a flat list (no branch drawn)"
quit_ok "explain and tree"

# --- Space tags both, F9, two clicks on 10 USR1 ---
start tags "--no-color -p $s1,$s2"
wait_for " $s2 " 150; ok $? "two sleeps listed"
T send-keys -t tags Home Space Space F9
wait_for "Send signal to 2 tagged processes"; ok $? "Space twice tags both; F9 names the 2 tagged"
click_text "10 USR1"
wait_sel "10 USR1" && kill -0 "$s1" 2>/dev/null && kill -0 "$s2" 2>/dev/null
ok $? "one click only selects it: both alive"
click_text "10 USR1"
wait_for "signal 10 sent to 2 processes"; ok $? "a second click sends it: 2 processes"
status_of "$s1"; st1=$st
status_of "$s2"; st2=$st
[ "$st1" -eq $((128 + 10)) ] && [ "$st2" -eq $((128 + 10)) ]
ok $? "the kernel: both ended by SIGUSR1 (status $st1, $st2)"
s1= s2=
quit_ok "tags"

# --- the detail's tabs by click; the wheel in the signal menu ---
# click_tab NAME: click on NAME in the tab bar (the pane's second line).
click_tab() {
	x=$(T capture-pane -p -t "$session" | awk -v t="$1" 'NR == 2 { print index($0, t) }')
	[ "${x:-0}" -gt 0 ] || { echo "# no tab $1"; return 1; }
	click "$x" 2
}
start det "--no-color -p $s3"
wait_for " $s3 " 150; ok $? "a third sleep listed"
T send-keys -t det Enter
wait_for "Parent PID"; ok $? "Enter opens its detail"
n_maps=$(wc -l < "/proc/$s3/maps")
click_tab Memory
wait_for "$n_maps mappings"; ok $? "a click on the Memory tab: $n_maps mappings, as /proc/$s3/maps"
click_tab PCB
wait_re "Parent PID +$$ "; ok $? "a click on the PCB tab: parent $$, as /proc says"
T send-keys -t det Escape
wait_absent "Parent PID"
T send-keys -t det F9
wait_for "Send signal to PID $s3"; ok $? "Esc, F9: the signal menu for it"
for k in 1 2 3 4 5 6 7; do
	T send-keys -t det -H $(printf '\033[<65;60;20M' | od -An -tx1)
done
wait_sel "12 USR2"; ok $? "seven turns of the wheel down select 12 USR2"
T send-keys -t det Enter
wait_for "signal 12 sent to 1 process"; ok $? "Enter sends it"
status_of "$s3"
[ "$st" -eq $((128 + 12)) ]; ok $? "the kernel: it ended by SIGUSR2 (status $st)"
s3=
quit_ok "detail and wheel"
tap_done
