#!/bin/sh
# traffic_tui.sh — the IPC tab shows each channel's rate and queue beside its peer: on the
# flood sender of traffic_fixture (4 MiB/s, paced) its connection's line says "tx N MiB/s
# rx 0 B/s" with N within 25% of 4.0 (and the graph's edge line "→ N MiB/s ← 0 B/s"), the idle
# connection "tx 0 B/s rx 0 B/s"; on the writer blocked on a full pipe, as root, "queued
# 64.0 KiB of 64.0 KiB" (the fixture's F_GETPIPE_SZ is 65536), and no queue figure at all when
# not root (unknown, not 0); the sender on a full POSIX queue, as root, "queued 4 of 4
# messages" (the fixture's mq_getattr: curmsgs of maxmsg); the UDP receiver that never reads: its socket line says "drops N"
# the channel table's DROPS column and its graph edge's line N, N from /proc/net/udp's drops
# column; the idle connection's buffers, as ss -m gives them (rb, tb): on the client's socket
# line "(buffers rcv RB snd TB)" and in its channel table row RECV-Q "0/" the sum of both
# ends' rb (SEND-Q: of tb) in short units; the channel table's RATE/s column, sorted by rate
# from its F6 menu, puts the flood first at the same rate, the idle connection at 0 B, the
# pipe at "-".
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/traffic_fixture" ] || skip_all "traffic_fixture not built"
tmux_setup traffic fixture_pid
start_fixture traffic_fixture
pids() { awk -v k="$1" '$1 == k { print $2, $3 }' "$tmp/manifest"; }
read -r tx rx <<EOF2
$(pids flood)
EOF2
read -r ia ib <<EOF2
$(pids idle)
EOF2
read -r pw pr pipe_sz <<EOF2
$(awk '$1 == "pipe" { sub("pipe_sz=", "", $4); print $2, $3, $4 }' "$tmp/manifest")
EOF2
read -r ms mr maxmsg curmsgs <<EOF2
$(awk '$1 == "mq" { for (i = 4; i <= NF; i++) { if ($i ~ /^maxmsg=/) m = substr($i, 8)
	if ($i ~ /^curmsgs=/) c = substr($i, 9) }; print $2, $3, m, c }' "$tmp/manifest")
EOF2
read -r ur us uino <<EOF2
$(awk '$1 == "udp_drop" { sub("ino=", "", $5); print $2, $3, $5 }' "$tmp/manifest")
EOF2
ok $? "the fixture recorded the flood ($tx, $rx), idle ($ia, $ib), pipe ($pw, $pr) and UDP ($ur, $us) pids"
# the oracle: the drops column of /proc/net/udp for the UDP receiver's socket (its sender has
# sent all it sends: the figure no longer moves)
udp_drops=$(awk -v i="$uino" '$10 == i { print $NF }' /proc/net/udp)
# the oracle of the buffers: ss -m's rb and tb of the idle connection's client end (its peer
# port is the fixture's) and server end (its own port is)
iport=$(awk '$1 == "idle" { for (i = 4; i <= NF; i++) if ($i ~ /^port=/) print substr($i, 6) }' "$tmp/manifest")
skmem() { ss -tmnH state established "$1" 2>/dev/null | grep -o 'rb[0-9]*,t[0-9]*,tb[0-9]*' | tr -c '0-9\n' ' '; }
read -r c_rb _ c_tb <<EOF2
$(skmem "dport = :$iport")
EOF2
read -r s_rb _ s_tb <<EOF2
$(skmem "sport = :$iport")
EOF2
# short N: N in at most 5 cells as the channel table writes a size (512, 4.0K, 12.5M, 980M)
short() { awk -v v="$1" 'BEGIN { u = 0; while (v >= 1000 && u < 5) { v /= 1024; u++ }
	if (u == 0) printf "%d", v; else printf (v < 99.95 ? "%.1f%s" : "%.0f%s"), v, substr("KMGTP", u, 1) }'; }

# open PID COMM: from the list, the IPC tab of that process.
open_ipc() {
	T send-keys -t "$session" / && T send-keys -t "$session" -l "$2" && T send-keys -t "$session" Enter Enter
	wait_for "PID $1 $2" 100 && T send-keys -t "$session" 4 && wait_for "Summary" 100
}

START_W=160 start traffic --no-color -d 5 -p "$tx,$rx,$ia,$ib,$pw,$pr,$ms,$mr,$ur,$us"
wait_for fx-flood-tx 150; ok $? "the fixture's processes are listed"
open_ipc "$tx" fx-flood-tx; ok $? "the flood sender's IPC tab opens"
wait_re " $rx \\(fx-flood-rx\\).* tx (3\\.[0-9]|4\\.[0-9]|5\\.0) MiB/s rx 0 B/s" 100
ok $? "its connection to $rx: tx within 25% of 4.0 MiB/s, rx 0 B/s"
# the graph: Tab along the sender's edges to the TCP one; its line gives each way's rate, from
# the client (the sender, the edge's left end) to the server and back
T send-keys -t "$session" g
wait_for "Graph" 100
wait_for "fx-flood-tx" 150   # the graph is drawn (a loaded machine takes a while) before Tab
# tab_to_edge TEST: Tab along the graph's edges (at most 8) until TEST (a function of the
# screen) holds, then wait up to 5 s for it; its status.
top_line() { T capture-pane -p -t "$session" | head -n 1; }
tab_to_edge() {
	i=0
	while [ $i -lt 8 ] && ! "$1" "$(T capture-pane -p -t "$session")"; do
		before=$(top_line)
		T send-keys -t "$session" Tab
		n=0   # until the top line (the selected edge's) has changed: a loaded machine draws late
		while [ "$(top_line)" = "$before" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
		i=$((i + 1))
	done
	wait_until "$1" 50
	st=$?
	[ $st -eq 0 ] || T capture-pane -p -t "$session" | sed 's/^/# /'
	return $st
}
want="bytes .* (→|>) (3\\.[0-9]|4\\.[0-9]|5\\.0) MiB/s (←|<) 0 B/s"
has_edge() { printf '%s\n' "$1" | grep -q "^tcp " && has_re "$1"; }
tab_to_edge has_edge
ok $? "graph: the flood edge's line says → 3.0-5.0 MiB/s ← 0 B/s"
T send-keys -t "$session" Escape
wait_for "Summary" 50
T send-keys -t "$session" BSpace
wait_for " PID USER" 100; ok $? "Backspace returns to the list"
open_ipc "$ia" fx-idle-a; ok $? "the idle client's IPC tab opens"
wait_re " $ib \\(fx-idle-b\\).* tx 0 B/s rx 0 B/s" 100; ok $? "its idle connection: 0 B/s both ways"
[ -n "$c_rb" ] && [ -n "$c_tb" ]; ok $? "ss -m gives the idle client's rb and tb ($c_rb, $c_tb)"
wait_re "tcp 127\\.0\\.0\\.1:[0-9]+ (→|>) 127\\.0\\.0\\.1:$iport established, rq 0 wq 0 \\(buffers rcv $c_rb snd $c_tb\\)" 100
ok $? "its socket line gives its buffers as ss -m does: (buffers rcv $c_rb snd $c_tb)"
T send-keys -t "$session" BSpace
wait_for " PID USER" 100
open_ipc "$pw" fx-pipe-wr; ok $? "the blocked pipe writer's IPC tab opens"
if [ "$(id -u)" -eq 0 ] && [ "$pipe_sz" = 65536 ]; then
	wait_re " $pr \\(fx-pipe-rd\\).* queued 64\\.0 KiB of 64\\.0 KiB" 100
	ok $? "root: its pipe to $pr is queued 64.0 KiB of 64.0 KiB (F_GETPIPE_SZ $pipe_sz)"
else
	wait_re " $pr \\(fx-pipe-rd\\)" 100 && ! T capture-pane -p -t "$session" | grep -q "queued"
	ok $? "not root: its pipe to $pr shows no queue figure (unknown)"
fi
T send-keys -t "$session" BSpace
wait_for " PID USER" 100
if [ -z "$ms" ]; then
	skip "the POSIX queue scene: the fixture skipped it ($(grep '^skip mq' "$tmp/manifest"))"
else
	open_ipc "$ms" fx-mq-snd; ok $? "the full POSIX queue's sender's IPC tab opens"
	if [ "$(id -u)" -eq 0 ]; then
		wait_re " $mr \\(fx-mq-rcv\\).* queued $curmsgs of $maxmsg messages" 100
		ok $? "root: its queue to $mr is queued $curmsgs of $maxmsg messages (the fixture's mq_getattr)"
	else
		wait_re " $mr \\(fx-mq-rcv\\)" 100 && ! T capture-pane -p -t "$session" | grep -q "queued"
		ok $? "not root: its queue to $mr shows no queue figure (unknown)"
	fi
	T send-keys -t "$session" BSpace
	wait_for " PID USER" 100
fi
open_ipc "$ur" fx-udp-rx; ok $? "the UDP receiver's IPC tab opens"
wait_re "udp 127\\.0\\.0\\.1:[0-9]+ .*, drops $udp_drops\$" 100
ok $? "its socket's line says drops $udp_drops, as /proc/net/udp does"
T send-keys -t "$session" g
wait_for "Graph" 100
wait_for "fx-udp-rx" 150
want="  drops $udp_drops \\(0/s\\)"
has_udp_edge() { printf '%s\n' "$1" | head -n 1 | grep -q "^udp " && has_re "$1"; }
tab_to_edge has_udp_edge
ok $? "graph: the UDP edge's line says drops $udp_drops (0/s)"
T send-keys -t "$session" Escape
wait_for "Summary" 50
T send-keys -t "$session" BSpace
wait_for " PID USER" 100
# The channel table (c): each channel's rate beside its bytes, its drops; F6 sorts by rate.
T send-keys -t "$session" c
wait_for " shown of " 100; ok $? "c opens the channel table"
wait_for "DROPS" 100; ok $? "the channel table has a DROPS column"
wait_re "^ *udp .* $udp_drops +$ur \\(fx-udp-rx\\)" 100
ok $? "the UDP channel's row: DROPS $udp_drops, then its receiver"
rq_cap=$(short $((c_rb + s_rb))); sq_cap=$(short $((c_tb + s_tb)))
wait_re "^ *tcp +established +0/$rq_cap +0/$sq_cap .*$ia \\(fx-idle-a\\)" 100
ok $? "the idle connection's row: RECV-Q 0/$rq_cap SEND-Q 0/$sq_cap (both ends' rb and tb by ss -m)"
T send-keys -t "$session" F6
wait_for "Sort channels by" 50; ok $? "F6 opens the channel table's sort menu"
T send-keys -t "$session" Home Down Down Down Down Down Enter   # KIND STATE RECV-Q SEND-Q BYTES RATE/s
wait_absent "Sort channels by" 50
# rows: the table's rows (after its column header); the first one, sorted by rate, is the flood
# (its DROPS cell "-": TCP reports none)
rows() { T capture-pane -p -t "$session" | awk '/^KIND +STATE/ { on = 1; next } on && /^[a-z_]+ / { print }'; }
first_flood() { rows | head -n 1 | grep -Eq "^tcp .* (3\\.[0-9]|4\\.[0-9]|5\\.0) MiB +- +$tx \\(fx-flood-tx\\)"; }
n=0; while ! first_flood && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
first_flood; st=$?
ok $st "sorted by rate: the first row is the flood from $tx at 3.0-5.0 MiB/s"
[ $st -eq 0 ] || T capture-pane -p -t "$session" | sed 's/^/# /'
rows | grep -Eq "^tcp .* 0 B +- +($ia|$ib) \(fx-idle-"; ok $? "the idle connection's rate: 0 B"
rows | grep -Eq "^pipe .* - +- +($pw|$pr) \(fx-pipe-"; ok $? "the pipe's rate: - (the kernel counts no pipe bytes)"
rows | grep -Eq "^tcp +listen .* - +- +$rx \(fx-flood-rx\) fd [0-9]+ listen"
ok $? "the flood receiver's listener (ss -l's row, no channel): rate - (a listener carries no bytes)" ||
	rows | sed 's/^/# /'
quit_ok traffic
exec 9>&-
wait "$fixture_pid"; ok $? "the fixture stops cleanly"
fixture_pid=
tap_done
