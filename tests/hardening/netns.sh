#!/bin/sh
# netns.sh — the same TCP connection (127.0.0.1:PORT from 127.0.0.1:SRCPORT) twice: once on
# the host's loopback, once inside a network namespace this test creates. ipctop --json must
# pair each connection within its own namespace: two tcp channels, each joining the right
# two pids, none across. Needs root (unshare -n); the namespace goes away with its holders.
. "$TESTS_SRC/tap.sh"
[ "$(id -u)" -eq 0 ] || skip_all "needs root to create a network namespace"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
command -v nsenter >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 || skip_all "nsenter or ip missing"
unshare -n true 2>/dev/null || ci_skip_all "unshare -n is not permitted here"
. "$TESTS_SRC/hardening/ns_lib.sh"

# Host pair: the listener picks the port, the client's source port is the kernel's choice.
"$PYTHON3" "$hold" listen 0 "$work/h_srv.pid" \
	</dev/null >/dev/null 2>>"$work/holders.err" & track $!
wait_file "$work/h_srv.pid" || ci_skip_all "host TCP listener did not start"
read -r h_srv port < "$work/h_srv.pid"
"$PYTHON3" "$hold" connect "$port" 0 "$work/h_cli.pid" \
	</dev/null >/dev/null 2>>"$work/holders.err" & track $!
wait_file "$work/h_cli.pid" || ci_skip_all "host TCP client did not connect"
read -r h_cli srcport < "$work/h_cli.pid"

# Namespace pair: the same two ports, so both connections have the same address 4-tuple.
unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
	"$PYTHON3" "$hold" listen "$port" "$work/n_srv.pid" \
	</dev/null >/dev/null 2>>"$work/holders.err" & track $!
wait_file "$work/n_srv.pid"
ok $? "listener on 127.0.0.1:$port inside a new network namespace"
read -r n_srv _ < "$work/n_srv.pid"
nsenter -t "$n_srv" -n "$PYTHON3" "$hold" connect "$port" "$srcport" "$work/n_cli.pid" \
	</dev/null >/dev/null 2>>"$work/holders.err" & track $!
wait_file "$work/n_cli.pid"
ok $? "client from 127.0.0.1:$srcport inside that namespace"
read -r n_cli _ < "$work/n_cli.pid"
[ "$(readlink /proc/$n_cli/ns/net)" != "$(readlink /proc/$h_cli/ns/net)" ]
ok $? "the two pairs are in different network namespaces"

"$IPCTOP" --json > "$work/snap.json" 2> "$work/err"
ok $? "ipctop --json exits 0 with a foreign network namespace present"
out=$("$PYTHON3" "$check_snap" --pair tcp "$h_srv" "$h_cli" --pair tcp "$n_srv" "$n_cli" \
	"$work/snap.json")
ok $? "host pair $h_srv-$h_cli and namespace pair $n_srv-$n_cli: one tcp channel each, none across"
[ -n "$out" ] && printf '%s\n' "$out"

ns_end "$n_srv" "$n_cli"
ok $? "namespace holders are gone (the namespace with them)"
tap_done
