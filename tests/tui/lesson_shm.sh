#!/bin/sh
# lesson_shm.sh — ipctop --lesson shared-memory at 120x40 and 80x24: the writer's IPC tab and
# then the reader's show the System V segment both recorded, and each names the other as
# attached; the kernel (/proc/sysvipc/shm) counts the two attaches and lists the segment in
# each one's /proc/PID/maps at the address it recorded. With the reader paused the writer does
# not block (its wait channel is its sleep, not the segment). POSIX (steps 4-5): the object the
# writer recorded is in /dev/shm and mapped by both at their recorded addresses; the IPC tab
# shows it with its other holder, the reader's Memory tab draws its band (at 120x40). The end: q (120x40)
# or kill -9 of ipctop (80x24, with the processes stopped); the recorded processes, the segment
# and the POSIX object are gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-shm
trap 'lesson_cleanup; [ -n "$shmid" ] && ipcrm -m "$shmid" 2>/dev/null; [ -n "$pname" ] && rm -f "/dev/shm$pname"; tmux_cleanup' EXIT

# seg_field ID N: field N of the segment's line in /proc/sysvipc/shm (7 nattch)
seg_field() { awk -v i="$1" -v f="$2" 'NR > 1 && $2 == i { print $f }' /proc/sysvipc/shm; }
# mapped_at PID ADDR ID: PID's maps has the segment (SYSV, inode = shmid) starting at ADDR
mapped_at() { awk -v a="${2#0x}" -v i="$3" '$6 ~ /^\/SYSV/ && $5 == i && index($1, a "-") == 1 { f = 1 }
	END { exit !f }' "/proc/$1/maps"; }
# posix_mapped_at PID ADDR NAME INO: PID's maps has /dev/shm/NAME (that inode) starting at ADDR
posix_mapped_at() { awk -v a="${2#0x}" -v p="/dev/shm$3" -v i="$4" '$6 == p && $5 == i && index($1, a "-") == 1 { f = 1 }
	END { exit !f }' "/proc/$1/maps"; }

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	set -- $size
	lesson_start shared-memory "$1" "$2"
	ok $? "$1x$2: the lesson starts"
	screen_has_text "What shm-writer stores there, shm-reader sees at once: no copy, no system call."
	ok $? "$1x$2: the banner is shown whole"
	lesson_record
	shmid=$(rec_fact shm-writer shmid)
	writer=$(rec_pid shm-writer) reader=$(rec_pid shm-reader)
	[ "$(seg_field "$shmid" 7)" = 2 ] && mapped_at "$writer" "$(rec_fact shm-writer addr)" "$shmid" &&
		mapped_at "$reader" "$(rec_fact shm-reader addr)" "$shmid"
	ok $? "$1x$2: the kernel has segment $shmid attached twice, at each one's recorded address"
	wait_re "shm id $shmid .*$reader \(shm-"
	ok $? "$1x$2: the writer's IPC tab shows the segment attached by the reader"
	step 2
	wait_re "PID $reader " && wait_re "shm id $shmid .*$writer \(shm-"
	ok $? "$1x$2: the reader's IPC tab shows the same segment attached by the writer"
	step 3
	i=0
	while [ "$(sed 's/.*) //' "/proc/$reader/stat" | cut -c1)" != T ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	j=0   # the writer runs a moment every 100 ms: until the kernel sees it asleep (the value
	# seen asleep is kept: a second read can find it running, wchan 0)
	while wchan=$(cat "/proc/$writer/wchan") && case $wchan in *nanosleep*) false ;; esac &&
		[ $j -lt 50 ]; do sleep 0.1; j=$((j + 1)); done
	[ $i -lt 50 ] && [ $j -lt 50 ] && wait_re "Wait channel +$wchan"
	ok $? "$1x$2: reader stopped, the writer only sleeps between stores ($wchan)"
	step 4
	rec_wait pshm-reader
	pname=$(rec_fact pshm-writer name) pw=$(rec_pid pshm-writer) pr=$(rec_pid pshm-reader)
	ino=$(stat -c %i "/dev/shm${pname}" 2>/dev/null)
	[ "$pname" = "/ipctop-lesson-$ipctop_pid-shm" ] && [ -n "$ino" ] &&
		posix_mapped_at "$pw" "$(rec_fact pshm-writer addr)" "$pname" "$ino" &&
		posix_mapped_at "$pr" "$(rec_fact pshm-reader addr)" "$pname" "$ino"
	ok $? "$1x$2: the kernel maps /dev/shm$pname (inode $ino) in both, at each one's recorded address"
	wait_for "PID $pw " && wait_re "/dev/shm$pname +→ $pr \(p"
	ok $? "$1x$2: pshm-writer's IPC tab shows the object and pshm-reader mapping it" ||
		printf '%s\n' "$screen" | sed "s/^/# /"
	step 5
	# at 24 rows the figure of a sanitizer build's helper (89 mappings, terabytes of shadow)
	# has no row left for the band: checked at 40 rows
	if [ "$2" -ge 40 ]; then
		wait_for "PID $pr " && wait_re "│ shm ipctop-lesson-"
		ok $? "$1x$2: pshm-reader's Memory tab draws the object as a shared band" ||
			printf '%s\n' "$screen" | sed "s/^/# /"
	fi
	kill -STOP "$pw" "$pr"
	if [ "$1" = 120 ]; then
		T send-keys -t "$session" q
	else
		kill -KILL "$ipctop_pid"   # the helpers' parent-death signal, ipctop's janitor
	fi
	lesson_ended "$1x$2" shm "$shmid"
	[ ! -e "/dev/shm$pname" ]
	ok $? "$1x$2: the POSIX object /dev/shm$pname is gone"
	shmid='' pname=''
done
tap_done
