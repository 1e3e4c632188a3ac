# bench/load_lib.sh — for the bench scripts: bench/loadgen's load of N processes in pairs
# joined by IPC, started and then ended. Source it with LOADGEN, tmp (a directory of the
# script's own) and say (the script's message function) set.

# load_up N: loadgen started, its stdin on fd 7, waited for until it says ready (lg_pid set);
# 1 when it does not get there.
load_up() {
	mkfifo "$tmp/lg.in"
	"$LOADGEN" -n "$1" <"$tmp/lg.in" >"$tmp/ready" 2>"$tmp/lg.err" &
	lg_pid=$!
	exec 7>"$tmp/lg.in"
	for _ in $(seq 1 $((300 + $1 / 10))); do
		grep -q '^ready ' "$tmp/ready" && break
		kill -0 "$lg_pid" 2>/dev/null || { cat "$tmp/lg.err" >&2; lg_pid=; return 1; }
		sleep 0.2
	done
	grep -q '^ready ' "$tmp/ready" || { say "loadgen not ready"; return 1; }
	say "$(head -n 1 "$tmp/ready")"
}

# load_down: the end of loadgen's stdin: it kills its children and removes its IPC.
load_down() {
	exec 7>&- 2>/dev/null
	[ -n "$lg_pid" ] && wait "$lg_pid" 2>/dev/null
}
