# ns_lib.sh — shared by the namespace tests: a work dir, holders that are killed on exit, and
# waiting for a holder's pid file, ending them and seeing them gone (ns_end). Source after tap.sh;
# needs python3 for hold.py.
# Holders are started with stdio away from the test's own (</dev/null >/dev/null 2>>...), so
# that no inherited pipe joins them to other processes.
hold=$TESTS_SRC/hardening/hold.py
check_snap=$TESTS_SRC/hardening/check_snapshot.py
work=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-hard.XXXXXX") || exit 1
holders=

# track PID...: kill these at exit, and the host pids written first in any $work/*.pid file
# (files holding another PID namespace's numbers must not end in .pid). Pids below 2 and
# empty words are never signalled.
track() { holders="$holders $*"; }

ns_cleanup() {
	for f in "$work"/*.pid; do
		[ -f "$f" ] && read -r p _ < "$f" && holders="$holders $p"
	done
	for p in $holders; do
		case $p in *[!0-9]*) continue ;; esac
		[ "$p" -gt 1 ] && kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$work"
}
trap ns_cleanup EXIT
trap 'exit 130' INT TERM

# wait_file FILE: until FILE exists (up to 10 s); false if it never does.
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$1" ]
}

# ns_end PID...: end the holders now (ns_cleanup, which removes $work too) and wait up to 30 s
# for every PID to be gone; false if one is left. A pid is told from a later process given the
# same number (pids are reused within seconds next to the scale tests) by its start time.
ns_end() {
	ns_started=
	for p; do ns_started="$ns_started $p:$(start_of "$p")"; done
	ns_cleanup
	trap - EXIT
	i=0
	while any_alive && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	! any_alive
}
# start_of PID: its start time (field 22 of /proc/PID/stat), empty when it is gone.
start_of() { sed -n 's/.*) //p' "/proc/$1/stat" 2>/dev/null | awk '{ print $20 }'; }
# any_alive: one of ns_end's processes (pid:start) is still in /proc, the same process.
any_alive() {
	for ps in $ns_started; do
		[ -n "${ps#*:}" ] && [ "$(start_of "${ps%%:*}")" = "${ps#*:}" ] && return 0
	done
	return 1
}
