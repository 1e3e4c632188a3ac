"""check_history.py MANIFEST STARTS SWITCHES BEFORE DURING AFTER — ipctop --replay --at a time
before ipc_fixture started, one while it ran and one after it ended, against the fixture's own
record (MANIFEST) and what /proc gave of its processes (STARTS, "PID TICKS" lines: start times;
SWITCHES, "PID N": voluntary context switches, read after the sample during): during, every
fixture process is there with its start time and with from 1 to N voluntary switches (a
counter recorded only when it moves), the parent's children are exactly the recorded ones, and
every recorded channel joins its two processes; before and after, none of those processes (pid
and start time) and none of those channels is there."""

import sys

from ipcfx import Results, load_json, parse_manifest, read_bytes

SKIP_KINDS = {"tcp/offhost"}


def main(argv):
    r = Results()
    man = parse_manifest(argv[1])
    starts = {}
    for line in open(argv[2]):
        pid, ticks = line.split()
        starts[int(pid)] = int(ticks)
    switches = {}
    for line in open(argv[3]):
        pid, n = line.split()
        switches[int(pid)] = int(n)
    docs = {name: load_json(read_bytes(path)) for name, path in zip(("before", "during", "after"), argv[4:7])}
    during = docs["during"]
    procs = {p["pid"]: p for p in during["processes"]}

    problems = []
    for pid, ticks in sorted(starts.items()):
        p = procs.get(pid)
        if p is None:
            problems.append("fixture process %d missing" % pid)
        elif p.get("start_ticks") != ticks:
            problems.append("pid %d: start_ticks %s, /proc said %d" % (pid, p.get("start_ticks"), ticks))
    r.all_of("during: every fixture process is there with its start time", problems)

    problems = []
    for pid, n in sorted(switches.items()):
        got = procs.get(pid, {}).get("ctxt_switches", {}).get("voluntary")
        if not (isinstance(got, int) and 1 <= got <= n):
            problems.append("pid %d: %s voluntary switches, /proc said %d later" % (pid, got, n))
    r.all_of("during: voluntary context switches from 1 to what /proc said later", problems)

    children = {p["pid"] for p in during["processes"] if p.get("ppid") == man["parent"]}
    want = set(starts) - {man["parent"]}
    r.check(children == want, "during: the parent's children are exactly the recorded ones",
            ["extra %s" % sorted(children - want), "missing %s" % sorted(want - children)])

    problems, fixture_chans = [], set()
    for ch in man["channels"]:
        pids = {ch["a"]} | ({ch["b"]} if ch["b"] else set())
        hits = [c for c in during["channels"] if c["kind"] == ch["kind"]
                and pids <= {e.get("pid") for e in c.get("endpoints", [])}]
        if not hits:
            problems.append("no %s channel joining %s" % (ch["kind"], sorted(pids)))
        fixture_chans.update(c["id"] for c in hits)
    r.all_of("during: every recorded channel joins its two processes (%d channels)"
             % len(man["channels"]), problems)

    for name in ("before", "after"):
        d = docs[name]
        there = ["%d" % p["pid"] for p in d["processes"] if starts.get(p["pid"]) == p.get("start_ticks")]
        r.check(not there, "%s: no fixture process" % name, ["present: " + " ".join(there)])
        # ids such as pty:N and eventfd:N come back for other holders: a fixture channel is
        # its id held by a fixture pid
        chans = [c["id"] for c in d["channels"] if c["id"] in fixture_chans
                 and set(starts) & {e.get("pid") for e in c.get("endpoints", [])}]
        r.check(not chans, "%s: no fixture channel" % name, ["present: " + " ".join(chans)])
        r.check(d["taken_at_ms"] < during["taken_at_ms"] if name == "before"
                else d["taken_at_ms"] > during["taken_at_ms"],
                "%s: its sample is %s the one during" % (name, name))
    r.done()


if __name__ == "__main__":
    main(sys.argv)
