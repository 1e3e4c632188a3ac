#!/bin/sh
# ipc_jump.sh — the IPC tab's jump and Backspace: a hub process writes to two pipes, each read
# by a child of its own (jump-a, jump-b). On the hub's IPC tab, Enter on jump-b's pipe opens
# jump-b (the process the kernel shows holding that pipe's other end), Enter on its peer line
# goes back to the hub, and Backspace walks the way back: jump-b, the hub, then the list.
# Expected pids, names and pipe inodes come from the fixture's record and /proc/PID/fd.
# Under the TERM values xterm-256color and screen.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup jump fixture

py_fixture hub <<'PY'
fds = []
for name in (b"jump-a", b"jump-b"):
    r, w = os.pipe()
    if os.fork() == 0:
        libc.prctl(15, name, 0, 0, 0)
        os.close(w)
        for f in fds:
            os.close(f)
        os.read(r, 1)          # until the hub goes away
        os._exit(0)
    os.close(r)
    fds.append(w)
libc.prctl(15, b"jump-hub", 0, 0, 0)
record(os.getpid(), fds[0], fds[1])
time.sleep(600)
PY
"$PYTHON3" "$tmp/hub.py" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec"; ok $? "the fixture recorded itself"
read -r hub fd_a fd_b < "$tmp/rec"

comm() { cat "/proc/$1/comm" 2>/dev/null; }
# holder INODE: the child of the hub that holds pipe:[INODE], by /proc/PID/fd.
holder() {
	for c in $(cat /proc/"$hub"/task/*/children); do
		for l in /proc/"$c"/fd/*; do
			[ "$(readlink "$l")" = "pipe:[$1]" ] && { echo "$c"; return 0; }
		done
	done
	return 1
}
ino_b=$(readlink "/proc/$hub/fd/$fd_b" | tr -dc 0-9)
i=0
while { b=$(holder "$ino_b"); [ "$(comm "$b")" != jump-b ]; } && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(comm "$b")" = jump-b ]; ok $? "the kernel: jump-b ($b) holds the other end of the hub's fd $fd_b (pipe:[$ino_b])"
a=$(holder "$(readlink "/proc/$hub/fd/$fd_a" | tr -dc 0-9)")
i=0
while [ "$(comm "$a")" != jump-a ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(comm "$a")" = jump-a ]; ok $? "and jump-a ($a) that of fd $fd_a"

title_is() {
	t=$(printf '%s\n' "$1" | head -n 2 | paste -sd' ' -)
	case $t in "PID $t_pid $t_comm "*) ;; *) return 1 ;; esac
	case $t in *"Backspace: back to PID $t_back)"*) [ -n "$t_back" ] ;; *Backspace:*) false ;; *) [ -z "$t_back" ] ;; esac
}
# wait_title PID COMM [BACK]: until the detail shows PID COMM, offering Backspace to BACK (or
# not offering it when BACK is empty).
wait_title() { t_pid=$1 t_comm=$2 t_back=$3; wait_until title_is 50; }

for term in xterm-256color screen; do
	session="j-$term"
	T new-session -d -s "$session" -x 120 -y 40 \
		"env TERM=$term XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $hub,$a,$b"
	wait_for jump-hub 150; ok $? "$term: the hub is listed"
	T send-keys -t "$session" / && T send-keys -t "$session" -l jump-hub && T send-keys -t "$session" Enter Enter
	wait_title "$hub" jump-hub; ok $? "$term: its detail opens"
	T send-keys -t "$session" 4
	wait_for "fd $fd_b "; ok $? "$term: the IPC tab lists fd $fd_b"
	down_to "fd $fd_b "; ok $? "$term: Down selects the line of fd $fd_b"
	capture_rev | grep "${SEL}[^$END]*fd $fd_b " | grep -q "pipe:\[$ino_b\].* $b (jump-b)"
	ok $? "$term: it shows pipe:[$ino_b] and its peer $b (jump-b)"
	T send-keys -t "$session" Enter
	wait_title "$b" jump-b "$hub"; ok $? "$term: Enter opens jump-b ($b), Backspace offered back to the hub"
	wait_for "pipe:[$ino_b]"; ok $? "$term: jump-b's IPC tab shows the same pipe"
	down_to " $hub (jump-hub)"; ok $? "$term: its peer line names the hub"
	T send-keys -t "$session" Enter
	wait_title "$hub" jump-hub "$b"; ok $? "$term: Enter there goes to the hub, Backspace offered back to jump-b"
	T send-keys -t "$session" BSpace
	wait_title "$b" jump-b "$hub"; ok $? "$term: Backspace goes back to jump-b"
	T send-keys -t "$session" BSpace
	wait_title "$hub" jump-hub ""; ok $? "$term: Backspace again goes back to the hub, nothing further back"
	T send-keys -t "$session" BSpace
	wait_for " PID USER"; ok $? "$term: Backspace once more returns to the list"
	quit_ok "$term"
done
tap_done
