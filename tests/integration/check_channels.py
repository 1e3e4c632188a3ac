"""check_channels.py MANIFEST JSON [VIEWER_UID] — compare `ipctop --json` with what
ipc_fixture made and recorded (its own record, never ipctop's output): each manifest channel
found once with its kind and object identity (inode, device:inode, pty or eventfd number,
socket inodes, SysV id), exactly one endpoint per side with the descriptor, access and role
the child recorded (an off-host peer: one endpoint with no pid and the peer's address); no
other channel held by a fixture child, none between fixture processes; the bystander in no
channel; no dangling endpoint. With VIEWER_UID (ipctop ran as that user, not root): other
users' processes are marked and never guessed as endpoints."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402


def find_channel(chans, mc):
    """The channel of mc's kind that holds A's end (by fd, or by SysV id), as a list."""
    kind, a, tok = mc["kind"], mc["a"], mc["tok"]
    sysv_id = tok.get("shmid") or tok.get("msqid")
    found = []
    for ch in chans:
        if ch.get("kind") != kind:
            continue
        if sysv_id is not None:
            if str(ch.get("sysv", {}).get("id")) == sysv_id:
                found.append(ch)
            continue
        for e in ch.get("endpoints", []):
            if e.get("pid") == a and str(e.get("fd")) == tok.get("fda"):
                found.append(ch)
                break
    return found


def side_problems(ch, mc, side):
    """Side a or b has exactly one endpoint, with the fd, access and role the child recorded
    (role "-": none). A side with pid 0 is the off-host peer: no pid, its address as remote."""
    tok, pid = mc["tok"], mc[side]
    if pid == 0:
        eps = [e for e in ch["endpoints"] if e.get("pid") is None]
        want = {"fd": None, "access": "rw", "role": "remote", "remote": tok.get("remote")}
    else:
        eps = [e for e in ch["endpoints"] if e.get("pid") == pid]
        role = tok.get("role" + side)
        want = {"fd": int(tok["fd" + side]) if "fd" + side in tok else None,   # None: a mapping
                "access": tok.get("acc" + side), "role": None if role == "-" else role}
    if len(eps) != 1:
        return ["%s %s: %d endpoints, want 1: %s" % (side.upper(), pid, len(eps), eps)]
    if pid != 0 and ("acc" + side not in tok or "role" + side not in tok):
        return ["%s %s: the fixture recorded no access or role" % (side.upper(), pid)]
    return ["%s %s: %s %r, the fixture recorded %r" % (side.upper(), pid, k, eps[0].get(k), v)
            for k, v in sorted(want.items()) if eps[0].get(k) != v]


def endpoint_problems(ch, mc):
    """Pids, fds, access and roles of the endpoints against the manifest."""
    a, b = mc["a"], mc["b"]
    probs = []
    pids = ipcfx.ep_pids(ch)
    want = {a, b if b else None}
    if set(pids) != want or len(pids) != 2:
        probs.append("endpoint pids %s, want exactly %s" % (pids, sorted(want, key=str)))
    return probs + side_problems(ch, mc, "a") + side_problems(ch, mc, "b")


def identity_problems(ch, mc):
    """The channel is the object the fixture made: its id names the inode (pipe), the
    device:inode (fifo, POSIX shm and mq, memfd), the pty or eventfd number; each socket
    endpoint holds the socket inode the child recorded."""
    tok, kind, cid = mc["tok"], mc["kind"], str(ch.get("id"))
    probs = []
    if kind == "pipe" and cid != "pipe:" + tok["ino"]:
        probs.append("id %s, the pipe's inode is %s" % (cid, tok["ino"]))
    if kind in ("fifo", "posix_shm", "posix_mq", "memfd") and not cid.endswith(":" + tok["ino"]):
        probs.append("id %s does not end in the inode %s" % (cid, tok["ino"]))
    if kind == "pty" and cid != "pty:" + tok["pty"]:
        probs.append("id %s, the pty is %s" % (cid, tok["pty"]))
    if kind == "eventfd" and tok.get("eventfd_id", "-") != "-" and cid != "eventfd:" + tok["eventfd_id"]:
        probs.append("id %s, the eventfd-id is %s" % (cid, tok["eventfd_id"]))
    for side in ("a", "b"):
        ino = tok.get("ino" + side)
        eps = [e for e in ch["endpoints"] if e.get("pid") == mc[side]]
        if ino and kind in ("unix", "tcp", "udp") and \
                [str((e.get("socket") or {}).get("inode")) for e in eps] != [ino]:
            probs.append("%s: socket inodes %s, the child's is %s" % (
                side.upper(), [(e.get("socket") or {}).get("inode") for e in eps], ino))
    return probs


def kind_problems(ch, mc):
    """Facts only some kinds have: names in the label, ports of TCP/UDP sockets."""
    tok, probs = mc["tok"], []
    label = ipcfx.unesc(ch.get("label") or "").decode("utf-8", "replace")
    want_in_label = tok.get("path") if mc["kind"] in ("fifo", "unix") else None
    if mc["kind"] == "unix" and "name" in tok:
        want_in_label = tok["name"][1:]
    if mc["kind"] == "posix_mq":
        want_in_label = tok["name"].lstrip("/")
    if want_in_label and want_in_label not in label:
        probs.append("label %r does not name %r" % (label, want_in_label))
    if mc["kind"] in ("tcp", "udp"):
        for side, port in (("a", tok.get("porta")), ("b", tok.get("portb"))):
            eps = [e for e in ch["endpoints"] if e.get("pid") == mc[side]]
            locs = [str((e.get("socket") or {}).get("local")) for e in eps]
            if port and not any(loc.endswith(":" + port) for loc in locs):
                probs.append("%s: socket local %s, want port %s" % (side.upper(), locs, port))
    return probs


def check_manifest_channels(res, doc, man):
    chans = doc.get("channels", [])
    for label, reason in man["skips"]:
        res.skip("%s: the fixture could not make it here (%s)" % (label, reason))
    for mc in man["channels"]:
        variant = mc["tok"].get("variant")
        desc = "%s%s between %d and %d" % (mc["kind"], "/" + variant if variant else "",
                                          mc["a"], mc["b"])
        found = find_channel(chans, mc)
        if len(found) != 1:
            res.check(False, desc, ["%d channels hold A's end (want 1): %s" % (len(found), found)])
            continue
        res.all_of(desc, endpoint_problems(found[0], mc) + identity_problems(found[0], mc) +
                   kind_problems(found[0], mc))


def fixture_pids(man):
    pids = {man["parent"], man["bystander"]}
    for mc in man["channels"]:
        pids |= {mc["a"], mc["b"]} - {0}
    return pids


def check_no_extra(res, doc, man):
    """Every channel a fixture child holds is the one channel of its manifest line: nothing
    the fixture did not make (a lone listener, the listening socket next to an accepted one:
    no channel in JSON; only the channel table gives it a row, tests/tui/chans.sh)."""
    mine = {}
    for mc in man["channels"]:
        for ch in find_channel(doc.get("channels", []), mc):
            mine[id(ch)] = mc
    children = {mc[s] for mc in man["channels"] for s in ("a", "b")} - {0}
    extra = ["%s %s held by %s" % (ch.get("kind"), ch.get("id"), sorted(set(ipcfx.ep_pids(ch)) & children))
             for ch in doc.get("channels", []) if id(ch) not in mine and set(ipcfx.ep_pids(ch)) & children]
    res.all_of("no channel of a fixture child beyond its manifest line", extra)


def check_cross(res, doc, man):
    procs = ipcfx.procs_by_pid(doc)
    chans = doc.get("channels", [])
    fx = fixture_pids(man)
    pairs = {frozenset((mc["a"], mc["b"])) for mc in man["channels"]}
    probs = []
    for ch in chans:
        mine = {p for p in ipcfx.ep_pids(ch) if p in fx}
        if len(mine) > 1 and frozenset(mine) not in pairs:
            probs.append("%s %s joins %s" % (ch.get("kind"), ch.get("id"), sorted(mine)))
    res.all_of("no channel joins fixture processes that are not a manifest pair", probs)

    by = man["bystander"]
    res.check(by in procs, "bystander %d is in processes" % by)
    res.all_of("bystander %d is in no channel" % by,
               ["%s %s" % (ch.get("kind"), ch.get("id")) for ch in chans if by in ipcfx.ep_pids(ch)])
    res.all_of("parent %d is in no channel with a fixture child" % man["parent"],
               ["%s %s" % (ch.get("kind"), ch.get("id")) for ch in chans
                if man["parent"] in ipcfx.ep_pids(ch) and len(set(ipcfx.ep_pids(ch)) & fx) > 1])

    dangling = sorted({p for ch in chans for p in ipcfx.ep_pids(ch) if p is not None and p not in procs})
    res.all_of("every endpoint pid is in processes", ["dangling pids %s" % dangling] if dangling else [])

    probs = []
    for pid in sorted(fx):
        want = ipcfx.proc_comm_bytes(pid)
        p = procs.get(pid)
        if p is None:
            probs.append("pid %d missing" % pid)
        elif want is not None and ipcfx.unesc(p.get("comm") or "") != want:
            probs.append("pid %d comm %r, kernel says %r" % (pid, p.get("comm"), want))
        elif p.get("restricted"):
            probs.append("pid %d (own user) restricted %s" % (pid, p.get("restricted")))
    res.all_of("each fixture process is reported with its comm, unrestricted", probs)


def check_viewer(res, doc, uid):
    """ipctop ran as uid: others' processes are marked, and not guessed as endpoints."""
    procs = ipcfx.procs_by_pid(doc)
    unmarked = [pid for pid, p in procs.items()
                if p.get("uid") != uid and not p.get("kthread") and p.get("state") != "Z"
                and "fds" not in (p.get("restricted") or [])]
    res.all_of("other users' processes are marked restricted fds",
               ["unmarked pids %s" % unmarked[:20]] if unmarked else [])
    probs = []
    for ch in doc.get("channels", []):
        for e in ch.get("endpoints", []):
            p = procs.get(e.get("pid"))
            if p is None or "fds" not in (p.get("restricted") or []):
                continue
            if e.get("fd") is not None or ch.get("kind") not in ("sysv_shm", "sysv_msg"):
                probs.append("%s %s: endpoint %s of a restricted process" % (ch.get("kind"), ch.get("id"), e))
    res.all_of("restricted processes appear only as SysV record endpoints, never by fd", probs)


def main():
    res = ipcfx.Results()
    man = ipcfx.parse_manifest(sys.argv[1])
    raw = ipcfx.read_bytes(sys.argv[2])
    try:
        doc = ipcfx.load_json(raw)
    except ValueError as e:
        res.check(False, "ipctop --json is valid JSON", [str(e)[:300]])
        res.done()
    res.check(isinstance(doc.get("processes"), list) and isinstance(doc.get("channels"), list),
              "ipctop --json is valid JSON with processes and channels")
    check_manifest_channels(res, doc, man)
    check_no_extra(res, doc, man)
    check_cross(res, doc, man)
    if len(sys.argv) > 3:
        check_viewer(res, doc, int(sys.argv[3]))
    res.done()


main()
