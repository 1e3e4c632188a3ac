#!/bin/sh
# loadgen_smoke.sh — the benchmark load generator works (no timings here): with -n 10 it says
# "ready 10", runs exactly 10 processes below it, each holding its two pipe ends, three
# sockets and its shared memory; SIGTERM (first run) and end of stdin (second run) leave no
# process, SysV segment or /dev/shm object of it behind. bench/procfloor, run beside the load,
# counts at least its processes and descriptors.
. "$TESTS_SRC/tap.sh"

LOADGEN="$TESTS_BIN/../bench/loadgen"
[ -x "$LOADGEN" ] || skip_all "loadgen not built"
tmp=$(mktemp -d /tmp/ipctop-loadgen-XXXXXX)
lg=
cleanup() {
	exec 3>&-
	[ -n "$lg" ] && kill "$lg" 2>/dev/null && wait "$lg" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Every descendant of pid $1, one a line.
descendants() {
	ps -e -o pid=,ppid= | awk -v root="$1" '
		{ parent[$1] = $2 }
		END { for (p in parent) { q = parent[p]; while (q in parent && q != root && q > 1) q = parent[q]
		      if (q == root) print p } }'
}

# Lines of /proc/sysvipc/shm created by pid $1, and /dev/shm objects named after it.
sysv_of() { awk -v c="$1" 'NR > 1 && $5 == c' /proc/sysvipc/shm; }
posix_of() { ls /dev/shm 2>/dev/null | grep "^ipctop-bench\.$1\." ; }

wait_ready() {
	i=0
	while [ $i -lt 200 ]; do
		grep -q '^ready ' "$tmp/out" 2>/dev/null && return 0
		kill -0 "$lg" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# fd_kinds PID: "PIPES SOCKETS SHM" counts of the process's descriptors
fd_kinds() {
	ls -l "/proc/$1/fd" 2>/dev/null | awk '
		/-> pipe:/ { p++ } /-> socket:/ { s++ } /-> \/dev\/shm\// { m++ }
		END { printf "%d %d %d\n", p, s, m }'
}

start() {
	rm -f "$tmp/in" "$tmp/out"
	mkfifo "$tmp/in"
	"$LOADGEN" -n 10 -e 1 <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
	lg=$!
	exec 3>"$tmp/in"
	wait_ready
	ok $? "loadgen -n 10 reports ready ($1)"
	head -n 1 "$tmp/out" | grep -q "^ready 10 pid=$lg pairs=5 pipe=10 unix_stream=5 unix_dgram=5 tcp=5 sysv_shm=5 posix_shm=5\$"
	st=$?
	ok $st "the ready line counts what was made ($1)"
	[ $st -eq 0 ] || sed 's/^/#   /' "$tmp/out" "$tmp/err"
	kids=$(descendants "$lg")
	[ "$(printf '%s\n' $kids | grep -c .)" -eq 10 ]
	ok $? "10 processes run below loadgen ($1)"
	bad=
	for k in $kids; do
		[ "$(fd_kinds "$k")" = "2 3 1" ] || bad="$bad $k:$(fd_kinds "$k" | tr ' ' ,)"
	done
	[ -z "$bad" ]
	ok $? "each holds 2 pipe ends, 3 sockets, 1 POSIX shm descriptor ($1)${bad:+ — not:$bad}"
	[ "$(sysv_of "$lg" | awk '$7 == 2' | wc -l)" -eq 5 ]
	ok $? "5 SysV segments, each attached twice ($1)"
	[ "$(posix_of "$lg" | wc -l)" -eq 5 ]
	ok $? "5 POSIX shm objects ($1)"
}

# stopped HOW: loadgen exited 0 and left nothing behind
stopped() {
	wait "$lg"
	ok $? "loadgen exits 0 after $1"
	left=
	for k in $kids; do
		kill -0 "$k" 2>/dev/null && left="$left $k"
	done
	[ -z "$left" ]
	ok $? "no load process is left after $1${left:+:$left}"
	[ -z "$(sysv_of "$lg")" ]
	ok $? "no SysV segment is left after $1"
	[ -z "$(posix_of "$lg")" ]
	ok $? "no POSIX shm object is left after $1"
	lg=
}

start SIGTERM
PROCFLOOR="$TESTS_BIN/../bench/procfloor"
if [ -x "$PROCFLOOR" ]; then
	counts=$("$PROCFLOOR" 2>&1 >/dev/null)
	echo "$counts" | awk '/^procfloor: [0-9]+ processes, [0-9]+ descriptors$/ && $2 >= 11 && $4 >= 60 { f = 1 }
		END { exit !f }'
	ok $? "procfloor counts at least the load's 11 processes and 60 descriptors ($counts)"
else
	skip "procfloor not built"
fi
kill -TERM "$lg"
stopped SIGTERM
exec 3>&-

start EOF
exec 3>&-
stopped "end of stdin"

"$LOADGEN" -n 3 >/dev/null 2>&1 </dev/null
[ $? -eq 2 ]
ok $? "an odd process count is refused"
tap_done
