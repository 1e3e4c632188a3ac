#!/bin/sh
# graph_by.sh — the graph screen's C (what a group is) with real processes: a process and its
# child of another name, joined by a pipe, are two boxes by family; this test puts both into a
# cgroup of its own, "ipctPID.service" on the cgroup v2 hierarchy (the kernel's
# /proc/PID/cgroup says so), and by service they are one box "ipctPID.service ×2" with their
# pipe counted inside; e opens it into the two processes with the focus kept, e closes it; by
# user (both root) both in root's one box; none: two boxes again. --dot --groups=service and
# =family draw the same. The cgroup is removed at the end.
# Root only (cgroups are made under /sys/fs/cgroup).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
[ "$(id -u)" -eq 0 ] || skip_all "making cgroups needs root"
v2=$(grep ' - cgroup2 ' /proc/self/mountinfo | head -1 | cut -d' ' -f5)
[ -n "$v2" ] && [ -w "$v2/cgroup.procs" ] || ci_skip_all "no writable cgroup v2 hierarchy"
tmux_setup graphby gby
unit="ipct$$.service"
cg="$v2/$unit"
pa="ga$$" pb="gb$$"
by_cleanup() {
	tmux_cleanup
	[ -n "$fixture_pid" ] && stop_pipe_pair "$fixture_pid" "$pair_parent" "$pair_child"
	rmdir "$cg" 2>/dev/null
}
trap by_cleanup EXIT
mkdir "$cg" || ci_skip_all "cannot make a cgroup under $v2"
start_pipe_pair "$pa" "$pb"; ok $? "a process and its child joined by a pipe"
echo "$pair_parent" > "$cg/cgroup.procs" && echo "$pair_child" > "$cg/cgroup.procs"
grep -qx "0::/$unit" "/proc/$pair_parent/cgroup" && grep -qx "0::/$unit" "/proc/$pair_child/cgroup"
ok $? "the kernel puts both in $unit"

dump() { printf '%s\n' "$screen" | sed 's/^/# /'; }
check() { ok "$1" "$2" || dump; }
sort_rc pid asc
START_W=200 start gby --no-color -p "$pair_parent,$pair_child" -d 10
wait_re "^ *$pair_parent " 150; check $? "ipctop lists the two"
T send-keys -t gby g
wait_re "$pa $pair_parent " && wait_re "$pb $pair_child "; check $? "by family: two boxes (two programs)"
wait_re "\[grouped by family\]"; check $? "the legend says groups are by family"
T send-keys -t gby C
wait_re "groups: by service"; check $? "C: the status line says by service"
wait_re "$unit ×2 \(1 ins"; check $? "by service: one box for the unit, its pipe counted inside"
printf '%s\n' "$screen" | grep -q "$pa $pair_parent "; [ $? -ne 0 ]; check $? "by service: no box of the process alone"
wait_re "\[grouped by service\]"; check $? "the legend says by service"
T send-keys -t gby e
wait_re "$pa $pair_parent " && wait_re "$pb $pair_child "; check $? "e: the unit's box opens into its two processes"
wait_re "^Graph: $pa\($pair_parent\)"; check $? "e: the focused process is selected"
T send-keys -t gby e
wait_re "$unit ×2 "; check $? "e again: one box again"
T send-keys -t gby C
wait_re "root ×[0-9]+ "; check $? "C: by user, one box for root's processes"
printf '%s\n' "$screen" | grep -Eq "$pa $pair_parent |$pb $pair_child "; [ $? -ne 0 ]
check $? "by user: neither process has a box of its own"
T send-keys -t gby / && T send-keys -t gby -l "$pair_child" && T send-keys -t gby Enter
wait_re "^Graph: root\([0-9]+ processes from"; check $? "by user: /PID of the child selects root's box"
T send-keys -t gby C
wait_re "$pa $pair_parent " && wait_re "$pb $pair_child "; check $? "C: groups none, two boxes"
wait_absent "[grouped"; check $? "the legend says nothing of groups"
# --dot --groups=BY: the same groups as the screen's C
dot_nodes() { "$IPCTOP" --dot "$@" -p "$pair_parent,$pair_child" 2>"$tmp/err" | grep -E '^  [gps][0-9a-f_h]+ \[' > "$tmp/nodes"; }
dot_nodes --groups=service
n=$(wc -l < "$tmp/nodes")
[ "$n" = 1 ] && grep -q "label=\"$unit ×2\\\\n(1 inside)\"" "$tmp/nodes"
ok $? "--dot --groups=service: one node for the unit, its pipe inside ($n nodes)" || sed 's/^/# /' "$tmp/nodes"
dot_nodes --groups=family
grep -q "label=\"$pa\\\\npid $pair_parent\"" "$tmp/nodes" && grep -q "label=\"$pb\\\\npid $pair_child\"" "$tmp/nodes"
ok $? "--dot --groups=family: a node for each" || sed 's/^/# /' "$tmp/nodes"
"$IPCTOP" --dot --groups=bogus >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "invalid --groups 'bogus'" "$tmp/err"; ok $? "--groups=bogus: refused, exit status 2"
T send-keys -t gby q
wait_gone; ok $? "ipctop quits"
stop_pipe_pair "$fixture_pid" "$pair_parent" "$pair_child"; fixture_pid=
rmdir "$cg"; ok $? "the cgroup removed"
tmux_finish
tap_done
