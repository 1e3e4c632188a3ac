#!/usr/bin/env python3
"""check_traffic.py — the --json --interval and --dot --interval of ipctop against
traffic_fixture's record (tests/fixture/traffic_fixture.c): rates against what the sender
measured itself, byte counts per direction against what the fixture sent, fills against the
fixture's own F_GETPIPE_SZ and mq_getattr; fills null unless root; the flood's two processes'
IPC/s and BUSIEST members; the drops of a UDP receiver that never reads (most of a burst
dropped) and of a UNIX datagram receiver against the kernel's own figures (/proc/net/udp's
drops column, ss -xam's skmem d), read while the fixture ran; the buffers (rcvbuf, sndbuf) of
the idle connection's ends, the UDP and the UNIX datagram receivers against ss -m's rb and tb
(SS_TUAME: ss -tuame, SS_XAM), the idle client's being twice the SO_RCVBUF/SO_SNDBUF it set;
no socket buffer given as 0; the UDP edge of --dot labelled with its drops; a pipe's ends' byte
rates null (no counter: unknown, not 0).
Usage: check_traffic.py MANIFEST JSON DOT root|user PROC_NET_UDP SS_XAM SS_TUAME"""
import re
import sys

import ipcfx

R = ipcfx.Results()
TOLERANCE = 0.25
BUF_ORACLE = ""   # ss -tuame and ss -xam, as main reads them


def manifest(path):
    scenes, skips, measured = {}, [], None
    for line in open(path, encoding="utf-8"):
        w = line.split()
        if not w or w[0] == "ready":
            continue
        tok = dict(t.split("=", 1) for t in w if "=" in t)
        if w[0] == "skip":
            skips.append(" ".join(w[1:]))
        elif w[0] == "measured":
            measured = tok
        elif len(w) >= 3 and w[1].isdigit() and w[2].isdigit():
            scenes[w[0]] = {"a": int(w[1]), "b": int(w[2]), **tok}
    return scenes, skips, measured


def conn_of(doc, a, b, kind="tcp"):
    """The channel of that kind whose ends include pids a and b."""
    for ch in doc["channels"]:
        pids = {e["pid"] for e in ch["endpoints"]}
        if ch["kind"] == kind and a in pids and b in pids:
            return ch
    return None


def end(ch, pid):
    return next((e for e in ch["endpoints"] if e["pid"] == pid), {}) if ch else {}


def near(got, want):
    return isinstance(got, (int, float)) and want > 0 and abs(got - want) <= TOLERANCE * want


def check_flood(doc, sc, measured):
    ch = conn_of(doc, sc["a"], sc["b"])
    tx, rx = end(ch, sc["a"]), end(ch, sc["b"])
    want = float(measured["rate"]) if measured else 0
    R.check(want > 0, "the sender measured its rate (%s)" % measured)
    R.check(near(tx.get("tx_bytes_per_s"), want), "flood: sender's tx rate within 25%% of its own %.0f B/s" % want,
            ["tx_bytes_per_s %r" % tx.get("tx_bytes_per_s")])
    R.check(near(rx.get("rx_bytes_per_s"), want), "flood: receiver's rx rate within 25% of the sender's",
            ["rx_bytes_per_s %r" % rx.get("rx_bytes_per_s")])
    R.check(tx.get("rx_bytes_per_s") == 0 and rx.get("tx_bytes_per_s") == 0,
            "flood: nothing flows back (rates kept apart by direction)",
            ["sender rx %r, receiver tx %r" % (tx.get("rx_bytes_per_s"), rx.get("tx_bytes_per_s"))])
    procs = ipcfx.procs_by_pid(doc)
    wr = procs.get(sc["a"], {}).get("write_bytes_per_s")
    R.check(near(wr, want), "flood: the sender's write rate from /proc/PID/io within 25%", ["write_bytes_per_s %r" % wr])
    for me, peer, who in ((sc["a"], sc["b"], "sender"), (sc["b"], sc["a"], "receiver")):
        p = procs.get(me, {})
        ipc, busy = p.get("ipc_bytes_per_s"), p.get("busiest") or {}
        R.check(near(ipc, want), "flood: the %s's ipc_bytes_per_s (IPC/s) within 25%%" % who, ["ipc_bytes_per_s %r" % ipc])
        R.check(ch is not None and busy.get("channel") == ch["id"] and busy.get("kind") == "tcp" and
                busy.get("peer_pid") == peer and busy.get("remote") is None and near(busy.get("bytes_per_s"), want),
                "flood: the %s's busiest (BUSIEST) is the flood connection, to %d, at its rate" % (who, peer),
                ["busiest %r" % (p.get("busiest"),)])


def check_idle(doc, sc):
    ch = conn_of(doc, sc["a"], sc["b"])
    a, b = end(ch, sc["a"]), end(ch, sc["b"])
    sa, sb = int(sc["a_sent"]), int(sc["b_sent"])
    R.check(a.get("tx_bytes") == sa and a.get("rx_bytes") == sb and b.get("tx_bytes") == sb and b.get("rx_bytes") == sa,
            "idle: each end's tx_bytes/rx_bytes are what each side sent (%d, %d)" % (sa, sb),
            ["a %r/%r, b %r/%r" % (a.get("tx_bytes"), a.get("rx_bytes"), b.get("tx_bytes"), b.get("rx_bytes"))])
    rates = [a.get("tx_bytes_per_s"), a.get("rx_bytes_per_s"), b.get("tx_bytes_per_s"), b.get("rx_bytes_per_s")]
    R.check(rates == [0, 0, 0, 0], "idle: rates 0 both ways, at both ends", ["rates %r" % rates])


def check_backlog(doc, sc):
    ch = conn_of(doc, sc["a"], sc["b"])
    sock = end(ch, sc["a"]).get("socket", {})
    R.check(sock.get("backlog") == 1 and sock.get("backlog_limit") == int(sc["limit"]),
            "listener: backlog 1 of limit %s (one connection not accepted)" % sc["limit"],
            ["socket %r" % sock])


def check_pipe(doc, sc, root):
    ch = conn_of(doc, sc["a"], sc["b"], "pipe")
    R.check(ch is not None, "full pipe: writer %d and reader %d share a pipe" % (sc["a"], sc["b"]))
    if not ch:
        return
    rates = [(e.get("pid"), "tx_bytes_per_s" in e and e["tx_bytes_per_s"], "rx_bytes_per_s" in e and e["rx_bytes_per_s"])
             for e in ch["endpoints"]]
    R.check(len(rates) == 2 and all(r[1:] == (None, None) for r in rates),
            "full pipe: both ends' tx/rx_bytes_per_s null (the kernel counts no pipe bytes: unknown, not 0)",
            ["%r" % rates])
    got = (ch.get("queued_bytes"), ch.get("capacity_bytes"))
    if root:
        size, filled = int(sc["pipe_sz"]), int(sc["filled"])
        R.check(got == (filled, size) and filled == size,
                "full pipe: queued_bytes %d == F_GETPIPE_SZ %d the fixture read" % (filled, size), ["got %r" % (got,)])
    else:
        R.check(got == (None, None) and "queued" not in ch, "full pipe as non-root: queued and capacity null (unknown, not 0)",
                ["got %r, queued %r" % (got, ch.get("queued"))])


def check_mq(doc, sc, root):
    ch = conn_of(doc, sc["a"], sc["b"], "posix_mq")
    R.check(ch is not None, "full POSIX queue: sender and receiver share it")
    if not ch:
        return
    got = (ch.get("queued_messages"), ch.get("capacity_messages"))
    want = (int(sc["curmsgs"]), int(sc["maxmsg"])) if root else (None, None)
    R.check(got == want, "full POSIX queue: queued and capacity %r (%s)" % (want, "root" if root else "not root"),
            ["got %r" % (got,)])


def sock_end(doc, pid, ino):
    """The endpoint of pid whose socket has inode ino, and its channel."""
    for ch in doc["channels"]:
        for e in ch["endpoints"]:
            if e["pid"] == pid and (e.get("socket") or {}).get("inode") == ino:
                return e, ch
    return {}, None


def udp_oracle(text, ino):
    """The drops column of /proc/net/udp's line of socket inode ino, or None."""
    for line in text.splitlines()[1:]:
        w = line.split()
        if len(w) >= 13 and w[9] == str(ino):
            return int(w[12])
    return None


def ss_oracle(text, ino):
    """The d (drops) of ss -xam's skmem for the UNIX socket of inode ino, or None."""
    m = re.search(r"\*\s+%d\s+\*\s+\d+\s+skmem:\([^)]*\bd(\d+)\)" % ino, text)
    return int(m.group(1)) if m else None


def skmem_of(ss_text, ino):
    """(rb, tb) of ss -m's skmem for the socket of inode ino: ss -tuame says "ino:N" on the
    line before, ss -xam the inode in its local port column; or None."""
    m = re.search(r"(?:ino:%d\b[^\n]*\n\s*|\*\s+%d\s+\*\s+\d+\s+)skmem:\(r\d+,rb(\d+),t\d+,tb(\d+)" % (ino, ino),
                  ss_text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def check_bufs(sock, ss_text, what):
    """The socket's rcvbuf and sndbuf are ss -m's rb and tb for its inode."""
    ino = sock.get("inode")
    want = skmem_of(ss_text, ino) if isinstance(ino, int) else None
    got = (sock.get("rcvbuf"), sock.get("sndbuf"))
    R.check(want is not None and got == want, "%s: rcvbuf and sndbuf are ss -m's rb and tb %r" % (what, want),
            ["socket %r" % sock])
    return got


def check_idle_bufs(doc, sc, ss_text):
    ch = conn_of(doc, sc["a"], sc["b"])
    a, b = end(ch, sc["a"]).get("socket", {}), end(ch, sc["b"]).get("socket", {})
    got = check_bufs(a, ss_text, "idle client (SO_RCVBUF/SO_SNDBUF set)")
    want = (2 * int(sc["a_rcvbuf"]), 2 * int(sc["a_sndbuf"]))
    R.check(got == want, "idle client: its buffers are twice the SO_RCVBUF/SO_SNDBUF it set %r" % (want,),
            ["got %r" % (got,)])
    check_bufs(b, ss_text, "idle server (the kernel's own buffers)")


def check_no_zero_bufs(doc, scenes):
    """A TCP, UDP or UNIX socket of the fixture's has buffers > 0 or null (unknown), never 0."""
    pids = {sc[k] for sc in scenes.values() for k in ("a", "b")}
    bad = [(e["pid"], e["socket"].get("inode"), e["socket"].get("rcvbuf"), e["socket"].get("sndbuf"))
           for ch in doc["channels"] for e in ch["endpoints"]
           if e.get("pid") in pids and e.get("socket") and e["socket"]["family"] != "netlink"
           and not all(e["socket"].get(k) is None or e["socket"].get(k) > 0 for k in ("rcvbuf", "sndbuf"))]
    n = sum(1 for ch in doc["channels"] for e in ch["endpoints"] if e.get("pid") in pids and e.get("socket"))
    R.check(n > 0 and not bad, "the fixture's %d socket ends: buffers > 0 or null, never 0" % n, ["%r" % (bad,)])


def check_drops(doc, sc, oracle, kind, what):
    ino = int(sc["ino"])
    e, ch = sock_end(doc, sc["a"], ino)
    sock = e.get("socket") or {}
    R.check(ch is not None and ch["kind"] == kind and sc["b"] in {x["pid"] for x in ch["endpoints"]},
            "%s: the receiver's socket %d in a %s channel with the sender" % (what, ino, kind),
            ["channel %r" % (ch and ch["id"])])
    R.check(oracle is not None and sock.get("drops") == oracle,
            "%s: the receiver's drops are the kernel's own figure (%r)" % (what, oracle), ["socket %r" % sock])
    R.check(e.get("drops_per_s") == 0, "%s: no drops per second while nothing is sent" % what,
            ["drops_per_s %r" % e.get("drops_per_s")])
    check_bufs(sock, BUF_ORACLE, what)
    return oracle


def dot_edge(dot, a, b):
    """The --dot line of the edge between process nodes a and b (either way), or ""."""
    return next((l for l in dot.splitlines() if re.match(r"\s*p(%d -- p%d|%d -- p%d) " % (a, b, b, a), l)), "")


def check_udp_drop(doc, sc, udp_text, dot):
    dropped = check_drops(doc, sc, udp_oracle(udp_text, int(sc["ino"])), "udp", "UDP receiver")
    R.check(dropped is not None and 0 < dropped < int(sc["sent"]),
            "UDP receiver: the kernel dropped some of the %s datagrams (%r)" % (sc["sent"], dropped))
    line = dot_edge(dot, sc["a"], sc["b"])
    R.check(dropped is not None and re.search(r'label="[^"]*\bdrops %d"' % dropped, line) is not None,
            "--dot: the UDP edge's label says drops %r, as /proc/net/udp" % dropped, ["edge line %r" % line])


def check_others_unknown(doc, root):
    """As non-root, others' /proc/PID/io is unreadable: their rates null, not guessed."""
    p1 = ipcfx.procs_by_pid(doc).get(1)
    if root or not p1 or doc["viewer"]["euid"] == p1.get("euid", p1.get("uid")):
        R.skip("another user's process: only as non-root with pid 1 another user's")
        return
    R.check(p1.get("read_bytes_per_s") is None and p1.get("write_calls_per_s") is None,
            "another user's process: io rates null", ["pid 1 %r" % {k: p1.get(k) for k in p1 if k.endswith("_per_s")}])


def check_dot(dot, sc, measured):
    a, b = sc["a"], sc["b"]
    line = dot_edge(dot, a, b)
    m = re.search(r'label="(?:\S+ )?([0-9.]+) (B|KiB|MiB|GiB)/s"', line)
    unit = {"B": 1, "KiB": 1024, "MiB": 1 << 20, "GiB": 1 << 30}
    got = float(m.group(1)) * unit[m.group(2)] if m else None
    want = float(measured["rate"]) if measured else 0
    R.check(near(got, want), "--dot --interval: the flood edge is labelled with its rate", ["edge line %r" % line])


def main():
    scenes, skips, measured = manifest(sys.argv[1])
    doc = ipcfx.load_json(ipcfx.read_bytes(sys.argv[2]))
    dot = open(sys.argv[3], encoding="utf-8").read()
    root = sys.argv[4] == "root"
    # other tests' sockets may have names that are not UTF-8 (hostile names): replaced
    udp_text = open(sys.argv[5], encoding="utf-8", errors="replace").read()
    ss_text = open(sys.argv[6], encoding="utf-8", errors="replace").read()
    global BUF_ORACLE
    BUF_ORACLE = ss_text + open(sys.argv[7], encoding="utf-8", errors="replace").read()
    R.check(isinstance(doc.get("interval_ms"), int) and doc["interval_ms"] >= 500,
            "interval_ms is at least the 500 asked for", ["interval_ms %r" % doc.get("interval_ms")])
    checks = {"flood": lambda sc: (check_flood(doc, sc, measured), check_dot(dot, sc, measured)),
              "idle": lambda sc: (check_idle(doc, sc), check_idle_bufs(doc, sc, BUF_ORACLE)),
              "backlog": lambda sc: check_backlog(doc, sc),
              "pipe": lambda sc: check_pipe(doc, sc, root),
              "mq": lambda sc: check_mq(doc, sc, root),
              "udp_drop": lambda sc: check_udp_drop(doc, sc, udp_text, dot),
              "unix_dgram": lambda sc: check_drops(doc, sc, ss_oracle(ss_text, int(sc["ino"])), "unix",
                                                   "UNIX datagram receiver")}
    ipcfx.run_scenes(R, "traffic_fixture", scenes, skips, checks)
    check_others_unknown(doc, root)
    check_no_zero_bufs(doc, scenes)
    R.done()


if __name__ == "__main__":
    main()
