"""check_detail.py MANIFEST JSON KIND[/VARIANT] SIDE — check `ipctop --json -p PID` where PID is
side SIDE (a or b) of the manifest channel KIND[/VARIANT]: the process has detail (maps with a
stack/heap/text segment and hex addresses, its channel descriptor decoded with the right kind,
sched, signals), its peer is present without detail, and only PID's channels are listed."""

import os
import re
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
    res.all_of(what + ": detail fds decode its channel", fd_problems(fds, mc, side))
    res.check(isinstance(detail.get("sched"), dict) and bool(detail.get("sched")), what + ": detail sched")
    pcb = detail.get("pcb") or {}
    ns = pcb.get("namespaces") or {}
    res.check(ns.get("net") == me.get("netns") and isinstance(pcb.get("cgroup"), str)
              and isinstance(pcb.get("syscall"), int) and str(pcb.get("sp", "")).startswith("0x"),
              what + ": detail pcb (in %s; namespaces, cgroup)" % pcb.get("syscall_name"), ["pcb: %s" % pcb])
    sig = detail.get("signals") or {}
    res.check(all(isinstance(sig.get(k), list) for k in ("pending", "blocked", "ignored", "caught")),
              what + ": detail signals", ["signals: %s" % sig])
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
