"""check_filters.py — the -u, -p and --kind selection of `ipctop --json` and `--dot` against
two fixtures of two users (ipc_fixture's manifests) and against the kernel: the owners of
processes come from /proc/PID/status (the effective uid, second field of "Uid:").

  check_filters.py snap OUT           record pid -> (euid, start time) of every process now
  check_filters.py check DIR RUNNER U1 M1 [U2 M2]
      DIR holds the outputs filters.sh wrote (uUID.json, uUID.dot, kind.json, kind.dot,
      p.json, pu.json, and uUID.before/uUID.after around each -u run); RUNNER is the uid
      ipctop ran as; U1/U2 are the fixtures' users (uids), M1/M2 their manifests. The --kind
      and -p outputs are of the fixture RUNNER can see (its own, or the first as root).
Prints "ok - ..." / "not ok - ..." lines for fx_py."""
import json
import os
import re
import sys


def proc_table():
    """pid -> (euid, start time in ticks) as the kernel tells now."""
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/status" % name, errors="replace") as f:
                uid = [l for l in f if l.startswith("Uid:")][0].split()
            with open("/proc/%s/stat" % name, errors="replace") as f:
                start = f.read().rsplit(")", 1)[1].split()[19]
        except (OSError, IndexError):
            continue
        out[int(name)] = (int(uid[2]), int(start))
    return out


def report(cond, desc, detail=None):
    print("%s - %s" % ("ok" if cond else "not ok", desc))
    if not cond and detail:
        print("#   %s" % str(detail)[:400])


def manifest(path):
    """kind[/variant] -> (pid a, pid b, fields); plus "parent"."""
    pairs = {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if len(w) >= 3 and w[1].isdigit() and w[2].isdigit():
                fields = dict(x.split("=", 1) for x in w[3:] if "=" in x)
                key = w[0] + ("/" + fields["variant"] if "variant" in fields else "")
                pairs[key] = (int(w[1]), int(w[2]), fields)
            elif len(w) == 2 and w[0] in ("parent", "bystander"):
                pairs[w[0]] = int(w[1])
    return pairs


def load_snap(path):
    with open(path) as f:
        return {int(k): tuple(v) for k, v in json.load(f).items()}


def joins(doc, a, b):
    return any({a, b} <= {e["pid"] for e in c["endpoints"]} for c in doc["channels"])


def pair_pids(m):
    return {p for k, v in m.items() if isinstance(v, tuple) for p in v[:2]}


def id_order(doc, mine, who):
    """The connection ids of the fixture's TCP and UDP pairs: the lower side (address, then
    port; the ports are the fixture's) first, whoever looked."""
    want = {"tcp/v4": "tcp:127.0.0.1:%d-127.0.0.1:%d", "tcp/v6": "tcp:[::1]:%d-[::1]:%d",
            "udp": "udp:127.0.0.1:%d-127.0.0.1:%d"}
    for key, form in want.items():
        if key not in mine or "porta" not in mine[key][2]:
            continue
        a, b, f = mine[key]
        ports = sorted((int(f["porta"]), int(f["portb"])))
        ids = [c["id"] for c in doc["channels"] if {a, b} <= {e["pid"] for e in c["endpoints"]}]
        report(ids == [form % tuple(ports)], "%s: the %s id has its lower side first" % (who, key),
               (ids, form % tuple(ports)))


def check_user(d, uid, mine, other, blind):
    """-u uid: the processes are exactly those of uid (kernel) alive before and after."""
    doc = json.load(open(os.path.join(d, "u%d.json" % uid)))
    before, after = load_snap(os.path.join(d, "u%d.before" % uid)), load_snap(os.path.join(d, "u%d.after" % uid))
    listed = {p["pid"]: p for p in doc["processes"]}
    steady = {p for p, v in before.items() if after.get(p) == v and v[0] == uid}
    report(steady - set(listed) == set(), "-u %d: every process of euid %d (kernel) is listed (%d)"
           % (uid, uid, len(steady)), sorted(steady - set(listed))[:20])
    wrong = {p for p in listed if p in after and after[p][0] != uid}
    wrong |= {p for p, v in listed.items() if v["uid"] != uid}
    report(not wrong, "-u %d: no process of another euid is listed" % uid, sorted(wrong)[:20])
    chosen = set(listed)
    stray = [c["id"] for c in doc["channels"] if not chosen & {e["pid"] for e in c["endpoints"]}]
    report(not stray, "-u %d: every channel has an end in a listed process" % uid, stray[:10])
    if not blind:
        miss = [k for k, v in mine.items() if isinstance(v, tuple) and not joins(doc, v[0], v[1])
]
        report(not miss, "-u %d: the fixture's pairs of that user are channels" % uid, miss)
        id_order(doc, mine, "-u %d" % uid)
    report(not (pair_pids(other) & chosen), "-u %d: no process of the other user's fixture" % uid,
           sorted(pair_pids(other) & chosen))
    return doc


def dot_graph(path):
    nodes, edges = set(), []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"  (p\d+|c\d+|r\d+) \[", line)
        if m:
            nodes.add(m.group(1))
        m = re.match(r"  (\w+) -- (\w+) \[", line)
        if m and not m.group(1).startswith("legend"):
            edges.append((m.group(1), m.group(2)))
    return nodes, edges


def check_user_dot(d, uid, mine, other, blind, owner):
    nodes, edges = dot_graph(os.path.join(d, "u%d.dot" % uid))
    procs = {int(n[1:]) for n in nodes if n[0] == "p"}
    hubs = {}
    for a, b in edges:
        for x, y in ((a, b), (b, a)):
            if x[0] == "c":
                hubs.setdefault(x, set()).add(y)
    def of_uid(n):   # a process that came and went around the run is given the benefit
        return n[0] == "p" and owner.get(int(n[1:]), (uid,))[0] == uid
    bad = [(a, b) for a, b in edges if a[0] != "c" and b[0] != "c" and not (of_uid(a) or of_uid(b))]
    bad += [h for h, ends in hubs.items() if not any(of_uid(n) for n in ends)]
    report(not bad, "--dot -u %d: every edge or channel node touches a process of euid %d" % (uid, uid), bad[:10])
    if not blind:
        want = {k: v for k, v in mine.items() if isinstance(v, tuple) and k in ("pipe", "unix/stream", "tcp/v4")}
        miss = [k for k, v in want.items() if ("p%d" % v[0], "p%d" % v[1]) not in edges
                and ("p%d" % v[1], "p%d" % v[0]) not in edges]
        report(not miss, "--dot -u %d: the fixture's pipe, unix and tcp pairs are edges" % uid, miss)
    report(not (pair_pids(other) & procs), "--dot -u %d: no process of the other user's fixture" % uid,
           sorted(pair_pids(other) & procs))


def check_kind(d, m1):
    doc = json.load(open(os.path.join(d, "kind.json")))
    kinds = {c["kind"] for c in doc["channels"]}
    report(kinds <= {"pipe", "unix"}, "--kind pipe,unix: only pipe and unix channels", kinds)
    pipe, unix, tcp = m1.get("pipe"), m1.get("unix/stream"), m1.get("tcp/v4")
    report(pipe and joins(doc, pipe[0], pipe[1]) and unix and joins(doc, unix[0], unix[1]),
           "--kind pipe,unix: the fixture's pipe and unix stream pairs are there")
    report(not tcp or not joins(doc, tcp[0], tcp[1]), "--kind pipe,unix: its tcp pair is not")
    listed = {p["pid"] for p in doc["processes"]}
    report(m1["bystander"] in listed and (not tcp or tcp[0] in listed),
           "--kind keeps every process (the bystander and the tcp holders are listed)")
    nodes, edges = dot_graph(os.path.join(d, "kind.dot"))
    edge_kinds = set(re.findall(r'tooltip="(\w+):', open(os.path.join(d, "kind.dot")).read()))
    report(edge_kinds <= {"pipe"} and ("p%d" % pipe[0], "p%d" % pipe[1]) in edges + [e[::-1] for e in edges],
           "--dot --kind pipe: only pipe edges, the fixture's among them", edge_kinds)


def check_pids(d, m1, m2, u1):
    doc = json.load(open(os.path.join(d, "p.json")))
    pipe, unix = m1["pipe"], m1["unix/stream"]
    chosen = {pipe[0], unix[0]}
    listed = {p["pid"]: p for p in doc["processes"]}
    report({pipe[0], pipe[1], unix[0], unix[1]} <= set(listed),
           "-p %d,%d: both and their peers are listed" % tuple(chosen))
    stray = [c["id"] for c in doc["channels"] if not chosen & {e["pid"] for e in c["endpoints"]}]
    report(not stray, "-p: every channel has an end among the chosen", stray[:10])
    peers = {e["pid"] for c in doc["channels"] for e in c["endpoints"]}
    report(set(listed) <= chosen | peers, "-p: every other listed process is a peer",
           sorted(set(listed) - chosen - peers))
    report(not [p for p in listed if ("detail" in listed[p]) != (p in chosen)],
           "-p: only the chosen have detail")
    if not m2:
        return
    doc = json.load(open(os.path.join(d, "pu.json")))
    other = m2["pipe"][0]
    listed = {p["pid"] for p in doc["processes"]}
    ends = {e["pid"] for c in doc["channels"] for e in c["endpoints"]}
    report(pipe[0] in listed and pipe[1] in listed and other not in listed and other not in ends,
           "-p %d,%d -u %d: the other user's process is left out, the own one and its peer kept"
           % (pipe[0], other, u1), (sorted(listed)[:10], sorted(ends)[:10]))


def main(argv):
    if argv[1] == "snap":
        with open(argv[2], "w") as f:
            json.dump(proc_table(), f)
        return 0
    d, runner = argv[2], int(argv[3])
    fx = [(int(argv[i]), manifest(argv[i + 1])) for i in range(4, len(argv) - 1, 2)]
    owner = {}
    for uid, _ in fx:   # the owners of processes seen before or after a -u run
        for when in ("before", "after"):
            owner.update(load_snap(os.path.join(d, "u%d.%s" % (uid, when))))
    for i, (uid, m) in enumerate(fx):
        other = fx[1 - i][1] if len(fx) > 1 else {}
        blind = runner not in (0, uid)
        check_user(d, uid, m, other, blind)
        check_user_dot(d, uid, m, other, blind, owner)
    seen_uid, seen = [f for f in fx if runner in (0, f[0])][0]
    other = [f for f in fx if f[1] is not seen]
    check_kind(d, seen)
    check_pids(d, seen, other[0][1] if other else {}, seen_uid)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
