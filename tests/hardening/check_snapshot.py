#!/usr/bin/env python3
"""check_snapshot.py — checks on ipctop --json snapshots for the hardening tests.

Usage: check_snapshot.py [--comm NAME] [--pair KIND PID PID]... [--ppid PID PPID]... FILE...
Each FILE must be valid JSON, valid against the snapshot schema (tests/schema_check.py), and
every endpoint pid (other than 0, an off-host peer) must be in the same snapshot's process list.
  --comm NAME        print how many channels joined two processes of that name ("joined N"),
                     how many snapshots list a process of that name ("seen N"), and each
                     snapshot that lists none ("unseen FILE")
  --pair KIND A B    exactly one KIND channel joins A and B; no KIND channel joins a pid of a
                     pair with any other pid (another pair's, an unrelated one, or a remote)
  --joined KIND A B  some KIND channel has both A and B among its endpoints (others allowed)
  --ppid PID PPID    process PID is listed with parent PPID
Problems are printed as TAP comments; exit status 1 when any file has one."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from schema_check import schema_problems  # noqa: E402  (tests/schema_check.py)


def pair_problems(snap, pairs):
    out = []
    paired = {}
    for kind, a, b in pairs:
        paired[a] = paired[b] = (kind, frozenset((a, b)))
    found = {p: 0 for p in pairs}
    for ch in snap["channels"]:
        pids = frozenset(ep.get("pid") for ep in ch.get("endpoints", []))
        mine = [paired[p] for p in pids if p in paired and paired[p][0] == ch.get("kind")]
        if not mine:
            continue
        if len(ch.get("endpoints", [])) != 2 or any(m[1] != pids for m in mine):
            out.append("channel %s joins %s: crosses a pair" % (ch.get("id"), sorted(pids, key=str)))
            continue
        for p in pairs:
            if p[0] == ch.get("kind") and frozenset(p[1:]) == pids:
                found[p] += 1
    for p, n in found.items():
        if n != 1:
            out.append("%d %s channel(s) join %d and %d, expected 1" % (n, p[0], p[1], p[2]))
    return out


def joined_problems(snap, joins):
    out = []
    for kind, a, b in joins:
        if not any(ch.get("kind") == kind and
                   {a, b} <= {ep.get("pid") for ep in ch.get("endpoints", [])}
                   for ch in snap["channels"]):
            out.append("no %s channel joins %d and %d" % (kind, a, b))
    return out


def ppid_problems(procs, ppids):
    out = []
    for pid, ppid in ppids:
        if pid not in procs:
            out.append("process %d not listed" % pid)
        elif procs[pid].get("ppid") != ppid:
            out.append("process %d listed with ppid %s, expected %d" % (pid, procs[pid].get("ppid"), ppid))
    return out


def problems_of(path, comm, joined, pairs=(), ppids=(), joins=()):
    try:
        with open(path, "rb") as f:
            snap = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError) as e:
        return ["not valid JSON: %s" % e]
    if not isinstance(snap.get("processes"), list) or not isinstance(snap.get("channels"), list):
        return ["no processes/channels lists"]
    procs = {p["pid"]: p for p in snap["processes"]}
    if comm and any(p.get("comm") == comm for p in procs.values()):
        joined[1] += 1
    elif comm:
        joined[2].append(path)
    out = ["schema: " + s for s in schema_problems(snap)]
    for ch in snap["channels"]:
        pids = [ep.get("pid") for ep in ch.get("endpoints", [])]
        missing = [p for p in pids if p and p not in procs]
        if missing:
            out.append("channel %s: endpoint pid(s) %s not in the process list" % (ch.get("id"), missing))
        names = {procs[p].get("comm") for p in pids if p in procs}
        if comm and names == {comm} and len(set(pids)) == 2:
            joined[0] += 1
    return (out + pair_problems(snap, pairs) + ppid_problems(procs, ppids) +
            joined_problems(snap, joins))


def main(argv):
    comm = None
    pairs, ppids, joins = [], [], []
    args = argv[1:]
    while args and args[0].startswith("--"):
        if args[0] == "--comm":
            comm, args = args[1], args[2:]
        elif args[0] == "--pair":
            pairs.append((args[1], int(args[2]), int(args[3])))
            args = args[4:]
        elif args[0] == "--joined":
            joins.append((args[1], int(args[2]), int(args[3])))
            args = args[4:]
        elif args[0] == "--ppid":
            ppids.append((int(args[1]), int(args[2])))
            args = args[3:]
        else:
            sys.exit("check_snapshot.py: unknown option " + args[0])
    bad = 0
    joined = [0, 0, []]   # channels joining two COMM processes; snapshots listing one; not
    for path in args:
        for p in problems_of(path, comm, joined, pairs, ppids, joins):
            print("#   %s: %s" % (path, p))
            bad += 1
    if comm:
        print("joined %d" % joined[0])
        print("seen %d" % joined[1])
        for path in joined[2]:
            print("unseen %s" % path)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
