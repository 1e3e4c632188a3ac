#!/usr/bin/env python3
"""gen_sockdiag_seeds.py — write real SOCK_DIAG_BY_FAMILY reply messages as seed inputs for the
sockdiag fuzz targets (fuzz/corpus/sockdiag_{unix,inet,netlink}/), and whole reply streams made
of them for fuzz_sockdiag_reply (fuzz/corpus/sockdiag_reply/, its input format). Run by hand
when the seeds should be refreshed: it opens a few sockets of its own (named, abstract,
listening with a pending connection, TCP loopback with traffic, UDP), dumps them and keeps
those replies."""
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


TCPDIAG_GETSOCK, NLM_F_MULTI, NLM_F_DUMP_INTR = 18, 0x2, 0x10


def msg(typ, payload, flags=NLM_F_MULTI):
    return struct.pack("=IHHII", 16 + len(payload), typ, flags, 0, 0) + payload


def done(flags=NLM_F_MULTI):
    return msg(NLMSG_DONE, struct.pack("=i", 0), flags)


def error(err):
    return msg(NLMSG_ERROR, struct.pack("=i", -err) + b"\0" * 16, 0)


def unseq(m, typ=None):
    """A dumped message with sequence and port 0 (accepted by any request), type changed."""
    m = bytearray(m)
    struct.pack_into("=II", m, 8, 0, 0)
    if typ is not None:
        struct.pack_into("=H", m, 4, typ)
    return bytes(m)


def stream(split, dgrams):
    """fuzz_sockdiag_reply's input: option byte, then each datagram after its 16-bit length."""
    out = bytes([1 if split else 0])
    for d in dgrams:
        out += struct.pack("<H", len(d)) + d
    return out


def write_streams(dirname, unix, tcp, udp, netlink):
    unix = [unseq(m) for m in unix]
    tcp_both = b"".join(unseq(m, TCPDIAG_GETSOCK) for m in tcp)
    tcp = b"".join(unseq(m) for m in tcp)
    udp = b"".join(unseq(m) for m in udp)
    nl = b"".join(unseq(m) for m in netlink)
    lookup = [unix[0] + error(0), error(2)]   # found, then ENOENT
    rest = [udp + done(), done(), nl + done()] + lookup
    seeds = {
        "whole": stream(False, [b"".join(unix) + done(), tcp_both + done()] + rest),
        "split": stream(True, [b"".join(unix[:1]), b"".join(unix[1:]) + done(),
                               tcp + done(), done()] + rest),
        "intr": stream(False, [unix[0] + done(NLM_F_MULTI | NLM_F_DUMP_INTR),
                               b"".join(unix) + done(), tcp_both + done()] + rest),
        "refused": stream(False, [error(13), error(22), tcp + done(), done()] + rest),
    }
    os.makedirs(dirname, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(dirname, "seed-" + name), "wb") as f:
            f.write(data)


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

    unix = ours(dump(unix_req()), 16 + 4)
    write(os.path.join(out, "sockdiag_unix"), unix, 8)
    tcp = ours(dump(inet_req(socket.AF_INET, socket.IPPROTO_TCP)), 16 + 68)
    udp = ours(dump(inet_req(socket.AF_INET, socket.IPPROTO_UDP)), 16 + 68)
    write(os.path.join(out, "sockdiag_inet"), tcp + udp, 8)
    netlink = dump(netlink_req())
    write(os.path.join(out, "sockdiag_netlink"), netlink, 4)
    write_streams(os.path.join(out, "sockdiag_reply"), unix[:4], tcp[:3], udp[:2], netlink[:3])
    for s in (lst, pending, abstract, a, b, tl, tc, ts, u):
        s.close()
    os.unlink(path)
    os.rmdir(tmp)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus"))
