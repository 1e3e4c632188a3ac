#!/bin/sh
# memory.sh — the Memory tab of the detail screen: the table shows the mappings of a fixture
# process (a python3 that maps a file of ours shared) as the kernel lists them in
# /proc/PID/maps (address, permissions, path; in order), and Up/Down, PgUp/PgDn, Home and End
# move the selection and scroll the table so that the selected mapping stays in view; on the
# PCB tab PgDn past the end then Up in one write lands on the line above the last. Run in the
# side-by-side layout (120 columns) and the stacked one (100), under two TERM values; then
# ipctop as nobody, on a root process (not readable) and on one of nobody's.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup memory fixture

py_fixture mapper <<'PY'
import mmap
f = open(sys.argv[1], "w+b")
f.write(b"x" * 8192)
f.flush()
m = mmap.mmap(f.fileno(), 8192, mmap.MAP_SHARED)
record(os.getpid())
time.sleep(600)
PY
"$PYTHON3" "$tmp/mapper.py" "$tmp/mapped.dat" "$tmp/pid" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/pid"; ok $? "the fixture started"
# The oracle: "address perms path" per mapping, address without leading zeros.
awk '{ a = $1; sub(/-.*/, "", a); sub(/^0+/, "", a); print a, $2, $6 }' "/proc/$fixture/maps" > "$tmp/maps"
n_maps=$(wc -l < "$tmp/maps")
mapped_at=$(awk -v p="$tmp/mapped.dat" '$3 == p { print NR; exit }' "$tmp/maps")
[ -n "$mapped_at" ]; ok $? "the kernel lists the fixture's mapping of mapped.dat (line ${mapped_at:-none} of $n_maps)"

# shown: the table's rows as "S address perms path", S being * for the selected row, the
# address without leading zeros and a path cut short by the screen without its ellipsis.
shown() {
	capture_rev | sed -E \
		-e 's/\x01( *[0-9a-f]{12,16} +[0-9.]+[BKMGTP] [-r][-w][-x][ps] )/@\1/' -e 's/[\x01\x02]//g' \
		-e 's/…$//' | sed -En \
		-e 's/^(.*[^ @0-9a-f])? *(@?) *0*([0-9a-f]+) +[0-9.]+[BKMGTP] ([-r][-w][-x][ps]) +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ *(.*)$/\2 \3 \4 \5/p' |
		sed -e 's/^@/*/' -e 's/^ /- /' -e 's/ *$//'
}

# window_ok: the rows shown are consecutive mappings of the oracle, each with its address,
# perms and (a prefix of) its path; prints what differs. Sets sel_line to the oracle line of
# the selected row, first_line and last_line to the window's.
window_ok() {
	shown > "$tmp/shown"
	awk -v out="$tmp/window" 'NR == FNR { a[NR] = $1; p[NR] = $2; f[NR] = $3; n = NR; next }
	FNR == 1 { for (i = 1; i <= n && a[i] != $2; i++); base = i - 1 }
	{ i = base + FNR; path = substr($0, length($1 $2 $3) + 4)
	  if (i > n || a[i] != $2 || p[i] != $3 || index(f[i], path) != 1) { print "# row " FNR ": " $0 " / maps: " a[i] " " p[i] " " f[i]; bad = 1 }
	  if ($1 == "*") sel = i; last = i }
	END { printf "sel_line=%s first_line=%s last_line=%s\n", sel, base + 1, last > out; exit bad || FNR < 5 }' \
		"$tmp/maps" "$tmp/shown"
	st=$?
	. "$tmp/window"
	return $st
}

# wait_sel_line N: until the selected row is the Nth mapping (5 s).
wait_sel_line() {
	i=0
	while { window_ok >/dev/null; [ "$sel_line" != "$1" ]; } && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	window_ok && [ "$sel_line" = "$1" ]
}

for run in "xterm-256color 120" "screen 100"; do
	set -- $run
	term=$1 session="mem-$1"
	T new-session -d -s "$session" -x "$2" -y 40 \
		"env TERM=$term XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $fixture"
	wait_for "$fixture " 150; ok $? "$term: the fixture is listed"
	T send-keys -t "$session" Enter
	wait_for "Parent PID"; ok $? "$term: Enter opens its detail"
	T send-keys -t "$session" 3
	wait_for "$n_maps mappings"; ok $? "$term: the Memory tab counts $n_maps mappings, as /proc/$fixture/maps"
	wait_sel_line 1; ok $? "$term: the table starts at the first mapping, selected, rows as in maps"
	rows=$((last_line - first_line + 1))
	[ "$rows" -lt "$n_maps" ]; ok $? "$term: the table shows $rows of $n_maps rows (scrolling is needed)"

	T send-keys -t "$session" Down Down Down
	wait_sel_line 4; ok $? "$term: Down three times selects the fourth mapping"
	T send-keys -t "$session" End
	wait_sel_line "$n_maps"; ok $? "$term: End selects the last mapping"
	[ "$last_line" = "$n_maps" ]; ok $? "$term: and the table scrolled to show it last"
	T send-keys -t "$session" Up
	wait_sel_line $((n_maps - 1)); ok $? "$term: Up selects the one before, the window stays"
	[ "$last_line" = "$n_maps" ]; ok $? "$term: (the last mapping still shown)"
	T send-keys -t "$session" Home
	wait_sel_line 1 && [ "$first_line" = 1 ]; ok $? "$term: Home goes back to the first mapping"
	T send-keys -t "$session" PPage NPage
	wait_sel_line "$rows"; ok $? "$term: PgDn moves one page less a row (to mapping $rows)"
	# one key at a time: sent together, a loaded machine may draw between them, and the screen
	# before the keys already shows the mapping they come back to
	T send-keys -t "$session" NPage
	i=0
	while { window_ok >/dev/null; [ "$sel_line" = "$rows" ]; } && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	T send-keys -t "$session" PPage
	# PgDn stops at the last mapping (a short maps file: python3 without a locale maps fewer)
	down=$((2 * rows - 1)); [ "$down" -gt "$n_maps" ] && down=$n_maps
	back=$((down - rows + 1))
	wait_sel_line "$back"; ok $? "$term: PgDn then PgUp comes back (mapping $back of $n_maps)"
	T send-keys -t "$session" Home
	wait_sel_line 1     # (the mapping PgUp came back to may be mapped.dat's already)
	k=1
	while [ "$k" -lt "$mapped_at" ]; do T send-keys -t "$session" Down; k=$((k + 1)); done
	wait_sel_line "$mapped_at"; ok $? "$term: Down reaches the mapping of mapped.dat (line $mapped_at)"
	grep -q "^\* [0-9a-f]* rw-s /" "$tmp/shown"; ok $? "$term: shown shared and writable (rw-s), with (the start of) its path"

	# The text tabs (here the PCB) keep the selection on a line too: PgDn past the end and Up,
	# sent in one write (one batch of keys before a draw), select the line above the last.
	T send-keys -t "$session" 1
	wait_for " Not readable "; ok $? "$term: 1 shows the PCB tab"
	above=$(T capture-pane -p -t "$session" | grep -B1 '^ Not readable ' | head -n 1 | cut -c1-21)
	T send-keys -t "$session" NPage Up
	n=0
	while ! sel_has "$above" && [ "$n" -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
	sel_has "$above"; ok $? "$term: PgDn and Up at once select the line above the last ($above)"
	quit_ok "$term"
done
kill "$fixture"
fixture=

# As nobody (from a root run): ipctop may not read a root process's maps, and says so; it
# reads those of nobody's own process (a sleep) and shows them as the kernel lists them.
nobody_or_done
as_nobody() { $nobody_prefix "$@"; }
# nobody_pane SESSION PID: ipctop as nobody, with no settings file, on PID alone.
nobody_pane() {
	session=$1
	T new-session -d -s "$session" -x 100 -y 40 "$nobody_prefix \
		env TERM=linux XDG_CONFIG_HOME=/nonexistent LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $2"
	wait_for "$2 " 150 && T send-keys -t "$session" Enter && wait_for "Parent PID" && T send-keys -t "$session" 3
}
sleep 600 &
fixture=$!
! as_nobody cat "/proc/$fixture/maps" >/dev/null 2>&1; ok $? "as nobody: the kernel refuses root's sleep's maps"
nobody_pane nobody-root "$fixture"
wait_for "memory maps not readable"; ok $? "as nobody: the Memory tab says root's maps are not readable"
quit_ok "as nobody, root's process"
kill "$fixture"
$nobody_prefix sleep 600 &
fixture=$!
i=0
while [ "$(awk '/^Uid:/ { print $3 }' "/proc/$fixture/status")" != "$(id -u nobody)" ] && [ "$i" -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
awk '{ a = $1; sub(/-.*/, "", a); sub(/^0+/, "", a); print a, $2, $6 }' "/proc/$fixture/maps" > "$tmp/maps"
n_maps=$(wc -l < "$tmp/maps")
nobody_pane nobody-own "$fixture"
wait_for "$n_maps mappings"; ok $? "as nobody: its own sleep's $n_maps mappings counted"
wait_sel_line 1; ok $? "as nobody: the table starts at the first, rows as in maps"
T send-keys -t "$session" End
wait_sel_line "$n_maps" && [ "$first_line" -gt 1 ]; ok $? "as nobody: End scrolls to the last"
quit_ok "as nobody, its own process"
kill "$fixture"
fixture=
tap_done
