"""check_openmetrics.py MANIFEST METRICS [--api] — `ipctop --openmetrics --metrics-pids` against
ipc_fixture's own record: each fixture child holds, in ipctop_process_channels, exactly the
channels of each kind the manifest lists for it (and the bystander none); ipctop_pair_channels
joins two children by a kind only as the fixture did, as many times (see pair_checks); the whole-machine
ipctop_channels of a kind is at least the fixture's count of that kind. The text is parsed
here by the OpenMetrics rules (label escapes \\\\ \\" \\n), not by anything of ipctop's.
With --api, METRICS is instead the answer of a Prometheus server's /api/v1/query (the same
families as Prometheus stored them from its scrapes of ipctop --serve)."""

import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)')


def unescape(v):
    return re.sub(r'\\(.)', lambda m: "\n" if m.group(1) == "n" else m.group(1), v)


def parse(path):
    """[(name, {label: value}, value)]; raises ValueError on a line it cannot read."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n")[:-1]:
            if line.startswith("#"):
                continue
            m = SAMPLE.match(line)
            if not m:
                raise ValueError("bad sample line %r" % line)
            labels, rest = {}, m.group(3) or ""
            while rest:
                lm = LABEL.match(rest)
                if not lm:
                    raise ValueError("bad labels in %r" % line)
                labels[lm.group(1)] = unescape(lm.group(2))
                rest = rest[lm.end():]
            out.append((m.group(1), labels, float(m.group(4))))
    return out


def parse_api(path):
    """The same triples from a Prometheus /api/v1/query answer (a vector)."""
    return [(m.get("__name__"), m, v) for m, v in ipcfx.api_vector(path)]


def pair_checks(r, man, samples, children):
    """ipctop_pair_channels between two fixture children: for each kind and pair the fixture
    joined with n channels, the two directions together hold them (n <= a->b + b->a: each
    channel is in one direction at least) and neither direction more (a->b <= n); no series
    joins two children the fixture did not join by that kind."""
    made = collections.Counter()
    for mc in man["channels"]:
        if mc["a"] and mc["b"] and mc["a"] != mc["b"]:
            made[(frozenset((mc["a"], mc["b"])), mc["kind"])] += 1
    got = collections.Counter()
    for name, labels, value in samples:
        if name != "ipctop_pair_channels" or "from_pid" not in labels:
            continue
        a, b = int(labels["from_pid"]), int(labels["to_pid"])
        if a in children and b in children:
            got[(a, b, labels["kind"])] += int(value)
    probs = []
    for (pair, kind), n in sorted(made.items(), key=lambda x: (sorted(x[0][0]), x[0][1])):
        a, b = sorted(pair)
        fwd, rev = got[(a, b, kind)], got[(b, a, kind)]
        if not (max(fwd, rev) <= n <= fwd + rev):
            probs.append("%d-%d %s: %d and %d by direction, the fixture made %d" % (a, b, kind, fwd, rev, n))
    for (a, b, kind), v in sorted(got.items()):
        if (frozenset((a, b)), kind) not in made:
            probs.append("%d->%d %s: %d channels the fixture did not make" % (a, b, kind, v))
    r.check(len(made) > 5, "the fixture joined pairs of children (%d)" % len(made))
    r.all_of("ipctop_pair_channels between fixture children is what the fixture made", probs)


def main():
    r = ipcfx.Results()
    man = ipcfx.parse_manifest(sys.argv[1])
    api = sys.argv[3:] == ["--api"]
    try:
        samples = parse_api(sys.argv[2]) if api else parse(sys.argv[2])
    except (ValueError, KeyError, UnicodeDecodeError) as e:
        r.check(False, "the metrics parse as " + ("a query answer" if api else "OpenMetrics text"),
                [str(e)])
        r.done()
    want = collections.Counter()
    kinds = collections.Counter()
    children = set()
    for mc in man["channels"]:
        kinds[mc["kind"]] += 1
        for pid in (mc["a"], mc["b"]):
            if pid:
                want[(pid, mc["kind"])] += 1
                children.add(pid)
    if man["bystander"]:
        children.add(man["bystander"])
    got = collections.Counter()
    for name, labels, value in samples:
        if name == "ipctop_process_channels" and int(labels.get("pid", "0")) in children:
            got[(int(labels["pid"]), labels["kind"])] += int(value)
    r.check(len(want) > 10, "the fixture recorded channels (%d)" % len(want))
    probs = ["pid %d %s: %d channels, the fixture made %d" % (k[0], k[1], got[k], want[k])
             for k in sorted(set(want) | set(got)) if got[k] != want[k]]
    r.all_of("ipctop_process_channels of each fixture child is what the fixture made", probs)
    pair_checks(r, man, samples, children)
    total = {labels["kind"]: value for name, labels, value in samples if name == "ipctop_channels"}
    probs = ["%s: ipctop_channels %s < the fixture's %d" % (k, total.get(k), n)
             for k, n in sorted(kinds.items()) if total.get(k, -1) < n]
    r.all_of("ipctop_channels of each kind counts at least the fixture's channels", probs)
    r.done()


main()
