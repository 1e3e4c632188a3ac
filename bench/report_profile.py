"""report_profile.py — the report's section on one interactive refresh at 2000 processes
(bench/refresh_profile): user-space instructions per function and per part from callgrind, system
calls per refresh from two strace -c runs, and a reading of where the refresh goes. Used by
bench/report.py."""

import os
import re

from bench_files import read

HOT = 10.0         # % of a refresh's user-space instructions that makes one function a hot spot
OWN_CALLS = ("clock_nanosleep", "nanosleep", "getrusage")   # refresh_profile's own: its wait, its CPU clock
FEW_CALLS = 10     # system calls fewer than this per refresh share one row


def profile_run(path):
    """The line "refreshes N processes P reused R kept K user_ms U sys_ms S [calls_kept C]" as a
    dict, or None."""
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
    """callgrind_annotate output as (total, [(cost, mark, function, object, file)]): mark is ""
    in a flat listing, "<" for a caller and "*" for the function itself with --tree=caller.
    Recursion levels (name'2) keep their suffix; a function inlined from another file can come
    without its object (None); file is the source file's path made canonical (one file can be
    named two ways, "../src/x.c" and "/build/../src/x.c"). Returns (None, []) when the file is
    missing or holds no total."""
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
        path, fn = rest.split(":", 1)
        rows.append((cost, mark, fn, obj, os.path.basename(os.path.normpath(path))))
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
        for _, _, fn, obj, _ in flat + tree:
            if obj:
                obj_of.setdefault(base_name(fn), short_obj(obj))
        self.self_cost = {}
        for cost, _, fn, obj, _ in flat:
            key = (base_name(fn), short_obj(obj) if obj else obj_of.get(base_name(fn), "?"))
            self.self_cost[key] = self.self_cost.get(key, 0) + cost
        self.callers = {}
        levels = {}   # {key: {recursion level: inclusive cost}}; an inlined file's part adds to its function
        # A file named two ways lists a function twice with the same cost: counted once. (The
        # same cost under two names can also be two threads' equal shares: rare enough.)
        seen = set()
        pending = []
        for cost, mark, fn, obj, src in tree:
            key = (base_name(fn), short_obj(obj) if obj else obj_of.get(base_name(fn), "?"))
            if mark == "<":
                pending.append((key, cost))
            elif mark == "*":
                level = int(fn[len(key[0]) + 1:]) if fn != key[0] else 1
                lv = levels.setdefault(key, {})
                if (key, level, src, cost) not in seen:
                    seen.add((key, level, src, cost))
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
        if "calls_kept" in plain:
            out[-1] = out[-1][:-1] + (", %d syscall files of waiting tasks (threads' included)."
                                      % plain["calls_kept"])
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
