#!/bin/sh
# waits_cases.sh — every case of wait_fixture on the waits screen (w), pids and ids from the
# fixture's record: the UNIX writer names its stopped reader, which has its own "stopped" row;
# msgrcv names the queue's id; wait4 leads to the child; a fcntl and a flock waiter lead to the
# lock's holder; the tracee leads to its tracer (which waits for it in wait4: a ring, so a
# deadlock); a writer whose thread, not its main one (in pause), is blocked on a stopped reader is
# listed with that thread; two processes whose threads read pipes only the other writes are a
# deadlock though no other wait names them; the epoll clients lead to the server, which watches 3
# descriptors and has no row (a connection to its listener can wake it); the thread ring is a
# deadlock through a's reader thread, on a's row and b's; the POSIX queue sender and receiver lead
# to the queue's holder; the threads case, whose main thread pauses, has no row; the process
# of 70 threads, read 64 threads a refresh in turn, is listed by its blocked thread within a few
# refreshes, and when a refresh kept that thread's wait from an earlier one it says its age
# ("(read 1s ago)"). (The full pipe
# and the two-pipe deadlock: waits_screen.sh.) Then the same with the fixture and ipctop run as
# nobody: a user's own waits are read as root's are.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/wait_fixture" ] || skip_all "wait_fixture not built"
tmux_setup waitcase fixture_pid

AGE='[0-9smhd?]+'

# end_fixture: close its control fifo and wait until it has cleaned up.
end_fixture() {
	exec 9>&-
	wait "$fixture_pid"
	fixture_pid=
}

# field CASE KEY: the value of KEY= on the record's CASE line.
field() { sed -n "/^$1 /s/.* $2=\([^ ]*\).*/\1/p" "$tmp/manifest"; }

# verdict STATUS TEXT: ok STATUS "$who: TEXT", and the screen as "# " lines when it failed.
verdict() {
	ok "$1" "$who: $2"
	[ "$1" -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
}

# row WHAT PID END CHAIN: the waits screen has PID's row ending at END with CHAIN (a regex).
row() {
	wait_re "^ +$AGE +$2 +$3 $4\$" 50
	verdict $? "$1"
}

# no_row WHAT PID WHY: the screen has no row of PID.
no_row() {
	! printf '%s\n' "$screen" | grep -Eq "^ +$AGE +$2 "
	verdict $? "$1 has no row ($3)"
}

# check_cases: the rows of every case, on the screen of session $session.
check_cases() {
	uw=$(field unix_stopped writer) ur=$(field unix_stopped reader)
	row "UNIX writer names its stopped reader" "$uw" "$ur" \
		"$uw \\(wu_writer\\) write unix → $ur \\(wu_reader\\) stopped"
	row "the stopped reader has its own row" "$ur" "$ur" "$ur \\(wu_reader\\) stopped"
	m=$(field msgrcv pid) q=$(field msgrcv msqid)
	row "msgrcv names the queue's id ($q)" "$m" "$m" "$m \\(wm_receiver\\) msgrcv msq $q"
	wp=$(field wait4 parent) wc=$(field wait4 child)
	row "wait4 leads to the child" "$wp" "$wc" "$wp \\(wx_parent\\) wait4 → $wc \\(wx_child\\) pause"
	for k in lock flock; do
		h=$(field $k holder) lw=$(field $k waiter)
		row "$k: the waiter leads to the holder" "$lw" "$h" \
			"$lw \\(wl_waiter\\) lock fd 3 → $h \\(wl_holder\\) pause"
	done
	tr=$(field traced tracer) te=$(field traced tracee)
	if [ -n "$te" ]; then
		row "the tracee leads to its tracer, which waits for it: a deadlock" "$te" deadlock \
			"deadlock: $te \\(wt_tracee\\) traced → $tr \\(wt_tracer\\) wait4 → $te \\(wt_tracee\\)"
	else
		skip "$who: traced: ptrace refused here"
	fi
	srv=$(field epoll server)
	for i in 1 2; do
		c=$(field epoll client$i)
		row "epoll client $i leads to the server, watching 3 fds" "$c" "$srv" \
			"$c \\(we_client$i\\) read tcp → $srv \\(we_server\\) epoll_pwait watching 3 fds"
	done
	ra=$(field thread_ring a) t1=$(field thread_ring t1) rb=$(field thread_ring b)
	row "thread ring: a's row is a deadlock through its thread $t1" "$ra" deadlock \
		"deadlock: $ra \\(wr_a\\) thread $t1 read pipe → $rb \\(wr_b\\) read pipe → $ra \\(wr_a\\)"
	row "thread ring: and b's" "$rb" deadlock \
		"deadlock: $rb \\(wr_b\\) read pipe → $ra \\(wr_a\\) thread $t1 read pipe → $rb \\(wr_b\\)"
	bp=$(field thread_blocked pid) bt=$(field thread_blocked thread) br=$(field thread_blocked reader)
	row "thread blocked: listed by its thread $bt, though its main thread pauses" "$bp" "$br" \
		"$bp \\(wb_writer\\) thread $bt write pipe → $br \\(wb_reader\\) stopped"
	row "thread blocked: the stopped reader has its own row" "$br" "$br" "$br \\(wb_reader\\) stopped"
	c=$(field thread_ring2 c) tc=$(field thread_ring2 tc) d=$(field thread_ring2 d) td=$(field thread_ring2 td)
	row "thread ring 2: a deadlock through c's thread $tc and d's thread $td" "$c" deadlock \
		"deadlock: $c \\(wr_c\\) thread $tc read pipe → $d \\(wr_d\\) thread $td read pipe → $c \\(wr_c\\)"
	row "thread ring 2: and d's" "$d" deadlock \
		"deadlock: $d \\(wr_d\\) thread $td read pipe → $c \\(wr_c\\) thread $tc read pipe → $d \\(wr_d\\)"
	qh=$(field mq_full holder) qs=$(field mq_full sender) qr=$(field mq_empty receiver)
	row "full POSIX queue: the sender leads to the holder" "$qs" "$qh" \
		"$qs \\(wq_sender\\) mq_timedsend posix_mq → $qh \\(wq_holder\\) pause"
	row "empty POSIX queue: the receiver leads to the holder" "$qr" "$qh" \
		"$qr \\(wq_receiver\\) mq_timedreceive posix_mq → $qh \\(wq_holder\\) pause"
	no_row "the epoll server" "$srv" "a connection to its listener can wake it"
	no_row "the threads case" "$(field threads pid)" "its main thread pauses; its reader thread reads its own pipe"
	mp=$(field thread_many pid) mt=$(field thread_many thread) mr=$(field thread_many reader)
	n=$(field thread_many threads)
	row "thread many: its $n threads are read in turn, 64 a refresh; its thread $mt is found" \
		"$mp" "$mr" "$mp \\(wm_writer\\) thread $mt write pipe( \\(read $AGE ago\\))? → $mr \\(wm_reader\\) stopped"
	row "thread many: when a refresh has not read its thread $mt again, the wait says how old it is" \
		"$mp" "$mr" "$mp \\(wm_writer\\) thread $mt write pipe \\(read $AGE ago\\) → $mr \\(wm_reader\\) stopped"
}

# The fixture's processes: every number of the record but fds, ids and the epoll descriptors.
fixture_pids() {
	sed -n 's/^[a-z_0-9]* //p' "$tmp/manifest" | tr ' ' '\n' |
		sed -n 's/^\(writer\|reader\|a\|b\|pid\|parent\|child\|holder\|waiter\|tracer\|tracee\|server\|client[12]\|t1\|sender\|c\|d\|receiver\|sleeper\)=\([0-9]*\)$/\2/p' |
		grep -v "^$(field threads reader)\$\|^$(field threads sleeper)\$\|^$(field thread_ring t1)\$" |
		sort -un | paste -sd, -
}

# run_as WHO [PREFIX...]: wait_fixture and ipctop run by PREFIX (none: as this user), the
# rows of every case on the waits screen.
run_as() {
	who=$1; shift
	fx_prefix="$* env TMPDIR=/tmp"
	start_fixture wait_fixture --timeout 600
	fx_prefix=
	session=$who
	T new-session -d -s "$session" -x 200 -y 40 "$* env XDG_CONFIG_HOME=/nonexistent \
		LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $(fixture_pids)"
	wait_re "^ +$(field msgrcv pid) " 150; ok $? "$who: ipctop shows the fixture"
	T send-keys -t "$session" w
	wait_for "Waits:"; ok $? "$who: w opens the waits screen"
	check_cases
	quit_ok "$who"
	end_fixture
}

run_as root
nobody_or_done
run_as nobody $nobody_prefix
tap_done
