"""check_inet.py — ipctop's --json against inet_fixture's record and against ss:
check_inet.py MANIFEST JSON DETAIL_JSON SS_TCP SS_UDP
(DETAIL_JSON: --json -p of the unconnected UDP sender; SS_*: `ss -tanpe`, `ss -uanpe` taken
with the fixture running, as the same user). Expected values come from the fixture's record
and from ss, never from ipctop."""

import re
import sys

import ipcfx

R = ipcfx.Results()


def manifest(path):
    scenes, skips = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if not w or w[0] in ("parent", "ready"):
                continue
            if w[0] == "skip":
                skips.append(" ".join(w[1:]))
                continue
            scenes[w[0]] = dict(t.split("=", 1) for t in w[1:])
    return scenes, skips


def ss_lines(path):
    """One dict per socket line: state, rq, local, peer, ino, users {pid: fd}."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.split()
            if len(w) < 5 or w[0] == "State":
                continue
            ino = re.search(r"\bino:(\d+)", line)
            users = {int(p): int(fd) for _, p, fd in re.findall(r'\("([^"]*)",pid=(\d+),fd=(\d+)\)', line)}
            out.append({"state": w[0], "rq": int(w[1]), "local": w[3], "peer": w[4],
                        "ino": int(ino.group(1)) if ino else 0, "users": users})
    return out


def ss_by_ino(lines, ino):
    return [s for s in lines if s["ino"] == int(ino)]


def chans_with_pid(doc, pid):
    return [c for c in doc["channels"] if int(pid) in ipcfx.ep_pids(c)]


def chan_by_id(doc, cid):
    found = [c for c in doc["channels"] if c.get("id") == cid]
    return found[0] if len(found) == 1 else None


def ends(ch):
    """{pid: endpoint} of the channel's process ends."""
    return {e.get("pid"): e for e in ch.get("endpoints", []) if e.get("pid")}


def far_ends(ch):
    return [e for e in ch.get("endpoints", []) if not e.get("pid")]


def check_end(ch, pid, fd, ino, role, what):
    e = ends(ch).get(int(pid)) if ch else None
    sock = (e or {}).get("socket") or {}
    R.check(e is not None and e.get("fd") == int(fd) and sock.get("inode") == int(ino) and e.get("role") == role,
            "%s: pid %s fd %s inode %s role %s" % (what, pid, fd, ino, role),
            ["endpoint: %r" % e])


def check_ss_owner(ss, ino, pids, state, what):
    lines = ss_by_ino(ss, ino)
    users = lines[0]["users"] if len(lines) == 1 else {}
    R.check(len(lines) == 1 and lines[0]["state"] == state and set(users) == set(int(p) for p in pids),
            "ss agrees: %s inode %s is %s, held by %s" % (what, ino, state, sorted(pids)),
            ["ss: %r" % lines])


def check_udp(doc, detail, ss, sc):
    port, srv, cli, snd = sc["sport"], sc["udp-srv"], sc["udp-cli"], sc["udp-snd"]
    ch = chan_by_id(doc, "udp:127.0.0.1:%s" % port)
    R.check(ch is not None and set(ends(ch)) == {int(srv), int(cli)} and not far_ends(ch),
            "udp: one channel udp:127.0.0.1:%s with the bound server and its client only" % port,
            ["channel: %r" % ch])
    check_end(ch, srv, sc["sfd"], sc["sino"], "server", "udp server")
    check_end(ch, cli, sc["cfd"], sc["cino"], "client", "udp client")
    check_ss_owner(ss, sc["sino"], [srv], "UNCONN", "udp server")
    check_ss_owner(ss, sc["cino"], [cli], "ESTAB", "udp client")
    check_ss_owner(ss, sc["uino"], [snd], "UNCONN", "unconnected sender")
    R.check(not chans_with_pid(doc, snd), "udp: the unconnected sender is in no channel")
    fds = [f for p in detail["processes"] if p["pid"] == int(snd) for f in p.get("detail", {}).get("fds", [])]
    sock = [f.get("socket") for f in fds if f.get("fd") == int(sc["ufd"])]
    R.check(len(sock) == 1 and sock[0] and sock[0].get("inode") == int(sc["uino"]) and
            sock[0].get("state") == "unconnected" and sock[0].get("remote", "").endswith(":0"),
            "udp: the sender's socket says it is unconnected (no peer)", ["fd: %r" % fds])


def check_close_wait(doc, ss, sc):
    pid = sc["closewait"]
    chs = chans_with_pid(doc, pid)
    ch = chs[0] if len(chs) == 1 else None
    check_ss_owner(ss, sc["cino"], [pid], "CLOSE-WAIT", "client")
    e = ends(ch).get(int(pid)) if ch else None
    R.check(e is not None and (e.get("socket") or {}).get("state") == "close_wait" and
            e["socket"].get("inode") == int(sc["cino"]),
            "closewait: the client's end shows state close_wait", ["channel: %r" % ch])
    far = far_ends(ch) if ch else []
    R.check(len(far) == 1 and far[0].get("role") == "peer closed" and
            far[0].get("remote") == "127.0.0.1:%s" % sc["lport"],
            "closewait: the gone server is 'peer closed' at 127.0.0.1:%s, not remote" % sc["lport"],
            ["far ends: %r" % far])
    orphan = [s for s in ss if s["local"] == "127.0.0.1:%s" % sc["lport"] and s["peer"] == "127.0.0.1:%s" % sc["cport"]]
    if orphan and far and far[0].get("socket"):
        want = re.sub(r"_(\d)$", r"\1", orphan[0]["state"].lower().replace("-", "_"))   # FIN-WAIT-2
        R.check(far[0]["socket"].get("state") == want,
                "closewait: the peer closed end names the orphan ss shows (%s)" % orphan[0]["state"],
                ["far end: %r" % far])
    R.check(ch is not None and ch.get("bytes", 0) == 0, "closewait: no payload, no bytes (SYN and FIN not counted)",
            ["channel bytes: %r" % (ch or {}).get("bytes")])


def check_time_wait(doc, ss, sc):
    tw = [s for s in ss if s["local"] == "127.0.0.1:%s" % sc["cport"] and s["peer"] == "127.0.0.1:%s" % sc["lport"]]
    R.check(len(tw) == 1 and tw[0]["state"] == "TIME-WAIT" and not tw[0]["users"],
            "ss shows the TIME-WAIT orphan 127.0.0.1:%s with no process" % sc["cport"], ["ss: %r" % tw])
    bad = [c["id"] for c in doc["channels"] if c["kind"] == "tcp" and
           (":%s-" % sc["cport"] in c["id"] or c["id"].endswith(":%s" % sc["cport"]) or
            any(e.get("remote") == "127.0.0.1:%s" % sc["cport"] for e in c["endpoints"]))]
    R.all_of("timewait: the orphan makes no channel and no remote end", bad)
    check_ss_owner(ss, sc["lino"], [sc["timewait"]], "LISTEN", "its listener")
    R.check(not chans_with_pid(doc, sc["timewait"]), "timewait: a listener of one process, nothing pending, is no channel")


def check_pending(doc, ss, sc):
    lis, cli = sc["pend-lis"], sc["pend-cli"]
    ch = chan_by_id(doc, "tcp:listen:127.0.0.1:%s" % sc["lport"])
    R.check(ch is not None and set(ends(ch)) == {int(lis), int(cli)} and not far_ends(ch),
            "pending: the un-accepted client is in the listener's channel, no remote", ["channel: %r" % ch])
    check_end(ch, lis, sc["lfd"], sc["lino"], "listen", "pending listener")
    check_end(ch, cli, sc["cfd"], sc["cino"], "client", "pending client")
    check_ss_owner(ss, sc["cino"], [cli], "ESTAB", "pending client")
    lines = ss_by_ino(ss, sc["lino"])
    R.check(len(lines) == 1 and lines[0]["state"] == "LISTEN" and lines[0]["rq"] == 1,
            "ss agrees: the listener has one connection waiting in its accept queue", ["ss: %r" % lines])
    child = [s for s in ss if s["local"] == "127.0.0.1:%s" % sc["lport"] and s["peer"] == "127.0.0.1:%s" % sc["cport"]]
    R.check(len(child) == 1 and not child[0]["users"] and child[0]["ino"] == 0,
            "ss agrees: the server side is not accepted yet (no inode, no process)", ["ss: %r" % child])
    R.check(len(chans_with_pid(doc, cli)) == 1, "pending: the client is in that one channel only")


def check_forked(doc, ss, sc):
    pids = [sc["fork-mst"]] + sc["wrk"].split(",")
    ch = chan_by_id(doc, "tcp:listen:127.0.0.1:%s" % sc["lport"])
    R.check(ch is not None and set(ends(ch)) == set(int(p) for p in pids) and not far_ends(ch),
            "forked: one listener channel with the master and both workers", ["channel: %r" % ch])
    for p in pids:
        check_end(ch, p, sc["lfd"], sc["lino"], "listen", "forked holder")
    check_ss_owner(ss, sc["lino"], pids, "LISTEN", "shared listener")
    n = [c["id"] for c in doc["channels"] if any((e.get("socket") or {}).get("inode") == int(sc["lino"]) for e in c["endpoints"])]
    R.check(len(n) == 1, "forked: the shared listener is one object, not one per holder", n)


def check_scm(doc, ss, sc):
    a, b, srv = sc["scm-a"], sc["scm-b"], sc["scm-srv"]
    R.check(sc["cino"] == sc["bino"], "scm: the fixture passed the very socket (same inode)")
    check_ss_owner(ss, sc["cino"], [a, b], "ESTAB", "passed socket")
    check_ss_owner(ss, sc["sino"], [srv], "ESTAB", "accepting end")
    chs = [c for c in doc["channels"] if any((e.get("socket") or {}).get("inode") == int(sc["cino"]) for e in c["endpoints"])]
    ch = chs[0] if len(chs) == 1 else None
    R.check(ch is not None and set(ends(ch)) == {int(a), int(b), int(srv)} and not far_ends(ch),
            "scm: one channel: both holders of the passed socket and the server, nothing remote",
            ["channels: %r" % chs])
    check_end(ch, a, sc["cfd"], sc["cino"], "client", "sender holding the socket")
    check_end(ch, b, sc["bfd"], sc["cino"], "client", "receiver holding the socket")
    check_end(ch, srv, sc["sfd"], sc["sino"], "server", "accepting end")


def check_endpoint_order(doc, scenes):
    """ipctop(1), channel object: endpoints by pid, those without a process last; on the
    channels of the fixture's sockets (by the inodes of its record) only."""
    inodes = {int(v) for sc in scenes.values() for k, v in sc.items() if k.endswith("ino")}
    bad, seen = [], 0
    for c in doc["channels"]:
        if not any((e.get("socket") or {}).get("inode") in inodes for e in c["endpoints"]):
            continue
        seen += 1
        pids = [e.get("pid") for e in c["endpoints"]]
        real = [p for p in pids if p is not None]
        if real != sorted(real) or pids[:len(real)] != real:
            bad.append("%s: %r" % (c["id"], pids))
    R.check(not bad and seen > 0, "the fixture's %d channels: endpoints in pid order, ends without "
            "a process last" % seen, bad)


def main():
    scenes, skips = manifest(sys.argv[1])
    doc = ipcfx.load_json(ipcfx.read_bytes(sys.argv[2]))
    detail = ipcfx.load_json(ipcfx.read_bytes(sys.argv[3]))
    tcp, udp = ss_lines(sys.argv[4]), ss_lines(sys.argv[5])
    checks = {"udp": lambda sc: check_udp(doc, detail, udp, sc),
              "closewait": lambda sc: check_close_wait(doc, tcp, sc),
              "timewait": lambda sc: check_time_wait(doc, tcp, sc),
              "pending": lambda sc: check_pending(doc, tcp, sc),
              "forked": lambda sc: check_forked(doc, tcp, sc),
              "scm": lambda sc: check_scm(doc, tcp, sc)}
    ipcfx.run_scenes(R, "inet_fixture", scenes, skips, checks)
    check_endpoint_order(doc, scenes)
    R.done()


main()
