#!/bin/sh
# chans.sh — the channel table (c from the list): every channel of ipc_fixture shows with both
# its ends' pids, every listener no client waits on (as ss -l lists it) has a row, an accepted
# connection says "accepted on", k leaves one kind, the filter finds the TCP pair by its port
# and a process by its pid, the rows are ordered by kind (and reversed by I), Enter and Tab open the detail of
# either end's process, Esc goes back; under two TERM values. Expected pids, kinds and ports
# come from the fixture's manifest, never from ipctop.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/ipc_fixture" ] || skip_all "ipc_fixture not built"
export LC_ALL=C.UTF-8
tmux_setup chans fixture_pid

start_ipc_fixture

# The fixture's channels: "KIND A B" per line (parent, bystander and ready are no channels).
awk 'NF >= 3 && $1 != "parent" && $1 != "bystander" { print $1, $2, $3 }' "$tmp/manifest" > "$tmp/chans"
pids=$(awk '{ printf "%s%s,%s", (NR > 1 ? "," : ""), $2, $3 }' "$tmp/chans")
n_chans=$(wc -l < "$tmp/chans")
# The fixture's listeners that no client waits on (ss -l: Recv-Q 0), "KIND PID PORT|PATH" per
# line, from ss -p (root): they are no channel, yet the table lists each, as ss -l does.
ss -Htlnp | awk -v pids=",$pids," '$2 == 0 { s = $0
	while (match(s, /pid=[0-9]+/)) { p = substr(s, RSTART + 4, RLENGTH - 4); s = substr(s, RSTART + RLENGTH)
		n = split($4, a, ":"); if (index(pids, "," p ",")) print "tcp", p, ":" a[n] } }' > "$tmp/listen"
ss -Hxlnp | awk -v pids=",$pids," '$3 == 0 { s = $0
	while (match(s, /pid=[0-9]+/)) { p = substr(s, RSTART + 4, RLENGTH - 4); s = substr(s, RSTART + RLENGTH)
		if (index(pids, "," p ",")) print "unix", p, $5 } }' >> "$tmp/listen"
n_listen=$(wc -l < "$tmp/listen")
# The kinds in ipctop's documented order (the --kind list of ipctop(1)).
order="pipe fifo unix tcp udp sysv_shm sysv_msg posix_shm posix_mq memfd pty eventfd"

# rows: the table's rows of the last screen (lines after the column header, to the key bar).
rows() { printf '%s\n' "$screen" | awk '/^KIND +STATE/ { on = 1; next } on && /^[a-z_]+ / { print }'; }
# has_ends KIND A B: a row of KIND names both pids as ends ("PID (name)"), in either order.
has_ends() {
	rows | awk -v k="$1" -v a="$2" -v b="$3" '$1 == k && index($0, " " a " (") && index($0, " " b " (") { f = 1 } END { exit !f }'
}
key() { T send-keys -t "$session" "$@"; }
# filter TEXT: set the table's filter to TEXT (the prompt cleared with Esc first).
filter() {
	key '\'; wait_for "Filter: " 50 || return 1
	key Escape; wait_absent "Filter: " 50 || return 1
	key '\'; wait_for "Filter: " 50 || return 1
	[ -z "$1" ] || key -l "$1"
	key Enter
	wait_absent "Filter: " 50 || return 1
	[ -z "$1" ] || wait_for "filter: $1"
}
# kind_to WORD: press k until the title says "kind: WORD"; each k drawn (keys_done) before
# the title is read and the next k sent (one sent early would step over WORD).
kind_to() {
	n=0
	while [ $n -lt 14 ]; do
		key k
		keys_done >/dev/null || return 1
		wait_re "kind: $1( |\$)" 1 >/dev/null && return 0
		n=$((n + 1))
	done
	return 1
}
# kind_rank: each row's kind as its place in $order, one a line.
kind_rank() { rows | awk -v o="$order" 'BEGIN { n = split(o, k, " "); for (i = 1; i <= n; i++) r[k[i]] = i } { print r[$1] + 0 }'; }

for term in xterm-256color screen; do
	session="ch-$term"
	T new-session -d -s "$session" -x 200 -y 50 \
		"env TERM=$term XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' -d 2 -p $pids"
	wait_for "Command" 150; ok $? "$term: the list is up"
	key c
	wait_for " shown of " 50; ok $? "$term: c opens the channel table"

	# every channel of the fixture, with both of its ends
	missing=""
	wait_re "Channels: [0-9]+ shown of [0-9]+" 50
	while read -r kind a b; do
		has_ends "$kind" "$a" "$b" || missing="$missing $kind:$a-$b"
	done < "$tmp/chans"
	[ -z "$missing" ]; ok $? "$term: all $n_chans channels of the fixture show both ends' pids${missing:+ (missing:$missing)}"
	# every listener no client waits on: a row of its own, state listen, its holder and address
	missing=""
	while read -r kind p where; do
		rows | awk -v k="$kind" -v p="$p" -v w="$where" '$1 == k && $2 == "listen" && index($0, " " p " (") &&
			index($0, w) { f = 1 } END { exit !f }' || missing="$missing $kind:$p:$where"
	done < "$tmp/listen"
	[ "$n_listen" -ge 3 ] && [ -z "$missing" ]
	ok $? "$term: the fixture's $n_listen lone listeners (ss -l) each have a listen row${missing:+ (missing:$missing)}" ||
		{ sed 's/^/# ss: /' "$tmp/listen"; printf '%s\n' "$screen" | sed 's/^/# /'; }

	# a connection accepted through a listener its process kept says so; one whose listener
	# was closed (variant v4) does not
	set -- $(awk '$1 == "tcp" && / variant=listen / { print $2; for (i = 4; i <= NF; i++) if ($i ~ /^porta=/) print substr($i, 7) }' "$tmp/manifest")
	acc=$(rows | awk -v p="$1" '$1 == "tcp" && $2 != "listen" && index($0, " " p " (")')
	v4=$(rows | awk -v p="$(awk '$1 == "tcp" && / variant=v4 / { print $2 }' "$tmp/manifest")" '$1 == "tcp" && index($0, " " p " (")')
	printf '%s\n' "$acc" | grep -q "accepted on [^ ]*:$2" && ! printf '%s\n' "$v4" | grep -q "accepted on"
	ok $? "$term: the end accepted through the kept listener on :$2 says 'accepted on', the v4 pair's ends do not" ||
		printf '%s\n' "$acc" "$v4" | sed 's/^/# /'

	# sorted by kind (the default): the kinds come in their order; I reverses it
	kind_rank > "$tmp/rank"
	sort -n "$tmp/rank" | cmp -s - "$tmp/rank" && [ "$(sort -u "$tmp/rank" | wc -l)" -ge 10 ]
	ok $? "$term: rows are ordered by kind ($(tr '\n' ' ' < "$tmp/rank"))"
	key I
	n=0
	while [ $n -lt 50 ]; do
		screen=$(T capture-pane -p -t "$session")
		kind_rank > "$tmp/rank"
		sort -rn "$tmp/rank" | cmp -s - "$tmp/rank" && break
		sleep 0.1; n=$((n + 1))
	done
	sort -rn "$tmp/rank" | cmp -s - "$tmp/rank" && ! sort -n "$tmp/rank" | cmp -s - "$tmp/rank"
	ok $? "$term: I reverses the kind order"
	key I

	# k: one kind at a time
	kind_to tcp; ok $? "$term: k reaches the kind tcp"
	want_tcp=$(awk '$1 == "tcp"' "$tmp/chans" "$tmp/listen" | wc -l)
	screen=$(T capture-pane -p -t "$session")
	got=$(rows | awk '{ print $1 }' | sort -u | tr '\n' ' ')
	[ "$got" = "tcp " ] && [ "$(rows | wc -l)" -eq "$want_tcp" ]
	ok $? "$term: with kind tcp only the $want_tcp tcp channels and lone listeners are left (kinds: $got)"
	kind_to all; ok $? "$term: k comes back to every kind"

	# the port filter finds the TCP pair by its port
	set -- $(awk '$1 == "tcp" && / variant=v4 / { print $2, $3; for (i = 4; i <= NF; i++) if ($i ~ /^porta=/) print substr($i, 7) }' "$tmp/manifest")
	a=$1 b=$2 port=$3
	filter ":$port"; ok $? "$term: the filter :$port is set"
	[ "$(rows | wc -l)" -eq 1 ] && has_ends tcp "$a" "$b"
	ok $? "$term: :$port leaves the fixture's TCP pair $a-$b alone"

	# Enter opens the detail of an end; after Tab, of the other end
	key Enter
	wait_re "^ *PID +($a|$b)\$" 50; ok $? "$term: Enter opens the detail of an end ($a or $b)"
	first=$(printf '%s\n' "$screen" | awk '$1 == "PID" && NF == 2 { print $2; exit }')
	key Escape
	wait_for " shown of " 50; ok $? "$term: Esc goes back to the channel table"
	key Tab
	key Enter
	[ "$first" = "$a" ] && other=$b || other=$a
	wait_re "^ *PID +$other\$" 50; ok $? "$term: Tab then Enter opens the other end's detail ($other)"
	key Escape
	wait_for " shown of " 50

	# the process filter by pid: the pipe's writer, exactly (no pid that merely contains it)
	set -- $(awk '$1 == "pipe" { print $2, $3; exit }' "$tmp/chans")
	filter "$1"; ok $? "$term: the filter $1 is set"
	others=$(rows | awk -v p="$1" '!index($0, " " p " (")' | wc -l)
	[ "$(rows | wc -l)" -ge 1 ] && [ "$others" -eq 0 ] && has_ends pipe "$1" "$2"
	ok $? "$term: filter $1 keeps its pipe to $2 and only rows with pid $1"
	filter ""
	wait_for " shown of " 50

	key Escape
	wait_absent " shown of " 50 && wait_for "Command" 50; ok $? "$term: Esc goes back to the list"
	key c
	wait_for " shown of " 50
	key BSpace
	wait_absent " shown of " 50 && wait_for "Command" 50; ok $? "$term: Backspace goes back too"
	T kill-session -t "$session" 2>/dev/null
done

exec 9>&-
wait "$fixture_pid"; ok $? "ipc_fixture ends cleanly"
fixture_pid=
tap_done
