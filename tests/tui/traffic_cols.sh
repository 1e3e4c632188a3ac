#!/bin/sh
# traffic_cols.sh — the list's traffic columns against traffic_fixture (a TCP flood paced at
# 4 MiB/s, an idle connection, a writer blocked on a full pipe): B sorts by IPC/s and shows the
# IPC/s and BUSIEST columns; the first row is then an end of the flood, and the sender's
# IPC/s, its BUSIEST ("tcp→RECEIVER N/s") and its IO_W/s (wchar of /proc/PID/io; it writes
# with write(2)) are within 25% of the fixture's 4 MiB/s; the idle pair shows 0 and
# "tcp→PEER 0/s"; the pipe writer, which holds no channel with byte counters, shows nothing
# in IPC/s (unknown is never 0). On the graph the flood's edge is bold and labelled with its
# rate, the idle pair's dim and unlabelled. As nobody, on root's fixture: the rates still, but
# IO_W/s "?" (root's /proc/PID/io is unreadable).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/traffic_fixture" ] || skip_all "traffic_fixture not built"
tmux_setup trafcols fixture_pid
start_fixture traffic_fixture
# the flood, idle and pipe lines of the manifest: each "NAME A B ...", A the client or writer
set -- $(awk '$1 == "flood" || $1 == "idle" || $1 == "pipe" { print $1, $2, $3 }' "$tmp/manifest" | sort)
[ "$1 $4 $7" = "flood idle pipe" ]
ok $? "the fixture recorded the flood ($2 → $3), idle ($5, $6) and pipe ($8 → $9) pids"
tx=$2 rx=$3 ia=$5 ib=$6 pw=$8 pr=$9

mkdir -p "$tmp/config/ipctop"
printf 'sort_column=pid\nsort_direction=asc\ncolumns=pid,user,state,io_read,io_write,command\n' \
	> "$tmp/config/ipctop/ipctoprc"
start trafcols --no-color -d 5 -p "$tx,$rx,$ia,$ib,$pw,$pr"
wait_for fx-flood-tx 150; ok $? "the fixture's processes are listed"
T send-keys -t "$session" B
wait_for BUSIEST 100; ok $? "B shows the BUSIEST column"

# cell PID TITLE WIDTH left|right: the text of PID's row under the column TITLE (WIDTH cells,
# aligned as that column is), blanks trimmed.
cell() {
	T capture-pane -p -t "$session" | awk -v pid="$1" -v t="$2" -v w="$3" -v al="$4" '
		index($0, " PID ") && !x { i = index($0, t); x = al == "left" ? i : i + length(t) - w }
		x && $1 == pid { s = substr($0, x, w); gsub(/^ +| +$/, "", s); print s; exit }'
}
# in_range TEXT LO HI: TEXT is "N.NM" (MiB) with LO <= N <= HI.
in_range() {
	case $1 in *M) ;; *) return 1 ;; esac
	awk -v n="${1%M}" -v lo="$2" -v hi="$3" 'BEGIN { exit !(n + 0 >= lo && n + 0 <= hi) }'
}
first_row() { rows | cut -d' ' -f1; }
flood_first() { f=$(first_row); [ "$f" = "$tx" ] || [ "$f" = "$rx" ]; }
sender_ok() {
	ipc=$(cell "$tx" IPC/s 6 right)
	busy=$(cell "$tx" BUSIEST 20 left)
	iow=$(cell "$tx" IO_W/s 6 right)
	in_range "$ipc" 3.0 5.0 && in_range "$iow" 3.0 5.0 &&
		case $busy in "tcp→$rx "*/s) r=${busy##* }; in_range "${r%/s}" 3.0 5.0 ;; *) false ;; esac
}

wait_until flood_first 100
st=$?
ok $st "sorted by traffic, an end of the flood is the first row (got $(first_row))"
wait_until sender_ok 100
st=$?
ok $st "the sender's IPC/s, IO_W/s and BUSIEST (tcp→$rx) are within 25% of 4.0M (got '$ipc' '$iow' '$busy')"
idle_ok() {
	[ "$(cell "$ia" IPC/s 6 right)" = 0 ] && [ "$(cell "$ib" IPC/s 6 right)" = 0 ] &&
		[ "$(cell "$ia" BUSIEST 20 left)" = "tcp→$ib 0/s" ]
}
wait_until idle_ok 50
st=$?
ok $st "the idle pair: IPC/s 0 both, $ia's BUSIEST tcp→$ib 0/s (got '$(cell "$ia" IPC/s 6 right)' '$(cell "$ia" BUSIEST 20 left)')"
got=$(cell "$pw" IPC/s 6 right)
[ -z "$got" ] && [ "$(cell "$pw" BUSIEST 20 left)" = "" ] && [ -n "$(cell "$pw" IO_W/s 6 right)" ]
ok $? "the pipe writer (its row there, IO_W/s '$(cell "$pw" IO_W/s 6 right)') holds no counted channel: IPC/s and BUSIEST blank, not 0 (got '$got')"

# The graph: the flood's tcp edge (┄) drawn bold and labelled with its rate; the idle pair's
# edge dim and unlabelled (capture-pane -e gives the attributes: SGR 1 bold, 2 dim).
attrs() { T capture-pane -e -p -t "$session"; }
bold_tcp() { attrs | grep -Eq "$(printf '\033')\\[([0-9]+;)*1m(┄|[0-9])"; }
dim_tcp() { attrs | grep -Eq "$(printf '\033')\\[([0-9]+;)*2m┄"; }
T send-keys -t "$session" / && T send-keys -t "$session" -l fx-flood-tx && T send-keys -t "$session" Enter g
wait_for "Graph: fx-flood-tx($tx)" 100; ok $? "g opens the graph on the flood sender"
wait_re "[├┄](3\\.[0-9]|4\\.[0-9]|5\\.0)M(/s)?[┄]*[→┤]" 100
ok $? "the flood edge is labelled with its rate, within 25% of 4.0M"
wait_until bold_tcp 50; ok $? "the flood edge (busy) is drawn bold"
quit_ok trafcols
start trafidle --no-color -d 5 -p "$ia,$ib"
wait_for fx-idle-a 150
T send-keys -t "$session" g
wait_for "Graph: fx-idle" 100; ok $? "the graph of the idle pair opens"
wait_until dim_tcp 50; ok $? "the idle edge (no byte moved) is drawn dim"
! bold_tcp && ! T capture-pane -p -t "$session" | grep -Eq "┄[0-9.]+[KMG]?(/s)?"
ok $? "the idle edge is neither bold nor labelled"
wait_for "dim: idle" 10; ok $? "the legend says what bold and dim lines mean"
quit_ok trafidle

# As nobody (from a root run), on root's fixture: root's descriptors and /proc/PID/io are not
# nobody's to read, so the sender's IO_W/s, IPC/s and BUSIEST are "?" (unknown), never blank
# (nothing to measure) or 0; the pipe writer's too.
nobody_or_done
mkdir -p "$tmp/nobody/ipctop" && chmod 755 "$tmp"
cp "$tmp/config/ipctop/ipctoprc" "$tmp/nobody/ipctop/" && chown -R nobody "$tmp/nobody"
session=trafnobody
T new-session -d -s "$session" -x 120 -y 40 "$nobody_prefix \
	env XDG_CONFIG_HOME='$tmp/nobody' LC_ALL=C.UTF-8 '$IPCTOP' --no-color -d 5 -p $tx,$rx,$ia,$ib,$pw,$pr"
wait_for fx-flood-tx 150; ok $? "as nobody: the fixture's processes are listed"
T send-keys -t "$session" B
wait_for BUSIEST 100
nobody_ok() {
	got="$(cell "$tx" IO_W/s 6 right) $(cell "$tx" IPC/s 6 right) $(cell "$tx" BUSIEST 20 left)"
	got="$got $(cell "$pw" IPC/s 6 right)"
	[ "$got" = "? ? ? ?" ]
}
wait_until nobody_ok 50
ok $? "as nobody: root's sender's IO_W/s, IPC/s, BUSIEST and the pipe writer's IPC/s are ? (got '$got')"
quit_ok trafnobody
exec 9>&-
wait "$fixture_pid"; ok $? "the fixture stops cleanly"
fixture_pid=
tap_done
