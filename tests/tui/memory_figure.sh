#!/bin/sh
# memory_figure.sh — the Memory tab's address-space figure on a real process: ipc_fixture's
# SysV shared-memory pair (A attaches the segment read-write, B read-only). The oracle is
# /proc/PID/maps read here: each mapping's class from the kernel's own names and the
# executable's link (r-x of the executable: text, r--: rodata, rw-: data; [stack], [vdso],
# [vvar*], [vsyscall]; /SYSV*: shm; a *.so*: lib). On screen, at 80x24 and 120x40 under
# several TERM values: every class present is named; each band is named after a class the
# kernel maps in the band's range (the band's address to the next band's); the bands go
# down in address; kernel space, 16.0 EiB, is the top band. Compare mode (opened by the Memory
# tab itself with -p A,B; C leaves it, C again compares with the other -p pid): both pids head
# the two figures and the shared segment's name is on one row in both; with A
# alone, C offers B first in a menu (it shares memory with A). l on the tmux server's figure
# splits its libraries' band into one per library. As
# nobody, the figure of nobody's own sleep passes the same checks.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/ipc_fixture" ] || skip_all "ipc_fixture not built"
[ "$(uname -m)" = x86_64 ] || skip_all "the user address limit checked is x86-64's"
tmux_setup memfig fixture_pid sleeper

start_ipc_fixture
a=$(awk '$1 == "sysv_shm" { print $2; exit }' "$tmp/manifest")
b=$(awk '$1 == "sysv_shm" { print $3; exit }' "$tmp/manifest")
[ -n "$a" ] && [ -n "$b" ]; ok $? "the fixture made a SysV segment pair (pids ${a:-none} ${b:-none})"

# classes PID: "START END CLASS" per mapping of /proc/PID/maps, addresses in hex as printed.
classes() {
	exe=$(readlink "/proc/$1/exe")
	awk -v exe="$exe" '{
		split($1, r, "-"); path = $6; for (i = 7; i <= NF; i++) path = path " " $i
		sub(/ \(deleted\)$/, "", path); c = "anon"
		if (path == exe) c = substr($2, 3, 1) == "x" ? "text" : substr($2, 2, 1) == "w" ? "data" : "rodata"
		else if (path == "[heap]") c = "heap"
		else if (path ~ /^\[stack/) c = "stack"
		else if (path == "[vdso]") c = "vdso"
		else if (path ~ /^\[vvar/) c = "vvar"
		else if (path == "[vsyscall]") c = "vsyscall"
		else if (path ~ /^\/SYSV/) c = "shm"
		else if (path ~ /\.so(\.|$)/) c = "lib"
		else if (path != "" && path !~ /^\[/) c = "file"
		else if (prev_exe && r[1] == prev_end && $2 == "rw-p") c = "bss"
		prev_exe = (path == exe); prev_end = r[2]
		print r[1], r[2], c }' "/proc/$1/maps"
}
classes "$a" > "$tmp/maps_a"
grep -q " shm$" "$tmp/maps_a" && grep -q " text$" "$tmp/maps_a"; ok $? "the kernel lists A's text and its SysV segment"

# bands: the figure's bands of the pane, top to bottom, as "ADDRESS CLASS" (kernel, gap). A
# band's label is on its top row, its start address left of its bottom row.
bands() {
	T capture-pane -p -t "$session" | sed -n 's/^ *\([0-9a-f]*\) [│|] \([^│|]*\)[│|].*/\1 @\2/p' |
		awk -v words=" anon text rodata data bss heap stack lib shm file vdso vvar vsyscall kernel … ~ " '
		{ addr = $1 == "@" || substr($1, 1, 1) == "@" ? "" : $1; sub(/^[^@]*@ */, "")
		  w = $1; if (w ~ /^[0-9]+$/ && $2 == "libraries") w = "lib"
		  if (index(words, " " w " ")) { if (n) print band_addr, cls; n++; band_addr = ""
			cls = w == "…" || w == "~" ? "gap" : w }
		  if (addr != "") band_addr = addr }
		END { if (n) print band_addr, cls }'
}

# figure_ok: the checks of one screen (label: its size and TERM).
figure_ok() {
	label=$1
	bands > "$tmp/bands"
	n=$(wc -l < "$tmp/bands")
	[ "$n" -ge 8 ]; ok $? "$label: $n bands drawn"
	[ "$n" -ge 8 ] || T capture-pane -p -t "$session" | sed 's/^/# /'
	head -n 1 "$tmp/bands" | grep -q " kernel$" && T capture-pane -p -t "$session" | grep -q "kernel space 16.0 EiB"
	ok $? "$label: kernel space, 16.0 EiB, is the top band"
	missing=
	for c in $(awk '{ print $3 }' "$tmp/maps_a" | sort -u); do
		awk -v c="$c" '$2 == c { f = 1 } END { exit !f }' "$tmp/bands" || missing="$missing $c"
	done
	[ -z "$missing" ]; ok $? "$label: every class A maps is named on screen (missing:${missing:- none})"
	# Below the kernel and vsyscall bands: addresses go down, and each band names a class the
	# kernel maps between its address and the one above it.
	awk 'NR == FNR { s[NR] = $1; e[NR] = $2; c[NR] = $3; n = NR; next }
	     $2 == "kernel" || $2 == "vsyscall" { next }
	     { a = sprintf("%016s", $1); gsub(/ /, "0", a)
	       if (seen && a >= last) { print "# not in address order: " $0; bad = 1 }
	       if ($2 != "gap") { f = 0
		 for (i = 1; i <= n; i++) { ms = sprintf("%016s", s[i]); gsub(/ /, "0", ms)
		   me = sprintf("%016s", e[i]); gsub(/ /, "0", me)
		   if (c[i] == $2 && me > a && (!seen || ms < last)) f = 1 }
		 if (!f) { print "# band " $0 ": the kernel maps no " $2 " there"; bad = 1 } }
	       last = a; seen = 1 }
	     END { exit bad }' "$tmp/maps_a" "$tmp/bands"
	ok $? "$label: bands in address order, each named after a class mapped in its range"
}

for run in "80 24 xterm-256color" "120 40 linux" "120 40 screen" "80 24 tmux-256color"; do
	set -- $run
	session="fig-$1x$2-$3"
	T new-session -d -s "$session" -x "$1" -y "$2" \
		"env TERM=$3 XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' -p $a,$b"
	wait_for "$a " 150; ok $? "$run: A is listed"
	T send-keys -t "$session" Enter
	wait_for "PCB"; ok $? "$run: Enter opens its detail"
	T send-keys -t "$session" 3
	wait_re "^ +$a .* $b " 300; ok $? "$run: with -p A,B, 3 compares A ($a) with B ($b), both pids head a figure"
	wait_re "SYSV0+.*SYSV0+" 300
	ok $? "$run: the SysV segment is named on one row in both figures"
	T capture-pane -p -t "$session" | grep -q "SYSV0.*=.*SYSV0.*="
	ok $? "$run: and marked = (shared) in both"
	T send-keys -t "$session" C
	wait_re "ADDRESS +SIZE" && wait_re "kernel space" 300; ok $? "$run: C shows A's figure and table"
	figure_ok "$1x$2 $3"
	T send-keys -t "$session" C
	# both pids heading a figure first: A's own figure and table, still on screen, may name
	# the segment twice on one line too
	wait_re "^ +$a .* $b " 300 && wait_re "SYSV0+.*SYSV0+" 300; ok $? "$run: C again compares with B"
	quit_ok "$run"
done

# With A alone (-p A): C offers a menu, B first as it shares memory with A; Enter compares.
session=fig-menu
T new-session -d -s "$session" -x 100 -y 30 \
	"env TERM=xterm-256color XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' -p $a"
wait_for "$a " 150 && T send-keys -t "$session" Enter && wait_for "PCB" && T send-keys -t "$session" 3
wait_re "kernel space" 300 && T send-keys -t "$session" C
wait_re "Compare the address space with"; ok $? "-p A: C opens a menu of processes to compare with"
first=$(T capture-pane -p -t "$session" | grep -A3 "Compare the address space with" |
	grep -Eo '[0-9]+ fx-[^ ]+ +\(shares memory\)' | head -n 1)
[ "${first%% *}" = "$b" ]; ok $? "-p A: B ($b) is listed first, as sharing memory (${first:-nothing})"
T send-keys -t "$session" Enter
wait_re "^ +$a .* $b " 300 && wait_re "SYSV0+.*SYSV0+" 300; ok $? "-p A: Enter compares A with B"
quit_ok "-p A"

# The libraries of the tmux server (libevent, ncurses, libc, ...): one band "N libraries" at
# first, then after l one band per library (more lib bands, none holding several).
server=$(T display-message -p '#{pid}')
libs=$(awk '$6 ~ /\.so(\.|$)/ { print $6 }' "/proc/$server/maps" | sort -u | wc -l)
session=fig-libs
T new-session -d -s "$session" -x 120 -y 40 \
	"env TERM=xterm-256color XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' -p $server"
wait_for "$server " 150 && T send-keys -t "$session" Enter && wait_for "PCB" && T send-keys -t "$session" 3
wait_re "[0-9]+ libraries" 300; ok $? "tmux server ($libs libraries in its maps): they share a band"
classes "$server" > "$tmp/maps_a"
figure_ok "tmux server, 120x40"
if grep -q ' heap$' "$tmp/maps_a"; then
	T capture-pane -p -t "$session" | grep -Eq "heap [0-9.]+ [KMG]?i?B ↑"; ok $? "the heap is marked growing up (↑)"
fi
T capture-pane -p -t "$session" | grep -Eq "stack [0-9.]+ [KMG]?i?B ↓"; ok $? "the stack is marked growing down (↓)"
before=$(bands | grep -c " lib$")
T send-keys -t "$session" l
wait_absent "libraries" 100; ok $? "l: no band holds several libraries any more"
after=$(bands | grep -c " lib$")
[ "$after" -gt "$before" ]; ok $? "l: one band per library ($before lib bands before, $after after)"
T send-keys -t "$session" l
wait_re "[0-9]+ libraries" 100; ok $? "l again: the libraries share a band again"
quit_ok "libraries"

exec 9>&-
wait "$fixture_pid"; ok $? "ipc_fixture ends cleanly"
fixture_pid=

# As nobody (from a root run): the figure of nobody's own sleep, checked the same way.
nobody_or_done
$nobody_prefix sleep 600 </dev/null >/dev/null 2>&1 &
sleeper=$!
i=0
while [ "$(awk '/^Uid:/ { print $3 }' "/proc/$sleeper/status")" != "$(id -u nobody)" ] && [ "$i" -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
classes "$sleeper" > "$tmp/maps_a"
session=fig-nobody
T new-session -d -s "$session" -x 80 -y 24 "$nobody_prefix \
	env TERM=xterm-256color XDG_CONFIG_HOME=/nonexistent LC_ALL=C.UTF-8 '$IPCTOP' -p $sleeper"
wait_for "$sleeper " 150 && T send-keys -t "$session" Enter && wait_for "PCB" && T send-keys -t "$session" 3
wait_re "kernel space" 300; ok $? "as nobody: the Memory tab of nobody's sleep shows its figure"
figure_ok "as nobody, 80x24"
quit_ok "as nobody"
kill "$sleeper"
sleeper=
tap_done
