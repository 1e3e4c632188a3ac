"""scale_procs.py — ipctop --json on a machine with thousands of extra processes and tens of
thousands of sockets: the scaler fixture grows to each size in turn (e.g. 5000, then 10000
processes, 5 socketpair ends each: 50k sockets at 10000), and at each size ipctop --json exits
0, lists every fixture process, resolves every socketpair into one channel joining the two
processes of its pair, and its peak memory (ru_maxrss from wait4) stays under a bound. The
times are printed as TAP comments so that linearity can be read off; they are never asserted.
Usage: scale_procs.py IPCTOP SCALER SIZE... Prints TAP."""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from schema_check import schema_problems  # noqa: E402  (tests/schema_check.py)

SOCKPAIRS_PER_PAIR = 5        # 5 sockets per process: 50k sockets at 10k processes
PID_MARGIN = 3000             # left for the rest of the machine (other tests run meanwhile)
n = 0


def ok(cond, desc):
    global n
    n += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, desc), flush=True)


def skip(why):
    global n
    n += 1
    print("ok %d # SKIP %s" % (n, why), flush=True)


def tasks_now():
    with open("/proc/loadavg") as f:
        return int(f.read().split()[3].split("/")[1])


def read_int(path):
    try:
        with open(path) as f:
            word = f.read().strip()
    except OSError:
        return None
    return None if word == "max" else int(word)


def cgroup_room():
    """Processes this cgroup (and its ancestors) may still start, or None if unlimited."""
    try:
        with open("/proc/self/cgroup") as f:
            rel = [l.split(":", 2)[2].strip() for l in f if l.startswith("0::")][0]
    except (OSError, IndexError):
        return None
    room = None
    path = "/sys/fs/cgroup" + rel.rstrip("/")
    while path.startswith("/sys/fs/cgroup"):
        limit, used = read_int(path + "/pids.max"), read_int(path + "/pids.current")
        if limit is not None and used is not None:
            room = limit - used if room is None else min(room, limit - used)
        path = os.path.dirname(path)
    return room


def mem_available_kib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    return 0


def room_problem(size):
    """Why SIZE more processes cannot be started here, or None."""
    pid_room = read_int("/proc/sys/kernel/pid_max") - tasks_now() - PID_MARGIN
    if pid_room < size:
        return "pid_max leaves room for %d more processes, %d needed" % (pid_room, size)
    thr_room = read_int("/proc/sys/kernel/threads-max") - tasks_now() - PID_MARGIN
    if thr_room < size:
        return "threads-max leaves room for %d more processes, %d needed" % (thr_room, size)
    cg = cgroup_room()
    if cg is not None and cg - PID_MARGIN < size:
        return "the cgroup's pids.max leaves room for %d more processes, %d needed" % (cg, size)
    import resource
    nproc = resource.getrlimit(resource.RLIMIT_NPROC)[0]
    if os.geteuid() != 0 and nproc != resource.RLIM_INFINITY and nproc < size + PID_MARGIN:
        return "ulimit -u is %d, %d needed" % (nproc, size + PID_MARGIN)
    if mem_available_kib() < size * 200:
        return "%d MiB available, about %d MiB needed" % (mem_available_kib() // 1024, size // 5)
    return None


def run_ipctop(ipctop, out_path):
    """ipctop --json into out_path: (exit status, seconds, peak RSS in KiB)."""
    with open(out_path, "wb") as out:
        t0 = time.monotonic()
        child = subprocess.Popen([ipctop, "--json"], stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        took = time.monotonic() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, took, usage.ru_maxrss


def count_fixture(snap, name):
    """(fixture processes, their socket ends in unix channels, fixture processes whose unix
    channels are exactly SOCKPAIRS_PER_PAIR, all to one other fixture process: its partner)."""
    mine = {p["pid"] for p in snap["processes"] if p.get("comm") == name}
    peers = {pid: [] for pid in mine}
    ends = 0
    for ch in snap["channels"]:
        if ch.get("kind") != "unix":
            continue
        pids = [ep.get("pid") for ep in ch.get("endpoints", [])]
        inside = [p for p in pids if p in mine]
        ends += len(inside)
        for p in inside:
            peers[p].append(tuple(q for q in pids if q != p))
    paired = sum(1 for pid, chans in peers.items()
                 if len(chans) == SOCKPAIRS_PER_PAIR and len(set(chans)) == 1 and
                 len(chans[0]) == 1 and chans[0][0] in mine)
    return len(mine), ends, paired


def check_size(ipctop, name, procs, sockets, work, timings):
    path = os.path.join(work, "snap.json")
    status, took, peak_kib = run_ipctop(ipctop, path)
    ok(status == 0, "%d fixture processes: ipctop --json exits 0 (%d)" % (procs, status))
    try:
        with open(path, "rb") as f:
            snap = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError) as e:
        ok(False, "valid JSON (%s)" % e)
        return
    os.unlink(path)
    listed, ends, paired = count_fixture(snap, name)
    total = len(snap["processes"])
    ok(listed == procs, "every fixture process listed (%d of %d)" % (listed, procs))
    ok(ends == sockets, "every fixture socket is a channel end (%d of %d)" % (ends, sockets))
    ok(paired == procs, "every fixture process is joined to its partner alone, by %d channels "
       "(%d of %d)" % (SOCKPAIRS_PER_PAIR, paired, procs))
    bad = schema_problems(snap, limit=3)
    ok(not bad, "%d fixture processes: the document is valid against the schema %s" % (procs, bad))
    # A bound, not a timing: 16 KiB per listed process (its descriptors and channels included)
    # plus 48 MiB. Measured here with 16k processes in all: 122 MiB (133 under AddressSanitizer),
    # about 8 KiB per process.
    bound_kib = 48 * 1024 + 16 * total
    ok(peak_kib < bound_kib, "peak memory %d MiB, bound %d MiB for %d processes"
       % (peak_kib // 1024, bound_kib // 1024, total))
    timings.append((procs, total, took, peak_kib))


def main(argv):
    ipctop, scaler, sizes = argv[1], argv[2], [int(s) for s in argv[3:]]
    name = "hs%d" % os.getpid()
    work = tempfile.mkdtemp(prefix="ipctop-scale.")
    fixture = subprocess.Popen([scaler, name], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               universal_newlines=True)
    timings = []
    have = 0
    try:
        for size in sizes:
            why = room_problem(size - have)
            if why:
                skip("%d processes: %s" % (size, why))
                continue
            t0 = time.monotonic()
            fixture.stdin.write("grow %d %d\n" % ((size - have) // 2, SOCKPAIRS_PER_PAIR))
            fixture.stdin.flush()
            words = fixture.stdout.readline().split()
            if len(words) != 3 or words[0] != "ready":
                ok(False, "the fixture answers (%s)" % words)
                break
            have, sockets = int(words[1]), int(words[2])
            print("# fixture: %d processes, %d sockets (forking took %.1f s)"
                  % (have, sockets, time.monotonic() - t0), flush=True)
            if have < size:
                skip("%d processes: a fork failed at %d (process or pid limit)" % (size, have))
                break
            check_size(ipctop, name, have, sockets, work, timings)
    finally:
        fixture.stdin.close()
        try:
            fixture.wait(timeout=60)
        except subprocess.TimeoutExpired:
            fixture.kill()
            fixture.wait()
        os.rmdir(work)
    for procs, total, took, peak in timings:
        print("# time: %d fixture processes (%d in all): %.2f s, peak %d MiB"
              % (procs, total, took, peak // 1024))
    if len(timings) == 2:
        print("# time ratio %.2f for a process ratio of %.2f"
              % (timings[1][2] / timings[0][2], timings[1][1] / timings[0][1]))
    left = subprocess.run(["ps", "-e", "-o", "comm="], capture_output=True, text=True, errors="replace").stdout
    ok(name not in left.split("\n"), "no fixture process left behind")
    print("1..%d" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
