#!/bin/sh
# lesson_sockets.sh — ipctop --lesson sockets at 120x40 and 80x24: the server's IPC tab shows
# its listener on the port it recorded; each n connects a client, and the accepted socket
# appears with the client's port as the client recorded it, beside the listener; the last step
# shows the UDP sender's unconnected socket on the port it recorded. The end: q with every
# lesson process stopped; every recorded process and the listener are gone (/proc/net/tcp).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"
tmux_require
tmux_setup lesson-sockets
trap 'lesson_cleanup; tmux_cleanup' EXIT

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	set -- $size
	lesson_start sockets "$1" "$2"
	ok $? "$1x$2: the lesson starts"
	screen_has_text "its socket is in state LISTEN, waiting for clients. Press n to connect one."
	ok $? "$1x$2: the banner is shown whole"
	lesson_record
	port=$(rec_fact tcp-server port)
	wait_for "tcp listen 127.0.0.1:$port"
	ok $? "$1x$2: the server's listener on its port ($port)"
	step 2
	lesson_record
	l1=$(awk '$2 == "tcp-client" { sub("local=", "", $4); print $4; exit }' "$rec")
	wait_for "127.0.0.1:$port → 127.0.0.1:$l1"
	ok $? "$1x$2: the accepted socket of the first client (port $l1)"
	step 3
	lesson_record
	l2=$(awk '$2 == "tcp-client" && ++n == 2 { sub("local=", "", $4); print $4; exit }' "$rec")
	wait_for "127.0.0.1:$port → 127.0.0.1:$l2" && wait_for "tcp listen 127.0.0.1:$port"
	ok $? "$1x$2: a second accepted socket (port $l2), the listener still there"
	step 4
	lesson_record
	u=$(rec_fact udp-sender local)
	wait_for "udp 127.0.0.1:$u unconnected"
	ok $? "$1x$2: the UDP sender's socket, unconnected (port $u)"
	for e in $lesson_procs; do kill -STOP "${e%:*}"; done
	T send-keys -t "$session" q
	wait_gone
	ok $? "$1x$2: q ends ipctop"
	lesson_gone
	ok $? "$1x$2: every recorded process and the listener are gone"
	lesson_procs=''
done
tap_done
