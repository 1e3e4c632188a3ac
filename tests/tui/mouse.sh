#!/bin/sh
# mouse.sh — mouse clicks on the list: a click on a column header sorts by that column (again:
# the other way), a click on a row selects it, a click on a key of the function-key bar does
# what the key does (F6 the sort menu, F2 setup, F1 help, F10 quit). Three python3 processes
# hold 10, 60 and 35 MiB: the expected orders come from their PIDs and their VmRSS in
# /proc/PID/status. SGR reports under xterm-256color, X10 ones under screen.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup mouse
hogs=''
trap 'for p in $hogs; do kill "$p" 2>/dev/null; done; tmux_cleanup' EXIT

# Each hog: its size in MiB (its command lines differ there: 10 < 35 < 60) and a name for its
# start file.
for spec in "10 m1" "60 m2" "35 m3"; do
	set -- $spec
	"$PYTHON3" -c 'import sys, time; b = b"x" * (int(sys.argv[1]) << 20); open(sys.argv[3], "w").close(); time.sleep(600)' \
		"$1" "$2" "$tmp/up.$2" </dev/null >/dev/null 2>&1 &
	hogs="$hogs $!"
done
for l in m1 m2 m3; do wait_file "$tmp/up.$l" || touch "$tmp/up.$l"; done 2>/dev/null
list=$(echo $hogs | tr ' ' ',')
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
by_pid_asc=$(printf '%s\n' $hogs | sort -n | paste -sd' ' -)
by_pid_desc=$(printf '%s\n' $hogs | sort -rn | paste -sd' ' -)
by_rss_desc=$(for p in $hogs; do echo "$(rss "$p") $p"; done | sort -rn | awk '{ print $2 }' | paste -sd' ' -)
set -- $hogs
by_command="$1 $3 $2"
[ "$by_rss_desc" = "$2 $3 $1" ]; ok $? "the kernel's VmRSS orders the hogs 60, 35, 10 MiB ($by_rss_desc)"

selected() { capture_rev | sed -n "s/^$SEL *\([0-9][0-9]*\) .*/\1/p" | head -n 1; }
wait_selected() {
	n=0
	while [ "$(selected)" != "$1" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	[ "$(selected)" = "$1" ]
}
header_y() { text_at " PID USER" | cut -d' ' -f2; }

for run in "xterm-256color sgr" "screen x10"; do
	set -- $run
	term=$1 enc=$2 session="m-$1"
	mkdir -p "$tmp/config/ipctop"
	printf 'sort_column=command\nsort_direction=asc\n' > "$tmp/config/ipctop/ipctoprc"
	T new-session -d -s "$session" -x 120 -y 40 \
		"env TERM=$term XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $list"
	wait_for " PID " 150   # (up to 15 s to start: the sanitizer build on a busy machine is slow)
	wait_order "$by_command"; ok $? "$term: the hogs listed by command line first"
	click_text " PID " "$enc"
	wait_order "$by_pid_asc"; ok $? "$term: a click on the PID header sorts by PID, ascending"
	click_text " PID " "$enc"
	wait_order "$by_pid_desc"; ok $? "$term: a second click there sorts descending"
	click_text "RES " "$enc"
	wait_order "$by_rss_desc"; ok $? "$term: a click on the RES header sorts by resident memory, largest first"

	y=$(header_y)
	for k in 3 2; do
		pid=$(echo "$by_rss_desc" | cut -d' ' -f"$k")
		click 20 $((y + k)) "$enc"
		wait_selected "$pid"; ok $? "$term: a click on row $k selects it ($pid)"
	done

	click_text F6SortBy "$enc"
	wait_for "Sort by"; ok $? "$term: a click on F6SortBy opens the sort menu"
	T send-keys -t "$session" Escape
	wait_absent "Sort by"; ok $? "$term: Esc closes it"
	click_text F2Setup "$enc"
	wait_for "show column"; ok $? "$term: a click on F2Setup opens setup"
	T send-keys -t "$session" Escape
	wait_absent "show column"; ok $? "$term: Esc closes it"
	click_text F1Help "$enc"
	wait_for "Keys: Process list"; ok $? "$term: a click on F1Help opens the help"
	T send-keys -t "$session" Escape
	wait_absent "Keys: Process list"; ok $? "$term: Esc closes it"
	click_text F10Quit "$enc"
	wait_gone; ok $? "$term: a click on F10Quit quits"
done
tap_done
