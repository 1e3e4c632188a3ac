#!/bin/sh
# threads.sh — H shows each thread of a process as a row under it (tree-indented), with its TID,
# its own state and CPU%, and its name; H again hides them. The fixture has three named threads
# besides its main one: two sleep, one spins. TIDs, names and states come from the kernel
# (/proc/PID/task/TID/stat and comm), which thread ran from its tick counters.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup threads fixture

py_fixture thr <<'PY'
import threading
os.nice(19)
def named(name, spin):
    libc.prctl(15, name.encode(), 0, 0, 0)
    if spin:
        while True:
            pass
    time.sleep(600)
for name, spin in (("sleeper-a", False), ("sleeper-b", False), ("spinner-c", True)):
    threading.Thread(target=named, args=(name, spin), daemon=True).start()
time.sleep(0.2)
record(os.getpid())
time.sleep(600)
PY
"$PYTHON3" "$tmp/thr.py" "$tmp/pid" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/pid"; ok $? "the fixture is running"
tids() { ls "/proc/$fixture/task" | grep -vx "$fixture" | sort -n; }
tid_of() { for t in $(tids); do [ "$(cat "/proc/$fixture/task/$t/comm")" = "$1" ] && echo "$t"; done; }
state_of() { sed 's/.*) //' "/proc/$fixture/task/$1/stat" | cut -d' ' -f1; }
ticks_of() { sed 's/.*) //' "/proc/$fixture/task/$1/stat" | awk '{ print $12 + $13 }'; }
[ "$(tids | wc -l)" -eq 3 ]; ok $? "the kernel lists three threads besides the main one: $(tids | tr '\n' ' ')"
a=$(tid_of sleeper-a) b=$(tid_of sleeper-b) c=$(tid_of spinner-c)

# row_of TID: the table row whose PID column is TID.
row_of() { T capture-pane -p -t "$session" | awk -v t="$1" '$1 == t { print; exit }'; }
rows() { T capture-pane -p -t "$session" | awk 'seen && $1 ~ /^[0-9]+$/ { print $1 } / PID / { seen = 1 }' | tr '\n' ' '; }
session=t1
T new-session -d -s "$session" -x 120 -y 30 \
	"env XDG_CONFIG_HOME='$tmp/config' TERM=linux LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $fixture"
wait_re "^ +$fixture " 150; ok $? "ipctop shows the fixture"
[ -z "$(row_of "$a")$(row_of "$b")$(row_of "$c")" ]; ok $? "no thread rows before H"
T send-keys -t "$session" H
wait_re "^ +$c " 100; ok $? "H: a row for the spinning thread"
[ "$(rows)" = "$fixture $(tids | tr '\n' ' ')" ]; ok $? "the process row, then one row per thread in TID order: $(rows)"
for t in $a $b $c; do
	name=$(cat "/proc/$fixture/task/$t/comm")
	row_of "$t" | grep -Eq "(├─|└─|\|-|\`-)$name\$"; ok $? "thread $t: its name $name, tree-indented"
done
t0=$(ticks_of "$c") s0=$(($(ticks_of "$a") + $(ticks_of "$b")))
cpu() { row_of "$1" | awk '{ print $6 }'; }
# A thread's CPU% needs two snapshots that read threads: wait for the spinner's to show.
spinner_busy() { awk -v x="$(cpu "$c")" 'BEGIN { exit !(x > 0) }'; }
wait_until spinner_busy 600; ok $? "the spinner's row has CPU% above 0 ($(cpu "$c"))"
for t in $a $b; do
	st=$(row_of "$t" | awk '{ print $3 }')
	[ "$st" = "$(state_of "$t")" ]; ok $? "thread $t: state $st as the kernel says"
done
cpu_a=$(cpu "$a")
# the row may show CPU% before a tick of the spinner's passed since t0 (CI's loaded sanitizer
# build): up to 10 s for the kernel to count one
i=0
while [ "$(ticks_of "$c")" -le "$t0" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
t1=$(ticks_of "$c") s1=$(($(ticks_of "$a") + $(ticks_of "$b")))
[ "$t1" -gt "$t0" ] && [ "$s1" -eq "$s0" ]; ok $? "the kernel: the spinner ran ($t0 -> $t1 ticks), the sleepers not"
[ "$cpu_a" = "0.0" ]; ok $? "a sleeper's row has CPU% 0.0 ($cpu_a)"
T send-keys -t "$session" H
wait_absent " $c " 100; ok $? "H again hides the thread rows"
[ "$(rows)" = "$fixture " ]; ok $? "only the process row is left"
quit_ok "threads"

# As nobody (from a root run): the threads of root's process are readable, so shown the same.
nobody_or_done
session=t2
T new-session -d -s "$session" -x 120 -y 30 "$nobody_prefix \
	env XDG_CONFIG_HOME=/nonexistent TERM=linux LC_ALL=C.UTF-8 '$IPCTOP' --no-color -p $fixture"
wait_re "^ +$fixture " 150; ok $? "as nobody: ipctop shows root's fixture"
T send-keys -t "$session" H
wait_re "^ +$c " 100; ok $? "as nobody: H shows the thread rows"
[ "$(rows)" = "$fixture $(tids | tr '\n' ' ')" ]; ok $? "as nobody: one row per thread in TID order: $(rows)"
wait_until spinner_busy 600; ok $? "as nobody: the spinner's CPU% is above 0 ($(cpu "$c"))"
quit_ok "threads as nobody"
tap_done
