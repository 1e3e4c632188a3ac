#!/bin/sh
# pidns.sh — a process in a new PID namespace (unshare -p -f --mount-proc: its own /proc is
# mounted in its own mount namespace only) holding a pipe to its child. ipctop --json, run
# outside, must show both with host pids (the child's parent being the holder's host pid)
# and a pipe channel joining those two host pids. Needs root.
. "$TESTS_SRC/tap.sh"
[ "$(id -u)" -eq 0 ] || skip_all "needs root to create a PID namespace"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
unshare -p -f --mount-proc true 2>/dev/null || ci_skip_all "unshare -p is not permitted here"
. "$TESTS_SRC/hardening/ns_lib.sh"

# host_pid_of NSPID ROOT: the host pid of the descendant of ROOT that its own PID namespace
# calls NSPID (the last number of NSpid: in /proc/PID/status).
host_pid_of() {
	for p in $(descendants "$2"); do
		ns=$(sed -n 's/^NSpid:.*[[:space:]]\([0-9][0-9]*\)$/\1/p' "/proc/$p/status" 2>/dev/null)
		[ "$ns" = "$1" ] && { echo "$p"; return 0; }
	done
	return 1
}

# descendants PID: every process below PID on the host.
descendants() {
	ps -e -o pid=,ppid= | awk -v root="$1" '
		{ parent[$1] = $2 }
		END { for (p in parent) for (q = parent[p]; q != "" && q > 0; q = parent[q])
			if (q == root) { print p; break } }'
}

unshare -p -f --mount-proc --kill-child "$PYTHON3" "$hold" pipe "$work/pipe.nspids" \
	</dev/null >/dev/null 2>>"$work/holders.err" & track $!
unshare_pid=$!
wait_file "$work/pipe.nspids"
ok $? "pipe holder started in a new PID namespace"
read -r ns_parent ns_child < "$work/pipe.nspids"
parent=$(host_pid_of "$ns_parent" "$unshare_pid")
child=$(host_pid_of "$ns_child" "$unshare_pid")
track $parent $child
[ -n "$parent" ] && [ -n "$child" ] && [ "$parent" != "$ns_parent" ] &&
	[ "$(readlink /proc/$parent/ns/pid)" != "$(readlink /proc/self/ns/pid)" ]
ok $? "holder is $ns_parent/$ns_child inside, $parent/$child on the host, in another PID namespace"

"$IPCTOP" --json > "$work/snap.json" 2> "$work/err"
ok $? "ipctop --json exits 0 with a foreign PID namespace present"
out=$("$PYTHON3" "$check_snap" --ppid "$child" "$parent" --pair pipe "$parent" "$child" \
	"$work/snap.json")
ok $? "both shown with host pids, and one pipe channel joins $parent and $child"
[ -n "$out" ] && printf '%s\n' "$out"

ns_end "$parent" "$child"
ok $? "PID namespace processes are gone"
tap_done
