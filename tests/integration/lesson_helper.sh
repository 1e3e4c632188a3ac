#!/bin/sh
# lesson_helper.sh — ipctop-lesson-helper, the program the lessons run (src/lesson/helper_*):
# it is small (libc only, few mappings: not a copy of ipctop), names its role in comm, records
# "PID ROLE" to $IPCTOP_LESSON_RECORD, and does what its role says, as the kernel shows it:
# `program` execs in place on SIGUSR1 (same pid, new command line), `fork-parent` forks a child
# on SIGUSR1 (its parent in /proc/CHILD/stat). An unknown role is status 2.
. "$TESTS_SRC/tap.sh"
helper=$(dirname "$IPCTOP")/ipctop-lesson-helper
[ -x "$helper" ] || skip_all "ipctop-lesson-helper not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-lhelper.XXXXXX") || exit 99
prog='' parent=''
trap 'for p in $prog $parent; do kill -KILL "$p" 2>/dev/null; done; wait; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP
rec=$tmp/record

# wait_line RE: until the record has a line matching RE (5 s); prints it
wait_line() {
	i=0
	while [ "$i" -lt 50 ]; do
		grep -E -- "$1" "$rec" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

IPCTOP_LESSON_RECORD=$rec "$helper" program </dev/null >/dev/null 2>&1 4>&- &
prog=$!
wait_line "^$prog program\$" >/dev/null
ok $? "program records its own pid and role"
[ "$(cat "/proc/$prog/comm")" = program ]
ok $? "its comm is its role"
maps=$(wc -l < "/proc/$prog/maps")
if [ "$IPCTOP_SANITIZERS" = yes ]; then
	skip "few mappings: the sanitizers' runtime maps its own areas ($maps)"
else
	[ "$maps" -lt 40 ]
	ok $? "it has few mappings ($maps)"
fi
! grep -Eq 'ncurses|proc2|mnl|jansson|microhttpd' "/proc/$prog/maps"
ok $? "it maps none of ipctop's libraries"
kill -USR1 "$prog"
wait_line "^$prog after-exec\$" >/dev/null
ok $? "SIGUSR1: the same pid records its new role"
[ "$(tr '\0' ' ' < "/proc/$prog/cmdline")" = "ipctop-lesson after-exec " ]
ok $? "its command line after the exec is the new program's"

IPCTOP_LESSON_RECORD=$rec "$helper" fork-parent </dev/null >/dev/null 2>&1 4>&- &
parent=$!
wait_line "^$parent fork-parent\$" >/dev/null
ok $? "fork-parent records itself"
kill -USR1 "$parent"
child=$(wait_line " fork-child parent=$parent\$" | awk '{print $1}')
ppid=$(sed 's/.*) //' "/proc/$child/stat" 2>/dev/null | awk '{print $2}')
[ -n "$child" ] && [ "$ppid" = "$parent" ]
ok $? "SIGUSR1: a child ($child) whose parent in the kernel is fork-parent"
kill -KILL "$parent"
i=0
while [ -e "/proc/$child" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ ! -e "/proc/$child" ] || [ "$(sed 's/.*) //' "/proc/$child/stat" | cut -c1)" = Z ]
ok $? "the child dies with its parent (parent-death signal)"

"$helper" no-such-role </dev/null >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "roles:" "$tmp/err"
ok $? "an unknown role: status 2 and the list of roles"
tap_done
