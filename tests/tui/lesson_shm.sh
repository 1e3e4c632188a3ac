#!/bin/sh
# lesson_shm.sh — ipctop --lesson shared-memory at 120x40 and 80x24: the writer's IPC tab and
# then the reader's show the System V segment both recorded, and each names the other as
# attached; the kernel (/proc/sysvipc/shm) counts the two attaches and lists the segment in
# each one's /proc/PID/maps at the address it recorded. With the reader paused the writer does
# not block (its wait channel is its sleep, not the segment). The end: q (120x40) or kill -9
# of ipctop (80x24); the recorded processes and the segment are gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-shm
trap 'lesson_cleanup; [ -n "$shmid" ] && ipcrm -m "$shmid" 2>/dev/null; tmux_cleanup' EXIT

# seg_field ID N: field N of the segment's line in /proc/sysvipc/shm (7 nattch)
seg_field() { awk -v i="$1" -v f="$2" 'NR > 1 && $2 == i { print $f }' /proc/sysvipc/shm; }
# mapped_at PID ADDR ID: PID's maps has the segment (SYSV, inode = shmid) starting at ADDR
mapped_at() { awk -v a="${2#0x}" -v i="$3" '$6 ~ /^\/SYSV/ && $5 == i && index($1, a "-") == 1 { f = 1 }
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
	j=0   # the writer runs a moment every 100 ms: until the kernel sees it asleep
	while ! grep -q nanosleep "/proc/$writer/wchan" && [ $j -lt 50 ]; do sleep 0.1; j=$((j + 1)); done
	wchan=$(cat "/proc/$writer/wchan")
	[ $i -lt 50 ] && [ $j -lt 50 ] && wait_re "Wait channel +$wchan"
	ok $? "$1x$2: reader stopped, the writer only sleeps between stores ($wchan)"
	if [ "$1" = 120 ]; then
		T send-keys -t "$session" q
	else
		kill -KILL "$ipctop_pid"   # the helpers' parent-death signal, ipctop's janitor
	fi
	lesson_ended "$1x$2" shm "$shmid"
	shmid=''
done
tap_done
