#!/bin/sh
# graph_hops.sh — hop navigation on the graph screen: five processes in a chain, each writing
# to the next through a pipe (P0 → P1 → P2 → P3 → P4). Focused on P0, + shows one hop more
# (P0..P1, then ..P2, ..P3, ..P4, no further), - one fewer (never below one); Tab steps along
# the selected box's edges (both of P1's, then back to the box; Shift-Tab backwards), and Enter
# on an edge moves the focus to its other end with the same hops around it. The chain is the
# fixture's own record, checked against /proc/PID/fd (who holds which end of which pipe).
# Under the TERM values xterm-256color and linux.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup hops fixture

py_fixture chain <<'PY'
n, tag = int(sys.argv[1]), sys.argv[2]
pipes = [os.pipe() for _ in range(n - 1)]
pids = []
for k in range(n):
    keep = set()
    if k < n - 1:
        keep.add(pipes[k][1])
    if k > 0:
        keep.add(pipes[k - 1][0])
    pid = os.fork()
    if pid == 0:
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)     # PR_SET_PDEATHSIG: ends with the launcher
        for pair in pipes:
            for f in pair:
                if f not in keep:
                    os.close(f)
        libc.prctl(15, ("%s%d" % (tag, k)).encode(), 0, 0, 0)
        signal.pause()
        os._exit(0)
    pids.append(pid)
for r, w in pipes:
    os.close(r)
    os.close(w)
record(*pids)
time.sleep(600)
PY
tag="hop$$-"
"$PYTHON3" "$tmp/chain.py" 5 "$tag" "$tmp/rec" </dev/null >/dev/null 2>&1 &
fixture=$!
wait_file "$tmp/rec"; ok $? "the chain started"
read -r p0 p1 p2 p3 p4 < "$tmp/rec"
pid_of() { eval "echo \$p$1"; }

# pipe_end PID r|w: the inodes of the pipes PID holds for reading (r) or writing (w).
pipe_end() {
	for l in /proc/"$1"/fd/*; do
		t=$(readlink "$l") || continue
		case $t in pipe:*) ;; *) continue ;; esac
		flags=$(awk '/^flags:/ { print $2 }' "/proc/$1/fdinfo/${l##*/}")
		case $(( 0$flags & 3 )) in 0) [ "$2" = r ] && echo "$t" ;; 1) [ "$2" = w ] && echo "$t" ;; esac
	done
}
good=0
for k in 0 1 2 3; do
	a=$(pid_of "$k") b=$(pid_of $((k + 1)))
	i=0   # each child names itself and closes the other ends just after its fork
	while { [ "$(cat "/proc/$b/comm")" != "$tag$((k + 1))" ] || [ "$(pipe_end "$a" w)" != "$(pipe_end "$b" r)" ]; } &&
		[ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	w=$(pipe_end "$a" w) r=$(pipe_end "$b" r)
	[ -n "$w" ] && [ "$w" = "$r" ] && good=$((good + 1))
done
[ "$good" = 4 ] && [ -z "$(pipe_end "$p0" r)" ] && [ -z "$(pipe_end "$p4" w)" ]
ok $? "the kernel: each P(k) holds the write end of the one pipe whose read end P(k+1) holds"

# boxes SCREEN: the chain's boxes on SCREEN, as their indexes (0..4), ascending, space separated.
boxes() {
	printf '%s\n' "$1" | grep -o "${tag}[0-9] [0-9]*" | sort -u |
		while read -r name pid; do k=${name#"$tag"}; [ "$(pid_of "$k")" = "$pid" ] && echo "$k"; done |
		paste -sd' ' -
}
graph_is() {
	case $(printf '%s\n' "$1" | head -n 1) in "Graph: $g_focus"*"focus: $g_hops "*) [ "$(boxes "$1")" = "$g_boxes" ] ;; *) false ;; esac
}
# wait_graph K HOPS BOXES: until the graph is focused on P(K) with HOPS and shows the boxes BOXES.
wait_graph() {
	g_focus="${tag}$1($(pid_of "$1"))  " g_hops="$2 hops" g_boxes=$3
	[ "$2" = 1 ] && g_hops="1 hop"
	wait_until graph_is 50 || { echo "# boxes: $(boxes "$screen")"; return 1; }
}
edge() { echo "pipe $tag$1($(pid_of "$1")) → $tag$2($(pid_of "$2"))"; }
status_is() { case $(printf '%s\n' "$1" | head -n 1) in "$want"*) return 0 ;; esac; return 1; }
# wait_status TEXT: until the status line starts with TEXT; then st is that line.
wait_status() { want=$1; wait_until status_is 50 && st=$(printf '%s\n' "$screen" | head -n 1); }

for term in xterm-256color linux; do
	session="h-$term"
	T new-session -d -s "$session" -x 120 -y 40 \
		"env TERM=$term XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' -d 10"
	wait_for " PID USER" 150; ok $? "$term: the list is up"
	T send-keys -t "$session" / && T send-keys -t "$session" -l "${tag}0" && T send-keys -t "$session" Enter g
	wait_graph 0 1 "0 1"; ok $? "$term: g focuses P0 with one hop: P0 and P1"
	T send-keys -t "$session" +
	wait_graph 0 2 "0 1 2"; ok $? "$term: + shows two hops: P0..P2"
	T send-keys -t "$session" =
	wait_graph 0 3 "0 1 2 3"; ok $? "$term: = (as +) shows three: P0..P3"
	T send-keys -t "$session" +
	wait_graph 0 4 "0 1 2 3 4"; ok $? "$term: + shows four: the whole chain"
	T send-keys -t "$session" +
	wait_graph 0 5 "0 1 2 3 4"; ok $? "$term: + again: five hops, nothing more to show"
	T send-keys -t "$session" - - -
	wait_graph 0 2 "0 1 2"; ok $? "$term: - three times: back to two hops, P0..P2"
	T send-keys -t "$session" _
	wait_graph 0 1 "0 1"; ok $? "$term: _ (as -): one hop"
	T send-keys -t "$session" -
	keys_done && wait_graph 0 1 "0 1"; ok $? "$term: - at one hop stays at one"   # (the screen before - is that too)

	T send-keys -t "$session" Tab
	wait_status "$(edge 0 1)"; ok $? "$term: Tab selects P0's edge, P0 → P1"
	T send-keys -t "$session" Enter
	wait_graph 1 1 "0 1 2"; ok $? "$term: Enter follows it: focus on P1, one hop: P0..P2"
	T send-keys -t "$session" Tab
	wait_status "pipe " && first=${st%%  *}
	case $first in "$(edge 0 1)") other=$(edge 1 2) ;; "$(edge 1 2)") other=$(edge 0 1) ;; *) other=none ;; esac
	[ "$other" != none ]; ok $? "$term: Tab selects one of P1's edges ($first)"
	T send-keys -t "$session" Tab
	wait_status "$other"; ok $? "$term: a second Tab the other one ($other)"
	T send-keys -t "$session" Tab
	wait_graph 1 1 "0 1 2"; ok $? "$term: a third Tab comes back to the box"
	T send-keys -t "$session" BTab
	wait_status "$other"; ok $? "$term: Shift-Tab goes backwards, to the last edge"
	T send-keys -t "$session" BTab
	wait_status "$first"; ok $? "$term: and again to the first"
	[ "$first" = "$(edge 1 2)" ] || T send-keys -t "$session" Tab
	wait_status "$(edge 1 2)"; ok $? "$term: the edge P1 → P2 selected"
	T send-keys -t "$session" Enter
	wait_graph 2 1 "1 2 3"; ok $? "$term: Enter follows it: focus on P2, one hop: P1..P3"
	T send-keys -t "$session" +
	wait_graph 2 2 "0 1 2 3 4"; ok $? "$term: + around P2: the whole chain"
	T send-keys -t "$session" Escape
	wait_for " PID USER"; ok $? "$term: Esc leaves the graph"
	quit_ok "$term"
done
tap_done
