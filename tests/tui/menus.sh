#!/bin/sh
# menus.sh — choosing the sort column from F6's menu and with < and >, setup by mouse, the help
# by the wheel (a heading moves up one line a turn). Three sleeps of this test are listed; the orders expected are their pids sorted
# (the kernel's numbers): F6 then Enter on PID sorts by PID in its default (ascending) order,
# after a descending start; > then < come back to PID the same way (with < and > doing nothing
# the list would stay descending). In setup two clicks on "show column USER" hide that column
# (the list's header then has no USER).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup menus s1 s2 s3
start_sleeps s1 s2 s3
sort_rc pid desc
asc=$(printf '%s\n' "$s1" "$s2" "$s3" | sort -n | paste -sd' ' -)
desc=$(printf '%s\n' "$s1" "$s2" "$s3" | sort -rn | paste -sd' ' -)

wheel_down() { T send-keys -t "$session" -H $(printf '\033[<65;40;20M' | od -An -tx1); }

start m "--no-color -p $s1,$s2,$s3"
wait_for " $s3 " 150   # (up to 15 s to start on a busy machine)
wait_order "$desc"; ok $? "the sleeps listed by PID, descending, as the settings say"
T send-keys -t m F6
wait_for "Sort by"; ok $? "F6 opens the sort menu"
T send-keys -t m Enter
wait_order "$asc"; ok $? "Enter on PID (the current column) sorts by it, ascending (its default)"
wait_absent "Sort by"; ok $? "and closes the menu"
T send-keys -t m I
wait_order "$desc"; ok $? "I inverts: descending"
T send-keys -t m '>'
wait_re '^ *PID +USER' && probe
T send-keys -t m '<'
wait_order "$asc"; ok $? "> then <: back to PID in its default order, ascending"
T send-keys -t m I
wait_order "$desc" && T send-keys -t m . ,
wait_order "$asc"; ok $? "I, then . and , (as > and <): the same, ascending again"

T send-keys -t m F2
wait_for "show column USER"; ok $? "F2 opens setup"
click_text "show column S"   # another item selected first: the next click only selects
click_text "show column USER"
click_text "show column USER"
wait_for "[ ] show column USER"; ok $? "a click on S, two on 'show column USER': USER turned off"
T send-keys -t m F2
# setup gone first: it names PID and USER too, and may be what " USER " is absent from
wait_absent "show column" && wait_for " PID " && wait_absent " USER "; ok $? "back in the list, the header has no USER column"

T send-keys -t m F1
wait_for "Keys: Process list"; ok $? "F1 opens the help"
y0=$(text_at "Keys: Process list" | cut -d' ' -f2)
for k in 1 2 3 4 5 6 7 8 9 10; do wheel_down; done
want_y=$((y0 - 10))
moved() { [ "$(text_at "Keys: Process list" | cut -d' ' -f2)" = "$want_y" ]; }
wait_until moved 50; ok $? "ten turns of the wheel scroll it up ten lines (line $y0 to $want_y)"
T send-keys -t m Escape
wait_absent "Keys:"; ok $? "Esc closes the help"
quit_ok "menus"
grep -q '^sort_column=pid$' "$tmp/config/ipctop/ipctoprc"; ok $? "the sort column saved on quit: pid"
tap_done
