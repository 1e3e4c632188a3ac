#!/bin/sh
# kthreads.sh — kernel threads are hidden from the process list by default and shown with K,
# as in htop; the choice is saved and read back after a restart. Which pids are kernel threads
# comes from the kernel: PF_KTHREAD (0x00200000) in the flags field of /proc/PID/stat. The list
# is sorted by PID ascending (from a settings file), so the low-numbered kernel threads would
# be on the first screen. As root, then as nobody (when run as root).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup kthreads

# is_kthread PID: the kernel says PID is a kernel thread (flags is field 9; the fields after
# the command's closing parenthesis start at field 3).
is_kthread() {
	f=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f7) || return 1
	[ -n "$f" ] && [ $((f & 0x200000)) -ne 0 ]
}
# shown_pids: the PID of every table row on screen (the lines after the column header).
shown_pids() {
	T capture-pane -p -t "$session" | awk 'seen && $1 ~ /^[0-9]+$/ { print $1 } / PID / { seen = 1 }'
}
# kthreads_shown: how many shown rows the kernel says are kernel threads. A row counts only
# when it also shows that kernel thread's name: with pid_max 32768 and other tests starting
# thousands of processes, a shown process's pid may already belong to a new kworker.
kthreads_shown() {
	n=0
	for p in $(shown_pids); do
		is_kthread "$p" || continue
		c=$(head -c 8 "/proc/$p/comm" 2>/dev/null) && [ -n "$c" ] || continue   # (a cut name)
		T capture-pane -p -t "$session" | grep -F -- "[$c" | grep -q "^ *$p " && n=$((n + 1))
	done
	echo "$n"
}
# kthreads_below MAX: kernel threads the kernel lists with a pid up to MAX, by name.
kthreads_below() {
	for d in /proc/[0-9]*; do
		p=${d#/proc/}
		[ "$p" -le "$1" ] && is_kthread "$p" && echo "$p"
	done
}

# none_missing: every kernel thread up to the last pid shown is a row ($max, $missing: what
# the last look found).
none_missing() {
	pids=$(shown_pids)
	max=$(printf '%s\n' $pids | tail -n 1)
	missing=
	for p in $(kthreads_below "$max"); do
		case " $(echo $pids) " in *" $p "*) ;; *) is_kthread "$p" && missing="$missing $p" ;; esac
	done
	[ -z "$missing" ]
}

group=nogroup
getent group nogroup >/dev/null 2>&1 || group=nobody
rounds=root
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	rounds="root nobody"
else
	skip "as nobody: not root, or no setpriv or user nobody"
fi

is_kthread 2; ok $? "the kernel says pid 2 (kthreadd) is a kernel thread"

for who in $rounds; do
	cfg="$tmp/cfg-$who"
	mkdir -p "$cfg/ipctop"
	printf 'sort_column=pid\nsort_direction=asc\n' > "$cfg/ipctop/ipctoprc"
	if [ "$who" = nobody ]; then
		chmod 711 "$tmp"      # nobody reaches its own settings dir, and nothing else of ours
		chown -R nobody "$cfg"
	fi
	run="env XDG_CONFIG_HOME='$cfg' TERM=linux LC_ALL=C.UTF-8 '$IPCTOP' --no-color"
	[ "$who" = nobody ] && run="setpriv --reuid=nobody --regid=$group --clear-groups $run"
	session=k1-$who
	T new-session -d -s "$session" -x 120 -y 40 "$run"
	wait_re '^ +1 ' 150; ok $? "$who: the list is up, sorted by PID from pid 1"
	pids=$(shown_pids)
	max=$(printf '%s\n' $pids | tail -n 1)
	below=$(kthreads_below "$max" | wc -l)
	[ "$below" -gt 0 ]; ok $? "$who: the kernel has $below kernel threads below the last pid shown ($max)"
	[ "$(kthreads_shown)" -eq 0 ]; ok $? "$who: by default no shown row is a kernel thread"
	T send-keys -t "$session" K
	wait_for "[kthreadd]"; ok $? "$who: K shows [kthreadd]"
	# looked at until a whole frame says so (5 s): a capture taken while the frame after K
	# was being written showed [kthreadd] on top and the old rows below (CI, loaded)
	wait_until none_missing 50
	ok $? "$who: every kernel thread up to pid $max is a row (missing:$missing)"
	[ "$(kthreads_shown)" -gt 1 ]; ok $? "$who: shown rows are kernel threads by /proc"
	T send-keys -t "$session" q
	wait_gone; ok $? "$who: q quits"
	grep -qx 'kernel_threads=1' "$cfg/ipctop/ipctoprc"; ok $? "$who: kernel_threads=1 saved"

	session=k2-$who
	T new-session -d -s "$session" -x 120 -y 40 "$run"
	wait_for "[kthreadd]" 150; ok $? "$who: after a restart kernel threads are still shown"
	T send-keys -t "$session" K
	wait_absent "[kthreadd]"; ok $? "$who: K hides them again"
	[ "$(kthreads_shown)" -eq 0 ]; ok $? "$who: no shown row is a kernel thread"
	T send-keys -t "$session" q
	wait_gone; ok $? "$who: q quits"
	grep -qx 'kernel_threads=0' "$cfg/ipctop/ipctoprc"; ok $? "$who: kernel_threads=0 saved"
done
tap_done
