# pidns_lib.sh — for TUI tests that record: run the whole test again in a PID namespace of its
# own (with its own /proc), where a sample holds the test's processes only and is quick even
# on a busy machine; needs root. Source it right after tap.sh: the first run execs the test
# again inside (IPCTOP_IN_PIDNS set to its pid), or skips the test when it cannot.
# Its own IPC and network namespaces (loopback up) and /dev/shm (a tmpfs in its own mount
# namespace) too: fixtures name their objects after their pid, and two of these tests running
# at once have the same small pids (CI: history_limits.sh's ipc_fixture found another's
# abstract socket, POSIX shm and queue, "Address already in use", "File exists").
if [ -z "$IPCTOP_IN_PIDNS" ]; then
	if [ "$(id -u)" -eq 0 ] && unshare -p -f -i -n --mount-proc true 2>/dev/null; then
		IPCTOP_IN_PIDNS=$$ exec unshare -p -f -i -n --mount-proc --kill-child sh -c '
			ip link set lo up && mount -t tmpfs -o mode=1777 ipctop-test-shm /dev/shm ||
				{ echo "Bail out! no loopback or /dev/shm of the test'\''s own"; exit 1; }
			exec sh "$0" "$@"' "$0" "$@"
	fi
	skip_all "needs root and PID, IPC and network namespaces of its own (a sample of a busy machine takes seconds)"
fi
