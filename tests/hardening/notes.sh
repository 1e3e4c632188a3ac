#!/bin/sh
# notes.sh — the JSON notes say what could not be read and why, and viewer.root means root's
# view of the machine: as root (no note of a user id, counts only where even root was refused),
# as nobody (setpriv: "running as uid N (not root): descriptors of K processes, ..." with K the
# processes marked, and the kernel refusing nobody exactly those), as root of a user namespace
# (unshare -U -r: root false, a user namespace note), and without /proc/sysvipc (an empty
# directory bind-mounted over it in a private mount namespace: the machine's /proc is never
# touched). Needs root; a part the system refuses is skipped.
. "$TESTS_SRC/tap.sh"
[ "$(id -u)" -eq 0 ] || skip_all "needs root (setpriv, unshare)"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"

work=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-notes.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
chmod 755 "$work"
check_notes() { "$PYTHON3" "$TESTS_SRC/hardening/check_notes.py" "$@"; }

"$IPCTOP" --json >"$work/root.json" 2>"$work/err"
ok $? "ipctop --json as root exits 0"
check_notes root "$work/root.json"
schema_ok "the --json as root is valid against the schema" "$work/root.json"
ok $? "as root: viewer.root true, no note of a user id, namespace or hidepid; counts match the marks"

# As nobody: a copy of ipctop and of the checker in a directory nobody can read.
if command -v setpriv >/dev/null 2>&1 && nobody=$(id -u nobody 2>/dev/null); then
	group=nogroup
	getent group nogroup >/dev/null 2>&1 || group=$(id -g nobody)
	cp "$IPCTOP" "$TESTS_SRC/hardening/check_notes.py" "$work/" && chmod 755 "$work/ipctop"
	chmod 644 "$work/check_notes.py"
	as_nobody() { (cd "$work" && setpriv --reuid="$nobody" --regid="$group" --clear-groups "$@"); }
	as_nobody ./ipctop --json >"$work/nobody.json" 2>"$work/err"
	ok $? "ipctop --json as nobody (uid $nobody) exits 0"
	check_notes user "$nobody" "$work/nobody.json"
	schema_ok "the --json as nobody is valid against the schema" "$work/nobody.json"
	ok $? "as nobody: root false, one note with the counts of what was not readable"
	chmod 644 "$work/nobody.json"
	py=
	for cand in "$PYTHON3" /usr/bin/python3; do   # nobody may not reach root's own python
		as_nobody "$cand" -c pass 2>/dev/null && { py=$cand; break; }
	done
	if [ -n "$py" ]; then
		as_nobody "$py" ./check_notes.py fds ./nobody.json
		ok $? "the processes marked are those whose descriptors the kernel refuses nobody now"
	else
		ci_skip "no python3 that nobody may run"
	fi
else
	ci_skip "setpriv or user nobody missing: no unprivileged run"
	ci_skip "setpriv or user nobody missing"
	ci_skip "setpriv or user nobody missing"
fi

# Root of a user namespace of its own.
if unshare -U -r true 2>/dev/null; then
	unshare -U -r "$IPCTOP" --json >"$work/userns.json" 2>"$work/err"
	ok $? "ipctop --json under unshare -U -r exits 0"
	check_notes userns "$work/userns.json"
	schema_ok "the --json in a user namespace is valid against the schema" "$work/userns.json"
	ok $? "in a user namespace: euid 0 but root false, the user namespace note"
else
	ci_skip "unshare -U -r is not permitted here"
	ci_skip "unshare -U -r is not permitted here"
fi

# No /proc/sysvipc: an empty directory over it, in a private mount namespace.
# Mounts on /proc/sysvipc or of this test's directory (other tests running at the same time may
# mount other things, e.g. ip netns's /run/netns files).
our_mounts() { awk -v w="$work" '$5 ~ "^/proc/sysvipc" || index($4, w) == 1 || index($5, w) == 1' /proc/self/mountinfo | wc -l; }
mounts_before=$(our_mounts)
mkdir "$work/empty"
if unshare -m --propagation private true 2>/dev/null; then
	unshare -m --propagation private sh -c \
		'mount --bind "$1" /proc/sysvipc || exit 3; exec "$2" --json' sh "$work/empty" "$IPCTOP" \
		>"$work/nosysv.json" 2>"$work/err"
	st=$?
	if [ "$st" -eq 3 ]; then
		ci_skip "bind-mounting over /proc/sysvipc was refused"
		ci_skip "bind-mounting over /proc/sysvipc was refused"
	else
		ok "$st" "ipctop --json with an empty directory over /proc/sysvipc exits 0"
		check_notes sysvipc "$work/nosysv.json"
		schema_ok "the --json without SysV tables is valid against the schema" "$work/nosysv.json"
		ok $? "the note \"no /proc/sysvipc: SysV IPC not shown\", and no SysV rows"
	fi
else
	ci_skip "unshare -m is not permitted here"
	ci_skip "unshare -m is not permitted here"
fi
[ -r /proc/sysvipc/shm ] && [ "$(our_mounts)" = "$mounts_before" ]
ok $? "the machine's /proc/sysvipc is still there, no mount left behind"
[ -s "$work/err" ] && sed 's/^/#   stderr: /' "$work/err" | head -5
tap_done
