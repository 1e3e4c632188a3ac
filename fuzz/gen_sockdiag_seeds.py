#!/usr/bin/env python3
"""gen_sockdiag_seeds.py — write real SOCK_DIAG_BY_FAMILY reply messages as seed inputs for the
sockdiag fuzz targets (fuzz/corpus/sockdiag_{unix,inet,netlink}/). Run by hand when the seeds
should be refreshed: it opens a few sockets of its own (named, abstract, listening with a
pending connection, TCP loopback with traffic, UDP), dumps them and keeps those replies."""
import os
import socket
import struct
import sys
import tempfile

SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3


def dump(payload):
    nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4)  # NETLINK_SOCK_DIAG
    hdr = struct.pack("=IHHII", 16 + len(payload), SOCK_DIAG_BY_FAMILY,
                      NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
    nl.send(hdr + payload)
    msgs = []
    while True:
        data = nl.recv(1 << 16)
        off = 0
        while off < len(data):
            ln, typ = struct.unpack_from("=IH", data, off)
            if typ in (NLMSG_DONE, NLMSG_ERROR):
                nl.close()
                return msgs
            msgs.append(data[off:off + ln])
            off += (ln + 3) & ~3


def unix_req():
    # family, protocol, pad, states, ino, show (NAME|VFS|PEER|ICONS|RQLEN), cookie
    return struct.pack("=BBHIIIII", socket.AF_UNIX, 0, 0, 0xffffffff, 0, 0x1f, 0xffffffff,
                       0xffffffff)


def inet_req(family, proto):
    sockid = b"\0" * 48  # ports, addresses, interface, cookie
    return struct.pack("=BBBBI", family, proto, 1 << (2 - 1), 0, 0xffffffff) + sockid


def netlink_req():
    return struct.pack("=BBHII", socket.AF_NETLINK, 255, 0, 0, 0xf) + b"\xff" * 8


def write(dirname, msgs, wanted):
    os.makedirs(dirname, exist_ok=True)
    for i, m in enumerate(msgs[:wanted]):
        with open(os.path.join(dirname, "seed-%d" % i), "wb") as f:
            f.write(m)


def main(out):
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "seed.sock")
    lst = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    lst.bind(path)
    lst.listen(4)
    pending = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    pending.connect(path)
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    abstract.bind(b"\0ipctop-seed\x1b[31m")
    a, b = socket.socketpair()
    a.send(b"queued")
    tl = socket.socket()
    tl.bind(("127.0.0.1", 0))
    tl.listen(1)
    tc = socket.create_connection(tl.getsockname())
    ts, _ = tl.accept()
    tc.send(b"x" * 100)
    ts.recv(100)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    mine = {s.fileno() for s in (lst, pending, abstract, a, b, tl, tc, ts, u)}
    inos = {os.fstat(fd).st_ino for fd in mine}

    def ours(msgs, ino_off):
        return [m for m in msgs if struct.unpack_from("=I", m, ino_off)[0] in inos]

    write(os.path.join(out, "sockdiag_unix"), ours(dump(unix_req()), 16 + 4), 8)
    inet = ours(dump(inet_req(socket.AF_INET, socket.IPPROTO_TCP)), 16 + 68)
    inet += ours(dump(inet_req(socket.AF_INET, socket.IPPROTO_UDP)), 16 + 68)
    write(os.path.join(out, "sockdiag_inet"), inet, 8)
    write(os.path.join(out, "sockdiag_netlink"), dump(netlink_req()), 4)
    for s in (lst, pending, abstract, a, b, tl, tc, ts, u):
        s.close()
    os.unlink(path)
    os.rmdir(tmp)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus"))
