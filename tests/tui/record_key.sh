#!/bin/sh
# record_key.sh — W in the live TUI records the session to a file named at a prompt, as
# --record writes it, until W again: the file (read with Python's sqlite3, not through ipctop)
# holds as many samples as the status line said when it stopped, the test's own sleeper (by
# its pid and /proc start time) among the processes, mode 0600; Esc at the prompt records
# nothing; in a replay of that file W is refused. A full disk (a small tmpfs mounted in the
# mount namespace that comes with the PID namespace, its rest filled once two samples are in)
# stops the recording with the reason, the file readable up to its last committed sample, and
# the TUI runs on. In its own PID namespace (a sample of a busy machine takes seconds), so
# root only.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/pidns_lib.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup "reckey$IPCTOP_IN_PIDNS" sl

hdb() { "$PYTHON3" "$TESTS_SRC/integration/history_db.py" "$@"; }
db=$tmp/live.db
start_sleeps sl
st=$(hdb starts "$sl" | awk '{ print $2 }')

start main --no-color -d 3
wait_re "^ *$sl .*sleep" 100
T send-keys -t main W
wait_for "record to file (" 50 && T send-keys -t main -l "$tmp/none.db" && T send-keys -t main Escape &&
	wait_absent "record to file (" 50 && keys_done && [ ! -e "$tmp/none.db" ]
ok $? "W, then Esc at the prompt: nothing recorded"
T send-keys -t main W
wait_for "record to file (" 50 && T send-keys -t main -l "$db" && T send-keys -t main Enter &&
	wait_for "recording to $db (W: stop)" 50
ok $? "W, a file, Enter: recording, said so"
hdb wait "$db" 3 0
ok $? "samples are appended as the session refreshes"
T send-keys -t main W
wait_re "recording to .* stopped: [0-9]+ samples" 50
said=$(printf '%s\n' "$screen" | sed -n 's/.*stopped: \([0-9]*\) samples.*/\1/p' | head -n 1)
n=$("$PYTHON3" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM sample').fetchone()[0])" "$db")
[ -n "$said" ] && [ "$said" -ge 3 ] && [ "$n" = "$said" ]
ok $? "W again: stopped after $said samples, the file holds $n"
mine=$("$PYTHON3" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM process WHERE pid = ? AND start_time = ?', (int(sys.argv[2]), int(sys.argv[3]))).fetchone()[0])" "$db" "$sl" "$st")
[ "$mine" = 1 ]
ok $? "the file holds the test's sleeper ($sl, start $st) as one process life"
[ "$(stat -c %a "$db")" = 600 ]
ok $? "the file's mode is 0600"
T send-keys -t main q
wait_gone

start rp --no-color --replay "$db"
wait_for "sample 1/$n" 100 && T send-keys -t rp W && wait_for "W records the live machine: not a replay" 50
ok $? "the recording replays ($n samples); W there is refused"
T send-keys -t rp q
wait_gone

M=$tmp/full
mkdir "$M" && mount -t tmpfs -o size=1m,mode=0700 ipctop-full "$M" ||
	{ echo "Bail out! cannot mount a tmpfs in this mount namespace"; exit 1; }
start full --no-color -d 3
wait_re "^ *$sl .*sleep" 100 && T send-keys -t full W && wait_for "record to file (" 50 &&
	T send-keys -t full -l "$M/rec.db" && T send-keys -t full Enter &&
	wait_for "recording to $M/rec.db (W: stop)" 50 && hdb wait "$M/rec.db" 2 0
ok $? "W onto a small tmpfs: two samples in"
dd if=/dev/zero of="$M/fill" bs=4096 2>/dev/null
wait_re "recording stopped after [0-9]+ samples: .*disk is full" 600
ok $? "the rest of the tmpfs filled: the recording stops, saying the disk is full" ||
	printf '%s\n' "$screen" | tail -n 3 | sed 's/^/# /'
said=$(printf '%s\n' "$screen" | sed -n 's/.*stopped after \([0-9]*\) samples.*/\1/p' | head -n 1)
n=$("$PYTHON3" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM sample').fetchone()[0])" "$M/rec.db")
[ -n "$said" ] && [ "$n" = "$said" ]
ok $? "the file on the full disk reads back with every committed sample: $n, as said ($said)"
keys_done && T send-keys -t full q && wait_gone
ok $? "the TUI runs on (its help opens and closes), q quits"
umount "$M"
tap_done
