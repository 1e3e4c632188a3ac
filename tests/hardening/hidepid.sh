#!/bin/sh
# hidepid.sh — ipctop --json as an unprivileged user (nobody, via setpriv) under a /proc
# mounted with hidepid=2: it must work, list the caller's own processes (two of them joined
# by a pipe) and no other user's, and say so in a note. The hidepid /proc is mounted inside a
# private mount namespace (unshare -m --propagation private) only: the machine's /proc is never
# touched.
# Needs root; skipped when not root or when the namespace or mount is refused.
. "$TESTS_SRC/tap.sh"
[ "$(id -u)" -eq 0 ] || skip_all "needs root to mount a private /proc"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
command -v setpriv >/dev/null 2>&1 || ci_skip_all "setpriv not found"
nobody_uid=$(id -u nobody 2>/dev/null) || ci_skip_all "no user nobody"
nobody_gid=$(id -g nobody)
unshare -m --propagation private true 2>/dev/null || ci_skip_all "unshare -m is not permitted here"
as_nobody() { setpriv --reuid="$nobody_uid" --regid="$nobody_gid" --clear-groups "$@"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-hidepid.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
chown "$nobody_uid" "$work"
# a copy nobody may run: the build directory may be out of its reach
cp "$IPCTOP" "$work/ipctop" && chmod 755 "$work/ipctop" && IPCTOP=$work/ipctop
as_nobody test -x "$IPCTOP" || ci_skip_all "nobody cannot run $IPCTOP"
proc_before=$(grep ' /proc ' /proc/self/mountinfo)

# Runs as nobody under the hidepid=2 /proc: two sleeps joined by a pipe, then ipctop.
cat > "$work/inner.sh" <<'INNER'
sh -c 'echo $$ > "$W/a"; exec sleep 60' | sh -c 'echo $$ > "$W/b"; exec sleep 61' &
i=0
while { [ ! -s "$W/a" ] || [ ! -s "$W/b" ]; } && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
echo $$ > "$W/self"
"$IPCTOP" --json > "$W/snap.json" 2> "$W/err"
echo $? > "$W/rc"
kill "$(cat "$W/a")" "$(cat "$W/b")"
wait
INNER
W=$work IPCTOP=$IPCTOP unshare -m --propagation private sh -c '
	mount -t proc -o hidepid=2 proc /proc || exit 3
	exec setpriv --reuid="$1" --regid="$2" --clear-groups sh "$W/inner.sh"' \
	sh "$nobody_uid" "$nobody_gid" </dev/null >"$work/outer.log" 2>&1
st=$?
[ "$st" -eq 3 ] && ci_skip_all "mounting proc with hidepid=2 was refused"
ok "$st" "private mount namespace with a hidepid=2 /proc, ipctop run there as nobody"
sed 's/^/#   /' "$work/outer.log"

[ "$(cat "$work/rc" 2>/dev/null)" = 0 ]
ok $? "ipctop --json exits 0 under hidepid=2 as nobody"
[ -s "$work/err" ] && sed 's/^/#   stderr: /' "$work/err" | head -5

a=$(cat "$work/a" 2>/dev/null) b=$(cat "$work/b" 2>/dev/null) self=$(cat "$work/self" 2>/dev/null)
out=$("$PYTHON3" "$TESTS_SRC/hardening/check_snapshot.py" --joined pipe "${a:-0}" "${b:-0}" \
	--ppid "${a:-0}" "${self:-0}" "$work/snap.json")
ok $? "own processes listed ($self, $a, $b) and the pipe between $a and $b shown"
[ -n "$out" ] && printf '%s\n' "$out"

others=$("$PYTHON3" -c '
import json, sys
snap = json.load(open(sys.argv[1]))
uid = int(sys.argv[2])
print(" ".join("%d(uid %s)" % (p["pid"], p.get("uid")) for p in snap["processes"]
               if p.get("uid") != uid or any(u != uid for u in p.get("uids") or [uid])))
' "$work/snap.json" "$nobody_uid" 2>&1)
[ -z "$others" ]
ok $? "no other user's process is listed"
[ -n "$others" ] && echo "#   listed: $others" | cut -c1-300

"$PYTHON3" "$TESTS_SRC/hardening/check_notes.py" hidepid 2 "$work/snap.json"
ok $? "the note \"/proc is mounted with hidepid=2: other users' processes are hidden\""

[ "$(grep ' /proc ' /proc/self/mountinfo)" = "$proc_before" ]
ok $? "the machine's own /proc mount is unchanged"
tap_done
