#!/bin/sh
# merge_hosts.sh — ipctop --merge of two "hosts": network + PID + mount namespaces made here
# (each with its own /proc mounted in its own mount namespace), joined by a veth pair whose
# addresses exist only inside them; a TCP server in one, its client in the other, each host's
# `ipctop --json` taken inside it. The merge must join that connection and nothing else,
# checked against the peers' own records; the merged JSON validates against the schema.
. "$TESTS_SRC/tap.sh"
[ "$(id -u)" = 0 ] || skip_all "needs root (namespaces, veth)"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
for c in unshare nsenter ip python3; do
	command -v $c >/dev/null 2>&1 || ci_skip_all "$c not found"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-merge.XXXXXX") || exit 1
VA="imA$$"
VB="imB$$"
NET="10.$(( $$ % 200 + 20 )).$(( ($$ / 200) % 250 ))"
PORT=$(( 20000 + $$ % 20000 ))
UA=""
UB=""
# child_of PID: the single child of PID (the namespace's init under unshare --fork).
child_of() {
	cat "/proc/$1/task/$1/children" 2>/dev/null | awk '{print $1}'
}

# unshare ignores SIGTERM while it waits, and a namespace's init takes from outside only the
# signals it handles: SIGKILL to each init (the child of an unshare started here) ends the host,
# its namespaces and its veth end.
cleanup() {
	for u in $UA $UB; do
		c=$(child_of "$u")
		[ -n "$c" ] && kill -KILL "$c" 2>/dev/null
	done
	for u in $UA $UB; do wait "$u" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# host NAME ROLE ADDR: a host whose init waits for T/go-NAME, then runs the peer.
host() {
	unshare --net --pid --mount --fork --mount-proc --kill-child \
		sh -c 'while [ ! -e "$1/go-$2" ]; do sleep 0.05; done; exec python3 "$3" "$4" "$5" "$6" "$1/rec-$2"' \
		host "$T" "$1" "$TESTS_SRC/integration/merge_peer.py" "$2" "$3" "$PORT" 2>>"$T/unshare.err" &
}

# wait_for TEST: poll (at most 10 s) until TEST succeeds.
wait_for() {
	i=0
	while ! eval "$1"; do
		i=$((i + 1))
		[ $i -gt 200 ] && return 1
		sleep 0.05
	done
}

host A server "$NET.1"; UA=$!
host B client "$NET.1"; UB=$!
wait_for '[ -n "$(child_of $UA)" ] && [ -n "$(child_of $UB)" ]' || ci_skip_all "unshare did not start the hosts"
CA=$(child_of $UA)
CB=$(child_of $UB)

ip link add "$VA" type veth peer name "$VB" || ci_skip_all "cannot make a veth pair"
ip link set "$VA" netns "$UA" && ip link set "$VB" netns "$UB" || ci_skip_all "cannot move the veth ends"
nsenter -t "$UA" -n sh -c "ip link set lo up && ip addr add $NET.1/24 dev $VA && ip link set $VA up" &&
nsenter -t "$UB" -n sh -c "ip link set lo up && ip addr add $NET.2/24 dev $VB && ip link set $VB up" ||
	ci_skip_all "cannot address the veth ends"

touch "$T/go-A"
wait_for "nsenter -t $UA -n ss -Htln 'sport = :$PORT' 2>/dev/null | grep -q LISTEN"
ok $? "host A's server listens on $NET.1:$PORT"
touch "$T/go-B"
wait_for '[ -e "$T/rec-A" ] && [ -e "$T/rec-B" ]'
ok $? "host B's client connected to host A's server"
sed 's/^/# /' "$T/rec-A" "$T/rec-B"

nsenter -t "$CA" -n -p -m "$IPCTOP" --json >"$T/hostA.json" 2>"$T/err"
ok $? "ipctop --json inside host A"
nsenter -t "$CB" -n -p -m "$IPCTOP" --json >"$T/hostB.json" 2>>"$T/err"
ok $? "ipctop --json inside host B"
"$IPCTOP" --merge --json "$T/hostA.json" "$T/hostB.json" >"$T/merged.json" 2>>"$T/err"
ok $? "ipctop --merge --json of the two"
sed 's/^/#   /' "$T/err"
schema_ok "the merged snapshot validates against the schema" "$T/merged.json"
python3 "$TESTS_SRC/integration/check_merge.py" "$T/merged.json" "$T/hostA.json" "$T/hostB.json" \
	"$T/rec-A" "$T/rec-B" >"$T/check.out" 2>&1
cst=$?
while read -r st rest; do
	# renumber check_merge's lines into this test's plan; anything else (a traceback) is shown
	case $st in
	ok) ok 0 "${rest#* - }" ;;
	not) r=${rest#ok }; ok 1 "${r#* - }" ;;
	*) printf '#   %s %s\n' "$st" "$rest" ;;
	esac
done <"$T/check.out"
[ "$cst" -eq 0 ] && grep -q '^ok\|^not ok' "$T/check.out"
ok $? "check_merge.py printed its checks and ran to the end (exit $cst)"
"$IPCTOP" --merge --dot "$T/hostA.json" "$T/hostB.json" >"$T/merged.dot"
ok $? "ipctop --merge --dot of the two"
grep -q "hostA pid $(sed 's/pid=\([0-9]*\).*/\1/' "$T/rec-A")" "$T/merged.dot" &&
	grep -q "hostB pid $(sed 's/pid=\([0-9]*\).*/\1/' "$T/rec-B")" "$T/merged.dot"
ok $? "the graph names the server and the client by host and pid"
tap_done
