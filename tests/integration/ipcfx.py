"""ipcfx.py — shared helpers of the integration checkers: read a fixture manifest, load and
vet ipctop's JSON, the ipctop escaping rule (text_escape.h) in both directions, and a tiny
result collector the shell scripts turn into TAP lines ("ok - ...", "not ok - ...",
"skip - ...", "# ...")."""

import json
import sys


class Results:
    """Collects results; a checker prints them and exits 1 when any failed."""

    def __init__(self):
        self.failed = 0

    def check(self, cond, desc, problems=()):
        print(("ok - " if cond else "not ok - ") + desc)
        if not cond:
            self.failed += 1
            for p in problems:
                print("# " + p)
        sys.stdout.flush()
        return cond

    def skip(self, desc):
        print("skip - " + desc)
        sys.stdout.flush()

    def all_of(self, desc, problems):
        """One result for a list of problems found (passes when the list is empty)."""
        return self.check(not problems, desc, problems)

    def done(self):
        sys.exit(1 if self.failed else 0)


def api_vector(path):
    """[(labels, value)] of a Prometheus /api/v1/query answer (an instant vector; labels with
    __name__); raises ValueError when the query failed or gave another type."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("status") != "success" or doc["data"]["resultType"] != "vector":
        raise ValueError("query failed: %r" % doc)
    return [(s["metric"], float(s["value"][1])) for s in doc["data"]["result"]]


def parse_manifest(path):
    """Lines "KIND PID_A PID_B key=value..." -> dicts; also parent, bystander, skips."""
    m = {"channels": [], "skips": [], "parent": None, "bystander": None, "other": []}
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            w = line.split()
            if not w or w[0] == "ready":
                continue
            if w[0] == "skip":
                m["skips"].append((w[1], " ".join(w[2:])))
            elif w[0] in ("parent", "bystander"):
                m[w[0]] = int(w[1])
            elif len(w) >= 3 and w[1].isdigit() and w[2].isdigit():
                tok = dict(t.split("=", 1) for t in w[3:] if "=" in t)
                m["channels"].append({"kind": w[0], "a": int(w[1]), "b": int(w[2]), "tok": tok})
            else:
                m["other"].append(w)
    return m


def run_scenes(results, fixture, scenes, skips, checks):
    """Run checks[name](scene) for each scene the fixture made; a scene neither made nor
    skipped (a "skip NAME ..." line) is a failure."""
    for s in skips:
        results.skip(fixture + ": " + s)
    for name, fn in checks.items():
        if name in scenes:
            fn(scenes[name])
        elif not any(s.startswith(name + " ") for s in skips):
            results.check(False, "%s made scene %s" % (fixture, name))


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def load_json(raw):
    """Parse ipctop's JSON strictly (no NaN, no duplicate keys); raises ValueError."""

    def no_dups(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate key in object: %r" % keys)
        return dict(pairs)

    def no_const(name):
        raise ValueError("non-standard JSON constant " + name)

    return json.loads(raw.decode("utf-8"), object_pairs_hook=no_dups, parse_constant=no_const)


def is_hidden_cp(cp):
    return (0x80 <= cp <= 0x9F or cp == 0x061C or 0x200B <= cp <= 0x200F
            or 0x2028 <= cp <= 0x202E or 0x2060 <= cp <= 0x2069 or cp == 0xFEFF)


def _utf8_len(b, i):
    c = b[i]
    n = 1 if c < 0x80 else 2 if 0xC2 <= c <= 0xDF else 3 if 0xE0 <= c <= 0xEF else \
        4 if 0xF0 <= c <= 0xF4 else 0
    if n == 0 or i + n > len(b):
        return 0
    try:
        b[i:i + n].decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        return 0
    return n


def esc(b):
    """What esc_append() makes of the bytes b (text_escape.h), as a str."""
    out, i = [], 0
    while i < len(b):
        n = _utf8_len(b, i)
        if n == 0:
            out.append("\\x%02x" % b[i])
            i += 1
            continue
        ch = b[i:i + n].decode("utf-8")
        if n == 1 and b[i] == 0x5C:
            out.append("\\\\")
        elif n == 1 and (b[i] < 0x20 or b[i] == 0x7F):
            out.append("\\x%02x" % b[i])
        elif is_hidden_cp(ord(ch)):
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
        i += n
    return "".join(out)


def unesc(s):
    """Reverse of esc(): the original bytes; raises ValueError on text esc() cannot make."""
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
        elif s[i + 1:i + 2] == "\\":
            out += b"\\"
            i += 2
        elif s[i + 1:i + 2] == "x" and len(s[i + 2:i + 4]) == 2:
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
        elif s[i + 1:i + 2] == "u" and len(s[i + 2:i + 6]) == 4:
            out += chr(int(s[i + 2:i + 6], 16)).encode("utf-8")
            i += 6
        else:
            raise ValueError("bad escape at %d in %r" % (i, s[:80]))
    return bytes(out)


def raw_text_problems(raw, allowed=b"\n"):
    """Bytes of an output that must never reach a terminal raw: control bytes (other than the
    allowed formatting ones), DEL, invalid UTF-8, and the hidden/reordering code points."""
    problems = []
    bad = sorted({c for c in raw if (c < 0x20 and c not in allowed) or c == 0x7F})
    if bad:
        problems.append("raw control bytes: " + " ".join("%02x" % c for c in bad))
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        problems.append("invalid UTF-8: %s" % e)
        text = raw.decode("utf-8", errors="replace")
    hidden = sorted({"U+%04X" % ord(c) for c in text if is_hidden_cp(ord(c))})
    if hidden:
        problems.append("raw hidden code points: " + " ".join(hidden))
    return problems


def procs_by_pid(doc):
    return {p["pid"]: p for p in doc.get("processes", [])}


def ep_pids(ch):
    return [e.get("pid") for e in ch.get("endpoints", [])]


def proc_comm_bytes(pid):
    """The comm the kernel holds now for pid (bytes, no newline), or None."""
    try:
        with open("/proc/%d/comm" % pid, "rb") as f:
            return f.read().rstrip(b"\n")
    except OSError:
        return None
