#!/bin/sh
# lesson_sched.sh — ipctop --lesson scheduling at 120x40 and 80x24 (and at 80x24 as nobody
# when root): the two cpu-bound processes are pinned by the kernel to the one CPU they
# recorded; cpu-bound's Scheduling tab shows the policy the kernel gives (python's
# os.sched_getscheduler) and involuntary switches the kernel counts, io-bound's voluntary ones;
# n nices the second cpu-bound to 10 (its stat's nice field; the list's NI and its Scheduling
# tab show it); n gives io-bound SCHED_RR where permitted (root: the kernel's policy is RR and
# the tab says so; nobody: the kernel keeps SCHED_OTHER and the status line says it was not
# permitted). The end: q, or SIGTERM with all three stopped; every recorded process is gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require python3
tmux_setup lesson-sched
trap 'lesson_cleanup; tmux_cleanup' EXIT

policy_of() { "$PYTHON3" -c 'import os, sys; print({0: "OTHER", 1: "FIFO", 2: "RR", 3: "BATCH", 5: "IDLE"}.get(os.sched_getscheduler(int(sys.argv[1])), "?"))' "$1"; }
nice_of() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $17 }'; }
ctxt_of() { awk -v k="$2_ctxt_switches:" '$1 == k { print $2 }' "/proc/$1/status"; }

for size in $(lesson_sizes); do
	lesson_size "$size"
	# shellcheck disable=SC2086
	set -- $cols $rows $user
	lesson_start scheduling "$1" "$2" $3
	ok $? "$who: the lesson starts"
	screen_has_text "Two cpu-bound processes compute without pause on one CPU; io-bound sleeps 5 ms between short bursts."
	ok $? "$who: the banner is shown whole"
	lesson_record
	c1=$(rec_pid cpu-bound 1) c2=$(rec_pid cpu-bound 2) io=$(rec_pid io-bound)
	cpu=$(rec_fact cpu-bound cpu)
	[ -n "$cpu" ] && [ "$cpu" != -1 ] &&
		[ "$(awk '$1 == "Cpus_allowed_list:" { print $2 }' "/proc/$c1/status")" = "$cpu" ] &&
		[ "$(awk '$1 == "Cpus_allowed_list:" { print $2 }' "/proc/$c2/status")" = "$cpu" ]
	ok $? "$who: the kernel runs both cpu-bound ($c1, $c2) on CPU $cpu only"
	wait_re "^ *$c1 .*cpu-bound" && wait_re "^ *$c2 .*cpu-bound" && wait_re "^ *$io .*io-bound"
	ok $? "$who: the list shows the three processes"
	step 2
	pol=$(policy_of "$c1")
	wait_for "PID $c1 " 300 && wait_re "Policy +SCHED_$pol\$" && wait_re "Involuntary switches +[1-9]" 300
	ok $? "$who: cpu-bound's tab shows the kernel's policy SCHED_$pol and involuntary switches" ||
		printf '%s\n' "$screen" | sed 's/^/# /'
	[ "$(ctxt_of "$c1" nonvoluntary)" -gt 0 ]
	ok $? "$who: the kernel counts involuntary switches of cpu-bound ($(ctxt_of "$c1" nonvoluntary))"
	step 3
	wait_for "PID $io " 300 && wait_re "Voluntary switches +[1-9][0-9]" 300
	ok $? "$who: io-bound's tab shows its voluntary switches"
	[ "$(ctxt_of "$io" voluntary)" -gt "$(ctxt_of "$io" nonvoluntary)" ]
	ok $? "$who: the kernel counts more voluntary than involuntary switches of io-bound"
	step 4
	[ "$(nice_of "$c2")" = 10 ] && [ "$(nice_of "$c1")" = 0 ]
	ok $? "$who: the kernel has the second cpu-bound at nice 10, the first at 0"
	wait_re "^ *$c2 .* 10 OTHER .*cpu-bound" 300
	ok $? "$who: the list shows nice 10 for $c2" || printf '%s\n' "$screen" | sed 's/^/# /'
	step 5
	wait_for "PID $c2 " 300 && wait_re "Nice +10\$" 300
	ok $? "$who: its Scheduling tab shows nice 10"
	step 6
	pol=$(policy_of "$io")
	if [ -z "$3" ]; then
		[ "$pol" = RR ] && wait_for "PID $io " 300 && wait_re "Policy +SCHED_RR\$" 300
		ok $? "$who: io-bound is SCHED_RR for the kernel ($pol) and on its tab"
	else
		[ "$pol" = OTHER ] && wait_for "real-time policy for io-bound not permitted"
		ok $? "$who: as nobody io-bound stays SCHED_OTHER ($pol) and the status line says why"
	fi
	if [ "$1" = 120 ] || [ -n "$3" ]; then
		T send-keys -t "$session" q
	else
		kill -STOP "$c1" "$c2" "$io"
		kill -TERM "$ipctop_pid"
	fi
	wait_gone
	ok $? "$who: ipctop ended"
	lesson_gone
	ok $? "$who: every recorded process is gone"
	lesson_procs=''
done
tap_done
