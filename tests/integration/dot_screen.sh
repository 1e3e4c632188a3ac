#!/bin/sh
# dot_screen.sh — `ipctop --dot --groups`, `--focus PID` and `--hops N` write what the graph
# screen shows, as Graphviz reads it (dot -Tplain). Real processes: a parent and eight workers
# it forked (one program, each worker writing a pipe the parent reads) and a client child of
# another name that writes a pipe worker 3 reads; two unrelated parents of one name with two
# children each. Pids come from the fixture's record, parents from /proc/PID/stat.
. "$TESTS_SRC/tap.sh"
command -v dot >/dev/null 2>&1 || skip_all "graphviz dot not installed"
command -v "${PYTHON3:-python3}" >/dev/null 2>&1 || skip_all "python3 not installed"
PY=${PYTHON3:-python3}
tmp=$(mktemp -d /tmp/ipctop-dotscr-XXXXXX)
fams=
cleanup() { for p in $fams; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# family.py NAME N CLIENT OUT: NAME forks N children of its name, each writing its own pipe to
# the parent; with CLIENT=1 also a child named cNAME writing a pipe the third child reads.
# Records: parent client(or 0) children...
cat >"$tmp/family.py" <<'PY'
import ctypes, os, signal, sys, time
libc = ctypes.CDLL(None)
os.closerange(3, 65536)
name, n, client, out = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
libc.prctl(15, name.encode(), 0, 0, 0)
cr, cw = os.pipe()
kids, ends = [], []
def child(keep):
    libc.prctl(1, signal.SIGTERM, 0, 0, 0)       # PR_SET_PDEATHSIG: ends with its parent
    for f in ends + [cr, cw]:
        if f not in keep:
            os.close(f)
    signal.pause()
    os._exit(0)
for i in range(n):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        child([w] + ([cr] if client and i == 2 else []))
    os.close(w)
    ends.append(r)
    kids.append(pid)
cpid = 0
if client:
    cpid = os.fork()
    if cpid == 0:
        libc.prctl(15, ("c" + name).encode(), 0, 0, 0)
        child([cw])
os.close(cr)
os.close(cw)
with open(out + ".tmp", "w") as f:
    f.write(" ".join(str(v) for v in [os.getpid(), cpid] + kids) + "\n")
os.rename(out + ".tmp", out)
time.sleep(600)
PY

# plain.py: dot -Tplain on stdin as "node NAME LABEL" and "edge A B STYLE COLOR" lines, the
# label's "\n" turned into " / ".
cat >"$tmp/plain.py" <<'PY'
import shlex, sys
for line in sys.stdin:
    w = shlex.split(line)
    if w and w[0] == "node" and not w[1].startswith("legend_"):
        print("node", w[1], w[6].replace("\\n", " / ").replace("\n", " / "))
    elif w and w[0] == "edge" and not w[1].startswith("legend_"):
        print("edge", w[1], w[2], w[-2], w[-1])
PY

start_family() {   # start_family NAME N CLIENT OUT
	"$PY" "$tmp/family.py" "$@" </dev/null >/dev/null 2>&1 &
	fams="$fams $!"
	i=0
	while [ ! -s "$4" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$4" ]
}
ppid_of() { awk '{ sub(/.*\) /, ""); print $2 }' "/proc/$1/stat" 2>/dev/null; }
# graph ARGS...: ipctop --dot ARGS through dot -Tplain and plain.py into $tmp/g; false when either fails
graph() {
	"$IPCTOP" --dot "$@" >"$tmp/g.dot" 2>"$tmp/g.err" </dev/null &&
		dot -Tplain "$tmp/g.dot" >"$tmp/g.plain" 2>>"$tmp/g.err" &&
		"$PY" "$tmp/plain.py" <"$tmp/g.plain" >"$tmp/g"
	r=$?
	[ $r -eq 0 ] || sed 's/^/#   /' "$tmp/g.err"
	return $r
}
nodes() { awk '$1 == "node" { print $2 }' "$tmp/g" | sort | tr '\n' ' '; }
sorted() { printf '%s\n' "$@" | sort | tr '\n' ' '; }
label_of() { awk -v n="$1" '$1 == "node" && $2 == n { $1 = $2 = ""; sub(/^  /, ""); print }' "$tmp/g"; }
is() { [ "$1" = "$2" ]; ok $? "$3" || echo "#   got:  $1
#   want: $2"; }

name="ds$$"
start_family "$name" 8 1 "$tmp/fam"; ok $? "the family fixture starts"
read -r parent client w1 w2 w3 w4 w5 w6 w7 w8 <"$tmp/fam"
good=0
for w in $w1 $w2 $w3 $w4 $w5 $w6 $w7 $w8 $client; do [ "$(ppid_of "$w")" = "$parent" ] && good=$((good + 1)); done
is "$good" 9 "the eight workers and the client are the parent's children (/proc/PID/stat)"
workers="p$w1 p$w2 p$w3 p$w4 p$w5 p$w6 p$w7 p$w8"

graph -p "$parent"; ok $? "--dot -p PARENT: dot reads it"
is "$(nodes)" "$(sorted "p$parent" $workers)" "without --groups: the parent and each worker are nodes of their own"
graph --groups -p "$parent"; ok $? "--dot --groups -p PARENT: dot reads it"
is "$(nodes)" "g$parent " "--groups: one node for the parent and its eight workers"
is "$(label_of "g$parent")" "$name ×9 / parent pid $parent / (8 inside)" \
	"--groups: its label names the program, the count, the parent and the eight pipes inside"

graph --groups --focus "$client"; ok $? "--dot --groups --focus CLIENT: dot reads it"
is "$(nodes)" "$(sorted "g$parent" "p$client")" "--focus: the client and, one hop away, the family as one node"
grep -Eq "^edge (p$client g$parent|g$parent p$client) solid blue$" "$tmp/g"
ok $? "--focus: a pipe edge (solid blue) joins the client to the group"
graph --focus "$client"; ok $? "--dot --focus CLIENT (no groups)"
is "$(nodes)" "$(sorted "p$client" "p$w3")" "--focus, 1 hop: the client and the worker that reads its pipe"
graph --focus "$client" --hops 2
is "$(nodes)" "$(sorted "p$client" "p$w3" "p$parent")" "--hops 2: and the parent, the worker's other end"
graph --focus "$client" --hops 3
is "$(nodes)" "$(sorted "p$client" "p$parent" $workers)" "--hops 3: and every worker, through the parent"

tname="dt$$"
start_family "$tname" 2 0 "$tmp/t1"; ok $? "the first of two unrelated families starts"
start_family "$tname" 2 0 "$tmp/t2"; ok $? "the second starts"
read -r t1 _ <"$tmp/t1"
read -r t2 _ <"$tmp/t2"
ok "$([ "$(ppid_of "$t1")" != "$t2" ] && [ "$(ppid_of "$t2")" != "$t1" ]; echo $?)" "the two parents are unrelated"
graph --groups -p "$t1,$t2"; ok $? "--dot --groups -p P1,P2: dot reads it"
is "$(nodes)" "$(sorted "g$t1" "g$t2")" "two groups, one per parent, never one by name"
is "$(label_of "g$t1" | cut -d/ -f1)" "$tname ×3 " "each group has its parent and two children"

refuses_in "$tmp" 2 "apply to --dot only" "--groups without --dot is refused" -- --json --groups
refuses_in "$tmp" 2 "applies to --focus only" "--hops without --focus is refused" -- --dot --hops 2
refuses_in "$tmp" 2 "invalid hops" "--hops 0 is refused" -- --dot --focus 1 --hops 0
# a process of its own sharing nothing (inherited descriptors, such as make's pipe, closed)
"$PY" -c 'import os, sys, time
os.closerange(3, 65536)
open(sys.argv[1], "w").write("closed\n")
time.sleep(600)' "$tmp/lone" </dev/null >/dev/null 2>&1 &
lone=$!
fams="$fams $lone"
i=0
while [ ! -s "$tmp/lone" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
refuses_in "$tmp" 1 "--focus $lone: no such process holds a channel" \
	"--focus on a process that holds no channel: exit 1, nothing written" -- --dot --focus "$lone"
tap_done
