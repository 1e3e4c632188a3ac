#!/bin/sh
# lesson_pipe.sh — ipctop --lesson pipe at 80x24 and 120x40: the banner is shown whole, n
# moves on; pausing the reader fills the pipe: at 120x40 the writer's IPC tab shows it queued
# to the capacity the writer recorded (F_GETPIPE_SZ), at 80x24 its PCB tab shows it blocked
# writing the pipe (the wait channel the kernel gives in /proc/PID/wchan); after q, with the
# reader still stopped, every process the helpers recorded is gone. Run as root, and at 80x24
# as nobody too (when root). A lesson process that ends (the reader killed, the writer stopped
# first so that it gets no EPIPE) is reaped by ipctop, its subreaper: the kernel has no zombie
# of it left, and the status line says "lesson process PID ended".
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-pipe
trap 'lesson_cleanup; tmux_cleanup' EXIT

first='A pipe is a one-way channel kept by the kernel: pipe-writer puts bytes in at one end, pipe-reader takes them out at the other. The channel table shows the pipe and its two ends.'

for size in $(lesson_sizes); do
	lesson_size "$size"
	# shellcheck disable=SC2086
	set -- $cols $rows $user
	lesson_start pipe "$1" "$2" $3
	ok $? "$who: the lesson starts on its first step"
	screen_has_text "$first"
	ok $? "$who: the first banner is shown whole"
	lesson_record
	writer=$(rec_pid pipe-writer) reader=$(rec_pid pipe-reader)
	cap=$(rec_fact pipe-writer capacity)
	[ -z "$3" ] || { [ "$(stat -c %U "/proc/$writer")" = nobody ]; ok $? "$who: the writer runs as nobody"; }
	wait_re "pipe .*$writer \(pipe-writer\)"
	ok $? "$who: the channel table shows the writer's pipe"
	step 2 && step 3
	ok $? "$who: n moves to the step that pauses the reader"
	i=0
	while [ "$(sed 's/.*) //' "/proc/$reader/stat" | cut -c1)" != T ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ $i -lt 50 ]
	ok $? "$who: the reader ($reader) is stopped, as the kernel says"
	if [ "$1" = 120 ]; then
		kib=$(awk -v c="$cap" 'BEGIN { printf "%.1f KiB", c / 1024 }')
		wait_for "queued $kib of $kib"
		ok $? "$who: the writer's IPC tab shows the pipe full: queued $kib of $kib (capacity $cap recorded)"
	else
		step 4
		i=0   # until the kernel says the writer waits in a pipe write (the pipe is full)
		while ! grep -q pipe_write "/proc/$writer/wchan" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		wchan=$(cat "/proc/$writer/wchan")
		wait_re "Wait channel +$wchan" && wait_for "blocked writing fd 3"
		ok $? "$who: the writer's PCB tab shows it blocked writing the pipe ($wchan)"
		T send-keys -t "$session" p
		wait_for "Lesson pipe 3/"
		ok $? "$who: p goes back a step"
	fi
	T send-keys -t "$session" q
	wait_gone
	ok $? "$who: q ends ipctop"
	lesson_gone
	ok $? "$who: every recorded process is gone, the stopped reader too"
	lesson_procs=''
done

lesson_start pipe 100 30
lesson_record
writer=$(rec_pid pipe-writer) reader=$(rec_pid pipe-reader)
[ -n "$writer" ] && [ -n "$reader" ] && kill -STOP "$writer" && kill -KILL "$reader"
ok $? "100x30: the writer ($writer) stopped, the reader ($reader) killed"
i=0   # reaped: /proc/PID gone (a zombie not waited for keeps it)
while [ -e "/proc/$reader" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ ! -e "/proc/$reader" ]
ok $? "100x30: the kernel has no zombie of the reader left: ipctop reaped it"
wait_for "lesson process $reader ended"
ok $? "100x30: the status line says the reader's pid ended"
T send-keys -t "$session" q
wait_gone && lesson_gone
ok $? "100x30: q ends ipctop and every recorded process, the stopped writer too"
lesson_procs=''
unset IFS
tap_done
