#!/bin/sh
# quicksort.sh — htop's quick-sort keys: M (resident memory), P (CPU%), T (CPU time), each the
# largest first, and I inverting the order. Three fixtures hold different amounts of memory and
# burned different CPU times (the more memory, the less CPU time: M and T give other orders); a
# fourth spins for the P check and is ended before the others are checked. Every order is
# checked against the kernel's figures (VmRSS, utime+stime) read after the screen.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup quicksort f1 f2 f3 spinner

py_fixture hold <<'PY'
mib, burn = int(sys.argv[1]), float(sys.argv[2])
block = bytearray(mib << 20)
for i in range(0, len(block), 4096):
    block[i] = 1
t = time.process_time()
while time.process_time() - t < burn:
    pass
record(os.getpid())
time.sleep(600)
PY
py_fixture spin <<'PY'
os.nice(19)
record(os.getpid())
while True:
    pass
PY
"$PYTHON3" "$tmp/hold.py" 10 0.6 "$tmp/p1" </dev/null >/dev/null 2>&1 & f1=$!
"$PYTHON3" "$tmp/hold.py" 60 0.35 "$tmp/p2" </dev/null >/dev/null 2>&1 & f2=$!
"$PYTHON3" "$tmp/hold.py" 110 0.1 "$tmp/p3" </dev/null >/dev/null 2>&1 & f3=$!
"$PYTHON3" "$tmp/spin.py" "$tmp/p4" </dev/null >/dev/null 2>&1 & spinner=$!
wait_file "$tmp/p1" 300 && wait_file "$tmp/p2" 300 && wait_file "$tmp/p3" 300 && wait_file "$tmp/p4"
ok $? "the fixtures are ready"

# rows: the PIDs of the table's rows, top to bottom.
rows() { T capture-pane -p -t "$session" | awk 'seen && $1 ~ /^[0-9]+$/ { print $1 } / PID / { seen = 1 }' | tr '\n' ' '; }
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# by FIGURE DIR PIDS...: the pids ordered by the kernel's FIGURE (rss or ticks), DIR -r for
# largest first.
by() {
	f=$1 dir=$2; shift 2
	for p; do echo "$($f "$p") $p"; done | sort -n $dir | awk '{ printf "%s ", $2 }'
}
# order_is WANT: until the rows are WANT (the list is re-sorted at once, drawn soon after).
order_is() { want=$1; wait_until rows_match 50; }
rows_match() { [ "$(rows)" = "$want" ]; }

session=qs
T new-session -d -s "$session" -x 120 -y 30 \
	"env XDG_CONFIG_HOME='$tmp/config' TERM=linux LC_ALL=C.UTF-8 '$IPCTOP' --no-color -d 5 -p $f1,$f2,$f3,$spinner"
wait_for "$spinner " 150; ok $? "ipctop shows the fixtures"

# P: the spinner is the busiest (the kernel says it ran, the others not, while we watched).
# The list starts sorted by CPU%, so M (the spinner holds the least memory) comes first.
first_is_spinner() { [ "$(rows | cut -d' ' -f1)" = "$spinner" ]; }
T send-keys -t "$session" M
order_is "$(by rss -r $f1 $f2 $f3 $spinner)"; ok $? "M first: largest VmRSS first, the spinner last ($want)"
t0=$(ticks $spinner) o0=$(($(ticks $f1) + $(ticks $f2) + $(ticks $f3)))
T send-keys -t "$session" P
wait_until first_is_spinner 100; ok $? "P: the spinner is the first row"
t1=$(ticks $spinner) o1=$(($(ticks $f1) + $(ticks $f2) + $(ticks $f3)))
[ "$t1" -gt "$t0" ] && [ "$o1" -eq "$o0" ]; ok $? "the kernel: the spinner ran ($t0 -> $t1 ticks), the others did not"
kill "$spinner"; wait "$spinner" 2>/dev/null; spinner=
wait_absent " $(sed -n 1p "$tmp/p4") " 100

# From here the order before a key may already be the one it asks for (three idle processes
# sorted by CPU% are in pid order; smallest VmRSS first may be most CPU time first): each key
# is handled (keys_done) before the order is read.
T send-keys -t "$session" M
keys_done; order_is "$(by rss -r $f1 $f2 $f3)"; ok $? "M: largest VmRSS first ($want)"
T send-keys -t "$session" I
keys_done; order_is "$(by rss "" $f1 $f2 $f3)"; ok $? "I inverts it: smallest VmRSS first ($want)"
T send-keys -t "$session" T
keys_done; order_is "$(by ticks -r $f1 $f2 $f3)"; ok $? "T: most CPU time first ($want)"
T send-keys -t "$session" I
keys_done; order_is "$(by ticks "" $f1 $f2 $f3)"; ok $? "I inverts it ($want)"
[ "$(by ticks -r $f1 $f2 $f3)" != "$(by rss -r $f1 $f2 $f3)" ]; ok $? "the kernel's two orders differ (the check tells M from T)"
T send-keys -t "$session" P
quit_ok "quick sorts"
tap_done
