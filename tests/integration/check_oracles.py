"""check_oracles.py MANIFEST JSON LSOF SS_ANP SS_XP — compare the pairs of processes that share
a channel in `ipctop --json` with what two tools that are not ipctop say about the same
ipc_fixture load: `lsof -n -P +E -F pcfatDin -p PIDS`, `ss -Hanp` and `ss -Hxp`.

Descriptors are folded to processes the way each tool documents them:
  lsof: +E puts the other end "PID,cmd,FDmode" of a pipe, pty, POSIX mq, eventfd, UNIX socket
        and loopback TCP/UDP socket in NAME; files with the same type, DEVICE and NODE are one
        file (regular files, FIFOs and pipes, and the shared memory a process maps: /dev/shm,
        /SYSV, /memfd: rows; a /SYSV row's NODE is the segment's id, numbered apart from the
        inodes of memfd rows on the same device); an eventfd is named [eventfd:ID] (all share
        one anonymous inode).
  ss:   a UNIX socket names its peer's inode (Peer column); a TCP/UDP socket pairs with the one
        whose local and peer addresses are its own reversed (IPv4-mapped IPv6 read as IPv4);
        users:(("cmd",pid=N,fd=M),...) are its holders.
A pair of the manifest is checked against every oracle that covers its kind: both must show
it, or, for a known disagreement (KNOWN), ipctop shows it and the oracle does not — asserted
as the oracle's error, so a test run says so when the oracle changes. Every pair an oracle
shows among fixture processes must be one ipctop shows, and lsof's access mode of every
descriptor ipctop lists as an endpoint must be ipctop's access."""

import itertools
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402

# The kinds each oracle can see at all. lsof lists no SysV message queue (it is no file, and
# its holders are only last sender/receiver numbers); ss sees sockets only.
COVERS = {
    "lsof": {"pipe", "fifo", "unix", "tcp", "udp", "sysv_shm", "posix_shm", "posix_mq", "memfd",
             "pty", "eventfd"},
    "ss": {"unix", "tcp", "udp"},
}

# (oracle, manifest label): why the oracle misses a pair the kernel has.
KNOWN = {
    ("lsof", "tcp/mapped"):
        "lsof +E matches loopback TCP ends within one address family only: the IPv6 server "
        "socket with IPv4-mapped addresses and its IPv4 client get no endpoint, though they are "
        "one connection (ss shows the reversed tuples)",
    ("ss", "unix/pending"):
        "ss shows peer 0 on both a listener and a client whose connection is not accepted yet: "
        "it does not read the listener's queue (UNIX_DIAG_ICONS), where the kernel links them",
}

ENDPOINT = re.compile(r"^(\d+),[^,]*,(\d+)([rwu]?)$")
SHM_NAMES = ("/dev/shm/", "/SYSV", "/memfd:")


def label_of(mc):
    v = mc["tok"].get("variant")
    return mc["kind"] + ("/" + v if v else "")


def read_lsof(path):
    """-F pcfatDin output -> list of file dicts {pid, fd, type, access, dev, ino, name}."""
    files, pid, cur = [], None, None
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            tag, val = line[:1], line[1:].rstrip("\n")
            if tag == "p":
                pid, cur = int(val), None
            elif tag == "f":
                cur = {"pid": pid, "fd": val, "type": "", "access": "", "dev": "", "ino": "", "name": ""}
                files.append(cur)
            elif cur is not None and tag in "atDin":
                cur[{"a": "access", "t": "type", "D": "dev", "i": "ino", "n": "name"}[tag]] = val
    return files


def lsof_groups(files):
    """Sets of pids that lsof says share one object."""
    groups, by_key = [], {}
    for fi in files:
        for tok in fi["name"].split():
            m = ENDPOINT.match(tok)
            if m:
                groups.append({fi["pid"], int(m.group(1))})
        key = None
        ev = re.match(r"^\[eventfd:(\d+)\]", fi["name"])
        if ev:
            key = ("eventfd", ev.group(1))
        elif fi["type"] in ("REG", "FIFO") and fi["dev"] and fi["ino"]:
            if fi["fd"].isdigit() or fi["name"].startswith(SHM_NAMES):
                # a SysV segment's NODE is its shmid, not an inode of the internal tmpfs
                # (ipc/shm.c sets i_ino to the id): it can equal a memfd's inode there
                sysv = fi["name"].startswith("/SYSV")
                key = (fi["type"], fi["dev"], fi["ino"], sysv)
        if key:
            by_key.setdefault(key, set()).add(fi["pid"])
    return groups + list(by_key.values())


def read_ss(paths):
    """Rows of ss -H output: {net, local, peer, lino, pino, pids}; UNIX rows have inodes."""
    rows = []
    for path in paths:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                head, _, users = line.partition("users:")
                w = head.split()
                if len(w) < 6:
                    continue
                pids = {int(p) for p in re.findall(r"pid=(\d+)", users)}
                if w[0].startswith("u_"):
                    rows.append({"net": "unix", "lino": w[-3], "pino": w[-1], "pids": pids})
                elif w[0] in ("tcp", "udp"):
                    rows.append({"net": w[0], "local": unmap(w[-2]), "peer": unmap(w[-1]), "pids": pids})
    return rows


def unmap(addr):
    """[::ffff:1.2.3.4]:80 -> 1.2.3.4:80 (the same socket address, written as IPv4)."""
    m = re.match(r"^\[::ffff:(\d+\.\d+\.\d+\.\d+)\]:(\S+)$", addr)
    return "%s:%s" % m.groups() if m else addr


def ss_groups(rows):
    groups, by_ino, by_tuple = [], {}, {}
    for r in rows:
        if r["net"] == "unix":
            by_ino.setdefault(r["lino"], set()).update(r["pids"])
        else:
            by_tuple.setdefault((r["net"], r["local"], r["peer"]), set()).update(r["pids"])
    for r in rows:
        if r["net"] == "unix" and r["pino"] not in ("0", "*"):
            groups.append(r["pids"] | by_ino.get(r["pino"], set()))
        elif r["net"] != "unix":
            groups.append(r["pids"] | by_tuple.get((r["net"], r["peer"], r["local"]), set()))
    return groups


def pairs(groups, pids):
    out = set()
    for g in groups:
        for p, q in itertools.combinations(sorted(g & pids), 2):
            out.add(frozenset((p, q)))
    return out


def check_manifest_pairs(res, man, ipc, oracles):
    for mc in man["channels"]:
        if mc["b"] == 0:
            continue   # an off-host peer: no pair of processes to compare
        label, pair = label_of(mc), frozenset((mc["a"], mc["b"]))
        res.check(pair in ipc, "%s: ipctop pairs %d and %d" % (label, mc["a"], mc["b"]))
        for name, got in oracles.items():
            if mc["kind"] not in COVERS[name]:
                print("# %s: %s does not cover this kind" % (label, name))
                continue
            why = KNOWN.get((name, label))
            if why:
                res.check(pair in ipc and pair not in got,
                          "%s: %s's known error: %s" % (label, name, why),
                          ["%s now shows the pair: the disagreement is gone, update KNOWN" % name]
                          if pair in got else [])
            else:
                res.check(pair in got, "%s: %s shows the pair %d-%d too" % (label, name, mc["a"], mc["b"]))


def check_dgram_server_row(res, man, rows):
    """ss: the datagram server's own row has peer 0 (the kernel keeps no peer on an
    unconnected server), its client's row names the server: the pair comes from one side."""
    for mc in man["channels"]:
        if label_of(mc) != "unix/dgramserver":
            continue
        srv = [r for r in rows if r.get("lino") == mc["tok"]["inoa"]]
        cli = [r for r in rows if r.get("lino") == mc["tok"]["inob"]]
        res.check(srv and cli and all(r["pino"] == "0" for r in srv) and
                  all(r["pino"] == mc["tok"]["inoa"] for r in cli),
                  "unix/dgramserver: ss's known error: the server's row shows peer 0, only the "
                  "client's row names the server (ipctop joins them through the client)",
                  ["server rows %s, client rows %s" % (srv, cli)])


def check_no_extra_pairs(res, ipc, oracles):
    for name, got in oracles.items():
        extra = sorted(tuple(sorted(p)) for p in got - ipc)
        res.all_of("every pair %s shows among fixture processes is one ipctop shows (%d pairs)"
                   % (name, len(got & ipc)), ["%s only: %s" % (name, extra)] if extra else [])


def check_access(res, doc, files, children):
    """lsof's mode of each descriptor (r, w, u) is ipctop's access of that endpoint."""
    mode = {(f["pid"], f["fd"]): f["access"] for f in files if f["fd"].isdigit()}
    want = {"r": "r", "w": "w", "u": "rw"}
    probs, n = [], 0
    for ch in doc.get("channels", []):
        for e in ch.get("endpoints", []):
            if e.get("pid") not in children or e.get("fd") is None:
                continue
            n += 1
            m = mode.get((e["pid"], str(e["fd"])))
            if want.get(m) != e.get("access"):
                probs.append("%s pid %d fd %d: ipctop %r, lsof mode %r" % (
                    ch.get("kind"), e["pid"], e["fd"], e.get("access"), m))
    res.all_of("lsof's access mode of every descriptor endpoint is ipctop's (%d)" % n,
               probs + ([] if n else ["no descriptor endpoint of a fixture child"]))


def main():
    res = ipcfx.Results()
    man = ipcfx.parse_manifest(sys.argv[1])
    doc = ipcfx.load_json(ipcfx.read_bytes(sys.argv[2]))
    files, rows = read_lsof(sys.argv[3]), read_ss(sys.argv[4:6])
    children = {mc[s] for mc in man["channels"] for s in ("a", "b")} - {0}
    res.check(any(f["pid"] in children for f in files), "lsof lists the fixture's processes")
    res.check(any(r["pids"] & children for r in rows), "ss lists the fixture's sockets")
    ipc = pairs([{e.get("pid") for e in ch.get("endpoints", [])} for ch in doc.get("channels", [])],
                children)
    oracles = {"lsof": pairs(lsof_groups(files), children), "ss": pairs(ss_groups(rows), children)}
    check_manifest_pairs(res, man, ipc, oracles)
    check_dgram_server_row(res, man, rows)
    check_no_extra_pairs(res, ipc, oracles)
    check_access(res, doc, files, children)
    res.done()


main()
