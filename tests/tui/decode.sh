#!/bin/sh
# decode.sh — the IPC tab decodes what a descriptor or mapping holds in the words ss and ipcs
# use: a TCP socket's addresses, state and queues; a UNIX listener's name, pending connections
# and backlog; a SysV queue's id, key and messages; a SysV segment's id, size and attach count.
# The graph's edge line names a TCP connection as ss does; the list's filter finds processes by
# those words (":PORT", "unix seqpacket").
# Objects come from ipc_fixture (its manifest says which process holds what); the expected
# words from ss and /proc/sysvipc, never from ipctop.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
command -v ss >/dev/null || skip_all "ss not found"
[ -x "$TESTS_BIN/fixture/ipc_fixture" ] || skip_all "ipc_fixture not built"
export LC_ALL=C.UTF-8
tmux_setup decode fixture_pid

start_ipc_fixture

# field KIND [VARIANT] WORD: the value of WORD= (or the pids for WORD "a" and "b") on the
# manifest line of that kind (and variant=VARIANT).
field() {
	awk -v k="$1" -v v="$2" -v w="$3" '$1 == k && (v == "" || index($0, " variant=" v " ")) {
		if (w == "a" || w == "b") { print (w == "a" ? $2 : $3); exit }
		for (i = 4; i <= NF; i++) if (index($i, w "=") == 1) { print substr($i, length(w) + 2); exit }
	}' "$tmp/manifest"
}

# tab PID: ipctop on PID alone, its detail's IPC tab open; the screen is left in $screen.
tab() {
	T kill-session -t dec 2>/dev/null
	start dec -d 5 -p "$1"
	wait_for "Command" 150 || return 1
	T send-keys -t dec Enter
	wait_for "Parent PID" || return 1
	T send-keys -t dec 4
	wait_for "descriptors," || return 1
}

# --- TCP: ss's view of the fixture's v4 connection, from A's side ---
a=$(field tcp v4 a) pa=$(field tcp v4 porta) pb=$(field tcp v4 portb)
ssline=$(ss -tanH "sport = :$pa and dport = :$pb")
set -- $ssline    # State Recv-Q Send-Q Local Peer
[ "$1" = ESTAB ]; ok $? "ss: the fixture's TCP connection $pa -> $pb is established"
expect="tcp $4 → $5 established, rq $2 wq $3"
tab "$a"; ok $? "IPC tab of the TCP end $a opens"
wait_for "$expect"; ok $? "the socket is decoded as ss says: $expect"
# the graph's line for the selected edge: state and queues of the connection, as ss says
sides=$(ss -tanH "( sport = :$pa and dport = :$pb ) or ( sport = :$pb and dport = :$pa )" |
	awk '{ printf "%s, rq %s wq %s\n", ($1 == "ESTAB" ? "established" : $1), $2, $3 }')
T resize-window -t dec -x 200   # the edge line's addresses come last: room for them all
T send-keys -t dec g
wait_for "Graph" && T send-keys -t dec Tab
wait_re "^tcp .*established, rq [0-9]+ wq [0-9]+"; ok $? "the graph's edge line gives the TCP state and queues"
shown=$(printf '%s\n' "$screen" | grep -o "established, rq [0-9]* wq [0-9]*" | head -n 1)
printf '%s\n' "$sides" | grep -qxF "$shown"; ok $? "...as ss says for one of its ends ($shown)"
# ...and names the connection as ss does for one of its ends: "tcp", local -> peer address
ends=$(ss -tanH "( sport = :$pa and dport = :$pb ) or ( sport = :$pb and dport = :$pa )" |
	awk '{ printf "%s → %s %s, rq %s wq %s\n", $4, $5, ($1 == "ESTAB" ? "established" : $1), $2, $3 }')
words=$(printf '%s\n' "$screen" | head -n 1 |
	grep -oE "[^ ]+ → [^ ]+ [a-z0-9_]+, rq [0-9]+ wq [0-9]+")   # ports by number: no N pressed
printf '%s\n' "$ends" | grep -qxF "$words"
ok $? "the graph's edge line decodes the connection as ss does for one of its ends ($words)" ||
	{ printf '%s\n' "$ends" | sed 's/^/# ss: /'; printf '%s\n' "$screen" | sed 's/^/# /'; }

# --- the list's filter matches a process's sockets in the IPC tab's words ---
# list_filter TEXT: the whole list, filtered by TEXT; the screen is left in $screen.
list_filter() {
	T kill-session -t dec 2>/dev/null
	start dec -d 5
	wait_for "Command" 150 || return 1
	T send-keys -t dec '\'; wait_for "Filter: " 50 || return 1
	T send-keys -t dec -l "$1"; T send-keys -t dec Enter
	wait_absent "Filter: " 50 && wait_for "Command"
}
# shown PID: a row of the list has PID as its first column.
shown() { printf '%s\n' "$screen" | awk -v p="$1" '$1 == p { f = 1 } END { exit !f }'; }
by=$(awk '$1 == "bystander" { print $2 }' "$tmp/manifest")
list_filter ":$pb"; ok $? "the list filtered by :$pb"
shown "$a" && shown "$(field tcp v4 b)"
ok $? "both ends of the TCP connection on port $pb are listed (their sockets say :$pb)" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
! shown "$by"; ok $? "the bystander (no socket) is not"
sa=$(field unix seqpacket a) sb=$(field unix seqpacket b)
list_filter "unix seqpacket"; ok $? "the list filtered by 'unix seqpacket'"
shown "$sa" && shown "$sb"; ok $? "both holders of the seqpacket pair are listed" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
! shown "$(field unix stream a)" && ! shown "$by"; ok $? "the stream pair's holder and the bystander are not"

# --- a UNIX listener with a path: pending connections and backlog as ss -x says ---
a=$(field unix path a) path=$(field unix path path)
ssline=$(ss -xlH "src $path")
set -- $ssline    # Netid State Recv-Q Send-Q Local Port Peer Port
[ "$2" = LISTEN ]; ok $? "ss: the fixture's UNIX listener $path is listening"
expect="unix stream listen $path, pending $3 of backlog $4"
tab "$a"; ok $? "IPC tab of the UNIX listener's holder $a opens"
wait_for "$expect"; ok $? "the listener is decoded as ss says: $expect"

# --- SysV: /proc/sysvipc/msg and shm say id, key, messages, size, attachments ---
a=$(field sysv_msg "" a) id=$(field sysv_msg "" msqid)
set -- $(awk -v id="$id" '$2 == id' /proc/sysvipc/msg)   # key msqid perms cbytes qnum ...
key=$(printf '0x%08x' "$1") n=$5
[ "$n" = 1 ] && m="1 message" || m="$n messages"
expect="msg id $id key $key  → "
tab "$a"; ok $? "IPC tab of the queue's sender $a opens"
wait_for "$expect"; ok $? "the queue is named as /proc/sysvipc/msg says: $expect"
expect="$m $4 B queued"
printf '%s\n' "$screen" | grep -A1 "msg id $id key" | tail -n 1 | grep -qF "$expect"
ok $? "the line under it counts what /proc/sysvipc/msg says: $expect"
printf '%s\n' "$screen" | grep -q "^ *queue .*sysv_msg"; ok $? "the queue is labelled queue, not mapped"

a=$(field sysv_shm "" a) id=$(field sysv_shm "" shmid)
set -- $(awk -v id="$id" '$2 == id' /proc/sysvipc/shm)   # key shmid perms size cpid lpid nattch
key=$(printf '0x%08x' "$1")
size=$(awk -v b="$4" 'BEGIN { split("B KiB MiB GiB", u, " "); i = 1
	while (b >= 1024 && i < 4) { b /= 1024; i++ }
	printf(i == 1 ? "%d %s" : "%.1f %s", b, u[i]) }')
expect="shm id $id key $key  → "
tab "$a"; ok $? "IPC tab of the segment's attacher $a opens"
wait_for "$expect"; ok $? "the segment is named as /proc/sysvipc/shm says: $expect"
expect="$size, $7 attached"
printf '%s\n' "$screen" | grep -A1 "shm id $id key" | tail -n 1 | grep -qF "$expect"
ok $? "the line under it counts what /proc/sysvipc/shm says: $expect"

T kill-session -t dec 2>/dev/null
exec 9>&-
wait "$fixture_pid"; ok $? "ipc_fixture ends cleanly"
fixture_pid=
tap_done
