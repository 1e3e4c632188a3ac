"""check_hostile.py MANIFEST JSON DOT — with hostile_name running: ipctop's JSON and DOT carry no
raw control bytes, invalid UTF-8 or hidden code points; the JSON is valid; the hostile names
(comm, cmdline, socket path and abstract name) decode — JSON, then ipctop's escape — to the
exact original bytes, escaped by the one rule (text_escape.h)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402


def parse_hostile_manifest(path):
    """hostile/child lines with hex fields; pipe/unix lines with the two pids."""
    m = {"unix": []}
    with open(path) as f:
        for line in f:
            w = line.split()
            if not w or w[0] == "ready":
                continue
            fields = {k: bytes.fromhex(v) for k, v in (t.split("=", 1) for t in w[2:] if "=" in t)}
            if w[0] in ("hostile", "child"):
                m[w[0]] = (int(w[1]), fields)
            elif w[0] == "pipe":
                m["pipe"] = (int(w[1]), int(w[2]))
            elif w[0] == "unix":
                m["unix"].append((int(w[1]), int(w[2]), fields))
    return m


def name_problems(what, got, want):
    if got is None:
        return ["%s missing" % what]
    probs = []
    try:
        if ipcfx.unesc(got) != want:
            probs.append("%s decodes to %r, want %r" % (what, ipcfx.unesc(got)[:120], want[:120]))
    except ValueError as e:
        probs.append("%s does not decode: %s" % (what, e))
    if got != ipcfx.esc(want):
        probs.append("%s is %r, the escaping rule gives %r" % (what, got[:120], ipcfx.esc(want)[:120]))
    return probs


def check_json(res, man, raw):
    res.all_of("JSON has no raw control bytes, valid UTF-8, no hidden code points",
               ipcfx.raw_text_problems(raw, allowed=b"\n"))
    try:
        doc = ipcfx.load_json(raw)
    except ValueError as e:
        res.check(False, "JSON is valid", [str(e)[:300]])
        return
    res.check(True, "JSON is valid")
    procs = ipcfx.procs_by_pid(doc)
    hpid, hf = man["hostile"]
    cpid, cf = man["child"]
    hp, cp = procs.get(hpid, {}), procs.get(cpid, {})
    res.all_of("hostile comm decodes to its exact bytes", name_problems("comm", hp.get("comm"), hf["comm"]))
    res.all_of("hostile cmdline (10 KB argument) decodes to its exact bytes",
               name_problems("cmdline", hp.get("cmdline"), hf["cmdline"]))
    res.all_of("child comm decodes to its exact bytes", name_problems("comm", cp.get("comm"), cf["comm"]))
    chans = doc.get("channels", [])
    res.check(any(c.get("kind") == "pipe" and set(ipcfx.ep_pids(c)) == {hpid, cpid} for c in chans),
              "pipe between the hostile processes is a channel")
    for _, _, fields in man["unix"]:
        key, want = next(iter(fields.items()))
        labels = [c.get("label") or "" for c in chans
                  if c.get("kind") == "unix" and set(ipcfx.ep_pids(c)) == {hpid, cpid}]
        decoded = []
        for label in labels:
            try:
                decoded.append(ipcfx.unesc(label))
            except ValueError:
                decoded.append(b"")
        res.check(any(want in d for d in decoded), "unix socket %s decodes to its exact bytes" % key,
                  ["labels %r" % labels])


def dot_quoted(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def check_dot(res, man, raw):
    res.all_of("DOT has no raw control bytes, valid UTF-8, no hidden code points",
               ipcfx.raw_text_problems(raw, allowed=b"\n\t"))
    text = raw.decode("utf-8", "replace")
    for who in ("hostile", "child"):
        want = dot_quoted(ipcfx.esc(man[who][1]["comm"]))
        res.check(want in text, "DOT shows the %s comm escaped (%s)" % (who, want))


def main():
    res = ipcfx.Results()
    man = parse_hostile_manifest(sys.argv[1])
    check_json(res, man, ipcfx.read_bytes(sys.argv[2]))
    check_dot(res, man, ipcfx.read_bytes(sys.argv[3]))
    res.done()


main()
