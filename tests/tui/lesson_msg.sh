#!/bin/sh
# lesson_msg.sh — ipctop --lesson message-queue at 120x40 and 80x24: the sender's IPC tab
# shows the System V queue it recorded; with the receiver paused the queue fills (the kernel's
# /proc/sysvipc/msg: cbytes up to kernel.msgmnb) and the tab shows the kernel's message
# count; the sender's PCB tab shows the wait channel the kernel gives (msgsnd). The end: q
# (120x40) or SIGTERM (80x24), with the receiver stopped; the recorded processes and the queue
# are gone. Steps 5-6, POSIX: the queue the sender recorded is the kernel's (mq_open by name),
# its IPC tab names it and its reader; with the reader stopped the sender sleeps in the full
# queue (wait channel wq_sleep); the queue is unlinked at the end.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require python3
tmux_setup lesson-msg
trap 'lesson_cleanup; [ -n "$msqid" ] && ipcrm -q "$msqid" 2>/dev/null; [ -n "$qname" ] && mq_unlink "$qname"; tmux_cleanup' EXIT

# queue_field ID N: field N of the queue's line in /proc/sysvipc/msg (4 cbytes, 5 qnum)
queue_field() { awk -v i="$1" -v f="$2" 'NR > 1 && $2 == i { print $f }' /proc/sysvipc/msg; }
limit=$(cat /proc/sys/kernel/msgmnb)
# mq_exists NAME: "yes" when the kernel has the POSIX queue NAME, "no" when not (mq_open by
# python's ctypes: /dev/mqueue need not be mounted)
mq_exists() {
	"$PYTHON3" -c 'import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
q = libc.mq_open(sys.argv[1].encode(), os.O_RDONLY)
print("yes" if q >= 0 else "no" if ctypes.get_errno() == 2 else "error %d" % ctypes.get_errno())
q >= 0 and libc.mq_close(q)' "$1"
}
mq_unlink() { "$PYTHON3" -c 'import ctypes, sys; ctypes.CDLL(None).mq_unlink(sys.argv[1].encode())' "$1"; }

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	set -- $size
	lesson_start message-queue "$1" "$2"
	ok $? "$1x$2: the lesson starts"
	screen_has_text "msg-sender puts them in with msgsnd(), msg-receiver takes them out with msgrcv(), one message at a time."
	ok $? "$1x$2: the banner is shown whole"
	lesson_record
	msqid=$(rec_fact msg-sender msqid) msize=$(rec_fact msg-sender size)
	sender=$(rec_pid msg-sender) receiver=$(rec_pid msg-receiver)
	[ -n "$(queue_field "$msqid" 2)" ]
	ok $? "$1x$2: the kernel lists the recorded queue $msqid"
	wait_re "msg id $msqid .*$receiver \(msg-"   # "(msg-…": cut at 80 columns when the id is long
	ok $? "$1x$2: the sender's IPC tab shows the queue and the receiver"
	step 2
	i=0   # until the next message would not fit: the queue is full
	while [ $(($(queue_field "$msqid" 4) + msize)) -le "$limit" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	qnum=$(queue_field "$msqid" 5)
	[ $i -lt 100 ] && wait_for "$qnum messages"
	ok $? "$1x$2: the queue filled ($qnum messages, $(queue_field "$msqid" 4) of $limit bytes) and the tab says so"
	step 3
	wchan=$(cat "/proc/$sender/wchan")
	wait_re "Wait channel +$wchan"
	ok $? "$1x$2: the sender's PCB tab shows it waiting in $wchan"
	step 4 && step 5
	rec_wait pmq-receiver
	qname=$(rec_fact pmq-sender name) psender=$(rec_pid pmq-sender) preceiver=$(rec_pid pmq-receiver)
	[ "$qname" = "/ipctop-lesson-$ipctop_pid-queue" ] && [ "$(mq_exists "$qname")" = yes ]
	ok $? "$1x$2: n opened the POSIX queue $qname, which the kernel has"
	wait_re "fd 3 +mqueue +w +$qname +→ $preceiver "
	ok $? "$1x$2: pmq-sender's IPC tab shows the queue by name, to pmq-receiver ($preceiver)" ||
		printf '%s\n' "$screen" | sed "s/^/# /"
	step 6
	i=0   # until the kernel has the receiver stopped and the sender asleep in the full queue
	while { [ "$(sed 's/.*) //' "/proc/$preceiver/stat" | cut -c1)" != T ] ||
		! grep -q wq_sleep "/proc/$psender/wchan"; } && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ $i -lt 100 ] && wait_re "Wait channel +wq_sleep" && wait_re "State +S "
	ok $? "$1x$2: with pmq-receiver stopped, pmq-sender's PCB shows it asleep in the queue, as the kernel does"
	kill -STOP "$sender" "$receiver" "$psender" "$preceiver"
	if [ "$1" = 120 ]; then
		T send-keys -t "$session" q
	else
		kill -TERM "$ipctop_pid"
	fi
	lesson_ended "$1x$2" msg "$msqid"
	[ "$(mq_exists "$qname")" = no ]
	ok $? "$1x$2: the POSIX queue $qname is gone"
	msqid='' qname=''
done
tap_done
