#!/bin/sh
# graph_groups.sh — groups on the graph screen, with real processes: a parent and eight workers
# it forked (one program, each worker holding a pipe to the parent) are one box "NAME ×9" by
# default, scoped with -p PARENT or the list's filter (a: all the list shows; A: the machine),
# and nine boxes after c; two unrelated parents of one name, each with two children of that
# name, are two groups of three, never one of six, and e opens the selected one alone. The fixture records the pids; the parent of
# each worker is checked in /proc/PID/stat. Then the legend with --no-color and with --ascii:
# every kind it names has a line of its own (the machine holds at least two kinds: the
# families' pipes and a UNIX socket pair of the test's own, whatever else runs).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
export LC_ALL=C.UTF-8
tmux_setup ggroups fam1 fam2 fam3 pair

# family.py NAME N OUT: a process named NAME forks N children (named NAME too, inherited), each
# writing to its own pipe whose read end the parent holds. Records the parent, then the children.
py_fixture family <<'PY'
name, n = sys.argv[1], int(sys.argv[2])
libc.prctl(15, name.encode(), 0, 0, 0)
kids, ends = [], []
for _ in range(n):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)     # PR_SET_PDEATHSIG: ends with its parent
        for f in ends:
            os.close(f)
        os.close(r)
        signal.pause()
        os._exit(0)
    os.close(w)
    ends.append(r)
    kids.append(pid)
record(os.getpid(), *kids)
time.sleep(600)
PY

start_family() {   # start_family NAME N OUT: sets fam_pid
	"$PYTHON3" "$tmp/family.py" "$1" "$2" "$3" </dev/null >/dev/null 2>&1 &
	fam_pid=$!
	wait_file "$3"
}

is() { [ "$1" = "$2" ]; ok $? "$3 (got $1, want $2)"; }
ppid_of() { awk '{ sub(/.*\) /, ""); print $2 }' "/proc/$1/stat" 2>/dev/null; }

# --- one parent and eight workers ---
wname="wk$$"
start_family "$wname" 8 "$tmp/workers"; fam1=$fam_pid
read -r parent w1 w2 w3 w4 w5 w6 w7 w8 < "$tmp/workers"
good=0
for w in $w1 $w2 $w3 $w4 $w5 $w6 $w7 $w8; do [ "$(ppid_of "$w")" = "$parent" ] && good=$((good + 1)); done
is "$good" 8 "the eight workers are children of the parent (/proc/PID/stat)"

start main -p "$parent" -d 10
wait_re "$wname" 150; ok $? "ipctop -p PARENT lists the parent"
T send-keys -t main g
wait_for "Graph:"; ok $? "g opens the graph"
wait_re "$wname ×9 "; ok $? "focused on the parent: one box for the parent and its eight workers (×9)"
wait_re "$wname ×9 \(8 inside\)"; ok $? "the eight pipes between its members are counted on the box"
printf '%s\n' "$screen" | grep -q "shares no channel"; [ $? -ne 0 ]
ok $? "no message that the parent shares no channel"
T send-keys -t main a
wait_re "nodes, [0-9]+ edges \(listed\)"; ok $? "a: all the list shows (scoped to -p)"
n=$(printf '%s\n' "$screen" | grep -c "$wname ")
is "$n" 1 "one box for the family, not one per worker"
wait_re " 1 nodes, 0 edges"; ok $? "the status line counts the one box on screen"
T send-keys -t main c
wait_re "$wname $w8 "; ok $? "c: groups off, the workers are boxes of their own"
seen=0
for p in $parent $w1 $w2 $w3 $w4 $w5 $w6 $w7 $w8; do
	printf '%s\n' "$screen" | grep -q "$wname $p " && seen=$((seen + 1))
done
is "$seen" 9 "c: the parent and all eight workers drawn, each with its pid"
T send-keys -t main c
wait_re "$wname ×9 "; ok $? "c again: one box again"
T send-keys -t main q

# --- the list's filter is the scope too ---
start filt -d 10
wait_re "Command" 150
T send-keys -t filt F4
T send-keys -t filt -l "$wname"
T send-keys -t filt Enter
# the prompt gone first: it shows the name typed; then the parent's row
wait_absent "Filter: " 100 && wait_re "^ *$parent .*$wname" 100
ok $? "F4: the list filtered to the family's name"
T send-keys -t filt g
wait_for "Graph:"
T send-keys -t filt a
wait_re " 1 nodes, 0 edges \(listed\)"; ok $? "a with a filter: only what the list shows, the family as one box"
T send-keys -t filt A
wait_re "nodes, [0-9]+ edges \(machine\)"; ok $? "A: the whole machine"
T send-keys -t filt q

# --- two unrelated parents with children of one name ---
tname="tw$$"
start_family "$tname" 2 "$tmp/twin1"; fam2=$fam_pid
start_family "$tname" 2 "$tmp/twin2"; fam3=$fam_pid
read -r t1 _ < "$tmp/twin1"
read -r t2 _ < "$tmp/twin2"
ok "$([ "$(ppid_of "$t1")" != "$t2" ] && [ "$(ppid_of "$t2")" != "$t1" ]; echo $?)" "the two parents are unrelated"
start twins -p "$t1,$t2" -d 10
wait_re "$tname" 150; ok $? "ipctop -p P1,P2 lists the parents"
T send-keys -t twins g
wait_for "Graph:"
T send-keys -t twins a
wait_re "nodes, [0-9]+ edges \(listed\)"; ok $? "a: all the list shows"
wait_re "$tname ×3 "
n=$(printf '%s\n' "$screen" | grep -o "$tname ×3 " | wc -l)
is "$n" 2 "two groups of three, one per parent"
printf '%s\n' "$screen" | grep -q "$tname ×6"; [ $? -ne 0 ]; ok $? "never one group of six by name"
# e on the selected group (the one g focused) opens it alone: its three processes by pid, the
# other family still one box; e on one of them closes it again.
fam_shown() {   # fam_shown FILE: how many of the family's recorded pids have a box "NAME PID"
	c=0
	for p in $(cat "$1"); do printf '%s\n' "$screen" | grep -q "$tname $p " && c=$((c + 1)); done
	echo "$c"
}
groups_of_3() { printf '%s\n' "$1" | grep -o "$tname ×3 " | wc -l; }
one_open() {
	fams="$(fam_shown "$tmp/twin1") $(fam_shown "$tmp/twin2")"
	{ [ "$fams" = "3 0" ] || [ "$fams" = "0 3" ]; } && [ "$(groups_of_3 "$1")" -eq 1 ]
}
both_closed() { [ "$(groups_of_3 "$1")" -eq 2 ] && [ "$(fam_shown "$tmp/twin1") $(fam_shown "$tmp/twin2")" = "0 0" ]; }
T send-keys -t twins e
wait_until one_open
ok $? "e: one family's three processes drawn by pid, none of the other's, which stays one box (per family: $fams)"
T send-keys -t twins e
wait_until both_closed
ok $? "e again on one of its processes: two groups of three again, no pid boxes"
# / jumps to a box as a pid or a name is typed; the status line names the selected box,
# "NAME(PID)" or "NAME(N processes from PARENT)"
read -r _ t2a t2b < "$tmp/twin2"
T send-keys -t twins /
wait_for "Jump to:"; ok $? "/ opens the jump prompt"
T send-keys -t twins -l "$t2b"
T send-keys -t twins Enter
wait_re "^Graph: $tname\(3 processes from $t2\)"; ok $? "/PID of a grouped child: its group's box is selected"
T send-keys -t twins c
wait_re "$tname $t2b "
T send-keys -t twins / && T send-keys -t twins -l "$t2b" && T send-keys -t twins Enter
wait_re "^Graph: $tname\($t2b\)"; ok $? "groups off, /PID selects that process's own box"
upper=$(printf '%s' "$tname" | tr a-z A-Z)
T send-keys -t twins / && T send-keys -t twins -l "$upper" && T send-keys -t twins Enter
wait_re "^Graph: $tname\([0-9]+\)"; ok $? "/NAME in another case selects a box of that name"
# n steps through every box of that name: the six processes of the two families, by pid
cur_pid() { printf '%s\n' "$screen" | sed -n "s/^Graph: $tname(\([0-9]*\)).*/\1/p"; }
seen=$(cur_pid)
for _ in 1 2 3 4 5; do
	last=$(cur_pid)
	T send-keys -t twins n
	moved() { printf '%s\n' "$1" | grep -Eq "^Graph: $tname\([0-9]+\)" && ! printf '%s\n' "$1" | grep -qF "Graph: $tname($last)"; }
	wait_until moved 50 || break
	seen="$seen $(cur_pid)"
done
want=$(cat "$tmp/twin1" "$tmp/twin2" | tr ' ' '\n' | sort -n | tr '\n' ' ')
got=$(printf '%s\n' $seen | sort -n | tr '\n' ' ')
is "$got" "$want" "n: the six boxes of that name in turn"
T send-keys -t twins / && T send-keys -t twins -l "nosuch$$" && T send-keys -t twins Enter
wait_for "no box shown matches 'nosuch$$'"; ok $? "/ with no match says so"
T send-keys -t twins q

# --- the legend without colour: each kind it names has a line of its own ---
# legend_glyphs: "GLYPH KIND" per entry of the legend line ("1──pipe", "··pty"): the line of
# the screen with the most such entries.
legend_glyphs() {
	printf '%s\n' "$screen" | "$PYTHON3" -c '
import re, sys
best = max((re.findall(r"(?:^|[0-9 ])(\S)\1([a-z_]+) ", l) for l in sys.stdin), key=len)
for g, k in best:
    print(g, k)'
}
# sockpair.py OUT: a process and its child, joined by a UNIX stream socket pair.
py_fixture sockpair <<'PY'
import socket
a, b = socket.socketpair()
pid = os.fork()
if pid == 0:
    libc.prctl(1, signal.SIGTERM, 0, 0, 0)     # PR_SET_PDEATHSIG: ends with its parent
    a.close()
    signal.pause()
    os._exit(0)
b.close()
record(os.getpid(), pid)
time.sleep(600)
PY
"$PYTHON3" "$tmp/sockpair.py" "$tmp/pair" </dev/null >/dev/null 2>&1 &
pair=$!
wait_file "$tmp/pair"
read -r _ pair_child < "$tmp/pair"
[ "$(ppid_of "$pair_child")" = "$pair" ] && ls -l "/proc/$pair/fd" | grep -q "socket:"
ok $? "a UNIX socket pair held by $pair and its child $pair_child (/proc)"
for mode in --no-color "--no-color --ascii"; do
	start legend "$mode" -p "$parent" -d 10
	wait_re "$wname" 150
	T send-keys -t legend g
	wait_for "Graph:"
	T send-keys -t legend A
	wait_re "\(machine\)"; ok $? "$mode: A shows the whole machine"
	# "(machine)" shows at once, the machine's channels with the next snapshot (-p collected
	# the family's pipes only): wait until the legend names more than the pipe
	more_kinds() { [ "$(legend_glyphs | grep -c .)" -ge 2 ]; }
	wait_re "pipe " && wait_until more_kinds 100
	pairs=$(legend_glyphs)
	kinds=$(printf '%s\n' "$pairs" | grep -c .)
	glyphs=$(printf '%s\n' "$pairs" | awk '{ print $1 }' | sort -u | grep -c .)
	ok "$([ "$kinds" -ge 2 ] && [ "$kinds" = "$glyphs" ]; echo $?)" \
	   "$mode: the legend's $kinds kinds have $glyphs distinct lines ($(printf '%s' "$pairs" | tr '\n' ' '))"
	T send-keys -t legend q
	wait_gone 600 legend
done

tap_done
