"""check_load.py JSON READY-LINE [--markdown] — how completely `ipctop --json` saw the
benchmark load: READY-LINE is what bench/loadgen printed ("ready N pid=P pairs=... pipe=...").
A load process is a descendant of P; a pair is a leader (child of P) and its partner (child of
the leader). Counts, by kind, the channels whose endpoints are exactly one pair's two processes
(UNIX split by socket type; a pipe counts only with a write end in one process and a read end in
the other) against what loadgen made, and the channels that join a load process to anything
else. Exit status 0 when every process and channel was found and none was spurious."""

import json
import sys

KINDS = ("pipe", "unix_stream", "unix_dgram", "tcp", "sysv_shm", "posix_shm")


def parse_ready(line):
    words = line.split()
    if len(words) < 2 or words[0] != "ready":
        raise SystemExit("check_load.py: not a loadgen ready line: %r" % line)
    fields = dict(w.split("=", 1) for w in words[2:] if "=" in w)
    made = {k: int(fields.get(k, 0)) for k in KINDS}
    return int(words[1]), int(fields["pid"]), made


def load_pairs(procs, root):
    """{pid: pair number} for leaders (children of root) and partners (children of a leader)."""
    leaders = sorted(p["pid"] for p in procs if p.get("ppid") == root)
    pair_of = {pid: i for i, pid in enumerate(leaders)}
    for p in procs:
        if p.get("ppid") in pair_of and p["pid"] not in pair_of:
            pair_of[p["pid"]] = pair_of[p["ppid"]]
    return pair_of


def sub_kind(ch):
    if ch["kind"] != "unix":
        return ch["kind"]
    types = {(e.get("socket") or {}).get("type") for e in ch.get("endpoints", [])}
    return "unix_" + types.pop() if len(types) == 1 else "unix_mixed"


def is_pair_channel(ch, pair_of):
    eps = ch.get("endpoints", [])
    pids = {e.get("pid") for e in eps}
    if len(pids) != 2 or not pids <= pair_of.keys() or len({pair_of[p] for p in pids}) != 1:
        return False
    if ch["kind"] == "pipe":   # one writer, one reader, in different processes
        writers = {e["pid"] for e in eps if e.get("access") == "w"}
        readers = {e["pid"] for e in eps if e.get("access") == "r"}
        return len(writers) == 1 and len(readers) == 1 and writers != readers
    return True


def count(snapshot, pair_of):
    found = dict.fromkeys(KINDS, 0)
    spurious = 0
    for ch in snapshot.get("channels", []):
        touches = any(e.get("pid") in pair_of for e in ch.get("endpoints", []))
        if not touches:
            continue
        kind = sub_kind(ch)
        if is_pair_channel(ch, pair_of) and kind in found:
            found[kind] += 1
        else:
            spurious += 1
    return found, spurious


def report(n_procs, seen_procs, made, found, spurious, markdown):
    rows = [("processes", n_procs, seen_procs)] + [(k, made[k], found[k]) for k in KINDS]
    if markdown:
        print("| what | loadgen made | ipctop found |")
        print("| --- | ---: | ---: |")
        for name, want, got in rows:
            print("| %s | %d | %d%s |" % (name, want, got, "" if got == want else " (!)"))
        print("| channels joining a load process to anything else | 0 | %d |" % spurious)
    else:
        for name, want, got in rows:
            print("%-12s made %6d  found %6d%s" % (name, want, got, "" if got == want else "  MISMATCH"))
        print("%-12s %d channels join a load process to something outside its pair" % ("spurious", spurious))
    return all(got == want for _, want, got in rows) and spurious == 0


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    n_procs, root, made = parse_ready(argv[2])
    with open(argv[1], "rb") as f:
        snapshot = json.load(f)
    pair_of = load_pairs(snapshot.get("processes", []), root)
    found, spurious = count(snapshot, pair_of)
    good = report(n_procs, len(pair_of), made, found, spurious, "--markdown" in argv[3:])
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
