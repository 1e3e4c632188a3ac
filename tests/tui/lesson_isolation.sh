#!/bin/sh
# lesson_isolation.sh — ipctop --lesson isolation at 120x40 and 80x24 (and at 80x24 as nobody
# when root): iso-a and iso-b hold a page at the one virtual address 0x40000000 (their Memory
# tabs list it); the frames the banner names are the ones this test reads itself from
# /proc/PID/pagemap (python): two frames; after the fork parent and child share one; after the
# child writes, two again; the System V segment's page is one frame in both. As nobody the
# kernel hides the frame (reads 0) and the banner says why. The end: q, or SIGTERM to ipctop
# with all its processes stopped; every recorded process and the segment are gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require python3
tmux_setup lesson-isolation
trap 'lesson_cleanup; [ -n "$shmid" ] && ipcrm -m "$shmid" 2>/dev/null; tmux_cleanup' EXIT

PAGE=0x40000000 SHM=0x40400000
# frame PID ADDR: the frame behind ADDR read from the kernel (0x0 when hidden, "absent")
frame() {
	py=$PYTHON3
	[ -z "$as" ] || py=/usr/bin/python3   # a python nobody may run (not one under /root)
	$as "$py" -c 'import os, struct, sys
pid, addr = int(sys.argv[1]), int(sys.argv[2], 16)
with open("/proc/%d/pagemap" % pid, "rb") as f:
    f.seek(addr // os.sysconf("SC_PAGESIZE") * 8)
    e = struct.unpack("<Q", f.read(8))[0]
print(hex(e & ((1 << 55) - 1)) if e >> 63 else "absent")' "$1" "$2" 2>/dev/null
}
# frames_say A RA B RB ADDR VERDICT: the kernel's frames of A and B at ADDR are (VERDICT
# "one") equal or ("two") different, and the banner names them so (2 checks); as nobody the
# kernel gives 0 and the banner says the frames are hidden.
frames_say() {
	fa=$(frame "$1" "$5") fb=$(frame "$3" "$5")
	if [ -n "$as" ]; then
		[ "$fa" = 0x0 ] && [ "$fb" = 0x0 ]
		ok $? "$who: as nobody the kernel hides both frames ($fa, $fb)"
		screen_has_text "Frames not shown: the kernel gives frame numbers in /proc/PID/pagemap to root only"
		ok $? "$who: the banner says why frames are not shown"
		return
	fi
	case $6 in one) [ "$fa" = "$fb" ] ;; *) [ "$fa" != "$fb" ] ;; esac && [ "${fa#0x}" != "$fa" ] && [ "${fb#0x}" != "$fb" ]
	ok $? "$who: the kernel maps $5 of $2 and $4 to $6 frame(s) ($fa, $fb)"
	v='two different frames'; [ "$6" = one ] && v='one frame, shared'
	screen_has_text "Physical frames at $5 (pagemap): $2 $fa, $4 $fb: $v."
	ok $? "$who: the banner names the same frames: $v" || printf '%s\n' "$screen" | sed 's/^/# /'
}

for size in $(lesson_sizes); do
	lesson_size "$size"
	# shellcheck disable=SC2086
	set -- $cols $rows $user
	as=''
	[ -n "$3" ] && as="setpriv --reuid=nobody --regid=$nobody_group --clear-groups"
	lesson_start isolation "$1" "$2" $3
	ok $? "$who: the lesson starts"
	screen_has_text "iso-a and iso-b each stored a value of its own (1111, 2222) at the same virtual address 0x40000000."
	ok $? "$who: the banner is shown whole"
	lesson_record
	a=$(rec_pid iso-a) b=$(rec_pid iso-b) shmid=$(rec_fact iso-a shmid)
	wait_for "PID $a " && wait_re "(^| )000040000000 +4.0K rw-p"
	ok $? "$who: iso-a's Memory tab lists its page at $PAGE"
	frames_say "$a" iso-a "$b" iso-b $PAGE two
	step 2
	wait_for "PID $b " && wait_re "(^| )000040000000 +4.0K rw-p"
	ok $? "$who: iso-b's Memory tab lists its page at the same address"
	step 3
	rec_wait iso-child
	c=$(rec_pid iso-child)
	[ -n "$c" ] && [ "$(sed 's/.*) //' "/proc/$c/stat" | awk '{ print $2 }')" = "$a" ]
	ok $? "$who: iso-child ($c) is iso-a's child for the kernel"
	frames_say "$a" iso-a "$c" iso-child $PAGE one
	step 4
	rec_wait iso-child 2
	frames_say "$a" iso-a "$c" iso-child $PAGE two
	step 5
	frames_say "$a" iso-a "$b" iso-b $SHM one
	if [ "$1" = 120 ] || [ -n "$3" ]; then
		T send-keys -t "$session" q
	else
		kill -STOP "$a" "$b" "$c"
		kill -TERM "$ipctop_pid"
	fi
	lesson_ended "$who" shm "$shmid"
	shmid=''
done
tap_done
