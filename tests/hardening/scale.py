"""scale.py — one process holding 100k descriptors (pipes and socketpairs), or as many as the
hard limit allows where it cannot be raised (no CAP_SYS_RESOURCE): ipctop --json finds every
one of them, resolves every channel, and stays within a memory bound. Prints TAP.
The holder closes everything it inherited (stdin/out/err become /dev/null) and records the
descriptor numbers of each pipe and socketpair it makes, so the counts are exact: a channel
listed twice, or one missing, fails."""
import collections, json, os, resource, socket, subprocess, sys, tempfile

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
rec_fd, rec_path = tempfile.mkstemp(prefix="ipctop-scale.")
pid = os.fork()
if pid == 0:
    os.close(r)
    null = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    keep_out = (w, rec_fd)
    os.closerange(3, min(keep_out))
    os.closerange(min(keep_out) + 1, max(keep_out))
    os.closerange(max(keep_out) + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    need = 4 * pairs + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(need, soft), max(need, hard)))
    except (ValueError, OSError):
        # no CAP_SYS_RESOURCE (a container): as many as the hard limit allows
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        pairs = (hard - 64) // 4
    keep, lines = [], []
    for _ in range(pairs):
        pr, pw = os.pipe()
        a, b = socket.socketpair()
        keep.extend((a, b))
        lines.append("pipe %d %d\nunix %d %d\n" % (pr, pw, a.fileno(), b.fileno()))
    os.write(rec_fd, "".join(lines).encode())
    os.close(rec_fd)
    os.write(w, b"ready %d\n" % pairs)
    os.close(w)
    import time
    time.sleep(600)
    os._exit(0)
os.close(w)
os.close(rec_fd)
state = os.read(r, 64).decode().split()
if len(state) != 2 or state[0] != "ready" or int(state[1]) < 1000:
    print("1..0 # SKIP the descriptor limit allows too few descriptors (%s)" % state)
    os.unlink(rec_path)
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
    # its descriptors: 0, 1 and 2 on /dev/null, and the 4 * pairs it made
    nfd = 4 * pairs + 3
    ok(proc and proc[0]["n_fds"] == nfd, "every descriptor listed, once (%s of %d)"
       % (proc[0]["n_fds"] if proc else None, nfd))
    ok(proc and len(proc[0]["detail"]["fds"]) == nfd, "and decoded in detail (%d)"
       % (len(proc[0]["detail"]["fds"]) if proc else -1))
    bad = schema_problems(d, limit=3)
    ok(not bad, "the -p document is valid against the schema %s" % bad)
    with open(rec_path) as record:
        # both ends are the holder's: one endpoint, as ipctop(1) documents the merge of one
        # process's descriptors on an object (the lowest descriptor, access OR-ed)
        want = collections.Counter((k, ((pid, min(int(x) for x in fds), "rw"),))
                                   for k, *fds in (ln.split() for ln in record))
    got = collections.Counter((c["kind"], tuple((e["pid"], e.get("fd"), e.get("access")) for e in c["endpoints"]))
                              for c in d["channels"] if any(e["pid"] == pid for e in c["endpoints"]))
    kinds = collections.Counter(k for k, _ in got.elements())
    ok(kinds == {"pipe": pairs, "unix": pairs}, "exactly %d pipe and %d unix channels (%s)"
       % (pairs, pairs, dict(kinds)))
    ok(got == want, "each channel is one object the holder made, listed once (%d missing, %d extra)"
       % (sum((want - got).values()), sum((got - want).values())))
    # a bound, not a timing: about 1 KiB per descriptor plus the rest of the machine
    ok(rss_kib < 400 * 1024, "peak memory bounded (%d MiB)" % (rss_kib // 1024))
    out = subprocess.run([ipctop, "--json"], capture_output=True)
    whole = json.loads(out.stdout) if out.returncode == 0 else {}
    ok(whole.get("processes"), "the whole-machine snapshot too")
    bad = schema_problems(whole, limit=3)
    ok(not bad, "and it is valid against the schema %s" % bad)
    if got != want:
        for k, eps in list((got - want).elements())[:3]:
            print("#   extra %s %s" % (k, sorted(eps)))
            for other in {e[0] for e in eps} - {pid}:   # who else holds it (CI saw one once)
                try:
                    with open("/proc/%d/cmdline" % other, "rb") as f:
                        print("#     %d: %r, parent %s" % (other, f.read()[:200], open(
                            "/proc/%d/stat" % other).read().rsplit(")", 1)[1].split()[1]))
                except OSError as e:
                    print("#     %d: gone (%s)" % (other, e))
        for k, eps in list((want - got).elements())[:3]:
            print("#   missing %s %s" % (k, sorted(eps)))
finally:
    os.unlink(rec_path)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print("1..%d" % n)
