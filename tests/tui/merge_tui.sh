#!/bin/sh
# merge_tui.sh — ipctop --merge A.json B.json without --json or --dot opens the screens on the
# merged snapshot. Two pipe pairs (parent and child) are started, each host's --json is taken
# of one pair, then pair B is ended: the list shows exactly the processes of the two files
# (B's too, though ended: the snapshot is the files', never this machine's); kill (F9) and
# nice (F7) on A's parent are refused with a status line, A's parent still alive; B's parent
# (B's file given first, so the merge is not in pid order) has its detail, whose IPC tab names
# its child, and its graph shows its child and not A's. A HOST column names each one's file,
# and is not saved as shown for live sessions. Merged with a copy of A as host C (its own
# names, the same pids), each of the two processes of one pid opens its own detail. Merged
# with B's file whose pids and start ticks are swapped onto A's (host X, given second: two
# hosts' processes of one pid started at one tick), Enter on X's process of a shared pid in
# the list, on the IPC tab's peer line, on the graph's node and on each end in the channel
# table opens X's process, never A's of that pid; the detail's c lists X's channels of that
# pid only, as many as X's file has. Every input file (A, B and the edited C and X) is first
# checked against the snapshot schema, so the merge is tested on documents --json may write.
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
schema_ok "the input snapshots of hosts A and B are valid against the schema" "$tmp/hosta.json" "$tmp/hostb.json"
stop_pipe_pair "$pb" "$b1" "$b2"
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
# the list still on screen names both children: wait for the graph's own header first
wait_re "Graph: mrgbpar\\($b1\\).*focus: " && wait_for mrgbkid
case $screen in *mrgakid*) r=1 ;; *mrgbkid*) r=0 ;; *) r=1 ;; esac
ok $r "the graph of B's parent shows its child, and not A's"
[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
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
schema_ok "host C's input (A's, renamed and a tick later) is valid against the schema" "$tmp/hostc.json"
start twin --no-color -d 5 --merge "$tmp/hosta.json" "$tmp/hostc.json"
wait_for mrgcpar 150 || { echo "Bail out! the merge of A and C did not show"; exit 1; }
n=$(rows | tr ' ' '\n' | grep -cx "$a1")
[ "$n" -eq 2 ]
ok $? "pid $a1 is listed twice, once per host ($n)"
detail "$a1" hostc mrgcpar
ok $? "Enter on C's pid $a1 opens C's process, not A's of the same pid"
T send-keys -t twin Escape
wait_absent " 1 PCB " 50   # a key sent within the Esc delay would be read as Alt+key
detail "$a1" hosta mrgapar
ok $? "...and on A's, A's"
rc=$tmp/config/ipctop/ipctoprc
[ -s "$rc" ] && ! grep -Eq '^columns=(.*,)?host(,|$)' "$rc"
ok $? "the saved settings do not show HOST in a live session"
[ -s "$rc" ] && ! grep -Eq '^columns=(.*,)?host(,|$)' "$rc" || sed 's/^/#   /' "$rc"

# Host X: host B's file with B's pids swapped onto A's (every pid field, channel ends too):
# B's parent gets A's child's pid $a2, B's child A's parent's $a1, and each the start tick of
# A's process of that pid. A is given first, so the first process of either pid (and start)
# is A's: each Enter below must land on X's, named in the title.
"$PYTHON3" -c '
import json, sys
a1, a2, b1, b2 = map(int, sys.argv[4:8])
swap = {b1: a2, b2: a1}
start = {p["pid"]: p["start_ticks"] for p in json.load(open(sys.argv[3]))["processes"]}
keys = {"pid", "ppid", "tgid", "tid", "pgid", "sid", "cpid", "lpid", "lspid", "lrpid", "pidfd_pid"}
def walk(o, key=None):
    if isinstance(o, dict):
        return {k: walk(v, k) for k, v in o.items()}
    if isinstance(o, list):
        return [walk(x, key) for x in o]
    if type(o) is int and (key in keys or key == "peers"):
        return swap.get(o, o)
    return o
x = walk(json.load(open(sys.argv[1])))
for p in x["processes"]:
    if p["pid"] in (a1, a2):
        p["start_ticks"] = start[p["pid"]]
json.dump(x, open(sys.argv[2], "w"))' \
	"$tmp/hostb.json" "$tmp/hostx.json" "$tmp/hosta.json" "$a1" "$a2" "$b1" "$b2"
schema_ok "host X's input (B's with pids swapped) is valid against the schema" "$tmp/hostx.json"
# same_start PID: A's and X's process PID started at the same tick (the files say so)
same_start() {
	"$PYTHON3" -c '
import json, sys
t = [[p["start_ticks"] for p in json.load(open(f))["processes"] if p["pid"] == int(sys.argv[3])] for f in sys.argv[1:3]]
sys.exit(not (len(t[0]) == len(t[1]) == 1 and t[0] == t[1]))' "$tmp/hosta.json" "$tmp/hostx.json" "$1"
}
same_start "$a1" && same_start "$a2" || { echo "Bail out! host X's pids $a1, $a2 do not start at A's ticks"; exit 1; }
start clash --no-color -d 5 --merge "$tmp/hosta.json" "$tmp/hostx.json"
wait_for mrgbpar 150 || { echo "Bail out! the merge of A and X did not show"; exit 1; }
n=$(rows | tr ' ' '\n' | grep -cx -e "$a1" -e "$a2")
[ "$n" -eq 4 ]
ok $? "pids $a1 and $a2 are listed twice each, once per host ($n)"
# title PID NAME: the detail of PID NAME on host X opens
title() { wait_re "PID $1 $2 on hostx( |\$)" 50; }
detail "$a2" hostx mrgbpar && title "$a2" mrgbpar
ok $? "Enter on X's pid $a2 opens X's parent (mrgbpar on hostx)"
T send-keys -t clash 4
down_to " $a1 (mrgbkid)"
ok $? "its IPC tab has a peer line for X's child, $a1 (mrgbkid)"
T send-keys -t clash Enter
title "$a1" mrgbkid
ok $? "Enter on that peer line opens X's child, not A's parent of pid $a1" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
T send-keys -t clash Escape
wait_absent " 1 PCB " 50
T send-keys -t clash / mrgbpar Enter
wait_re "^ *$a2 .*hostx .*mrgbpar" && sel_has "mrgbpar"
T send-keys -t clash g
wait_re "Graph: mrgbpar\\($a2\\).*focus: "
ok $? "g focuses the graph on X's parent, not on A's child of pid $a2" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
T send-keys -t clash Enter
title "$a2" mrgbpar
ok $? "the graph of X's parent: Enter on its node opens X's parent, not A's child of pid $a2" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
T send-keys -t clash Escape
wait_absent " 1 PCB " 50 && T send-keys -t clash Escape
wait_absent "Graph: " 50
wait_re "^ *$a2 .*hostx .*mrgbpar" && T send-keys -t clash c
wait_for " shown of " 50 && T send-keys -t clash '\'
wait_for "Filter: " 50 && T send-keys -t clash -l mrgbkid && T send-keys -t clash Enter
wait_for "filter: mrgbkid" 50 && T send-keys -t clash Enter
wait_re "PID ($a2 mrgbpar|$a1 mrgbkid) on hostx( |\$)" 50
ok $? "the channel table of X's pipe: Enter opens an end on host X" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
first=$(printf '%s\n' "$screen" | awk '$1 == "PID" && $4 == "on" { print $2; exit }')
[ "$first" = "$a1" ] && other="$a2 mrgbpar" || other="$a1 mrgbkid"
T send-keys -t clash Escape
wait_for "filter: mrgbkid" 50 && T send-keys -t clash Tab Enter
title $other
ok $? "...and after Tab the other end, $other on host X" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
# chans_of FILE PID: how many of FILE's channels have an end of process PID
chans_of() {
	"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(any(e.get("pid") == int(sys.argv[2]) for e in c["endpoints"]) for c in d["channels"]))' "$1" "$2"
}
opid=${other%% *}
inx=$(chans_of "$tmp/hostx.json" "$opid") ina=$(chans_of "$tmp/hosta.json" "$opid")
T send-keys -t clash c
wait_re "Channels: $inx shown of .*filter: $opid on hostx" 50
r=$?; [ "$ina" -gt 0 ] && [ "$inx" -gt 0 ] || r=1
ok $r "the detail's c: X's $inx channels of pid $opid only (A's $ina of that pid are not shown)" ||
	printf '%s\n' "$screen" | sed 's/^/# /'
tmux_finish
tap_done
