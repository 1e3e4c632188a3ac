"""report.py DIR IPCTOP — the Markdown report of a bench/run: the machine, the timing table per
load (hyperfine medians and the ratio to ipctop), how ipctop's time scales with processes and
descriptors, the completeness of ipctop's snapshot of the load, the interactive steady state
against htop, and the issue's targets checked against the numbers. DIR holds what bench/run
left: hf-N.json, snap-N.json, ready-N, tui.json, notes, loadavg-start, loadavg-end."""

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

TARGET_LOAD = 2000


def run(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
        return (r.stdout or r.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def first_line(text):
    return text.splitlines()[0] if text else "?"


def read(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


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
    try:
        with open("%s/snap-%d.json" % (d, n), "rb") as f:
            s = json.load(f)
    except (OSError, ValueError):
        return None
    procs = s.get("processes", [])
    return len(procs), sum(p.get("n_fds") or 0 for p in procs), len(s.get("channels", []))


def timing_table(d, ns):
    out = ["| load (processes) | command | median | mean ± σ | min | runs | × ipctop | CPU (user+sys) | CPU × ipctop |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in ns:
        res = hyperfine(d, n)
        base = res.get("ipctop --json", {})
        for name, r in res.items():
            ratio = "%.2f" % (r["median"] / base["median"]) if base else "?"
            cpu = r["user"] + r["system"]
            cpu_ratio = "%.2f" % (cpu / (base["user"] + base["system"])) if base else "?"
            out.append("| %d | `%s` | %s | %s ± %s | %s | %d | %s | %s | %s |" % (
                n, name, fmt_s(r["median"]), fmt_s(r["mean"]), fmt_s(r["stddev"] or 0),
                fmt_s(r["min"]), len(r["times"]), ratio, fmt_s(cpu), cpu_ratio))
    return "\n".join(out)


def scaling_table(d, ns):
    """The table, and {load: µs per added process since the load before} (the marginal cost:
    constant when the time is linear, whatever the fixed start-up cost)."""
    out = ["| load | processes in the snapshot | descriptors | channels | ipctop median | "
           "µs per added process | µs per added descriptor |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    marginal, before = {}, None
    for n in ns:
        st = snapshot_stats(d, n)
        med = hyperfine(d, n).get("ipctop --json", {}).get("median")
        if not st or not med:
            continue
        per_proc = per_fd = "—"
        if before and st[0] > before[0][0] and st[1] > before[0][1]:
            marginal[n] = (med - before[1]) * 1e6 / (st[0] - before[0][0])
            per_proc = "%.0f" % marginal[n]
            per_fd = "%.1f" % ((med - before[1]) * 1e6 / (st[1] - before[0][1]))
        out.append("| %d | %d | %d | %d | %s | %s | %s |" % (
            n, st[0], st[1], st[2], fmt_s(med), per_proc, per_fd))
        before = (st, med)
    return "\n".join(out), marginal


def completeness_table(d, ns):
    cols, rows = [], None
    for n in ns:
        ready = read("%s/ready-%d" % (d, n)).splitlines()
        try:
            with open("%s/snap-%d.json" % (d, n), "rb") as f:
                snap = json.load(f)
        except (OSError, ValueError):
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


def tui_table(d):
    try:
        with open(d + "/tui.json") as f:
            t = json.load(f)
    except (OSError, ValueError):
        return "(not measured)", None
    out = ["| program | seconds | refreshes seen | CPU ms | CPU ms per refresh | CPU ms per second | VmRSS | VmHWM |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in t.items():
        per = r["cpu_ms_per_refresh"]
        out.append("| `%s -d 10` | %.0f | %d | %.0f | %s | %.1f | %.1f MiB | %.1f MiB |" % (
            name, r["seconds"], r["refreshes"], r["cpu_ms"], "%.1f" % per if per is not None else "?",
            r["cpu_ms_per_second"], (r["rss_kib"] or 0) / 1024, (r["hwm_kib"] or 0) / 1024))
    return "\n".join(out), t


def verdict(ok):
    return "**met**" if ok else "**not met**"


def targets(d, ns, per_proc, tui):
    out = []
    if TARGET_LOAD in ns:
        res = hyperfine(d, TARGET_LOAD)
        ip = res.get("ipctop --json", {}).get("median")
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
    if len(per_proc) >= 2:
        lo, hi = min(per_proc), max(per_proc)
        growth = per_proc[hi] / per_proc[lo]
        out.append("- time linear in processes and descriptors: each added process costs %s; from the "
                   "first step to the last that cost changes by %.2fx — %s (linear: within 1.3x)" % (
                       ", ".join("%.0f µs up to %d" % (per_proc[n], n) for n in sorted(per_proc)), growth,
                       verdict(growth <= 1.3)))
    elif per_proc:
        out.append("- time linear in processes: needs three loads (one step measured: %.0f µs per added "
                   "process)" % list(per_proc.values())[0])
    if tui and "ipctop" in tui and "htop" in tui:
        a, b = tui["ipctop"], tui["htop"]
        if a["cpu_ms_per_refresh"] and b["cpu_ms_per_refresh"]:
            x = a["cpu_ms_per_refresh"] / b["cpu_ms_per_refresh"]
            out.append("- TUI CPU per refresh ≤ htop's: %.1f ms vs %.1f ms (%.2fx) — %s" % (
                a["cpu_ms_per_refresh"], b["cpu_ms_per_refresh"], x, verdict(x <= 1.0)))
        if a["rss_kib"] and b["rss_kib"]:
            x = a["rss_kib"] / b["rss_kib"]
            out.append("- TUI RSS ≤ 2x htop's: %.1f MiB vs %.1f MiB (%.2fx) — %s" % (
                a["rss_kib"] / 1024, b["rss_kib"] / 1024, x, verdict(x <= 2.0)))
    return "\n".join(out) if out else "(nothing measured)"


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    d, ipctop = argv[1], argv[2]
    ns = loads(d)
    scaling, per_proc = scaling_table(d, ns)
    complete, all_found = completeness_table(d, ns)
    tui_md, tui = tui_table(d)
    notes = read(d + "/notes")
    print("# ipctop benchmark results\n")
    print("Written by `make bench` (bench/run). Each load is bench/loadgen: N processes in pairs, each "
          "pair joined by two pipes, a stream and a datagram UNIX socketpair, a TCP loopback "
          "connection, and every fourth pair also by a SysV segment and a POSIX shm object. All "
          "commands of one load ran in one hyperfine invocation (`-N`, output to /dev/null), so they "
          "share the machine's noise. Run as uid %d.\n" % os.getuid())
    print("## Machine\n\n" + machine(d, ipctop) + "\n")
    print("## Full snapshot: time per command\n\n" + timing_table(d, ns) + "\n")
    print("`× ipctop`: the command's median over ipctop's (above 1: ipctop is faster).\n")
    print("## Scaling of `ipctop --json`\n\n" + scaling + "\n")
    print("## Targets of the issue\n\n" + targets(d, ns, per_proc, tui) + "\n")
    print("## Completeness: what ipctop found of the load\n\n" + complete + "\n")
    print("Channels are counted when their endpoints are exactly the two processes of one pair "
          "(a pipe also needs its write end in one and its read end in the other). All found: %s.\n"
          % ("yes" if all_found else "**no**"))
    print("## Interactive steady state at 2000 processes\n\n" + tui_md + "\n")
    print("Both in one tmux server, 200x50, side by side, mostly idle load; refreshes counted from "
          "the Uptime shown in each pane. ipctop waits its delay after each snapshot, htop "
          "refreshes on a fixed period, so their refresh counts can differ.\n")
    if notes:
        print("## Notes\n\n" + "\n".join("- " + line for line in notes.splitlines()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
