"""check_prom_traffic.py HOST MANIFEST ANSWER exact|atleast — one host's traffic and waits as
Prometheus stored them from its scrapes of that host's `ipctop --serve --metrics-pids`, against
traffic_fixture's record (MANIFEST). ANSWER is Prometheus's /api/v1/query answer for that
instance's ipctop_pair_sent_bytes and ipctop_blocked_processes.
  traffic: the idle connection's ends sent a_sent and b_sent bytes; ipctop_pair_sent_bytes
           from one's pid to the other's is exactly that, in each direction.
  waits:   each mq scene's sender blocks sending to its full queue; ipctop_blocked_processes
           {wait="mqueue"} counts exactly those senders on a host that is the fixtures' own
           PID namespace ("exact"), at least them on a shared machine ("atleast")."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import ipcfx  # noqa: E402


def scenes(path):
    """{scene: [(pid_a, pid_b, {key: value})]} of the manifest's scene lines."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if len(w) >= 3 and w[1].isdigit() and w[2].isdigit():
                kv = dict(x.split("=", 1) for x in w[3:] if "=" in x)
                out.setdefault(w[0], []).append((int(w[1]), int(w[2]), kv))
    return out


def main():
    host, man_path, answer, mode = sys.argv[1:5]
    r = ipcfx.Results()
    man = scenes(man_path)
    try:
        got = ipcfx.api_vector(answer)
    except (ValueError, KeyError) as e:
        r.check(False, "%s: the query answer parses" % host, [str(e)])
        r.done()
    sent = {(m.get("from_pid"), m.get("to_pid")): v for m, v in got
            if m.get("__name__") == "ipctop_pair_sent_bytes" and m.get("kind") == "tcp"}
    idle = man.get("idle", [])
    probs = [] if idle else ["the fixture recorded no idle connection"]
    for a, b, kv in idle:
        for src, dst, key in ((a, b, "a_sent"), (b, a, "b_sent")):
            v = sent.get((str(src), str(dst)))
            if v is None or v != float(kv.get(key, -1)):
                probs.append("pid %d to %d: ipctop_pair_sent_bytes %s, the fixture sent %s"
                             % (src, dst, v, kv.get(key)))
    r.all_of("%s: ipctop_pair_sent_bytes of the idle connection, each way, is what its ends sent"
             % host, probs)
    want = len(man.get("mq", []))
    mq = [v for m, v in got if m.get("__name__") == "ipctop_blocked_processes"
          and m.get("wait") == "mqueue"]
    ok = len(mq) == 1 and want > 0 and (mq[0] == want if mode == "exact" else mq[0] >= want)
    r.check(ok, "%s: ipctop_blocked_processes{wait=\"mqueue\"} %s the fixture's %d blocked sender(s)"
            % (host, "is" if mode == "exact" else "counts at least", want), ["series: %r" % mq])
    r.done()


main()
