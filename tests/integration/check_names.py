"""check_names.py MANIFEST JSON DETAIL_JSON DOT — with name_forms running: the abstract name
NUL+NAME and the path "@NAME" come out as two different texts, each by its documented form
(abstract: "@" and the rest escaped; a path's leading "@" as \\x40), as the socket names and the
channel labels of --json and as the channel nodes of --dot; each decodes back to its exact
bytes. In the -p detail, the mapped file whose name holds a newline shows it as \\x0a (the rule
applied to the kernel's raw bytes, never the maps text's \\012)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402


def parse(path):
    m = {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if w and w[0] == "forms":
                m["pids"] = [int(x) for x in w[1:4]]
            elif w and w[0] in ("abstract", "path", "map"):
                key, hexv = w[2].split("=", 1)
                m[w[0]] = bytes.fromhex(hexv)
    return m


def unix_name_bytes(shown):
    """The documented reading: a leading "@" is the NUL byte, the rest is the escaping rule."""
    if shown.startswith("@"):
        return b"\0" + ipcfx.unesc(shown[1:])
    return ipcfx.unesc(shown)


def server_channels(doc, pids):
    """The unix channels of the three processes, with the parent's socket name in each."""
    out = []
    for c in doc.get("channels", []):
        if c.get("kind") != "unix" or set(ipcfx.ep_pids(c)) != set(pids):
            continue
        names = [(e.get("socket") or {}).get("name") for e in c["endpoints"]
                 if e.get("pid") == pids[0]]
        out.append((c.get("label"), names[0] if names else None))
    return out


def check_json(res, m, doc, abs_want, path_want):
    chans = server_channels(doc, m["pids"])
    res.check(len(chans) == 2, "two unix channels of the server process and its two clients",
              ["found %r" % chans])
    labels = sorted(label or "" for label, _ in chans)
    res.check(labels == sorted([abs_want, path_want]),
              "channel labels: abstract %s, path %s" % (abs_want, path_want), ["labels %r" % labels])
    res.check(abs_want != path_want and len(set(labels)) == 2, "the two labels differ")
    names = sorted(name or "" for _, name in chans)
    res.check(names == labels, "the server sockets' names are the labels", ["names %r" % names])
    raw = sorted(unix_name_bytes(x) for x in labels if x)
    res.check(raw == sorted([b"\0" + m["abstract"], m["path"]]), "both decode to their exact bytes",
              ["decoded %r" % raw])


def check_detail(res, m, doc):
    want = ipcfx.esc(m["map"])
    procs = ipcfx.procs_by_pid(doc)
    maps = ((procs.get(m["pids"][0]) or {}).get("detail") or {}).get("maps") or []
    paths = [x.get("path") or "" for x in maps]
    paths = [p for p in paths if "ipcfx-forms-" in p and "/map" in p]
    res.check(want in paths, "-p detail: the mapped file's path is %s" % want, ["paths %r" % paths])
    res.check(all("\\012" not in p for p in paths), "-p detail: no \\012 of the maps text left",
              ["paths %r" % paths])


def check_dot(res, text, abs_want, path_want):
    for what, want in (("abstract", abs_want), ("path", path_want)):
        needle = 'label="unix\\n%s"' % want.replace("\\", "\\\\").replace('"', '\\"')
        res.check(needle in text, "DOT: the %s server's channel node is labelled %s" % (what, want),
                  ["missing %s" % needle])


def main():
    res = ipcfx.Results()
    m = parse(sys.argv[1])
    abs_want = "@" + ipcfx.esc(m["abstract"])
    path_want = "\\x40" + ipcfx.esc(m["path"][1:])
    res.check(m["path"][:1] == b"@", "the fixture's path name begins with @")
    try:
        doc = ipcfx.load_json(ipcfx.read_bytes(sys.argv[2]))
        detail = ipcfx.load_json(ipcfx.read_bytes(sys.argv[3]))
    except ValueError as e:
        res.check(False, "JSON is valid", [str(e)[:300]])
        res.done()
    check_json(res, m, doc, abs_want, path_want)
    check_json(res, m, detail, abs_want, path_want)
    check_detail(res, m, detail)
    check_dot(res, ipcfx.read_bytes(sys.argv[4]).decode("utf-8", "replace"), abs_want, path_want)
    res.done()


main()
