"""check_share.py RECORD JSON DOT — ipctop --json and --dot against share_fixture's record and
/proc/PID/maps read here: one anon_shm channel holding exactly the region's mappers, each with
the address, size and access of its mapping; the writer-only pipe marked one_ended, held by its
two writers only, which share no other channel; DOT draws it as a dashed one-ended node, never
as an edge between the writers."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402


def parse_record(path):
    shm, pipe = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if not words:
                continue
            kv = dict(w.split("=", 1) for w in words[1:] if "=" in w)
            if words[0] == "shm":
                shm.append({"pid": int(kv["pid"]), "addr": int(kv["addr"], 16),
                            "size": int(kv["size"]), "access": kv["access"]})
            elif words[0] == "oe_pipe":
                pipe = {"ino": int(kv["ino"]),
                        "writers": sorted(int(w.split("=")[1]) for w in words[1:]
                                          if w.startswith("writer="))}
    return shm, pipe


def maps_line(pid, addr):
    """The kernel's maps line of pid starting at addr, as a dict, or None."""
    with open("/proc/%d/maps" % pid, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ ([0-9a-f]+):([0-9a-f]+) (\d+)\s*(.*)$",
                         line.rstrip("\n"))
            if m and int(m.group(1), 16) == addr:
                return {"start": addr, "end": int(m.group(2), 16), "perms": m.group(3),
                        "dev": os.makedev(int(m.group(4), 16), int(m.group(5), 16)),
                        "ino": int(m.group(6)), "path": m.group(7)}
    return None


def access_of(perms):
    return ("r" if perms[0] == "r" else "") + ("w" if perms[1] == "w" else "")


def check_shm(r, doc, shm):
    kernel = {s["pid"]: maps_line(s["pid"], s["addr"]) for s in shm}
    problems = ["pid %d: no mapping at %#x in maps" % (p, shm[i]["addr"])
                for i, p in enumerate(kernel) if kernel[p] is None]
    r.all_of("the kernel shows each holder's region at the recorded address", problems)
    lines = [k for k in kernel.values() if k]
    r.check(lines and all(k["path"] == "/dev/zero (deleted)" and k["perms"][3] == "s" for k in lines),
            "maps name the region '/dev/zero (deleted)', shared ('s')",
            ["%r %s" % (k["path"], k["perms"]) for k in lines])
    inodes = {(k["dev"], k["ino"]) for k in lines}
    r.check(len(inodes) == 1, "one (device, inode) for the region in every holder", [str(inodes)])
    pids = {s["pid"] for s in shm}
    chans = [c for c in doc["channels"] if c["kind"] == "anon_shm" and pids & set(ipcfx.ep_pids(c))]
    if not r.check(len(chans) == 1, "one anon_shm channel holds the region (%d found)" % len(chans)):
        return
    ch = chans[0]
    dev, ino = next(iter(inodes)) if len(inodes) == 1 else (None, None)
    r.check(ch["id"] == "anon_shm:%d:%d" % (dev or 0, ino or 0), "its id names the maps' device and inode",
            [ch["id"]])
    r.check(sorted(ipcfx.ep_pids(ch)) == sorted(pids), "its endpoints are exactly the holders",
            ["json %s, record %s" % (sorted(ipcfx.ep_pids(ch)), sorted(pids))])
    by_pid = {e["pid"]: e for e in ch["endpoints"]}
    problems = []
    for s in shm:
        e, k = by_pid.get(s["pid"]), kernel[s["pid"]]
        if not e or not k:
            continue
        want = (k["start"], k["end"] - k["start"], access_of(k["perms"]), None)
        got = (e.get("addr"), e.get("size"), e.get("access"), e.get("fd"))
        if got != want or (s["addr"], s["size"], s["access"]) != want[:3]:
            problems.append("pid %d: json %s, maps %s, record %s" % (s["pid"], got, want, s))
    r.all_of("each endpoint: addr, size and access as maps and the record say, no fd", problems)
    r.check(any(s["access"] == "r" for s in shm), "one holder maps it read-only (access 'r' is tested)")


def check_pipe(r, doc, pipe):
    chans = [c for c in doc["channels"] if c["id"] == "pipe:%d" % pipe["ino"]]
    if not r.check(len(chans) == 1, "the writer-only pipe is a channel"):
        return
    ch = chans[0]
    r.check(ch.get("one_ended") is True, "it is marked one_ended")
    r.check(sorted(ipcfx.ep_pids(ch)) == pipe["writers"], "held by the two writers only",
            [str(ipcfx.ep_pids(ch))])
    r.check(all(e["access"] == "w" for e in ch["endpoints"]), "both ends write")
    both = [c["id"] for c in doc["channels"] if set(pipe["writers"]) <= set(ipcfx.ep_pids(c))
            and not c.get("one_ended")]
    r.check(not both, "the writers share no channel that is not one-ended", both)
    marked = [c["id"] for c in doc["channels"] if c.get("one_ended") and c["kind"] not in ("pipe", "fifo")]
    r.check(not marked, "only pipes and FIFOs are one-ended", marked)


def check_dot(r, dot, pipe):
    a, b = pipe["writers"]
    r.check(not re.search(r"\bp%d -- p%d\b|\bp%d -- p%d\b" % (a, b, b, a), dot),
            "DOT: no edge between the two writers")
    hubs = set()
    for w in (a, b):
        m = re.search(r'  p%d -- (c\d+) \[[^]]*style=dashed[^]]*tooltip="pipe:%d"' % (w, pipe["ino"]), dot)
        r.check(m is not None, "DOT: writer %d joined to the pipe's node by a dashed edge" % w)
        hubs |= {m.group(1)} if m else set()
    r.check(len(hubs) == 1 and re.search(r'  %s \[shape=ellipse, style="filled,dashed"[^]]*label="pipe '
                                         r'\(one-ended\)' % hubs.pop(), dot) is not None,
            "DOT: the pipe is one dashed node labelled one-ended")


def main():
    r = ipcfx.Results()
    shm, pipe = parse_record(sys.argv[1])
    doc = ipcfx.load_json(ipcfx.read_bytes(sys.argv[2]))
    with open(sys.argv[3], encoding="utf-8") as f:
        dot = f.read()
    check_shm(r, doc, shm)
    check_pipe(r, doc, pipe)
    check_dot(r, dot, pipe)
    r.done()


main()
