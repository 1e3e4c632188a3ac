"""report.py DIR IPCTOP — the Markdown report of a bench/run: the machine, the timing table per
load (hyperfine medians and the ratio to ipctop), ipctop against the /proc floor, the CPU the
machine used while each load idled, how ipctop's time (wall and CPU) and its user-space
instructions scale with processes and descriptors, the completeness of ipctop's snapshot of the
load, the interactive steady state against htop, and the issue's targets checked against the
numbers, and a profile of one interactive refresh at 2000 processes (user-space instructions per
function and part, system calls per refresh). DIR holds what bench/run left: hf-N.json,
snap-N.json, ready-N, other-cpu-N.json, cg-N.out, procs-N, tui.json, refresh-plain.out,
refresh-cg.out, refresh-self.txt and refresh-incl.txt (callgrind_annotate), refresh-strace.out,
refresh-strace-0.txt and refresh-strace-n.txt (strace -c), refresh-procs, refresh-secs, notes,
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


def read(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def read_json(path):
    try:
        with open(path, "rb") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


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


def tui_table(d):
    t = read_json(d + "/tui.json")
    if t is None:
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
    out = []
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


# ---- Profile of one interactive refresh (bench/refresh_profile) ----

HOT = 10.0         # % of a refresh's user-space instructions that makes one function a hot spot
OWN_CALLS = ("clock_nanosleep", "nanosleep", "getrusage")   # refresh_profile's own: its wait, its CPU clock
FEW_CALLS = 10     # system calls fewer than this per refresh share one row


def profile_run(path):
    """The line "refreshes N processes P reused R kept K user_ms U sys_ms S" as a dict, or None."""
    words = read(path).split()
    try:
        d = {k: float(v) for k, v in zip(words[::2], words[1::2])}
    except ValueError:
        return None
    keys = ("refreshes", "processes", "reused", "kept", "user_ms", "sys_ms")
    return d if all(k in d for k in keys) and d["refreshes"] else None


def short_obj(obj):
    """The object file's short name: ipctop (the static library linked into refresh_profile),
    libproc2, libc, libmnl, ..."""
    if not obj:
        return "?"
    base = os.path.basename(obj)
    if base in ("refresh_profile", "ipctop"):
        return "ipctop"
    if base.startswith("ld-linux"):
        return "ld.so"
    return base.split(".so")[0]


ANNOTATE_LINE = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(?:([<>*])\s+)?(\S.*?)\s*$")


def parse_annotate(path):
    """callgrind_annotate output as (total, [(cost, mark, function, object)]): mark is "" in a
    flat listing, "<" for a caller and "*" for the function itself with --tree=caller. Recursion
    levels (name'2) keep their suffix; a function inlined from another file can come without its
    object (None). Returns (None, []) when the file is missing or holds no total."""
    total, rows = None, []
    for line in read(path).splitlines():
        m = ANNOTATE_LINE.match(line)
        if not m:
            continue
        cost, mark, rest = int(m.group(1).replace(",", "")), m.group(2) or "", m.group(3)
        if rest.startswith("PROGRAM TOTALS"):
            total = cost
            continue
        o = re.search(r"\s+\[([^\]]*)\]$", rest)
        obj = o.group(1) if o else None
        if o:
            rest = rest[:o.start()]
        rest = re.sub(r"\s+\([\d,]+x\)$", "", rest)
        if ":" not in rest:
            continue
        fn = rest.split(":", 1)[1]
        rows.append((cost, mark, fn, obj))
    return (total, rows) if total else (None, [])


def base_name(fn):
    return re.sub(r"'\d+$", "", fn)   # name'2: a recursion level of name


class Profile:
    """A callgrind profile of COUNT refreshes: self cost per function (recursion levels and the
    files of inlined code merged), inclusive cost (the outermost level: callgrind_annotate lists
    each function once, its cost summed over threads) and callers."""

    def __init__(self, self_path, incl_path):
        self.total, flat = parse_annotate(self_path)
        total_i, tree = parse_annotate(incl_path)
        self.total = self.total or total_i
        obj_of = {}
        for _, _, fn, obj in flat + tree:
            if obj:
                obj_of.setdefault(base_name(fn), short_obj(obj))
        self.self_cost = {}
        for cost, _, fn, obj in flat:
            key = (base_name(fn), short_obj(obj) if obj else obj_of.get(base_name(fn), "?"))
            self.self_cost[key] = self.self_cost.get(key, 0) + cost
        self.callers = {}
        levels = {}   # {key: {recursion level: inclusive cost}}; an inlined file's part adds to its function
        pending = []
        for cost, mark, fn, obj in tree:
            key = (base_name(fn), short_obj(obj) if obj else obj_of.get(base_name(fn), "?"))
            if mark == "<":
                pending.append((key, cost))
            elif mark == "*":
                level = int(fn[len(key[0]) + 1:]) if fn != key[0] else 1
                lv = levels.setdefault(key, {})
                lv[level] = lv.get(level, 0) + cost
                for caller, c in pending:
                    if caller != key:   # a recursion level calling the next one
                        self.callers.setdefault(key, {})
                        self.callers[key][caller] = self.callers[key].get(caller, 0) + c
                pending = []
        # The outermost level holds the deeper ones: adding them up would count them twice.
        self.incl = {k: lv[min(lv)] for k, lv in levels.items()}

    def inclusive(self, name):
        """The inclusive cost of the function name (any object), or None."""
        costs = [c for (fn, _), c in self.incl.items() if fn == name]
        return max(costs) if costs else None

    def called_from(self, lib):
        """{function: the share of its cost spent on behalf of object lib}, propagated from
        callers: lib's own functions count 1, ipctop's and those without callers 0."""
        keys = set(self.self_cost) | set(self.incl) | set(self.callers)
        share = {k: 1.0 if k[1] == lib else 0.0 for k in keys}
        for _ in range(50):
            changed = False
            for k in keys:
                if k[1] in (lib, "ipctop") or not self.callers.get(k):
                    continue
                calls = self.callers[k]
                w = sum(calls.values())
                v = sum(c * share.get(ck, 0.0) for ck, c in calls.items()) / w if w else 0.0
                if abs(v - share[k]) > 1e-9:
                    share[k], changed = v, True
            if not changed:
                break
        return share


def fmt_count(x):
    return "%.1fM" % (x / 1e6) if abs(x) >= 1e6 else "%.0fk" % (x / 1e3) if abs(x) >= 1e4 else "%.0f" % x


def fn_label(fn, obj):
    if re.match(r"0x[0-9a-fA-F]+$", fn):
        return "(unnamed, at %#x)" % int(fn, 16)   # a stripped library's internal function
    return "`%s`" % fn


PARTS = (   # (part of a refresh, its function; then the functions to fall back on)
    ("libproc2's reading of the process list", ("procps_pids_reap",)),
    ("the per-process workers, summed over their threads", ("run_worker", "collect_one")),
    ("the socket dump (NETLINK_SOCK_DIAG, on its own thread)", ("dump_own", "sockdiag_dump_current")),
    ("SysV IPC (/proc/sysvipc)", ("collect_sysvipc",)),
    ("channel resolution", ("channel_resolve",)),
    ("freeing the old snapshot (and malloc_trim)", ("free_old_snapshot", "snapshot_free")),
)


def profile_section(d):
    """The profile of one refresh: its CPU time, the top functions by self cost, the main parts
    by inclusive cost, the system calls per refresh and a reading of them."""
    out, facts = [], {}
    plain = profile_run(d + "/refresh-plain.out")
    secs = read(d + "/refresh-secs")
    if not plain and not os.path.exists(d + "/refresh-cg.out") and not os.path.exists(d + "/refresh-strace.out"):
        return "(not profiled)"
    if plain:
        facts["user"], facts["sys"] = plain["user_ms"], plain["sys_ms"]
        out.append("CPU time of one refresh without a profiler (mean of %d, all threads): %.1f ms user, "
                   "%.1f ms system; %d processes in the snapshot, %d carried over from the previous one, "
                   "%d schedstat files kept open." % (plain["refreshes"], plain["user_ms"], plain["sys_ms"],
                                                       plain["processes"], plain["reused"], plain["kept"]))
    seen = [int(x) for x in read(d + "/refresh-procs").split() if x.isdigit()]
    if seen and max(seen) - min(seen) > max(0.05 * min(seen), 50):
        out.append("\n**Caution:** the machine had %d to %d processes while the profile ran: other work "
                   "started or ended meanwhile." % (min(seen), max(seen)))
    if out:
        out.append("")
    run = profile_run(d + "/refresh-cg.out")
    prof = Profile(d + "/refresh-self.txt", d + "/refresh-incl.txt")
    if run and prof.total:
        n, total = run["refreshes"], prof.total
        per = total / n

        def per_proc(c):
            return "%.0f" % (c / n / run["processes"]) if run["processes"] else "?"

        out.append("### User-space instructions (callgrind)\n")
        out.append("%s instructions per refresh (%d refreshes, %d processes, %d carried over), %s per "
                   "process.\n" % (fmt_count(per), n, run["processes"], run["reused"], per_proc(total)))
        lib = prof.called_from("libproc2")
        top = sorted(prof.self_cost.items(), key=lambda kv: -kv[1])[:12]
        out += ["| function (self cost) | object | instructions per refresh | % of the refresh | "
                "share on behalf of libproc2 |", "| --- | --- | ---: | ---: | ---: |"]
        for (fn, obj), c in top:
            out.append("| %s | %s | %s | %.1f%% | %s |" % (
                fn_label(fn, obj), obj, fmt_count(c / n), 100 * c / total,
                "%.0f%%" % (100 * lib.get((fn, obj), 0.0)) if (fn, obj) in lib else "?"))
        out.append("\nSelf cost: the function's own instructions, recursion levels and inlined code merged. "
                   "Share on behalf of libproc2: how much of its cost is reached through libproc2's "
                   "functions (propagated along callers' costs); libproc2 is stripped, so its own "
                   "functions show only as addresses.\n")
        out += ["| part of the refresh | function (inclusive cost) | instructions per refresh | "
                "% of the refresh | per process |", "| --- | --- | ---: | ---: | ---: |"]
        parts, covered = [], 0
        for label, names in PARTS:
            found = next(((nm, prof.inclusive(nm)) for nm in names if prof.inclusive(nm) is not None), None)
            if not found:
                out.append("| %s | `%s` | — | — | — |" % (label, names[0]))
                continue
            nm, c = found
            covered += c
            parts.append((label, c))
            out.append("| %s | `%s` | %s | %.1f%% | %s |" % (
                label, nm, fmt_count(c / n), 100 * c / total, per_proc(c)))
            if nm == "procps_pids_reap":
                sc = prof.callers.get(("__isoc99_sscanf", "libc"), {})
                via = sum(c2 for (fn2, obj2), c2 in sc.items() if obj2 == "libproc2")
                if via:
                    facts["sscanf"] = via / total
                    out.append("| … of which libc's `sscanf`, called by libproc2 | `__isoc99_sscanf` | %s | "
                               "%.1f%% | %s |" % (fmt_count(via / n), 100 * via / total, per_proc(via)))
            if nm == "run_worker" and prof.inclusive("collect_one") is not None:
                c1 = prof.inclusive("collect_one")
                out.append("| … of which the processes themselves | `collect_one` | %s | %.1f%% | %s |" % (
                    fmt_count(c1 / n), 100 * c1 / total, per_proc(c1)))
        rest = total - covered
        out.append("| everything else (list sorting, threads, merging, linking sockets to descriptors, "
                   "sysinfo, …) | | %s | %.1f%% | |" % (fmt_count(rest / n), 100 * rest / total))
        out.append("| whole refresh, all threads | | %s | 100%% | %s |\n" % (
            fmt_count(per), per_proc(total)))
        out.append("Inclusive cost: the function and everything it calls, summed over the threads that "
                   "ran it (callgrind_annotate --inclusive=yes, the outermost recursion level). The parts "
                   "do not overlap; `run_worker` runs on the caller's thread and one per further CPU.\n")
        facts["parts"] = parts
        facts["total"] = total
        # each function's self cost outside libproc2's reading: the largest is the candidate hot spot
        mine = [(k, c * (1 - lib.get(k, 0.0))) for k, c in prof.self_cost.items()]
        if mine:
            (fn, obj), c = max(mine, key=lambda kv: kv[1])
            facts["top_other"] = (fn_label(fn, obj), obj, 100 * c / total)
        facts["lib_share"] = sum(c * lib.get(k, 0.0) for k, c in prof.self_cost.items()) / total
    else:
        out.append("### User-space instructions (callgrind)\n\n(not profiled)\n")
    out.append(syscall_section(d, facts))
    out.append("### Reading\n\n" + profile_reading(facts) + "\n")
    if secs:
        out.append("The profile (a plain run, callgrind and two strace runs of bench/refresh_profile) "
                   "took %s s of the benchmark." % secs)
    return "\n".join(out)


def strace_counts(path):
    """{syscall: (calls, errors)} from strace -c output, or None."""
    text = read(path, None)
    if text is None:
        return None
    out = {}
    for line in text.splitlines():
        w = line.split()
        if len(w) < 5 or not re.match(r"^[\d.]+$", w[0]) or w[-1] == "total":
            continue
        nums = w[:-1]
        if not all(re.match(r"^[\d.]+$", x) for x in nums) or len(nums) not in (4, 5):
            continue
        out[w[-1]] = (int(nums[3]), int(nums[4]) if len(nums) == 5 else 0)
    return out


def syscall_section(d, facts):
    base, full = strace_counts(d + "/refresh-strace-0.txt"), strace_counts(d + "/refresh-strace-n.txt")
    run = profile_run(d + "/refresh-strace.out")
    if base is None or full is None or not run:
        return "### System calls per refresh (strace -c)\n\n(not counted)\n"
    n, procs = run["refreshes"], run["processes"]
    rows = []
    for name in set(base) | set(full):
        if name in OWN_CALLS:
            continue
        calls = (full.get(name, (0, 0))[0] - base.get(name, (0, 0))[0]) / n
        errs = (full.get(name, (0, 0))[1] - base.get(name, (0, 0))[1]) / n
        if abs(calls) >= 0.5:
            rows.append((name, calls, errs))
    rows.sort(key=lambda r: (-r[1], r[0]))
    total = sum(r[1] for r in rows)
    facts["syscalls"] = (total, procs, rows, run)
    out = ["### System calls per refresh (strace -c)\n",
           "%d refreshes, %d processes, %d carried over; the calls of a run of the 3 warm-up refreshes "
           "alone subtracted from those of a run with %d more, over %d (strace -f: all threads).\n" % (
               n, procs, run["reused"], n, n),
           "| system call | calls per refresh | of which failed | per process |", "| --- | ---: | ---: | ---: |"]
    small = [r for r in rows if r[1] < FEW_CALLS]
    for name, calls, errs in rows:
        if calls >= FEW_CALLS:
            out.append("| `%s` | %.0f | %s | %.2f |" % (name, calls, "%.0f" % errs if abs(errs) >= 0.5 else "",
                                                        calls / procs if procs else 0))
    if small:
        calls = sum(r[1] for r in small)
        out.append("| %d others (%s) | %.0f | | %.2f |" % (
            len(small), ", ".join(r[0] for r in small), calls, calls / procs if procs else 0))
    out.append("| all | %.0f | | %.2f |\n" % (total, total / procs if procs else 0))
    out.append("Left out: refresh_profile's own calls (its sleep between refreshes, `clock_nanosleep`, and "
               "its CPU clock, `getrusage`) and calls made less than once in two refreshes. Processes that ran between two refreshes (not carried "
               "over) have their status, command line, descriptors and maps read again, so their "
               "descriptors count here too.\n")
    return "\n".join(out)


def profile_reading(f):
    out = []
    if "user" in f:
        cpu = f["user"] + f["sys"]
        out.append("- The kernel's side is %s of a refresh's CPU: %.1f of %.1f ms (%.0f%%) is system time (the "
                   "system calls counted above, page faults and the like); the instructions counted above are "
                   "the %.0f%% in user space." % (
                       "most" if f["sys"] > f["user"] else "the smaller part", f["sys"], cpu,
                       100 * f["sys"] / cpu if cpu else 0, 100 * f["user"] / cpu if cpu else 0))
    if "syscalls" in f:
        total, procs, rows, run = f["syscalls"]
        top = ", ".join("`%s` %.2f" % (r[0], r[1] / procs) for r in rows[:4]) if procs else ""
        out.append("- System calls: %.0f per refresh, %.1f per process (most per process: %s); %d of %d "
                   "processes ran between refreshes and were read again." % (
                       total, total / procs if procs else 0, top, run["processes"] - run["reused"],
                       run["processes"]))
    if "parts" in f and f["parts"]:
        big = sorted(f["parts"], key=lambda p: -p[1])
        out.append("- In user space the largest part is %s: %.0f%% of the refresh's instructions%s." % (
            big[0][0], 100 * big[0][1] / f["total"], "; the next is %s, %.0f%%" % (
                big[1][0], 100 * big[1][1] / f["total"]) if len(big) > 1 else ""))
        if "sscanf" in f:
            out.append("- libc's `sscanf`, called by libproc2 to parse each process's stat line, is alone "
                       "%.0f%% of the refresh's user-space instructions (libproc2 with everything it calls: "
                       "%.0f%%). It cannot be removed while the process list comes through libproc2, the "
                       "project's fixed dependency." % (100 * f["sscanf"], 100 * f["lib_share"]))
        if "top_other" in f:
            name, obj, pct = f["top_other"]
            if pct >= HOT:
                out.append("- **Outside libproc2's reading, %s (%s) alone takes %.1f%% of the refresh's "
                           "user-space instructions: a single hot spot that could be removed or "
                           "reduced.**" % (name, obj, pct))
            else:
                out.append("- Outside libproc2's reading no single function takes %g%% or more of the "
                           "refresh's user-space instructions (self cost): the largest is %s (%s) at %.1f%%; "
                           "the rest is spread over many functions." % (HOT, name, obj, pct))
    return "\n".join(out) if out else "(nothing profiled)"


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    d, ipctop = argv[1], argv[2]
    ns = loads(d)
    pts = points(d, ns)
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
    print("## Interactive steady state at 2000 processes\n\n" + tui_md + "\n")
    print("Both in one tmux server, 200x50, side by side, mostly idle load; refreshes counted from "
          "the Uptime shown in each pane. ipctop waits its delay after each snapshot, htop "
          "refreshes on a fixed period, so their refresh counts can differ.\n")
    print("## Profile of one refresh (%d processes, idle)\n" % TARGET_LOAD)
    print("bench/refresh_profile takes refreshes as the TUI does (a snapshot with the previous one as "
          "prev, then the old one freed), without the view's own work (CPU%, list, drawing): 3 to warm "
          "up, then the measured ones 1 s apart, none of them a full rescan (the TUI does one in ten). "
          "Idle processes are carried over.\n")
    print(profile_section(d) + "\n")
    if notes:
        print("## Notes\n\n" + "\n".join("- " + line for line in notes.splitlines()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
