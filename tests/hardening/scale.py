"""scale.py — one process holding 100k descriptors (pipes and socketpairs), or as many as the
hard limit allows where it cannot be raised (no CAP_SYS_RESOURCE): ipctop --json finds every
one of them, resolves every channel, and stays within a memory bound. Prints TAP."""
import json, os, resource, socket, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from schema_check import schema_problems  # noqa: E402  (tests/schema_check.py)

ipctop, pairs = sys.argv[1], int(sys.argv[2])
n = 0

def ok(cond, desc):
    global n
    n += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, desc), flush=True)

# The holder: a child that opens `pairs` pipes and `pairs` socketpairs, then waits.
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    need = 4 * pairs + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(need, soft), max(need, hard)))
    except (ValueError, OSError):
        # no CAP_SYS_RESOURCE (a container): as many as the hard limit allows
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        pairs = (hard - 64) // 4
    keep = []
    for _ in range(pairs):
        keep.extend(os.pipe())
        a, b = socket.socketpair()
        keep.extend((a, b))
    os.write(w, b"ready %d\n" % pairs)
    os.close(w)
    os.read(os.open("/dev/null", os.O_RDONLY), 1)   # returns at once: just block below
    import time
    time.sleep(600)
    os._exit(0)
os.close(w)
state = os.read(r, 64).decode().split()
if len(state) != 2 or state[0] != "ready" or int(state[1]) < 1000:
    print("1..0 # SKIP the descriptor limit allows too few descriptors (%s)" % state)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    sys.exit(0)
pairs = int(state[1])
try:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([ipctop, "--json", "-p", str(pid)], capture_output=True)
    ok(out.returncode == 0, "ipctop --json -p on a process with %d descriptors exits 0" % (4 * pairs))
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    d = json.loads(out.stdout)
    proc = [p for p in d["processes"] if p["pid"] == pid]
    ok(proc and proc[0]["n_fds"] >= 4 * pairs, "every descriptor listed (%s)" % (proc[0]["n_fds"] if proc else None))
    ok(proc and len(proc[0]["detail"]["fds"]) >= 4 * pairs, "and decoded in detail")
    kinds = {}
    for c in d["channels"]:
        if any(e["pid"] == pid for e in c["endpoints"]):
            kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    # >=: the holder may also have inherited pipes from the test harness (make's jobserver)
    ok(kinds.get("pipe", 0) >= pairs, "every pipe is one channel (%d)" % kinds.get("pipe", 0))
    ok(kinds.get("unix", 0) >= pairs, "every socketpair is one channel (%d)" % kinds.get("unix", 0))
    bad = schema_problems(d, limit=3)
    ok(not bad, "the -p document is valid against the schema %s" % bad)
    # a bound, not a timing: about 1 KiB per descriptor plus the rest of the machine
    ok(rss_kib < 400 * 1024, "peak memory bounded (%d MiB)" % (rss_kib // 1024))
    out = subprocess.run([ipctop, "--json"], capture_output=True)
    d = json.loads(out.stdout) if out.returncode == 0 else {}
    ok(d.get("processes"), "the whole-machine snapshot too")
    bad = schema_problems(d, limit=3)
    ok(not bad, "and it is valid against the schema %s" % bad)
finally:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print("1..%d" % n)
