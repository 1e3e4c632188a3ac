#!/bin/sh
# merge_tui.sh — ipctop --merge A.json B.json without --json or --dot opens the screens on the
# merged snapshot. Two pipe pairs (parent and child) are started, each host's --json is taken
# of one pair, then pair B is ended: the list shows exactly the processes of the two files
# (B's too, though ended: the snapshot is the files', never this machine's); kill (F9) and
# nice (F7) on A's parent are refused with a status line, A's parent still alive; B's parent
# (B's file given first, so the merge is not in pid order) has its detail, whose IPC tab names
# its child, and its graph shows its child and not A's. A HOST column names each one's file,
# and is not saved as shown for live sessions. Merged with a copy of A as host C (its own
# names, the same pids), each of the two processes of one pid opens its own detail.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup mergetui pa pb

start_pipe_pair mrgapar mrgakid || { echo "Bail out! pair A did not start"; exit 1; }
pa=$fixture_pid a1=$pair_parent a2=$pair_child
rm -f "$tmp/pids"
start_pipe_pair mrgbpar mrgbkid || { echo "Bail out! pair B did not start"; exit 1; }
pb=$fixture_pid b1=$pair_parent b2=$pair_child
"$IPCTOP" --json -p "$a1" >"$tmp/hosta.json" && "$IPCTOP" --json -p "$b1" >"$tmp/hostb.json" ||
	{ echo "Bail out! --json failed"; exit 1; }
kill "$pb"
n=0   # the child reads until its parent's end closes the pipe
while { kill -0 "$b1" || kill -0 "$b2"; } 2>/dev/null && [ "$n" -lt 100 ]; do
	wait "$pb" 2>/dev/null; sleep 0.1; n=$((n + 1))
done
pb=
# What the files hold (the input), sorted: each host's processes, pids as in the file.
expect=$("$PYTHON3" -c '
import json, sys
print(" ".join(sorted((str(p["pid"]) for f in sys.argv[1:] for p in json.load(open(f))["processes"]), key=int)))' \
	"$tmp/hosta.json" "$tmp/hostb.json")
for p in $a1 $a2 $b1 $b2; do
	case " $expect " in *" $p "*) ;; *) echo "Bail out! the snapshots lack the pair's pid $p ($expect)"; exit 1 ;; esac
done

# B first: the merge lists B's processes (started later: higher pids) before A's, not by pid
start main --no-color -d 5 --merge "$tmp/hostb.json" "$tmp/hosta.json"
wait_for mrgbpar 150 || { echo "Bail out! ipctop --merge did not show the list"; exit 1; }
got=$(rows | tr ' ' '\n' | sort -n | paste -sd' ' -)
[ "$got" = "$expect" ]
ok $? "the list: exactly the processes of the two files"
[ "$got" = "$expect" ] || echo "# rows: $got; expected: $expect"
kill -0 "$b1" 2>/dev/null
ok $((!$?)) "...B's pair among them though ended (pid $b1 gone from this machine)"
host_of() { printf '%s\n' "$screen" | awk -v p="$1" '$1 == p { for (i = 2; i <= NF; i++) if ($i ~ /^host[ab]$/) print $i }'; }
[ "$(host_of "$a1") $(host_of "$a2") $(host_of "$b1") $(host_of "$b2")" = "hosta hosta hostb hostb" ]
ok $? "the HOST column names each process's file (hosta, hostb)"

T send-keys -t main / mrgapar Enter
wait_re "^ *$a1 .*mrgapar" && sel_has "mrgapar"
ok $? "search selects A's parent"
T send-keys -t main F9
wait_for "merged snapshot of several hosts: no tag, signal or nice"
ok $? "F9 (kill) is refused with a status line"
case $screen in *"Send signal"*) r=1 ;; *) r=0 ;; esac
ok $r "...and opens no signal dialog"
T send-keys -t main Escape F7
probe && kill -0 "$a1" 2>/dev/null
ok $? "F7 (nice) opens nothing; A's parent is alive"

# detail PID HOST NAME: search NAME, wait for its row (PID, HOST) to be selected, Enter; true
# when the detail of PID NAME opens.
detail() {
	T send-keys -t "$session" / "$3" Enter
	wait_re "^ *$1 .*$2 .*$3" && sel_has "$3"
	T send-keys -t "$session" Enter
	wait_for "PID $1 $3"
}
detail "$b1" hostb mrgbpar
ok $? "Enter opens B's parent's detail (listed before A's: found though not in pid order)"
T send-keys -t main 4
wait_re "$b2.*mrgbkid"
ok $? "its IPC tab names the pipe's other end, $b2 (mrgbkid)"
T send-keys -t main Escape
wait_re "^ *$b1 .*mrgbpar" && sel_has "mrgbpar"
T send-keys -t main g
wait_for mrgbkid
case $screen in *mrgakid*) r=1 ;; *mrgbkid*) r=0 ;; *) r=1 ;; esac
ok $r "the graph of B's parent shows its child, and not A's"
[ $r -eq 0 ] || printf '# %s\n' "$screen"
T send-keys -t main Escape F10
wait_gone
ok $? "F10 quits"

# Host C: host A's file with its processes renamed (mrgc...) and started one tick later, as
# another host whose pids are A's. Each of the two pid-$a1 processes opens its own detail.
"$PYTHON3" -c '
import json, sys
d = json.loads(open(sys.argv[1]).read().replace("mrga", "mrgc"))
for p in d["processes"]:
    p["start_ticks"] += 1
json.dump(d, open(sys.argv[2], "w"))' "$tmp/hosta.json" "$tmp/hostc.json"
start twin --no-color -d 5 --merge "$tmp/hosta.json" "$tmp/hostc.json"
wait_for mrgcpar 150 || { echo "Bail out! the merge of A and C did not show"; exit 1; }
n=$(rows | tr ' ' '\n' | grep -cx "$a1")
[ "$n" -eq 2 ]
ok $? "pid $a1 is listed twice, once per host ($n)"
detail "$a1" hostc mrgcpar
ok $? "Enter on C's pid $a1 opens C's process, not A's of the same pid"
T send-keys -t twin Escape
detail "$a1" hosta mrgapar
ok $? "...and on A's, A's"
rc=$tmp/config/ipctop/ipctoprc
[ -s "$rc" ] && ! grep -Eq '^columns=(.*,)?host(,|$)' "$rc"
ok $? "the saved settings do not show HOST in a live session"
[ -s "$rc" ] && ! grep -Eq '^columns=(.*,)?host(,|$)' "$rc" || sed 's/^/#   /' "$rc"
tmux_finish
tap_done
