"""check_anon.py RECORD JSON — ipctop --json -p of anon_fixture against the fixture's own
record: the eventfd's count, the timerfd's clock, period and time left, the signalfd's
signals, the inotify watches (device, inode, mask), the epoll targets (fd and events asked
for), the pid each pidfd refers to (null for the reaped child), and every descriptor's pos
and open flags against the kernel's fdinfo."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402

ERR_HUP = 0x18   # EPOLLERR | EPOLLHUP: the kernel adds them to every target


def parse_record(path):
    rec = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if not words or words[0] == "ready":
                continue
            kv = {}
            for w in words[1:]:
                k, v = w.split("=", 1)
                kv.setdefault(k, []).append(v)
            rec[words[0]] = kv
    return rec


def fd_of(rec, kind):
    return int(rec[kind]["fd"][0])


def check_counters(r, fds, rec):
    e = fds.get(fd_of(rec, "eventfd"), {})
    r.check(e.get("kind") == "eventfd" and e.get("eventfd_count") == int(rec["eventfd"]["count"][0]),
            "eventfd: count %s" % rec["eventfd"]["count"][0], [repr(e)])
    t = fds.get(fd_of(rec, "timerfd"), {}).get("timerfd") or {}
    want = rec["timerfd"]
    r.check(t.get("clockid") == int(want["clockid"][0]) and t.get("clock") == "monotonic",
            "timerfd: clock monotonic", [repr(t)])
    r.check(t.get("interval_ns") == int(want["interval_ns"][0]), "timerfd: interval 5 s", [repr(t)])
    r.check(isinstance(t.get("value_ns"), int) and 0 < t["value_ns"] <= int(want["value_max_ns"][0]),
            "timerfd: next expiry within the 600 s set", [repr(t)])
    r.check(t.get("ticks") == 0, "timerfd: no expiration yet", [repr(t)])
    s = fds.get(fd_of(rec, "signalfd"), {})
    r.check(s.get("sigmask") == rec["signalfd"]["signals"][0].split(","),
            "signalfd: USR1 and TERM, in signal order", [repr(s)])


def check_watches(r, fds, rec):
    got = fds.get(fd_of(rec, "inotify"), {}).get("inotify_watches")
    want = sorted(tuple(w.split(":")) for w in rec["inotify"]["watch"])
    want = sorted(("%s:%s" % (a, b), int(c), int(d)) for a, b, c, d in want)
    have = sorted((w["dev"], w["inode"], w["mask"]) for w in got or [])
    r.check(have == want, "inotify: both watches with device, inode and mask",
            ["want %r" % want, "got %r" % have])
    wds = sorted(w["wd"] for w in got or [])
    r.check(wds == [1, 2], "inotify: watch descriptors 1 and 2", [repr(wds)])


def check_epoll(r, fds, rec):
    got = fds.get(fd_of(rec, "epoll"), {}).get("epoll_targets") or []
    want = sorted((int(a), int(b)) for a, b in (t.split(":") for t in rec["epoll"]["target"]))
    have = sorted((t["fd"], t["events"] & ~ERR_HUP) for t in got)
    r.check(have == want, "epoll: the eventfd (in) and the timerfd (out, et) as targets",
            ["want %r" % want, "got %r" % have])
    names = {t["fd"]: t["event_names"] for t in got}
    r.check("in" in names.get(fd_of(rec, "eventfd"), []) and
            {"out", "et"} <= set(names.get(fd_of(rec, "timerfd"), [])),
            "epoll: event names in / out et", [repr(names)])


def check_pidfds(r, fds, rec):
    live = fds.get(fd_of(rec, "pidfd"), {})
    r.check(live.get("pidfd_pid") == int(rec["pidfd"]["pid"][0]), "pidfd: the live child's pid",
            [repr(live)])
    dead = fds.get(fd_of(rec, "pidfd_ended"), {})
    r.check("pidfd_pid" in dead and dead["pidfd_pid"] is None, "pidfd of the reaped child: null",
            [repr(dead)])


# open(2)'s names and the kernel's bits (O_LARGEFILE by the kernel's x86 value: the C
# library's is 0 on 64-bit), to read back the JSON's "flags" against fdinfo's octal.
FLAG_BITS = {n: getattr(os, n) for n in ("O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND",
                                         "O_NONBLOCK", "O_DSYNC", "O_SYNC", "O_ASYNC", "O_DIRECT",
                                         "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC",
                                         "O_PATH")}
FLAG_BITS["O_LARGEFILE"] = 0o100000
MODES = ["O_RDONLY", "O_WRONLY", "O_RDWR"]


def kernel_pos_flags(pid, fd):
    """fdinfo's pos and flags of the fixture's descriptor, or None."""
    try:
        with open("/proc/%d/fdinfo/%d" % (pid, fd), encoding="ascii") as f:
            kv = dict(line.split(":", 1) for line in f if ":" in line)
        return int(kv["pos"]), int(kv["flags"], 8)
    except (OSError, KeyError, ValueError):
        return None


def flags_bits(words):
    """The bits the JSON's "flags" names, and its access mode index (-1: not first)."""
    parts = words.split("|")
    mode = MODES.index(parts[0]) if parts[0] in MODES else -1
    bits = 0
    for w in parts[1:]:
        bits |= int(w, 8) if w.startswith("0") else FLAG_BITS.get(w, 1 << 31)
    return mode, bits


def check_pos_flags(r, fds, rec, pid):
    e = fds.get(fd_of(rec, "eventfd"), {})
    r.check(e.get("flags") == "O_RDWR|O_CLOEXEC" and e.get("pos") == 0,
            "eventfd (made EFD_CLOEXEC): pos 0, flags O_RDWR|O_CLOEXEC", [repr(e)])
    bad, seen = [], 0
    for fd, f in sorted(fds.items()):
        k = kernel_pos_flags(pid, fd)
        if k is None:
            continue
        seen += 1
        mode, bits = flags_bits(f.get("flags", ""))
        if f.get("pos") != k[0] or mode != k[1] & 3 or bits != k[1] & ~3:
            bad.append("fd %d: json pos %r flags %r, fdinfo pos %d flags 0%o"
                       % (fd, f.get("pos"), f.get("flags"), k[0], k[1]))
    r.check(not bad and seen > 0, "every descriptor's pos and flags as fdinfo gives them", bad)


def main():
    r = ipcfx.Results()
    rec = parse_record(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        import json
        doc = json.load(f)
    pid = int(rec["self"]["pid"][0])
    procs = [p for p in doc["processes"] if p["pid"] == pid]
    detail = procs[0].get("detail") if procs else None
    if not r.check(detail is not None, "the fixture is in the JSON with its detail"):
        r.done()
    fds = {f["fd"]: f for f in detail["fds"]}
    check_counters(r, fds, rec)
    check_watches(r, fds, rec)
    check_epoll(r, fds, rec)
    check_pidfds(r, fds, rec)
    check_pos_flags(r, fds, rec, pid)
    others = [f["fd"] for f in detail["fds"] if f["kind"] in ("chr", "file") and
              any(k in f for k in ("eventfd_count", "timerfd", "sigmask", "epoll_targets"))]
    r.check(not others, "no fdinfo fields on other descriptors", [repr(others)])
    r.done()


main()
