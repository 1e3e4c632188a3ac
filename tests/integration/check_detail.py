"""check_detail.py MANIFEST JSON KIND[/VARIANT] SIDE — check `ipctop --json -p PID` where PID is
side SIDE (a or b) of the manifest channel KIND[/VARIANT]: the process has detail, its peer is
present without detail, and only PID's channels are listed. The detail's values are checked
against what the kernel says of the (idle) fixture process, read here: its maps are exactly
/proc/PID/maps, with [stack] as stack, [heap] as heap and the executable's code as text; its
channel descriptor is decoded with the right kind; sched's nice, priority, policy and real-time
priority are those of /proc/PID/stat, its affinity Cpus_allowed_list, its wait channel
/proc/PID/wchan's (the process sleeps where it slept), its run time and time slices no more
than /proc/PID/schedstat's read after (and not 0); the signal lists are
SigPnd|ShdPnd, SigBlk, SigIgn and SigCgt of /proc/PID/status decoded bit by bit."""

import os
import re
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402

FD_KIND = {"pipe": "pipe", "fifo": "fifo", "unix": "socket", "tcp": "socket", "udp": "socket",
           "posix_shm": "posix_shm", "posix_mq": "mqueue", "memfd": "memfd", "eventfd": "eventfd"}
HEX = re.compile(r"^0x[0-9a-f]+$")


def manifest_channel(man, spec):
    kind, _, variant = spec.partition("/")
    for mc in man["channels"]:
        if mc["kind"] == kind and mc["tok"].get("variant", "") == variant:
            return mc
    raise SystemExit("no %s in the manifest" % spec)


def map_problems(maps):
    probs = []
    if not maps:
        return ["no maps"]
    segs = {m.get("segment") for m in maps}
    if not segs & {"stack", "heap", "text"}:
        probs.append("no stack/heap/text segment among %s" % sorted(map(str, segs)))
    for m in maps:
        s, e = str(m.get("start")), str(m.get("end"))
        if not (HEX.match(s) and HEX.match(e) and int(s, 16) < int(e, 16)):
            probs.append("bad range %s-%s" % (s, e))
            break
    return probs


def kernel_maps(pid):
    """(start, end, perms, offset, path) of each line of /proc/PID/maps."""
    out = []
    with open("/proc/%d/maps" % pid, "rb") as f:
        for line in f:
            fields = line.rstrip(b"\n").split(None, 5)
            start, end = (int(x, 16) for x in fields[0].split(b"-"))
            path = fields[5] if len(fields) > 5 else b""
            out.append((start, end, fields[1].decode(), int(fields[2], 16), path))
    return out


def maps_vs_kernel(maps, pid):
    """The detail maps are the kernel's, one for one, and the kernel's own names classify."""
    got = []
    for m in maps:
        path = ipcfx.unesc(m.get("path") or "")
        if m.get("deleted"):
            path += b" (deleted)"
        got.append((int(str(m.get("start")), 16), int(str(m.get("end")), 16), m.get("perms"),
                    int(str(m.get("offset")), 16), path))
    want = kernel_maps(pid)
    probs = ["kernel map %x-%x %s %s not in detail" % (w[0], w[1], w[2], w[4]) for w in want
             if w not in got][:3]
    probs += ["detail map %x-%x %s %s not in the kernel's" % (g[0], g[1], g[2], g[4]) for g in got
              if g not in want][:3]
    exe = os.fsencode(os.readlink("/proc/%d/exe" % pid))
    seg_want = {b"[stack]": "stack", b"[heap]": "heap"}
    for m, w in zip(maps, got):
        need = seg_want.get(w[4]) or ("text" if w[4] == exe and "x" in w[2] else None)
        if need and m.get("segment") != need:
            probs.append("%s map %x-%x: segment %r, want %r" % (w[4], w[0], w[1], m.get("segment"), need))
    if not any(w[4] == b"[stack]" for w in want) or not any(w[4] == exe for w in want):
        probs.append("the kernel shows no [stack] or no map of %s: nothing to classify" % exe)
    return probs


POLICY = {0: "other", 1: "fifo", 2: "rr", 3: "batch", 5: "idle", 6: "deadline"}


def sched_vs_kernel(sched, pid):
    """Fields of /proc/PID/stat after the comm's ')' : state is field 3, so field N is at N-3."""
    with open("/proc/%d/stat" % pid, "rb") as f:
        rest = f.read().rsplit(b")", 1)[1].split()
    stat = lambda n: int(rest[n - 3])  # noqa: E731
    with open("/proc/%d/status" % pid) as f:
        cpus = [ln.split(":", 1)[1].strip() for ln in f if ln.startswith("Cpus_allowed_list:")]
    with open("/proc/%d/wchan" % pid) as f:
        wchan = f.read()
    with open("/proc/%d/schedstat" % pid) as f:
        run_ns, _, slices = (int(x) for x in f.read().split())
    want = {"priority": stat(18), "nice": stat(19), "rt_priority": stat(40),
            "policy": POLICY.get(stat(41)), "affinity": cpus[0] if cpus else None, "wchan": wchan}
    probs = ["sched %s %r, kernel %r" % (k, sched.get(k), v) for k, v in want.items() if sched.get(k) != v]
    # read before the kernel's figures now, which only grow
    for k, now in (("run_ns", run_ns), ("timeslices", slices)):
        if not isinstance(sched.get(k), int) or not 0 < sched[k] <= now:
            probs.append("sched %s %r, kernel now %d" % (k, sched.get(k), now))
    return probs


def signame(n):
    """The kernel's numbering: 1..31 as the C library names them, 32 RTMIN ... 64 RTMAX."""
    if n < 32:
        return signal.Signals(n).name[3:]
    return "RTMIN" if n == 32 else "RTMAX" if n == 64 else "RTMIN+%d" % (n - 32)


def signals_vs_kernel(sig, pid):
    with open("/proc/%d/status" % pid) as f:
        st = dict(ln.rstrip("\n").split(":\t", 1) for ln in f if ":\t" in ln)
    masks = {"pending": int(st["SigPnd"], 16) | int(st["ShdPnd"], 16), "blocked": int(st["SigBlk"], 16),
             "ignored": int(st["SigIgn"], 16), "caught": int(st["SigCgt"], 16)}
    probs = []
    for k, mask in masks.items():
        want = [signame(n) for n in range(1, 65) if mask >> (n - 1) & 1]
        if sig.get(k) != want:
            probs.append("signals %s %r, kernel %r" % (k, sig.get(k), want))
    return probs


def fd_problems(fds, mc, side):
    tok, kind = mc["tok"], mc["kind"]
    fdnum = tok.get("fd" + side)
    if fdnum is None:
        return []
    want = FD_KIND.get(kind) or ("ptmx" if side == "a" else "pts")
    got = [f for f in fds if f.get("fd") == int(fdnum)]
    if not got:
        return ["fd %s missing from detail fds" % fdnum]
    probs = []
    if got[0].get("kind") != want:
        probs.append("fd %s kind %r, want %r" % (fdnum, got[0].get("kind"), want))
    if kind == "pipe" and got[0].get("access") != ("w" if side == "a" else "r"):
        probs.append("pipe fd %s access %r" % (fdnum, got[0].get("access")))
    return probs


def mapping_problems(maps, mc, side):
    """A mapping-only end (memfd, posix_shm side B) shows its object among the maps."""
    if "fd" + side in mc["tok"] or mc["kind"] not in ("memfd", "posix_shm"):
        return []
    name = mc["tok"]["name"].lstrip("/")
    hits = [m for m in maps if name in ipcfx.unesc(m.get("path") or "").decode("utf-8", "replace")]
    return [] if hits else ["no mapping of %s" % name]


def main():
    res = ipcfx.Results()
    man = ipcfx.parse_manifest(sys.argv[1])
    mc = manifest_channel(man, sys.argv[3])
    side = sys.argv[4]
    pid, peer = (mc["a"], mc["b"]) if side == "a" else (mc["b"], mc["a"])
    what = "%s %s (pid %d)" % (sys.argv[3], side.upper(), pid)
    try:
        doc = ipcfx.load_json(ipcfx.read_bytes(sys.argv[2]))
    except ValueError as e:
        res.check(False, what + ": -p output is valid JSON", [str(e)[:300]])
        res.done()
    procs = ipcfx.procs_by_pid(doc)
    me = procs.get(pid, {})
    detail = me.get("detail")
    res.check(isinstance(detail, dict), what + ": has detail")
    detail = detail if isinstance(detail, dict) else {}
    maps, fds = detail.get("maps") or [], detail.get("fds") or []
    res.all_of(what + ": detail maps", map_problems(maps) + mapping_problems(maps, mc, side))
    res.all_of(what + ": detail maps are the kernel's, its stack, heap and code classified",
               maps_vs_kernel(maps, pid))
    res.all_of(what + ": detail fds decode its channel", fd_problems(fds, mc, side))
    res.all_of(what + ": detail sched as /proc/PID/stat says", sched_vs_kernel(detail.get("sched") or {}, pid))
    pcb = detail.get("pcb") or {}
    ns = pcb.get("namespaces") or {}
    res.check(ns.get("net") == me.get("netns") and isinstance(pcb.get("cgroup"), str)
              and isinstance(pcb.get("syscall"), int) and str(pcb.get("sp", "")).startswith("0x"),
              what + ": detail pcb (in %s; namespaces, cgroup)" % pcb.get("syscall_name"), ["pcb: %s" % pcb])
    sig = detail.get("signals") or {}
    res.all_of(what + ": detail signals as /proc/PID/status masks say", signals_vs_kernel(sig, pid))
    res.check(peer in procs and "detail" not in procs[peer], what + ": peer %d present without detail" % peer)
    chans = doc.get("channels", [])
    res.all_of(what + ": only its channels, its channel among them",
               ["channel %s without pid %d" % (c.get("id"), pid) for c in chans if pid not in ipcfx.ep_pids(c)]
               + ([] if any(set(ipcfx.ep_pids(c)) == {pid, peer} for c in chans) else ["its channel is missing"]))
    shown = {pid} | {p for c in chans for p in ipcfx.ep_pids(c)}
    res.all_of(what + ": only it and its peers among processes",
               ["pid %d listed" % p for p in procs if p not in shown])
    res.done()


main()
