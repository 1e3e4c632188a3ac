"""report.py DIR IPCTOP — the Markdown report of a bench/run: the machine, the timing table per
load (hyperfine medians and the ratio to ipctop), ipctop against the /proc floor, the CPU the
machine used while each load idled, how ipctop's time (wall and CPU) and its user-space
instructions scale with processes and descriptors, the completeness of ipctop's snapshot of the
load, the interactive steady state against htop, and the issue's targets checked against the
numbers, and a profile of one interactive refresh at 2000 processes (user-space instructions per
function and part, system calls per refresh; bench/report_profile.py). DIR holds what bench/run
left: hf-N.json, snap-N.json, ready-N, other-cpu-N.json, cg-N.out, procs-N, tui-N.json,
refresh-floor-N.txt (bench/report_tui.py), refresh-plain.out,
refresh-cg.out, refresh-self.txt and refresh-incl.txt (callgrind_annotate), refresh-strace.out,
refresh-strace-0.txt and refresh-strace-n.txt (strace -c), refresh-procs, refresh-secs,
files-N.txt (bench/procfloor --files: bench/report_files.py), notes,
loadavg-start, loadavg-end; any of them may be missing."""

import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_load  # noqa: E402
from bench_files import read, read_json  # noqa: E402
from report_files import files_section  # noqa: E402
from report_profile import profile_section  # noqa: E402
from report_tui import interactive_targets, snapshot_targets, tui_section  # noqa: E402

TARGET_LOAD = 2000
LINEAR = 1.3       # time is linear when the cost per added process changes by at most this, either way
IPCTOP = "ipctop --json"
FLOOR = "procfloor"


def run(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
        return (r.stdout or r.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def first_line(text):
    return text.splitlines()[0] if text else "?"


def lsof_version():
    m = re.search(r"revision: (\S+)", run(["lsof", "-v"]))
    return "lsof " + (m.group(1) if m else "?")


def machine(d, ipctop):
    cpu = re.search(r"^model name\s*:\s*(.*)$", read("/proc/cpuinfo"), re.M)
    mem = re.search(r"^MemTotal:\s*(\d+)", read("/proc/meminfo"), re.M)
    osrel = re.search(r'^PRETTY_NAME="?([^"\n]*)', read("/etc/os-release"), re.M)
    virt = run(["systemd-detect-virt"]) or ("a hypervisor" if " hypervisor" in read("/proc/cpuinfo") else "none")
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    commit = run(["git", "-C", src, "rev-parse", "--short", "HEAD"]) or "?"
    if run(["git", "-C", src, "status", "--porcelain", "--untracked-files=no"]):
        commit += " with uncommitted changes"
    rows = [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", "%s, %d cores" % (cpu.group(1) if cpu else "?", os.cpu_count() or 0)),
        ("memory", "%.1f GiB" % (int(mem.group(1)) / 1048576) if mem else "?"),
        ("system", "%s, kernel %s, virtualization: %s" % (osrel.group(1) if osrel else "?", platform.release(), virt)),
        ("load average", "%s at the start, %s at the end" % (read(d + "/loadavg-start", "?"), read(d + "/loadavg-end", "?"))),
        ("ipctop", "%s (commit %s)" % (first_line(run([ipctop, "-V"])), commit)),
        ("others", "; ".join([first_line(run(c)) for c in (["hyperfine", "--version"], ["lsfd", "--version"],
                                                         ["ss", "-V"], ["top", "-V"], ["htop", "--version"])] +
                             [lsof_version()])),
    ]
    out = ["| | |", "| --- | --- |"] + ["| %s | %s |" % r for r in rows]
    return "\n".join(out)


def fmt_s(seconds):
    return "%.1f ms" % (seconds * 1000) if seconds < 1 else "%.2f s" % seconds


def loads(d):
    return sorted(int(re.search(r"hf-(\d+)\.json$", p).group(1)) for p in glob.glob(d + "/hf-*.json"))


def hyperfine(d, n):
    with open("%s/hf-%d.json" % (d, n)) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def snapshot_stats(d, n):
    """(processes, descriptors, channels) of ipctop's snapshot under load n, or None."""
    s = read_json("%s/snap-%d.json" % (d, n))
    if s is None:
        return None
    procs = s.get("processes", [])
    return len(procs), sum(p.get("n_fds") or 0 for p in procs), len(s.get("channels", []))


def cpu(r):
    """A hyperfine result's CPU time: mean user + system."""
    return r["user"] + r["system"]


def timing_table(d, ns):
    out = ["| load (processes) | command | median | mean ± σ | min | runs | × ipctop | CPU (user+sys) | CPU × ipctop |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in ns:
        res = hyperfine(d, n)
        base = res.get(IPCTOP, {})
        for name, r in res.items():
            ratio = "%.2f" % (r["median"] / base["median"]) if base else "?"
            cpu_ratio = "%.2f" % (cpu(r) / cpu(base)) if base else "?"
            out.append("| %d | `%s` | %s | %s ± %s | %s | %d | %s | %s | %s |" % (
                n, name, fmt_s(r["median"]), fmt_s(r["mean"]), fmt_s(r["stddev"] or 0),
                fmt_s(r["min"]), len(r["times"]), ratio, fmt_s(cpu(r)), cpu_ratio))
    return "\n".join(out)


def floor_table(d, ns):
    out = ["| load | `procfloor` median | ipctop median | wall × floor | `procfloor` CPU | ipctop CPU | CPU × floor |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in ns:
        res = hyperfine(d, n)
        f, i = res.get(FLOOR), res.get(IPCTOP)
        if f and i:
            out.append("| %d | %s | %s | %.2f | %s | %s | %.2f |" % (
                n, fmt_s(f["median"]), fmt_s(i["median"]), i["median"] / f["median"],
                fmt_s(cpu(f)), fmt_s(cpu(i)), cpu(i) / cpu(f)))
    return "\n".join(out) if len(out) > 2 else "(not measured)"


def other_cpu_text(o):
    """The text "X% of a core (mostly COMM Y%)" of an other-cpu-N.json, and what no lasting thread used."""
    text = "%.1f%% of a core" % o["busy_pct_of_core"]
    top = o.get("top")
    if not top:
        return text
    rest = o["busy_pct_of_core"] - o.get("threads_pct_of_core", 0)
    words = "mostly" if top["pct_of_core"] >= o["busy_pct_of_core"] / 2 else "the busiest thread:"
    text += " (%s %s %.1f%%" % (words, top["comm"], top["pct_of_core"])
    if rest >= max(top["pct_of_core"], 1.0):
        text += "; %.1f%% by processes that came and went within the sample, or interrupts" % rest
    return text + ")"


def other_cpu_lines(d, ns):
    out = []
    for n in ns:
        o = read_json("%s/other-cpu-%d.json" % (d, n))
        out.append("- %d processes: other CPU use while the load idles: %s" % (
            n, other_cpu_text(o) if o else "not sampled"))
    return "\n".join(out) if out else "(not sampled)"


def instructions(d, n):
    """ipctop's user-space instructions for one snapshot at load n (callgrind's Ir), or None."""
    try:
        with open("%s/cg-%d.out" % (d, n)) as f:
            for line in f:
                m = re.match(r"(?:summary|totals):\s*(\d+)", line)
                if m:
                    return int(m.group(1))
    except OSError:
        pass
    return None


def points(d, ns):
    """Per load with a snapshot: its processes, descriptors and channels, and ipctop's wall
    median, CPU time and instructions (each None when not measured)."""
    out = []
    for n in ns:
        st = snapshot_stats(d, n)
        if not st:
            continue
        r = hyperfine(d, n).get(IPCTOP)
        out.append({"load": n, "procs": st[0], "fds": st[1], "channels": st[2],
                    "wall": r and r["median"], "cpu": r and cpu(r), "ir": instructions(d, n)})
    return out


def steps(pts, key):
    """{load: (per added process, per added descriptor)} of pts[key] from the load before that has
    it: the marginal cost, constant when the cost is linear, whatever the fixed start-up cost."""
    out, before = {}, None
    for p in pts:
        if p[key] is None:
            continue
        if before and p["procs"] > before["procs"] and p["fds"] > before["fds"]:
            dv = p[key] - before[key]
            out[p["load"]] = (dv / (p["procs"] - before["procs"]), dv / (p["fds"] - before["fds"]))
        before = p
    return out


def scaling_table(pts):
    out = ["| load | processes in the snapshot | descriptors | channels | wall median | "
           "wall µs per added process | wall µs per added descriptor | CPU (user+sys) | "
           "CPU µs per added process | CPU µs per added descriptor |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    wall, cpus = steps(pts, "wall"), steps(pts, "cpu")

    def cells(p, key, marginal):
        if p[key] is None:
            return ["—"] * 3
        m = marginal.get(p["load"])
        return [fmt_s(p[key])] + (["%.0f" % (m[0] * 1e6), "%.1f" % (m[1] * 1e6)] if m else ["—"] * 2)

    for p in pts:
        out.append("| " + " | ".join(["%d" % p["load"], "%d" % p["procs"], "%d" % p["fds"], "%d" % p["channels"]] +
                                     cells(p, "wall", wall) + cells(p, "cpu", cpus)) + " |")
    return "\n".join(out) if pts else "(no snapshot)"


def instructions_table(pts):
    rows = [p for p in pts if p["ir"] is not None]
    if not rows:
        return "(not counted)"
    marginal = steps(pts, "ir")
    out = ["| load | processes in the snapshot | instructions | per process | per added process |",
           "| ---: | ---: | ---: | ---: | ---: |"]
    for p in rows:
        m = marginal.get(p["load"])
        out.append("| %d | %d | %.1fM | %.0f | %s |" % (
            p["load"], p["procs"], p["ir"] / 1e6, p["ir"] / p["procs"], "%.0f" % m[0] if m else "—"))
    ratios = ["from %d to %d processes (%.2fx), %.2fx the instructions" % (
        a["procs"], b["procs"], b["procs"] / a["procs"], b["ir"] / a["ir"]) for a, b in zip(rows, rows[1:])]
    if ratios:
        out.append("\n" + "; ".join(ratios).capitalize() + ". Per process includes the fixed start-up cost, "
                   "which weighs more at a smaller load; per added process leaves it out.")
    return "\n".join(out)


def completeness_table(d, ns):
    cols, rows = [], None
    for n in ns:
        ready = read("%s/ready-%d" % (d, n)).splitlines()
        snap = read_json("%s/snap-%d.json" % (d, n))
        if snap is None:
            continue
        n_procs, root, made = check_load.parse_ready(ready[0])
        pair_of = check_load.load_pairs(snap.get("processes", []), root)
        found, spurious = check_load.count(snap, pair_of)
        col = [(n_procs, len(pair_of))] + [(made[k], found[k]) for k in check_load.KINDS] + [(0, spurious)]
        cols.append((n, col))
        rows = ["processes"] + list(check_load.KINDS) + ["channels from a load process to outside its pair"]
    if not cols:
        return "(no snapshot)", False
    out = ["| | " + " | ".join("%d: made / found" % n for n, _ in cols) + " |",
           "| --- |" + " ---: |" * len(cols)]
    complete = True
    for i, name in enumerate(rows):
        cells = []
        for _, col in cols:
            want, got = col[i]
            complete &= want == got
            cells.append("%d / %d%s" % (want, got, "" if want == got else " **(!)**"))
        out.append("| %s | %s |" % (name, " | ".join(cells)))
    return "\n".join(out), complete


def verdict(ok):
    return "**met**" if ok else "**not met**"


def drift(d, pts):
    """Loads during whose timing or instruction count the machine's process count strayed from the
    snapshot's by more than 5% (at least 50): other work started or ended meanwhile."""
    out = []
    for p in pts:
        seen = [int(x) for x in read("%s/procs-%d" % (d, p["load"])).split()]
        if seen and max(abs(x - p["procs"]) for x in seen) > max(0.05 * p["procs"], 50):
            out.append("- at %d processes the machine had %d to %d processes while the commands were timed "
                       "and counted, but %d in ipctop's snapshot: other work started or ended meanwhile, "
                       "so this load's numbers are not its own" % (p["load"], min(seen), max(seen), p["procs"]))
    return out


def growth(marginal, i):
    """How much a marginal cost (0: per process, 1: per descriptor) changes from the first step to
    the last; None when the first step cost nothing (noise larger than the step)."""
    first, last = marginal[min(marginal)][i], marginal[max(marginal)][i]
    return last / first if first > 0 else None


def is_linear(g):
    return g is not None and 1 / LINEAR <= g <= LINEAR


def fmt_growth(g):
    return "%.2fx" % g if g is not None else "? (a step measured no cost)"


def fmt_steps(marginal, i, scale, fmt):
    return ", ".join((fmt + " up to %d") % (marginal[n][i] * scale, n) for n in sorted(marginal))


def wall_note(d, pts, cpu_ok):
    """Why wall time can scale worse than CPU time: the CPU others used while each load idled."""
    bg = [(p["load"], read_json("%s/other-cpu-%d.json" % (d, p["load"]))) for p in pts]
    bg = [(n, o) for n, o in bg if o]
    if len(bg) < 2:
        return ""
    (n0, a), (n1, b) = bg[0], bg[-1]
    text = ("; other CPU use while the load idled: %s at %d processes, %s at %d — CPU the timed "
            "commands could not have" % (other_cpu_text(a), n0, other_cpu_text(b), n1))
    if not cpu_ok:
        return text
    if b["busy_pct_of_core"] - a["busy_pct_of_core"] >= 10:
        return text + ", so at the larger load ipctop's threads waited longer for a CPU: its wall time " \
                      "grows faster than its CPU time, which is linear"
    return text + ", which grew too little to explain the wall time"


def linearity(d, pts):
    cpus, wall, ir = steps(pts, "cpu"), steps(pts, "wall"), steps(pts, "ir")
    if len(cpus) < 2:
        if not cpus:
            return ["- time linear in processes: not measured"]
        n = max(cpus)
        return ["- time linear in processes: needs three loads (one step measured: CPU %.0f µs%s per added "
                "process)" % (cpus[n][0] * 1e6, ", wall %.0f µs" % (wall[n][0] * 1e6) if n in wall else "")]
    g_proc, g_fd = growth(cpus, 0), growth(cpus, 1)
    ok = is_linear(g_proc) and is_linear(g_fd)
    out = ["- time linear in processes and descriptors, judged on ipctop's CPU time (user+sys): each added "
           "process costs %s, each added descriptor %s; from the first step to the last these change by %s "
           "and %s — %s (linear: within %gx either way)" % (
               fmt_steps(cpus, 0, 1e6, "%.0f µs"), fmt_steps(cpus, 1, 1e6, "%.1f µs"),
               fmt_growth(g_proc), fmt_growth(g_fd), verdict(ok), LINEAR)]
    if len(wall) >= 2:
        g = growth(wall, 0)
        linear = is_linear(g)
        out.append("  - wall time (median): each added process costs %s, a change of %s (%s)%s" % (
            fmt_steps(wall, 0, 1e6, "%.0f µs"), fmt_growth(g), "within %gx" % LINEAR if linear else
            "beyond %gx" % LINEAR, "" if linear else wall_note(d, pts, ok)))
    if len(ir) >= 2:
        out.append("  - user-space instructions (callgrind; the machine's noise does not touch them): each "
                   "added process costs %s, a change of %s" % (
                       fmt_steps(ir, 0, 1, "%.0f"), fmt_growth(growth(ir, 0))))
    return out


def targets(d, ns, pts, tui):
    out = ["### Issue 17 (performance, round two)\n"]
    out += interactive_targets(d, tui, {p["load"]: p["procs"] for p in pts})
    if TARGET_LOAD in ns:
        out += snapshot_targets(hyperfine(d, TARGET_LOAD), IPCTOP, FLOOR, cpu)
    out.append("\n### Round one (issue 11)\n")
    if TARGET_LOAD in ns:
        res = hyperfine(d, TARGET_LOAD)
        ip = res.get(IPCTOP, {}).get("median")
        for name, want, kind in (("lsof -n -P +E", 4.0, "faster"), ("lsfd", 8.0, "faster"), ("ss -anp", 1.5, "within")):
            r = res.get(name)
            if not r or not ip:
                out.append("- `%s`: not measured" % name)
            elif kind == "faster":
                x = r["median"] / ip
                out.append("- at %d processes, ipctop at least %gx faster than `%s`: %.2fx — %s" % (
                    TARGET_LOAD, want, name, x, verdict(x >= want)))
            else:
                x = ip / r["median"]
                out.append("- at %d processes, ipctop within %gx of `%s`: ipctop takes %.2fx its time — %s" % (
                    TARGET_LOAD, want, name, x, verdict(x <= want)))
    out += linearity(d, pts)
    return "\n".join(out) if out else "(nothing measured)"


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    d, ipctop = argv[1], argv[2]
    ns = loads(d)
    pts = points(d, ns)
    complete, all_found = completeness_table(d, ns)
    tui_md, tui = tui_section(d, ns)
    notes = read(d + "/notes")
    print("# ipctop benchmark results\n")
    print("Written by `make bench` (bench/run). Each load is bench/loadgen: N processes in pairs, each "
          "pair joined by two pipes, a stream and a datagram UNIX socketpair, a TCP loopback "
          "connection, and every fourth pair also by a SysV segment and a POSIX shm object. All "
          "commands of one load ran in one hyperfine invocation (`-N`, output to /dev/null), so they "
          "share the machine's noise. Run as uid %d.\n" % os.getuid())
    print("## Machine\n\n" + machine(d, ipctop) + "\n")
    caution = drift(d, pts)
    if caution:
        print("## Caution\n\n" + "\n".join(caution) + "\n")
    print("## Background CPU use\n\n" + other_cpu_lines(d, ns) + "\n")
    print("Sampled for 5 s from /proc/stat after the load was up and before anything was timed (busy: all "
          "but idle and iowait), with the thread that used the most (utime + stime; counted apart from /proc/stat, so the two can "
          "differ by a tick or two). This is CPU the timed commands cannot use: it lengthens their wall "
          "time, not their CPU time.\n")
    print("## Full snapshot: time per command\n\n" + timing_table(d, ns) + "\n")
    print("`× ipctop`: the command's median over ipctop's (above 1: ipctop is faster). `procfloor` is "
          "bench/procfloor, the /proc floor: on one thread, it lists /proc, reads each process's stat and "
          "status and reads every link in its fd directory, and parses nothing.\n")
    print("## ipctop against the /proc floor\n\n" + floor_table(d, ns) + "\n")
    print("The floor is the least /proc reading any tool giving per-process state and descriptors must "
          "do. `× floor` is how far ipctop is from it (1: at the floor). ipctop reads on one thread per "
          "CPU (at most four) and the floor on one, so ipctop's wall time can be below the floor's; its "
          "CPU beyond the floor's pays for the rest of its work (parsing, maps, sockets, resolving "
          "channels, writing JSON).\n")
    files = files_section(d, TARGET_LOAD)
    if files:
        print("### What each /proc file costs the kernel (%d processes)\n\n%s\n" % (TARGET_LOAD, files))
    print("## Scaling of `ipctop --json`\n\n" + scaling_table(pts) + "\n")
    print("Per added process or descriptor: the cost of the load's growth from the load before, which "
          "stays the same when the time is linear whatever the fixed start-up cost. Wall is the "
          "hyperfine median; CPU is user+sys (hyperfine's mean).\n")
    print("### User-space instructions of one `ipctop --json` (callgrind)\n\n" + instructions_table(pts) + "\n")
    print("## Targets of the issue\n\n" + targets(d, ns, pts, tui) + "\n")
    print("## Completeness: what ipctop found of the load\n\n" + complete + "\n")
    print("Channels are counted when their endpoints are exactly the two processes of one pair "
          "(a pipe also needs its write end in one and its read end in the other). All found: %s.\n"
          % ("yes" if all_found else "**no**"))
    print("## Interactive steady state\n\n" + tui_md + "\n")
    print("All three in one tmux server, 200x50, side by side, mostly idle load; refreshes counted "
          "from the Uptime shown in ipctop's and htop's panes and top's clock. ipctop waits its "
          "delay after each snapshot, htop and top refresh on a fixed period, so their refresh "
          "counts can differ. `× floor`: CPU per refresh over the idle refresh floor's, "
          "bench/procfloor --refresh (one pread of every process's schedstat, kept open: the "
          "least a refresh can read to know which processes ran), measured after them.\n")
    print("## Profile of one refresh (%d processes, idle)\n" % TARGET_LOAD)
    print("bench/refresh_profile takes refreshes as the TUI does (a snapshot with the previous one as "
          "prev, then the old one freed), without the view's own work (CPU%, list, drawing): 3 to warm "
          "up, then the measured ones 1 s apart, none of them a full rescan (the TUI reads a sixtieth of the processes in full at each refresh instead: not in the profile). "
          "Idle processes are carried over.\n")
    print(profile_section(d) + "\n")
    if notes:
        print("## Notes\n\n" + "\n".join("- " + line for line in notes.splitlines()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
