"""report_files.py — for bench/report.py: the kernel's price of each /proc file a snapshot may
read (files-N.txt, from bench/procfloor --files): CPU microseconds per process for each file,
which files the /proc floor reads and which `ipctop --json` reads of every process, and the two
sums, so that the snapshot's distance from the floor can be told apart from ipctop's own work."""

from bench_files import read

# What bench/procfloor reads of every process (its default mode).
FLOOR_READS = ("stat", "status", "fd+links")
# What `ipctop --json` reads of every process, and why (src/collect/).
IPCTOP_READS = {
    "stat": "state, times, memory, scheduling (collect_stat.c)",
    "status": "uids and gids, signals, context switches, SHR, raw comm (collect_procs.c)",
    "cmdline": "the command line (collect_procs.c)",
    "cgroup": "SERVICE (collect_procs.c)",
    "syscall": "the wait: what it is blocked in (collect_waits.c)",
    "fd+links": "every descriptor (collect_fds.c)",
    "exe": "EXE (collect_procs.c)",
    "ns/net": "the network namespace its sockets are looked up in (collect.c)",
}
NOTES = {
    "maps": "opened and asked with PROCMAP_QUERY for its shared mappings, not read (collect_maps.c): "
            "not in the sum",
    "statm": "no longer read: SHR comes from status",
    "io": "read only for rates (--json -i, --openmetrics)",
    "fd": "the listing alone, part of fd+links",
    "schedstat": "not by a one-shot snapshot; the TUI keeps it open and preads it each refresh",
}


def costs(d, n):
    out = {}
    for line in read("%s/files-%d.txt" % (d, n)).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "file":
            try:
                out[parts[1]] = float(parts[2])
            except ValueError:
                pass
    return out


def files_section(d, n):
    c = costs(d, n)
    if not c:
        return ""
    rows = ["| file | CPU µs per process | read by `procfloor` | read by `ipctop --json` |",
            "| --- | ---: | --- | --- |"]
    for name, us in c.items():
        why = IPCTOP_READS.get(name) or NOTES.get(name, "no")
        rows.append("| `%s` | %.1f | %s | %s |" % (name, us, "yes" if name in FLOOR_READS else "no", why))
    floor = sum(c.get(k, 0.0) for k in FLOOR_READS)
    mine = sum(c.get(k, 0.0) for k in IPCTOP_READS)
    text = ("\n".join(rows) + "\n\nbench/procfloor --files at %d processes: each kind of file of every "
            "process read whole (a link: readlink) in three passes, CPU time (user + system) per process "
            "and pass. The floor's files cost %.1f µs a process; the files `ipctop --json` reads of "
            "every process cost %.1f µs, %.2fx the floor's, before its PROCMAP_QUERY calls, the pipe "
            "fill probes, the socket dumps, parsing, channels and JSON. ipctop reads every file the "
            "floor reads, and more: the target of no more CPU than the floor's would need it to leave "
            "out the command line, service, wait, executable or socket namespace of every process, "
            "which its snapshot gives." % (n, floor, mine, mine / floor if floor else 0.0))
    return text
