#!/bin/sh
# meters.sh — the header meters against the kernel's own figures read at the same moment: one
# CPU bar per cpuN line of /proc/stat, each bar's busy share and the average line's user share
# within a tolerance of /proc/stat read at the two refreshes that bound the interval shown,
# and the bar of a CPU kept busy by a pinned loop drawn and above 50%;
# memory and swap (text mode) against /proc/meminfo (MemTotal and SwapTotal exact, in MiB;
# used and buffers within 3% of the total); the memory bar without colour drawn with a
# character per part. Then F2, m: a meter hidden, another shown, made text and moved right,
# saved in the settings file and read back after a restart; fewer rows give one average bar;
# and, from a root run, the same meters as nobody.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup meters sleeper spinner

sleep 600 &
sleeper=$!
# A busy loop pinned to the first CPU this test may use: that CPU's bar cannot be empty (an
# idle machine would otherwise let a bar stuck at 0% pass the tolerance checks).
spin_cpu=$(taskset -cp $$ | sed 's/.*: *//; s/[-,].*//')
taskset -c "$spin_cpu" sh -c 'while :; do :; done' &
spinner=$!
rc="$tmp/config/ipctop/ipctoprc"
mkdir -p "$tmp/config/ipctop"
printf 'meters=cpus:left:bar,cpu:left:text,mem:left:bar,uptime:right:text,swap:right:text,load:right:text\n' > "$rc"

# run SESSION: ipctop on the sleeper alone, without colour, a refresh every 2 s.
run() {
	session=$1
	T new-session -d -s "$session" -x 160 -y 40 \
		"env XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' --no-color -d 20 -p $sleeper"
	wait_for "sleep 600" 150
}
uptime_of() { printf '%s\n' "$1" | sed -n 's/.*Uptime: \([0-9a-z ,:]*[0-9]\).*/\1/p'; }
moved() { [ "$(uptime_of "$1")" != "$up" ]; }
# next_refresh: wait until the uptime shown changes (a new snapshot is drawn).
next_refresh() { up=$(uptime_of "$screen"); wait_until moved 100; }

# busy FILE_A FILE_B: "NAME BUSY% USER% SYSTEM%" for each cpu line, from two /proc/stat
# readings (user less guest, as the kernel counts guest time inside user; system with irq and
# softirq).
busy() {
	awk 'FNR == NR && /^cpu/ { for (i = 2; i <= 11; i++) a[$1, i] = $i; next }
	     /^cpu/ { t = 0; for (i = 2; i <= 9; i++) { d[i] = $i - a[$1, i]; t += d[i] }
	              g = $10 - a[$1, 10]
	              if (t > 0) printf "%s %.1f %.1f %.1f\n", $1, 100 * (t - d[5] - d[6]) / t,
	                                100 * (d[2] - g) / t, 100 * (d[4] + d[7] + d[8]) / t }' "$1" "$2"
}
# close_to GOT WANT TOL: |GOT - WANT| <= TOL.
close_to() { awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'; }

run s1; ok $? "ipctop is up with the meters of the settings file"
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
wait_re "^ +0\[.*[0-9]%\]" 150; ok $? "the CPU bars show a figure after the second snapshot"
next_refresh
cp /proc/stat "$tmp/stat.a"
next_refresh; ok $? "a refresh later"
cp /proc/stat "$tmp/stat.b"
shown=$screen
kill "$spinner"; spinner=
busy "$tmp/stat.a" "$tmp/stat.b" > "$tmp/busy"

if [ "$ncpu" -le 8 ]; then
	bars=$(printf '%s\n' "$shown" | grep -Ec '^ +[0-9]+\[')
	[ "$bars" = "$ncpu" ]; ok $? "one bar per cpuN line of /proc/stat ($bars, $ncpu)"
	for n in $(grep '^cpu[0-9]' /proc/stat | sed 's/^cpu\([0-9]*\) .*/\1/'); do
		got=$(printf '%s\n' "$shown" | sed -n "s/^ *$n\[\(.*\)%\].*/\1/p" | sed 's/.*[^0-9.]//; s/^\.*//')
		want=$(awk -v c="cpu$n" '$1 == c { print $2 }' "$tmp/busy")
		close_to "$got" "$want" 25; ok $? "CPU $n busy $got%, /proc/stat over the same interval $want%"
		[ "$n" = "$spin_cpu" ] || continue
		awk -v w="$want" 'BEGIN { exit !(w >= 50) }'
		ok $? "CPU $n, running the busy loop, was busy by /proc/stat ($want%)"
		cells=$(printf '%s\n' "$shown" | sed -n "s/^ *$n\[\([^]]*\)\].*/\1/p" | sed 's/[0-9.]*%$//' | tr -d ' ')
		[ -n "$cells" ] && awk -v g="$got" 'BEGIN { exit !(g != "" && g >= 50) }'
		ok $? "CPU $n's bar is drawn and shows it busy: $got%, cells '$cells'"
	done
	# Without colour user time is drawn with |, system time with *: each shows when its share
	# is large enough to be more than rounding, and the other is not mistaken for it.
	bar=$(printf '%s\n' "$shown" | sed -n 's/^ *0\[\([^]]*\)\].*/\1/p' | sed 's/[0-9.]*%*$//')
	set -- $(awk '$1 == "cpu0" { print $3, $4 }' "$tmp/busy")
	if awk -v u="$1" -v s="$2" 'BEGIN { exit !(u >= 15 && s >= 15) }'; then
		case $bar in *'|'*'*'*) true ;; *) false ;; esac
		ok $? "CPU 0's bar: user | before system * (user $1%, system $2%): $bar"
	else
		skip "CPU 0 had too little user or system time to draw both ($1%, $2%)"
	fi
else
	printf '%s\n' "$shown" | grep -q '^Avg\['; ok $? "more than 8 CPUs: one average bar"
fi
line=$(printf '%s\n' "$shown" | grep -E '^CPU [0-9.]+%: us ')
got=$(printf '%s\n' "$line" | sed 's/^CPU \([0-9.]*\)%.*/\1/')
want=$(awk '$1 == "cpu" { print $2 }' "$tmp/busy")
close_to "$got" "$want" 25; ok $? "the average as text, busy $got%, /proc/stat's sum line $want%"
got=$(printf '%s\n' "$line" | sed 's/.* us \([0-9.]*\)%.*/\1/')
want=$(awk '$1 == "cpu" { print $3 }' "$tmp/busy")
close_to "$got" "$want" 25; ok $? "its user share $got%, /proc/stat $want%"

# Memory and swap, from a meminfo read as the screen is captured.
screen=$(T capture-pane -p -t "$session")
cp /proc/meminfo "$tmp/meminfo"
kib() { awk -v k="$1:" '$1 == k { print $2 }' "$tmp/meminfo"; }
total=$(kib MemTotal)
used=$(( total - $(kib MemFree) - $(kib Buffers) - $(kib Cached) - $(kib SReclaimable) ))
mem=$(printf '%s\n' "$screen" | grep -o 'Mem\[[^]]*\]')
label=${mem%]}; label=${label##*[!0-9.KMGT/]}
want_total=$(awk -v k="$total" 'BEGIN { if (k < 10000) printf "%dK", k; else if (k < 1024000) printf "%.1fM", k / 1024;
	else if (k < 1048576000) printf "%.1fG", k / 1048576; else printf "%.1fT", k / 1073741824 }')
[ "${label#*/}" = "$want_total" ]; ok $? "memory bar: total ${label#*/} is MemTotal $total KiB ($want_total)"
inner=$(( ${#mem} - 5 ))
bars=$(printf '%s' "$mem" | tr -cd '|' | wc -c)
expect=$(( (used * inner + total / 2) / total ))
[ "$bars" -le $((expect + 1)) ] && [ "$bars" -ge $((expect - 1 - ${#label})) ]
ok $? "memory bar: $bars of $inner cells used, /proc/meminfo gives $expect"
cache=$(( $(kib Cached) + $(kib SReclaimable) - $(kib Shmem) ))
cache_end=$(( (used + $(kib Buffers) + cache) * inner / total ))
if [ $(( cache * inner / total )) -ge 2 ] && [ "$cache_end" -le $(( inner - ${#label} - 1 )) ]; then
	printf '%s' "$mem" | grep -q '|.*\*'; ok $? "without colour the cache has its own character: $mem"
else
	skip "too little cache to show, or hidden under the figure"
fi
swap_total=$(kib SwapTotal)
printf '%s\n' "$screen" | grep -q "Swp: $((swap_total / 1024))M total, "
ok $? "swap as text: $((swap_total / 1024))M total (SwapTotal $swap_total KiB)"

# The memory meter as text, from F2, m.
T send-keys -t "$session" F2
wait_for "m: meters"; ok $? "F2 opens the setup"
T send-keys -t "$session" m
wait_for "Setup: meters"; ok $? "m opens the meters page"
down_to "Memory" && T send-keys -t "$session" Enter
wait_re "Memory +left +text"; ok $? "Enter draws memory as text"
screen=$(T capture-pane -p -t "$session")
cp /proc/meminfo "$tmp/meminfo"
total=$(kib MemTotal)
used=$(( total - $(kib MemFree) - $(kib Buffers) - $(kib Cached) - $(kib SReclaimable) ))
line=$(printf '%s\n' "$screen" | grep -o 'Mem: [0-9]*M total, [0-9]*M used, [0-9]*M buffers, [0-9]*M cache')
set -- $(printf '%s\n' "$line" | tr -cs '0-9' ' ')
[ "$1" = $((total / 1024)) ]; ok $? "memory text: total $1M is MemTotal $total KiB"
close_to "$2" $((used / 1024)) $((total / 1024 * 3 / 100)); ok $? "used $2M, /proc/meminfo $((used / 1024))M"
close_to "$3" $(($(kib Buffers) / 1024)) $((total / 1024 * 3 / 100)); ok $? "buffers $3M, /proc/meminfo $(($(kib Buffers) / 1024))M"

# Hide swap, show the CPU average's neighbour tasks on the right, then save.
down_to "Swap" && T send-keys -t "$session" Space
wait_re "\[ \] Swap"; ok $? "Space hides swap"
down_to "Tasks" 20
sel_has "Tasks"; ok $? "Down reaches the hidden Tasks meter"
T send-keys -t "$session" Space
wait_re "\[x\] Tasks +left +text"; ok $? "Space shows it, on the left, as text (it has no bar)"
T send-keys -t "$session" Right
wait_re "\[x\] Tasks +right +text"; ok $? "Right moves it to the right column"
T send-keys -t "$session" '['
tasks_above() {
	printf '%s\n' "$1" | sed -n '/Setup: meters/,$p' |
		awk '/\[x\] Tasks/ { t = NR } /\[x\] Load average/ { l = NR } END { exit !(t && l && t < l) }'
}
wait_until tasks_above 50; ok $? "[ moves it above the load average"
T send-keys -t "$session" Escape Escape q
wait_gone; ok $? "ipctop quits"
meters=$(sed -n 's/^meters=//p' "$rc")
case ,$meters, in *,swap:*) false ;; *,mem:left:text,*) true ;; *) false ;; esac
ok $? "the settings file: swap gone, memory as text ($meters)"
case ,$meters, in *,tasks:right:text,*load:right:text,*) true ;; *) false ;; esac
ok $? "tasks on the right before load"

run s2; ok $? "restarted"
printf '%s\n' "$screen" | grep -q 'Swp'; [ $? -ne 0 ]; ok $? "no swap meter after the restart"
wait_re "Tasks: [0-9]+, "; ok $? "the tasks meter is back"
printf '%s\n' "$screen" | grep -Eq 'Mem: [0-9]+M total'; ok $? "memory still text"
# Too few rows for a bar per CPU: one average bar instead.
T resize-window -t "$session" -x 100 -y 15
wait_re "^Avg\["; ok $? "at 15 lines the CPUs share one average bar"
printf '%s\n' "$screen" | grep -Eq '^ +[0-9]+\['; [ $? -ne 0 ]; ok $? "and no bar of a single CPU is left"
T resize-window -t "$session" -x 160 -y 40
wait_re "^ +0\["; ok $? "back at 40 lines, a bar per CPU again"
T send-keys -t "$session" F2
wait_for "m: meters" && T send-keys -t "$session" m
wait_re "\[ \] Swap"; ok $? "the meters page shows swap hidden"
T send-keys -t "$session" Escape Escape q
wait_gone; ok $? "ipctop quits again"

# As nobody (from a root run): /proc/stat and /proc/meminfo are anyone's to read, so the
# default meters show the same figures.
nobody_or_done
session=nobody
T new-session -d -s "$session" -x 160 -y 40 "$nobody_prefix \
	env XDG_CONFIG_HOME=/nonexistent LC_ALL=C.UTF-8 '$IPCTOP' --no-color -d 10 -p $sleeper"
wait_re "^ +0\[.*[0-9]%\]" 150; ok $? "as nobody: the CPU bars show a figure"
mem=$(printf '%s\n' "$screen" | grep -o 'Mem\[[^]]*\]')
[ "${mem##*/}" = "$want_total]" ]; ok $? "as nobody: the memory bar's total is MemTotal ($mem)"
T send-keys -t "$session" q
wait_gone; ok $? "ipctop as nobody quits"
tap_done
