"""other_cpu.py SECONDS — the machine's CPU use by everything over SECONDS while bench/run waits
(the load idle, nothing timed): busy ticks of the "cpu" line of /proc/stat (user, nice, system,
irq, softirq, steal: all but idle and iowait; guest time is already in user and nice) less what
this helper used, over all ticks, as a share of one core; the thread that used the most CPU
(utime + stime of /proc/*/task/*/stat, before and after); and the share of all threads seen in
both scans (the rest is threads that came or went meanwhile, and interrupts). Prints one JSON
object."""

import json
import os
import sys
import time


def cpu_line():
    """(busy, all) ticks of the machine and its number of CPUs."""
    with open("/proc/stat") as f:
        lines = f.read().splitlines()
    v = [int(x) for x in lines[0].split()[1:9]]   # user nice system idle iowait irq softirq steal
    n_cpus = sum(1 for line in lines if line.startswith("cpu") and line[3:4].isdigit())
    return sum(v) - v[3] - v[4], sum(v), n_cpus


def own_ticks():
    with open("/proc/self/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def threads():
    """{(pid, tid, start time): (comm, utime + stime)} of every thread but this process's."""
    out, me = {}, os.getpid()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == me:
            continue
        try:
            tids = os.listdir("/proc/%s/task" % pid)
        except OSError:
            continue
        for tid in tids:
            try:
                with open("/proc/%s/task/%s/stat" % (pid, tid), "rb") as f:
                    head, tail = f.read().rsplit(b")", 1)
            except (OSError, ValueError):
                continue
            fields = tail.split()
            comm = head.split(b"(", 1)[1].decode(errors="replace")
            out[(int(pid), int(tid), fields[19])] = (comm, int(fields[11]) + int(fields[12]))
    return out


def main(argv):
    secs = float(argv[1]) if len(argv) == 2 else 5.0
    busy0, all0, n_cpus = cpu_line()
    own0 = own_ticks()
    before = threads()
    time.sleep(secs)
    after = threads()
    own1 = own_ticks()
    busy1, all1, _ = cpu_line()
    span = max(all1 - all0, 1) / n_cpus   # ticks of one CPU: the time from first to last
    top, seen = None, 0
    for key, (comm, ticks) in after.items():
        if key in before:
            used = ticks - before[key][1]
            seen += used
            if used > (top[2] if top else 0):
                top = (key, comm, used)

    def pct(ticks):
        return 100.0 * ticks / span

    result = {
        "seconds": secs,
        "cpus": n_cpus,
        "busy_pct_of_core": pct(max(busy1 - busy0 - (own1 - own0), 0)),   # less this helper's scans
        "threads_pct_of_core": pct(seen),
        "top": top and {"pid": top[0][0], "tid": top[0][1], "comm": top[1], "pct_of_core": pct(top[2])},
    }
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
