#!/bin/sh
# lesson_cli.sh — the command line of --lesson: `--lesson list` prints one line per lesson,
# exactly the lessons that ipctop(1) LESSONS describes, and exits 0; an unknown name, and
# --lesson with an option it cannot go with, are status 2 with a message naming the problem
# and nothing on stdout; a known name without a terminal is status 1 ("not a terminal")
# and starts no helper (none is left with its record). On a terminal (script(1)'s): a copy of
# ipctop with no helper beside it (nor installed) is status 1 with a message naming where
# it looked; when the kernel refuses the lesson's POSIX queue (RLIMIT_MSGQUEUE 0: mq_open
# gives EMFILE), message-queue is status 1 with the kernel's reason, and starts no helper;
# when the name of shared-memory's POSIX object is taken (a file made first under the pid
# ipctop will have: the shell's, which execs it), status 1, the kernel's reason, the file kept.
# As root, in an IPC namespace of its own whose msgmni (shmmni) is 0, so that msgget (shmget)
# gives ENOSPC: message-queue (shared-memory) is status 1 with that reason, no helper started.
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-lcli.XXXXXX") || exit 99
trap 'rm -f "/dev/shm/ipctop-lesson-$(cat "$tmp/shm.pid" 2>/dev/null)-shm"; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

# The lessons of the man page: the .B lines under .SH LESSONS after "The lessons:".
man_lessons=$(awk '/^\.SH LESSONS/ { on = 1; next } /^\.SH / { on = 0; list = 0 }
	on && /^The lessons:/ { list = 1; next } list && prev == ".TP" && /^\.B / { gsub(/\\-/, "-", $2); print $2 }
	{ prev = $0 }' "$TESTS_SRC/../man/ipctop.1" | sort | paste -sd' ' -)
[ -n "$man_lessons" ]
ok $? "the man page lists lessons ($man_lessons)"

"$IPCTOP" --lesson list </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 0 ] && [ ! -s "$tmp/err" ]
ok $? "--lesson list: status 0 ($st), nothing on stderr"
listed=$(awk '{ print $1 }' "$tmp/out" | sort | paste -sd' ' -)
[ "$listed" = "$man_lessons" ]
ok $? "--lesson list names the man page's lessons (listed: $listed)"
[ "$(wc -l < "$tmp/out")" -eq "$(echo "$man_lessons" | wc -w)" ] && ! grep -qv '^[a-z-]* \+[^ ]' "$tmp/out"
ok $? "one line per lesson: its name, then what it shows"

# bad ARGS... / PATTERN: status 2, stderr matches PATTERN, stdout empty
bad() {
	pat=$1; shift
	"$IPCTOP" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q -- "$pat" "$tmp/err"
	ok $? "$*: status 2 ($st), message: $(head -n 1 "$tmp/err")"
}
bad "unknown lesson 'no-such-lesson'" --lesson no-such-lesson
bad "unknown lesson ''" --lesson ""
bad "needs an argument" --lesson
bad "cannot be used with" --lesson pipe --json
bad "cannot be used with" --lesson pipe -p 1
bad "cannot be used with" --lesson pipe --demo

rec=$tmp/record
IPCTOP_LESSON_RECORD=$rec "$IPCTOP" --lesson pipe </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "not a terminal" "$tmp/err" && [ ! -e "$rec" ]
ok $? "--lesson pipe without a terminal: status 1 ($st), no process started"

# on_tty OUT CMD: run the shell command CMD on script(1)'s terminal, its stderr to OUT.err;
# its exit status in OUT.st
on_tty() {
	timeout 60 script -qec "$2 2>'$1.err'; echo \$? >'$1.st'" /dev/null </dev/null >/dev/null 2>&1
}
if ! command -v script >/dev/null 2>&1 || ! command -v prlimit >/dev/null 2>&1; then
	ci_skip "script(1) or prlimit(1) missing (util-linux): the terminal cases"
	ci_skip "script(1) or prlimit(1) missing (util-linux): the terminal cases"
	ci_skip "script(1) or prlimit(1) missing (util-linux): the terminal cases"
	ci_skip "script(1) or prlimit(1) missing (util-linux): the terminal cases"
	ci_skip "script(1) or prlimit(1) missing (util-linux): the terminal cases"
	tap_done
	exit
fi
mkdir "$tmp/alone" && cp "$IPCTOP" "$tmp/alone/ipctop"
on_tty "$tmp/alone" "'$tmp/alone/ipctop' --lesson pipe"
want="ipctop: --lesson and --demo need ipctop-lesson-helper, found neither next to ipctop nor in /"
dir=$(sed -n 's/.* nor in //p' "$tmp/alone.err")
[ "$(cat "$tmp/alone.st" 2>/dev/null)" = 1 ] && grep -qF "$want" "$tmp/alone.err" &&
	[ -n "$dir" ] && [ ! -e "$dir/ipctop-lesson-helper" ]
ok $? "a copy of ipctop alone, on a terminal: status $(cat "$tmp/alone.st" 2>/dev/null), message: $(head -n 1 "$tmp/alone.err")"

rm -f "$rec"
on_tty "$tmp/mq" "IPCTOP_LESSON_RECORD='$rec' prlimit --msgqueue=0 '$IPCTOP' --lesson message-queue"
[ "$(cat "$tmp/mq.st" 2>/dev/null)" = 1 ] && [ ! -e "$rec" ] &&
	grep -qxF "ipctop: lesson message-queue: could not make a POSIX queue: Too many open files" "$tmp/mq.err"
ok $? "message-queue with RLIMIT_MSGQUEUE 0: status $(cat "$tmp/mq.st" 2>/dev/null), no process started, message: $(head -n 1 "$tmp/mq.err")"

rm -f "$rec"
# the file's name has the inner sh's pid ($$), ipctop's after its exec
on_tty "$tmp/shm" "sh -c 'echo kept >/dev/shm/ipctop-lesson-\$\$-shm && echo \$\$ >$tmp/shm.pid &&
	IPCTOP_LESSON_RECORD=$rec exec $IPCTOP --lesson shared-memory'"
taken=/dev/shm/ipctop-lesson-$(cat "$tmp/shm.pid" 2>/dev/null)-shm
[ "$(cat "$tmp/shm.st" 2>/dev/null)" = 1 ] && [ ! -e "$rec" ] && [ "$(cat "$taken" 2>/dev/null)" = kept ] &&
	grep -qxF "ipctop: lesson shared-memory: could not make a POSIX shared memory object: File exists" "$tmp/shm.err"
ok $? "shared-memory with its POSIX name taken: status $(cat "$tmp/shm.st" 2>/dev/null), no process started, $taken kept, message: $(head -n 1 "$tmp/shm.err")"
rm -f "$taken"

# sysv_full LESSON SYSCTL WHAT: the lesson in an IPC namespace whose SYSCTL is 0
sysv_full() {
	rm -f "$rec"
	on_tty "$tmp/$2" "unshare --ipc sh -c 'echo 0 >/proc/sys/kernel/$2 &&
		IPCTOP_LESSON_RECORD=$rec exec $IPCTOP --lesson $1'"
	[ "$(cat "$tmp/$2.st" 2>/dev/null)" = 1 ] && [ ! -e "$rec" ] &&
		grep -qxF "ipctop: lesson $1: could not make $3: No space left on device" "$tmp/$2.err"
	ok $? "$1 with kernel.$2 0: status $(cat "$tmp/$2.st" 2>/dev/null), no process started, message: $(head -n 1 "$tmp/$2.err")"
}
if [ "$(id -u)" -ne 0 ]; then
	skip "not root: no IPC namespace (msgmni 0)"
	skip "not root: no IPC namespace (shmmni 0)"
elif ! unshare --ipc true 2>/dev/null; then
	ci_skip "unshare --ipc fails as root (msgmni 0)"
	ci_skip "unshare --ipc fails as root (shmmni 0)"
else
	sysv_full message-queue msgmni "a message queue"
	sysv_full shared-memory shmmni "a shared segment"
fi
tap_done
