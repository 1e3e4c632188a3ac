#!/bin/sh
# thread_waits.sh — with H and the WAIT column, a thread's row says what that thread waits on
# (the waits of a process's threads are read only while both are shown). The fixture's main
# thread sleeps; its thread "piper" reads a pipe whose only writer is a child `sleep 600`; a
# thread "napper" sleeps. Which call the piper is in, on which descriptor, and who holds the
# pipe's other end come from the kernel (/proc/PID/task/TID/syscall, the fd links); the
# piper's row must read "read pipe → CHILD sleep", the napper's nothing, and the process's row
# (blocked through its piper thread: model/wait_short.c) "thread PIPER read pipe".
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup thrwait fixture child

py_fixture thw <<'PY'
import subprocess, threading
r, w = os.pipe()
child = subprocess.Popen(["sleep", "600"], stdout=w, stdin=subprocess.DEVNULL, close_fds=True)
os.close(w)
def piper():
    libc.prctl(15, b"piper", 0, 0, 0)
    os.read(r, 1)
def napper():
    libc.prctl(15, b"napper", 0, 0, 0)
    time.sleep(600)
for f in (piper, napper):
    threading.Thread(target=f, daemon=True).start()
time.sleep(0.2)
record(os.getpid(), child.pid, r)
try:
    time.sleep(600)
finally:
    child.kill()
PY
"$PYTHON3" "$tmp/thw.py" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec"; ok $? "the fixture is running"
read -r pid child rfd < "$tmp/rec"
tid_of() { for t in $(ls "/proc/$pid/task"); do [ "$(cat "/proc/$pid/task/$t/comm")" = "$1" ] && echo "$t"; done; }
piper=$(tid_of piper) napper=$(tid_of napper)
# The kernel: the piper is in read (0 on x86_64 and arm64: the C library's SYS_read) on the
# pipe's read end, and the child's stdout is that pipe.
call=$(cut -d' ' -f1,2 "/proc/$pid/task/$piper/syscall")
nr_read=$(printf '#include <sys/syscall.h>\nSYS_read\n' | cpp -P 2>/dev/null | tail -1)
pipe=$(readlink "/proc/$pid/fd/$rfd")
[ "$call" = "$nr_read 0x$(printf '%x' "$rfd")" ] && [ "$(readlink "/proc/$child/fd/1")" = "$pipe" ]
ok $? "the kernel: thread $piper in read ($call) on fd $rfd, $pipe, written by $child"

mkdir -p "$tmp/config/ipctop"
printf 'columns=pid,state,wait,command\nthreads=1\n' > "$tmp/config/ipctop/ipctoprc"
row_of() { T capture-pane -p -t "$session" | awk -v t="$1" '$1 == t { print; exit }'; }
session=tw
T new-session -d -s "$session" -x 140 -y 30 \
	"env XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' -p $pid"
want="read pipe → $child sleep"
piper_row() { row_of "$piper" | grep -qF "$want"; }
wait_until piper_row 150
ok $? "the piper's row: '$want'"
row_of "$piper" | sed 's/^/#   /'
case $(row_of "$napper") in *"read pipe"*|*"→"*|"") false ;; *) true ;; esac
ok $? "the napper's row shows no wait: $(row_of "$napper")"
row_of "$pid" | grep -qF "thread $piper read pipe"
ok $? "the process's row (its main thread sleeps) names the piper's wait"
row_of "$pid" | sed 's/^/#   /'
T send-keys -t "$session" H
wait_absent "$want" 100; ok $? "H hides the thread rows and their waits"
T send-keys -t "$session" q
wait_gone; ok $? "ipctop quits"
kill "$fixture" "$child" 2>/dev/null; wait "$fixture" 2>/dev/null; fixture= child=
tmux_finish
tap_done
