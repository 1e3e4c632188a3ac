"""check_servers.py — ipctop --json against real PostgreSQL and nginx, with the expected
answer taken from the kernel (/proc/PID/maps, /proc/PID/stat, /proc/PID/status) and from ss,
never from ipctop. Prints "ok - ..." / "not ok - ..." lines (fixture_lib.sh's fx_py relays them).

  check_servers.py pg JSON POSTMASTER UNIX_PSQL UNIX_BACKEND TCP_PSQL TCP_BACKEND PORT
  check_servers.py pg-user JSON POSTMASTER
  check_servers.py nginx JSON MASTER PORT CLIENT_PID
  check_servers.py redis JSON SERVER PORT SOCKET_PATH TCP_CLIENT TCP_CLIENT UNIX_CLIENT
"""
import json
import os
import re
import subprocess
import sys


def report(cond, text, detail=None):
    print(("ok - " if cond else "not ok - ") + text)
    if not cond and detail is not None:
        for line in str(detail).splitlines()[:20]:
            print("#   " + line)


def children(pid):
    out = []
    for p in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{p}/stat", errors="replace").read()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
            out.append(int(p))
    return out


def shared_maps(pid):
    """(path, inode, size, perms) of every shared mapping of pid, as its maps file says."""
    out = []
    with open(f"/proc/{pid}/maps") as f:
        for line in f:
            parts = line.split(None, 5)
            if len(parts) < 6 or parts[1][3] != "s":
                continue
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            out.append((parts[5].rstrip("\n"), int(parts[4]), hi - lo, parts[1]))
    return out


def holders(cluster, want):
    """inode -> (path, set of pids, sizes) for the shared mappings whose path matches want."""
    found = {}
    for pid in cluster:
        for path, ino, size, _ in shared_maps(pid):
            if want(path):
                entry = found.setdefault(ino, (path, set(), set()))
                entry[1].add(pid)
                entry[2].add(size)
    return found


def channels(doc, kind):
    return [c for c in doc["channels"] if c["kind"] == kind]


def pids(chan):
    return {e["pid"] for e in chan["endpoints"] if e.get("pid") is not None}


def mapping_pids(chan):
    """The pids of the endpoints that are mappings (no descriptor)."""
    return {e["pid"] for e in chan["endpoints"] if e.get("pid") is not None and e.get("fd") is None}


def check_mapped(doc, kind, what, found):
    report(len(found) > 0, f"the cluster maps at least one {what} (kernel: /proc/PID/maps)")
    for ino, (path, want, sizes) in sorted(found.items()):
        match = [c for c in channels(doc, kind) if mapping_pids(c) == want]
        report(len(match) == 1, f"{what} {path} (inode {ino}): one {kind} channel whose mappings "
               f"are the {len(want)} processes that map it",
               [sorted(mapping_pids(c)) for c in channels(doc, kind)])
        if len(match) == 1 and kind == "anon_shm":
            ends = [e for e in match[0]["endpoints"] if e["pid"] in want]
            report(all(e.get("size") in sizes for e in ends),
                   f"{what} inode {ino}: every endpoint's size is the mapping's ({sorted(sizes)})",
                   [e.get("size") for e in ends])


def netns_of(pid):
    """The inode of pid's network namespace, as the kernel says (/proc/PID/ns/net)."""
    try:
        return os.stat(f"/proc/{pid}/ns/net").st_ino
    except OSError:
        return None


def check_pair(doc, kind, a, b, text):
    match = [c for c in channels(doc, kind) if {a, b} <= pids(c)]
    report(len(match) == 1, text, [c["id"] for c in channels(doc, kind) if pids(c) & {a, b}])
    if len(match) == 1 and kind in ("unix", "tcp", "udp"):
        want = netns_of(a)
        got = [match[0].get("netns")] + [(e.get("socket") or {}).get("netns") for e in match[0]["endpoints"]]
        report(want is not None and set(got) == {want},
               f"{kind} channel of {a} and {b}: its netns and its sockets' are {a}'s (kernel: ns/net)",
               {"want": want, "got": got})
    return match[0] if len(match) == 1 else None


def pg(doc, postmaster, upsql, ubackend, tpsql, tbackend, port):
    cluster = [postmaster] + children(postmaster)
    report(ubackend in cluster and tbackend in cluster,
           "both psql sessions' backends are children of the postmaster (kernel: stat)")
    # MAP_SHARED|MAP_ANONYMOUS reads "/dev/zero (deleted)" in maps (linux-ipc notes, §10)
    anon = holders(cluster, lambda p: p == "/dev/zero (deleted)")
    big = {i: v for i, v in anon.items() if max(v[2]) >= 8 << 20}
    report(len(big) == 1, "the cluster has one shared anonymous region of 8 MiB or more "
           "(the buffer pool, kernel: maps)", anon)
    check_mapped(doc, "anon_shm", "shared anonymous memory", anon)
    for ino, (path, want, _) in big.items():
        report(want == set(cluster), f"every process of the cluster maps the buffer pool "
               f"({len(cluster)} processes)", sorted(set(cluster) - want))
    check_mapped(doc, "sysv_shm", "SysV segment",
                 holders(cluster, lambda p: p.startswith("/SYSV")))
    check_mapped(doc, "posix_shm", "POSIX segment",
                 holders(cluster, lambda p: p.startswith("/dev/shm/PostgreSQL.")))
    check_pair(doc, "unix", upsql, ubackend,
               "psql over the UNIX socket is one unix channel with its backend")
    chan = check_pair(doc, "tcp", tpsql, tbackend,
                      "psql over TCP is one tcp channel with its backend")
    if chan:
        ends = {e["pid"]: e["socket"] for e in chan["endpoints"]}
        report(ends[tbackend]["local"] == f"127.0.0.1:{port}" and
               ends[tpsql]["remote"] == f"127.0.0.1:{port}",
               f"the backend's end is 127.0.0.1:{port}, psql's remote is the same", ends)


def uid_of(pid):
    """The real uid of pid, or None when it has gone since the snapshot."""
    try:
        with open(f"/proc/{pid}/status", errors="replace") as f:
            for line in f:
                if line.startswith("Uid:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return None


def pg_user(doc, postmaster):
    import pwd
    uid = pwd.getpwnam("postgres").pw_uid
    shown = {p["pid"] for p in doc["processes"]}
    cluster = set([postmaster] + children(postmaster))
    others = [p["pid"] for p in doc["processes"] if uid_of(p["pid"]) not in (uid, None)]
    report(not others, "-u postgres --json: no process of another user (kernel: status)", others)
    report(cluster <= shown, f"-u postgres --json: all {len(cluster)} processes of the cluster",
           sorted(cluster - shown))
    # ipctop(1): a channel is kept when one of its ends is a chosen process, with all its ends
    stray = [c["id"] for c in doc["channels"] if not any(e.get("pid") in shown for e in c["endpoints"])]
    report(not stray, "-u postgres --json: every channel has an end among the listed processes", stray)


def ss_sockets(port):
    """(state, local, remote, inode, pids) of every TCP socket on port, as ss -tanpe says."""
    out = subprocess.run(["ss", "-tanpeH"], capture_output=True, text=True, errors="replace", check=True).stdout
    found = []
    for line in out.splitlines():
        f = line.split()
        if len(f) < 5 or not (f[3].endswith(f":{port}") or f[4].endswith(f":{port}")):
            continue
        ino = re.search(r"\bino:(\d+)", line)
        found.append((f[0], f[3], f[4], int(ino.group(1)) if ino else None,
                      {int(p) for p in re.findall(r"pid=(\d+)", line)}))
    return found


def nginx(doc, master, port, client):
    workers = set(children(master))
    socks = ss_sockets(port)
    listen = [s for s in socks if s[0] == "LISTEN"]
    report(len(listen) == 1 and listen[0][4] == workers | {master},
           "ss: the master and its workers hold one listener", socks)
    if len(listen) == 1:
        ino = listen[0][3]
        holding = {e["pid"] for c in doc["channels"] for e in c["endpoints"]
                   if (e.get("socket") or {}).get("inode") == ino}
        report(holding == workers | {master},
               f"ipctop: the listener (inode {ino}) is held by the master and all "
               f"{len(workers)} workers", sorted(holding))
        holders_by_chan = [c for c in doc["channels"] if any(
            (e.get("socket") or {}).get("inode") == ino for e in c["endpoints"])]
        report(len(holders_by_chan) == 1, "ipctop: the shared listener is one channel",
               [c["id"] for c in holders_by_chan])
    accepted = [s for s in socks if s[0] == "ESTAB" and s[1].endswith(f":{port}")]
    report(len(accepted) == 1 and len(accepted[0][4]) == 1 and accepted[0][4] <= workers,
           "ss: one worker holds the accepted keep-alive connection", socks)
    if len(accepted) == 1 and len(accepted[0][4]) == 1:
        worker = next(iter(accepted[0][4]))
        check_pair(doc, "tcp", client, worker,
                   f"ipctop: the keep-alive client pairs with the worker that accepted it ({worker})")


def ss_unix(path):
    """(state, inode, peer inode, pids) of every UNIX stream socket whose name is path, and
    the inode -> pids of every UNIX socket, as ss -xpe says."""
    out = subprocess.run(["ss", "-xapeH"], capture_output=True, text=True, errors="replace", check=True).stdout
    named, owners = [], {}
    for line in out.splitlines():
        f = line.split()
        if len(f) < 8 or f[0] != "u_str":
            continue
        ino, peer = int(f[5]), int(f[7])
        pids = {int(p) for p in re.findall(r"pid=(\d+)", line)}
        owners[ino] = pids
        if f[4] == path:
            named.append((f[1], ino, peer, pids))
    return named, owners


def end_of(chan, pid):
    return next((e for e in chan["endpoints"] if e.get("pid") == pid), None)


def redis(doc, server, port, path, tcp1, tcp2, unix1):
    socks = ss_sockets(port)
    listen = [s for s in socks if s[0] == "LISTEN"]
    report(len(listen) == 1 and listen[0][4] == {server} and listen[0][1] == f"127.0.0.1:{port}",
           f"ss: redis-server alone holds one listener on 127.0.0.1:{port}", socks)
    for client in (tcp1, tcp2):
        theirs = [s for s in socks if s[0] == "ESTAB" and s[4] == {client}]
        ours = [s for s in socks if s[0] == "ESTAB" and s[4] == {server} and
                len(theirs) == 1 and s[2] == theirs[0][1]]
        report(len(theirs) == 1 and len(ours) == 1,
               f"ss: TCP client {client} has one connection, accepted by redis-server", socks)
        chan = check_pair(doc, "tcp", client, server,
                          f"ipctop: TCP client {client} is one tcp channel with redis-server")
        if chan and len(ours) == 1:
            sk = (end_of(chan, server) or {}).get("socket") or {}
            want = {"inode": ours[0][3], "local": f"127.0.0.1:{port}", "remote": theirs[0][1],
                    "listener": f"127.0.0.1:{port}"}
            got = {k: sk.get(k) for k in want}
            report(got == want, f"ipctop: redis-server's end of client {client}'s connection is "
                   f"ss's socket, accepted on the listener", {"want": want, "got": got})
    named, owners = ss_unix(path)
    served = [u for u in named if u[0] == "ESTAB" and u[3] == {server} and
              owners.get(u[2]) == {unix1}]
    report(len(served) == 1, f"ss: redis-server holds one connection on {path} whose peer "
           f"is the UNIX client {unix1}", named)
    chan = check_pair(doc, "unix", unix1, server,
                      f"ipctop: the UNIX client {unix1} is one unix channel with redis-server")
    if chan and len(served) == 1:
        got = {e["pid"]: (e.get("socket") or {}).get("inode") for e in chan["endpoints"]}
        want = {server: served[0][1], unix1: served[0][2]}
        report(got == want, "ipctop: the unix channel's sockets are ss's (server end, client end)",
               {"want": want, "got": got})
    conns = [c for c in channels(doc, "tcp") if server in pids(c)]
    report(len(conns) == 2, "ipctop: redis-server is in exactly the two TCP clients' channels "
           "(ss: no other TCP connection to it)", [c["id"] for c in conns])


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        doc = json.load(f)
    args = [a if a.startswith("/") else int(a) for a in sys.argv[3:]]
    {"pg": pg, "pg-user": pg_user, "nginx": nginx, "redis": redis}[mode](doc, *args)


if __name__ == "__main__":
    main()
