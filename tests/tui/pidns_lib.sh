# pidns_lib.sh — for TUI tests that record: run the whole test again in a PID namespace of its
# own (with its own /proc), where a sample holds the test's processes only and is quick even
# on a busy machine; needs root. Source it right after tap.sh: the first run execs the test
# again inside (IPCTOP_IN_PIDNS set to its pid), or skips the test when it cannot.
if [ -z "$IPCTOP_IN_PIDNS" ]; then
	if [ "$(id -u)" -eq 0 ] && unshare -p -f --mount-proc true 2>/dev/null; then
		IPCTOP_IN_PIDNS=$$ exec unshare -p -f --mount-proc --kill-child sh "$0" "$@"
	fi
	skip_all "needs root and a PID namespace of its own (a sample of a busy machine takes seconds)"
fi
