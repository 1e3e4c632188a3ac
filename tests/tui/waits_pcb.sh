#!/bin/sh
# waits_pcb.sh — the PCB tab says each wait of wait_fixture's blocked processes in a sentence,
# with the pids and names from the fixture's record: the writer on a full pipe whose reader
# pauses, the writer on a UNIX stream whose reader is stopped, the two-pipe deadlock as a ring,
# a lock waiter and its holder, and each thread of the threaded process; Enter on the sentence
# goes to the process it waits for.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
[ -x "$TESTS_BIN/fixture/wait_fixture" ] || skip_all "wait_fixture not built"
export LC_ALL=C.UTF-8
tmux_setup waits fixture_pid

start_fixture wait_fixture --timeout 600

# field CASE KEY: the value of KEY= on the record's CASE line.
field() { sed -n "s/^$1 .*$2=\([0-9]*\).*/\1/p" "$tmp/manifest"; }

# pcb_of SESSION PIDS NAME: ipctop -p PIDS in SESSION (no colour: the selection is reverse
# video), the detail (PCB tab) of the process NAME.
pcb_of() {
	session=$1
	start "$1" --no-color -p "$2"
	wait_for "$3" 150 || return 1
	T send-keys -t "$1" / "$3" Enter Enter
	wait_for "Waits on"
}

w=$(field pipe_full writer) r=$(field pipe_full reader)
pcb_of pipe "$w,$r" wf_writer; ok $? "pipe: the writer's PCB tab has a Waits on line"
wait_for "Waits on             blocked writing fd 3, a pipe to $r (wf_reader), which is not reading (it waits in pause)"
ok $? "pipe: blocked writing fd 3, a pipe to the reader, which is not reading"
down_to "blocked writing fd 3" 30; ok $? "pipe: the Waits on line can be selected"
T send-keys -t pipe Enter
wait_re "^PID $r +wf_reader"; ok $? "pipe: Enter on it goes to the reader"
quit_ok pipe

w=$(field unix_stopped writer) r=$(field unix_stopped reader)
pcb_of unix "$w,$r" wu_writer; ok $? "unix: the writer's PCB tab"
wait_for "blocked writing fd 3, a UNIX socket to $r (wu_reader), which is stopped"
ok $? "unix: blocked writing to the reader, which is stopped"
quit_ok unix

a=$(field deadlock a) b=$(field deadlock b)
pcb_of ring "$a,$b" wd_a; ok $? "deadlock: a's PCB tab"
wait_for "blocked reading fd 3, a pipe to $b (wd_b), which is not writing (it waits in read)"
ok $? "deadlock: a reads a pipe b writes, but b reads"
wait_re "Deadlock +$a \\(wd_a\\) -> $b \\(wd_b\\) -> $a \\(wd_a\\)"; ok $? "deadlock: the ring is named"
quit_ok ring

h=$(field "lock" holder) wl=$(field "lock" waiter)
pcb_of lock "$h,$wl" wl_waiter; ok $? "lock: the waiter's PCB tab"
wait_for "waiting for a file lock on fd 3, held by $h (wl_holder)"; ok $? "lock: held by the holder"
quit_ok lock

t=$(field threads pid) tr=$(field threads reader) ts=$(field threads sleeper) fd=$(field threads fd)
pcb_of thr "$t" wt_threads; ok $? "threads: the PCB tab"
wait_for "Waits on             waiting for a signal (pause)"; ok $? "threads: the main thread pauses"
wait_for "Thread $tr" ; ok $? "threads: the reader thread has its own line"
wait_re "Thread $tr +blocked reading fd $fd, a pipe no other process holds"
ok $? "threads: it reads its own pipe, which no other process holds"
wait_re "Thread $ts +sleeping: waits on no one"; ok $? "threads: the other one sleeps"
quit_ok thr

tap_done
