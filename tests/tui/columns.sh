#!/bin/sh
# columns.sh — the columns F2 adds to the process list (VIRT, SHR, MEM%, TIME+, PRI, START,
# TTY, PPID, PGRP, SID, VCSW/s, ICSW/s, EXE): each switched on in F2, its value for a fixture
# checked against the kernel (/proc/PID/stat, statm, status, exe, /proc/stat's btime) and ps;
# a column moved first with F7 is drawn first; the columns and their order are saved and read
# back after a restart. The fixture runs in a tmux pane of its own (so it has a terminal),
# burns some CPU, then sleeps 20 ms at a time (voluntary context switches).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup columns fixture

py_fixture cols <<'PY'
t = time.process_time()
while time.process_time() - t < 0.3:
    pass
record(os.getpid())
while True:
    time.sleep(0.02)
PY
T new-session -d -s fix -x 80 -y 10 "exec '$PYTHON3' '$tmp/cols.py' '$tmp/pid'"
wait_file "$tmp/pid"; ok $? "the fixture is running"
read -r fixture < "$tmp/pid"
rc="$tmp/config/ipctop/ipctoprc"

run() {
	session=$1
	T new-session -d -s "$session" -x 250 -y 40 \
		"env XDG_CONFIG_HOME='$tmp/config' TZ=UTC TERM=linux LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $fixture"
	wait_re " $fixture +root " 150
}
# pick N: the setup item N (from 0) selected: Home, then N times Down in one write (no
# guessing how fast ipctop follows), until the selected line shows it.
pick() {
	keys=Home
	i=0
	while [ "$i" -lt "$1" ]; do keys="$keys Down"; i=$((i + 1)); done
	T send-keys -t "$session" $keys
	i=0
	while ! sel_has "$2" && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	sel_has "$2"
}
header() { T capture-pane -p -t "$session" | grep -m 1 'PID.*Command'; }
# value TITLE: the fixture row's cell (the only row: -p) under the column TITLE (every cell
# before Command is one word).
value() {
	T capture-pane -p -t "$session" | awk -v t="$1" '
		col { print $col; exit }
		/PID.*Command/ { for (i = 1; i <= NF; i++) if ($i == t) col = i }'
}
stat_field() { sed 's/.*) //' "/proc/$fixture/stat" | cut -d' ' -f$(($1 - 2)); }
human_kib() { awk -v k="$1" 'BEGIN { if (k < 10000) printf "%dK\n", k; else if (k < 1024000) printf "%.1fM\n", k / 1024; else printf "%.1fG\n", k / 1048576 }'; }

run c1; ok $? "ipctop shows the fixture"
T send-keys -t "$session" F2
wait_for "show column VIRT"; ok $? "F2 lists the new columns"
n=10      # the first new column's place in setup: after the ten default ones
for title in VIRT SHR MEM% TIME+ PRI START TTY PPID PGRP SID VCSW/s ICSW/s EXE; do
	pick "$n" "show column $title$END" && T send-keys -t "$session" Space
	n=$((n + 1))
	wait_for "[x] show column $title"; ok $? "$title switched on in F2"
done
T send-keys -t "$session" Escape
wait_absent "show column"; ok $? "Esc goes back to the list"
h=$(header)
case $h in *VIRT*SHR*MEM%*TIME+*PRI*START*TTY*PPID*PGRP*SID*VCSW/s*ICSW/s*EXE*Command*) true ;; *) false ;; esac
ok $? "every new column is in the header, in the default order: $h"

# SHR and EXE are read from the snapshot after they were switched on: wait for it.
filled() { [ "$(value SHR)" != "-" ] && [ "$(value EXE)" != "-" ] && [ -n "$(value EXE)" ]; }
wait_until filled 600; ok $? "SHR and EXE are filled by the next snapshot"
hz=$(getconf CLK_TCK)
page_kib=$(($(getconf PAGESIZE) / 1024))
# Values that do not change while the fixture sleeps.
want=$(human_kib $(($(stat_field 23) / 1024)))
[ "$(value VIRT)" = "$want" ]; ok $? "VIRT is vsize from stat ($want, shown $(value VIRT))"
want=$(human_kib $(($(cut -d' ' -f3 "/proc/$fixture/statm") * page_kib)))
[ "$(value SHR)" = "$want" ]; ok $? "SHR is statm's shared pages ($want, shown $(value SHR))"
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$fixture/status")
total=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
want=$(awk -v r="$rss" -v t="$total" 'BEGIN { printf "%.1f\n", r * 100 / t }')
[ "$(value MEM%)" = "$want" ]; ok $? "MEM% is VmRSS over MemTotal ($want, shown $(value MEM%))"
# TIME+ (the fixture burned 0.3 s, then uses a little at each wake-up): at most what the kernel
# counts after the screen was read, and no more than 0.1 s behind it.
shown=$(value TIME+)
ticks=$(($(stat_field 14) + $(stat_field 15)))
cs=$((ticks * 100 / hz))
shown_cs=$(printf '%s\n' "$shown" | awk -F'[:.]' 'NF == 3 && $3 ~ /^[0-9][0-9]$/ { print ($1 * 60 + $2) * 100 + $3 }')
[ -n "$shown_cs" ] && [ "$shown_cs" -ge 30 ] && [ "$shown_cs" -le "$cs" ] && [ "$shown_cs" -ge $((cs - 10)) ]
ok $? "TIME+ is utime+stime as M:SS.hh ($cs hundredths by /proc now, shown $shown)"
[ "$(value PRI)" = "$(stat_field 18)" ]; ok $? "PRI is stat's priority ($(stat_field 18))"
btime=$(awk '/^btime/ { print $2 }' /proc/stat)
start=$((btime + $(stat_field 22) / hz))
shown=$(value START)
# btime and starttime/HZ are both truncated to whole seconds (up to 2 s early together), and
# ipctop takes the boot time from uptime (ps takes btime): within -2..+3 s of it, at a minute's
# turn either minute
match=1
for d in -2 -1 0 1 2 3; do
	[ "$shown" = "$(date -u -d "@$((start + d))" +%H:%M)" ] && match=0
done
[ "$match" -eq 0 ]
ok $? "START is btime + starttime, as HH:MM in UTC ($(date -u -d "@$start" +%H:%M), shown $shown)"
want=$(ps -o tty= -p "$fixture" | tr -d ' ')
case $want in pts/*) true ;; *) false ;; esac && [ "$(value TTY)" = "$want" ]; ok $? "TTY is ps's ($want, shown $(value TTY))"
[ "$(value PPID)" = "$(stat_field 4)" ]; ok $? "PPID is stat's ($(stat_field 4))"
[ "$(value PGRP)" = "$(stat_field 5)" ]; ok $? "PGRP is stat's ($(stat_field 5))"
[ "$(value SID)" = "$(stat_field 6)" ]; ok $? "SID is stat's ($(stat_field 6))"
# exe_ok: the EXE cell is the exe link, or its start followed by an ellipsis when it is cut.
exe_ok() {
	shown=$(value EXE) want=$(readlink "/proc/$fixture/exe")
	case $shown in
	*…) cut=${shown%…}; [ ${#cut} -ge 20 ] && [ "${want#"$cut"}" != "$want" ] ;;
	*) [ "$shown" = "$want" ] ;;
	esac
}
exe_ok; ok $? "EXE is the exe link ($want, shown $shown)"
# Rates: the kernel's counters over 3 s, against what is shown at the end (within a factor 3).
csw() { awk -v k="$1" '$1 == k { print $2 }' "/proc/$fixture/status"; }
v0=$(csw voluntary_ctxt_switches:) i0=$(csw nonvoluntary_ctxt_switches:)
sleep 3
v1=$(csw voluntary_ctxt_switches:) i1=$(csw nonvoluntary_ctxt_switches:)
vs=$(value VCSW/s) is=$(value ICSW/s)
awk -v d=$((v1 - v0)) -v s="$vs" 'BEGIN { r = d / 3; exit !(r > 5 && s >= r / 3 && s <= r * 3) }'
ok $? "VCSW/s ($vs) is near the kernel's count over 3 s ($((v1 - v0)))"
awk -v d=$((i1 - i0)) -v s="$is" 'BEGIN { r = d / 3; exit !(s >= 0 && s <= r * 3 + 2) }'
ok $? "ICSW/s ($is) is no more than the kernel's count allows ($((i1 - i0)) in 3 s)"

# Reorder: VIRT moved to the front with F7.
T send-keys -t "$session" F2
wait_for "show column VIRT"
pick 10 "show column VIRT$END"; ok $? "F2, VIRT selected"
for k in 1 2 3 4 5 6 7 8 9 10 11; do T send-keys -t "$session" F7; done
first_is_virt() { printf '%s\n' "$1" | grep -m 1 'show column' | grep -q 'VIRT'; }
wait_until first_is_virt 50; ok $? "F7 moves VIRT to the top of the list of columns"
T send-keys -t "$session" Escape
wait_absent "show column"
h1=$(header)
case $h1 in " "*VIRT*PID*) true ;; *) false ;; esac; ok $? "VIRT is now the first column: $h1"
T send-keys -t "$session" q
wait_gone; ok $? "q quits"
line=$(sed -n 's/^columns=//p' "$rc")
case $line in virt,pid,*shr,memp,time,pri,start,tty,ppid,pgrp,session,vcsw,icsw,exe,!wait,!io_read,!io_write,!ipc_rate,!busiest,!host,!service,command) true ;; *) false ;; esac
ok $? "the settings file lists the columns in their order ($line)"

run c2; ok $? "restarted"
wait_until filled 600
h2=$(header)
[ "$(echo $h2)" = "$(echo $h1)" ]; ok $? "the same columns in the same order after the restart: $h2"
[ "$(value PPID)" = "$(stat_field 4)" ]; ok $? "PPID read back and filled"
exe_ok; ok $? "EXE read back and filled ($shown)"
T send-keys -t "$session" F2
wait_for "[x] show column EXE"; ok $? "F2 shows EXE switched on"
pick 22 "show column EXE$END" && T send-keys -t "$session" Space
wait_for "[ ] show column EXE"; ok $? "Space switches EXE off"
T send-keys -t "$session" Escape
wait_absent "show column"
case $(header) in *EXE*) false ;; *ICSW/s*) true ;; *) false ;; esac; ok $? "EXE is gone from the header"
quit_ok "after the changes"
case $(sed -n 's/^columns=//p' "$rc") in *,!exe,*) true ;; *) false ;; esac; ok $? "exe saved as hidden (!exe)"
T kill-session -t fix
fixture=
tap_done
