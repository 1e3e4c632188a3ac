"""check_channels.py MANIFEST JSON [VIEWER_UID] — compare `ipctop --json` with what
ipc_fixture made: each manifest channel found once with its kind, exactly its two pids, the
descriptors the children hold, direction and roles; no other channel between fixture
processes; the bystander in no channel; no dangling endpoint. With VIEWER_UID (ipctop ran as
that user, not root): other users' processes are marked and never guessed as endpoints."""

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


def endpoint_problems(ch, mc):
    """Pids, fds, access and roles of the endpoints against the manifest."""
    a, b, tok, kind = mc["a"], mc["b"], mc["tok"], mc["kind"]
    probs = []
    pids = ipcfx.ep_pids(ch)
    if set(pids) != {a, b}:
        probs.append("endpoint pids %s, want exactly {%d, %d}" % (pids, a, b))
    eps_a = [e for e in ch["endpoints"] if e.get("pid") == a]
    eps_b = [e for e in ch["endpoints"] if e.get("pid") == b]
    for side, pid, eps in (("a", a, eps_a), ("b", b, eps_b)):
        want_fd = int(tok["fd" + side]) if "fd" + side in tok else None   # None: a mapping
        if eps and not any(e.get("fd") == want_fd for e in eps):
            probs.append("%s %d: no endpoint with fd %s: %s" % (side.upper(), pid, want_fd, eps))
    if kind in ("pipe", "fifo"):
        probs += access_problems(eps_a, "w", "A") + access_problems(eps_b, "r", "B")
    if kind == "sysv_msg":
        probs += role_problems(eps_a, "sender", "A") + role_problems(eps_b, "receiver", "B")
    return probs


def access_problems(eps, want, side):
    got = [e.get("access") for e in eps]
    return [] if got and all(g == want for g in got) else \
        ["%s: access %s, want %r" % (side, got, want)]


def role_problems(eps, want, side):
    got = [e.get("role") for e in eps]
    return [] if want in got else ["%s: roles %s, want %r" % (side, got, want)]


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
        res.all_of(desc, endpoint_problems(found[0], mc) + kind_problems(found[0], mc))


def fixture_pids(man):
    pids = {man["parent"], man["bystander"]}
    for mc in man["channels"]:
        pids |= {mc["a"], mc["b"]}
    return pids


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
    check_cross(res, doc, man)
    if len(sys.argv) > 3:
        check_viewer(res, doc, int(sys.argv[3]))
    res.done()


main()
