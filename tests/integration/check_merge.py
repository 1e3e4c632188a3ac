#!/usr/bin/env python3
"""check_merge.py — the merged snapshot of the two-host test against the peers' own records.
  check_merge.py MERGED.json HOSTA.json HOSTB.json SERVER_RECORD CLIENT_RECORD
Prints TAP lines (no plan); exit status 0."""
import json
import sys

n = 0


def ok(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok") + f" {n} - {what}")


def rec(path):
    return dict(kv.split("=", 1) for kv in open(path).read().split())


merged, ha, hb = (json.load(open(p)) for p in sys.argv[1:4])
srv, cli = rec(sys.argv[4]), rec(sys.argv[5])
name_a, name_b = "hostA", "hostB"


def tuple_chans(doc, local, remote):
    out = []
    for ch in doc["channels"]:
        for ep in ch["endpoints"]:
            s = ep.get("socket") or {}
            if s.get("local") == local and s.get("remote") == remote:
                out.append(ch)
    return out


# each host alone saw its side with a remote end (what there is to join)
a_side = tuple_chans(ha, srv["local"], srv["remote"])
b_side = tuple_chans(hb, cli["local"], cli["remote"])
ok(len(a_side) == 1 and any(e.get("remote") == srv["remote"] for e in a_side[0]["endpoints"]),
   "host A alone: the server's connection with a remote end at the client's address")
ok(len(b_side) == 1 and any(e.get("remote") == cli["remote"] for e in b_side[0]["endpoints"]),
   "host B alone: the client's connection with a remote end at the server's address")

cross = [ch for ch in merged["channels"] if len({e.get("host") for e in ch["endpoints"]}) > 1]
ok(len(cross) == 1, f"merged: exactly one channel joins the two hosts (got {len(cross)})")
if cross:
    ch = cross[0]
    ends = {(e.get("host"), e.get("pid")) for e in ch["endpoints"]}
    ok(ch["kind"] == "tcp", "merged: it is TCP")
    ok(ends == {(name_a, int(srv["pid"])), (name_b, int(cli["pid"]))},
       f"merged: its ends are host A's server pid {srv['pid']} and host B's client pid "
       f"{cli['pid']} (got {sorted(ends, key=str)})")
    ok(not any("remote" in e for e in ch["endpoints"]), "merged: no remote end left on it")
ok(all(e.get("host") in (name_a, name_b) for ch in merged["channels"] for e in ch["endpoints"])
   and all(p.get("host") in (name_a, name_b) for p in merged["processes"]),
   "merged: every process and endpoint names its host")
ok(len(merged["processes"]) == len(ha["processes"]) + len(hb["processes"]),
   "merged: the processes of both hosts, none lost (pids repeat across PID namespaces)")
ok(len(merged["channels"]) == len(ha["channels"]) + len(hb["channels"]) - 1,
   "merged: one channel fewer than the two hosts' together, nothing else joined")
