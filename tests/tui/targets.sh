#!/bin/sh
# targets.sh — a kill or nice dialog acts on exactly the process it named when it opened,
# and a tag on exactly the process tagged: rows that move under an open dialog (a process
# above exits) and a PID taken over by a new process (forced with ns_last_pid, in the test's
# own PID namespace) must not redirect the action. Checked against the kernel: which process
# lives, and its nice value. Needs root (a PID namespace and ns_last_pid).
. "$TESTS_SRC/tap.sh"
[ "$(id -u)" -eq 0 ] || skip_all "needs root: a PID namespace whose PIDs the test reuses on purpose"
if [ -z "$IPCTOP_IN_PIDNS" ]; then
	unshare -p -f --mount-proc true 2>/dev/null || { echo "Bail out! unshare -p --mount-proc failed"; exit 1; }
	IPCTOP_IN_PIDNS=$$ exec unshare -p -f --mount-proc --kill-child sh "$0" "$@"
fi
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup "targets$IPCTOP_IN_PIDNS"

nice_of() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $17 }'; }
alive() { st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $1 }'); [ -n "$st" ] && [ "$st" != Z ]; }
# end PID: kill it and reap it (it is this shell's child): its PID is free again.
end() { kill "$1"; wait "$1" 2>/dev/null; }
# sleeper_at PID: a new sleeper that takes PID (ns_last_pid is this namespace's own).
sleeper_at() {
	echo $(($1 - 1)) > /proc/sys/kernel/ns_last_pid
	sleep 600 &
	[ "$!" = "$1" ]
}
# open SESSION PIDS...: ipctop on these processes, sorted by PID, refreshing twice a second.
open() {
	s=$1; shift
	mkdir -p "$tmp/config/ipctop"
	printf 'sort_column=pid\nsort_direction=asc\n' > "$tmp/config/ipctop/ipctoprc"
	start "$s" --no-color -d 5 -p "$(echo "$@" | tr ' ' ,)"
	wait_for "sleep 600" 150
}

# --- a kill dialog under rows that move ---
sleep 600 & a=$!; sleep 600 & b=$!; sleep 600 & c=$!
open move "$a" "$b" "$c"; ok $? "ipctop lists three sleepers"
T send-keys -t move Down F9
wait_for "Send signal to PID $b"; ok $? "F9 on the second row names B ($b)"
end "$a"
n=0
while T capture-pane -p -t move | grep -q " $a root"; do sleep 0.1; n=$((n + 1)); [ $n -lt 50 ] || break; done
T send-keys -t move Enter
n=0
while alive "$b" && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
! alive "$b"; ok $? "after A ($a) exited and the rows moved, TERM went to B"
alive "$c"; ok $? "... and C ($c), now on B's old row, lives"
wait "$b" 2>/dev/null

# --- a kill dialog whose PID is taken over ---
T send-keys -t move F9
wait_for "Send signal to PID $c"; ok $? "F9 names C ($c)"
end "$c"
sleeper_at "$c"; ok $? "a new process takes C's PID"
d=$!
T send-keys -t move Enter
wait_for "has ended"; ok $? "choosing TERM says C has ended"
alive "$d"; ok $? "the new process with C's PID ($d) lives"
T send-keys -t move q
wait_gone
end "$d"

# --- a tag whose process ends and whose PID is taken over ---
sleep 600 & e=$!; sleep 600 & g=$!
open tag "$e" "$g"; ok $? "ipctop lists two sleepers"
T send-keys -t tag Space
keys_done   # the tag on E's row while E still lives, not later on the row that replaced it
end "$e"
sleeper_at "$e"; ok $? "a new process takes the tagged process's PID"
f=$!
T send-keys -t tag k
wait_re "Send signal to (PID $g|PID $e)"; ok $? "k names one process: the tag of the ended process is gone"
printf '%s\n' "$screen" | grep -q "tagged"; [ $? -ne 0 ]; ok $? "... not a tagged set"
T send-keys -t tag Escape
wait_absent "Send signal" 50
T send-keys -t tag q
wait_gone
alive "$f" && alive "$g"; ok $? "both processes live"
end "$f"; end "$g"

# --- a nice dialog under moving rows, and with its PID taken over ---
sleep 600 & a=$!; sleep 600 & b=$!; sleep 600 & c=$!
open nice "$a" "$b" "$c"
T send-keys -t nice Down F8
wait_for "Nice of PID $b"; ok $? "F8 on the second row names B ($b)"
end "$a"
n=0
while T capture-pane -p -t nice | grep -q " $a root"; do sleep 0.1; n=$((n + 1)); [ $n -lt 50 ] || break; done
T send-keys -t nice Enter
n=0
while [ "$(nice_of "$b")" != 1 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(nice_of "$b")" = 1 ]; ok $? "after the rows moved, nice 1 went to B"
[ "$(nice_of "$c")" = 0 ]; ok $? "... and C kept nice 0"
T send-keys -t nice Down F8
wait_for "Nice of PID $c"; ok $? "F8 names C ($c)"
end "$c"
sleeper_at "$c"; ok $? "a new process takes C's PID"
d=$!
T send-keys -t nice Enter
wait_for "has ended"; ok $? "choosing a nice value says C has ended"
[ "$(nice_of "$d")" = 0 ]; ok $? "the new process with C's PID kept nice 0"
T send-keys -t nice q
wait_gone
end "$b"; end "$d"
tap_done
