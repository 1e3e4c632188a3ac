#!/bin/sh
# json_zombie.sh — --json gives a zombie's exit status: real children of this test that exited
# with code 3 and that SIGTERM killed, left unreaped, are exported with the exit_status that
# waitid(WNOWAIT) gives their parent (code, signal and its name, the raw wait status); a
# running process has none; the document is valid against the schema. As root, once more
# with ipctop run as nobody: the kernel shows another user's zombie's exit code as 0 to a
# reader that may not ptrace-read it, so then there must be no exit_status (not a false 0).
. "$TESTS_SRC/tap.sh"

[ -n "$PYTHON3" ] || skip_all "python3 not found by configure"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

cat >"$tmp/zombies.py" <<'PY'
import json, os, signal, subprocess, sys

readable, run, out = sys.argv[1] == "own", sys.argv[2:-1], sys.argv[-1]

def child(how):
    pid = os.fork()
    if pid == 0:
        if how == "exit":
            os._exit(3)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        os._exit(99)
    return pid

def zombie(pid):
    """Wait (without reaping) until pid has ended; waitid's view of it."""
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)

def say(good, what):
    print(("PASS " if good else "FAIL ") + what)

exited, killed = child("exit"), child("kill")
info = {pid: zombie(pid) for pid in (exited, killed)}
try:
    doc = subprocess.run(run + ["--json", "-p", "%d,%d,%d" % (exited, killed, os.getpid())],
                         check=True, stdout=subprocess.PIPE).stdout
    with open(out, "wb") as f:
        f.write(doc)
    procs = {p["pid"]: p for p in json.loads(doc)["processes"]}
    for pid, label in ((exited, "exited with 3"), (killed, "killed by SIGTERM")):
        p, w = procs.get(pid), info[pid]
        say(p is not None and p["state"] == "Z", "%s: listed as a zombie" % label)
        e = (p or {}).get("exit_status")
        if not readable:
            say(p is not None and e is None, "%s: another user's zombie: no exit_status (%r)" % (label, e))
            continue
        say(e is not None, "%s: has exit_status" % label)
        if e is None:
            print("# process object: %r" % (p,))
            continue
        if w.si_code == os.CLD_EXITED:
            want = {"code": w.si_status, "signal": None, "signal_name": None,
                    "core_dumped": False, "wait_status": w.si_status << 8}
        else:
            want = {"code": None, "signal": w.si_status,
                    "signal_name": signal.Signals(w.si_status).name[3:],
                    "core_dumped": w.si_code == os.CLD_DUMPED,
                    "wait_status": w.si_status | (0x80 if w.si_code == os.CLD_DUMPED else 0)}
        say(e == want, "%s: exit_status %r is waitid's %r" % (label, e, want))
    me = procs.get(os.getpid(), {})
    say(bool(me) and "exit_status" not in me, "a running process has no exit_status")
finally:
    for pid in (exited, killed):
        os.waitpid(pid, 0)
PY

# round LABEL own|other RUN...: the script with ipctop run by RUN (the zombies its own user's,
# or another's), its results as ours.
round() {
	label=$1; shift
	"$PYTHON3" "$tmp/zombies.py" "$@" "$tmp/doc.json" >"$tmp/out" 2>&1
	ok $? "$label: the script ran to its end"
	while IFS= read -r line; do
		case $line in
		"PASS "*) ok 0 "$label: ${line#PASS }" ;;
		"FAIL "*) ok 1 "$label: ${line#FAIL }" ;;
		*) printf '# %s\n' "$line" ;;
		esac
	done <"$tmp/out"
	schema_ok "$label: the document is valid against the schema" "$tmp/doc.json"
}

round "as $(id -un)" own "$IPCTOP"

if [ "$(id -u)" -ne 0 ]; then
	skip "not root: no round as nobody"
elif ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	ci_skip "setpriv or the user nobody missing"
else
	group=nogroup
	getent group nogroup >/dev/null 2>&1 || group=nobody
	cp "$IPCTOP" "$tmp/ipctop" && chmod 755 "$tmp/ipctop"
	round "ipctop as nobody" other setpriv --reuid=nobody --regid="$group" --clear-groups "$tmp/ipctop"
fi
tap_done
