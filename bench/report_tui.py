"""report_tui.py — for bench/report.py: the interactive steady state at each load (ipctop, htop
and top side by side in tmux, bench/tui_measure.py's tui-N.json), the idle refresh floor
(bench/procfloor --refresh's refresh-floor-N.txt), and the targets of issue 17 (performance,
round two) checked against them and against the snapshot timings."""

import re

from bench_files import read, read_json

FLOOR_LINE = re.compile(r"procfloor: (\d+) processes, CPU ms per pass ([\d.]+) user ([\d.]+) system")
LABEL = {"ipctop": "`ipctop -d 10`", "htop": "`htop -d 10`", "top": "`top -d 1`"}


def verdict(ok):
    return "**met**" if ok else "**not met**"


def tui_loads(d, ns):
    """{load: tui_measure result} for the loads measured (tui.json: an older run's 2000)."""
    out = {}
    for n in ns:
        t = read_json("%s/tui-%d.json" % (d, n))
        if t is None and n == 2000:
            t = read_json(d + "/tui.json")
        if t:
            out[n] = t
    return out


def refresh_floor(d, n):
    """(processes, CPU ms per pass) of the idle refresh floor at load n, or None."""
    m = FLOOR_LINE.search(read("%s/refresh-floor-%d.txt" % (d, n)) or "")
    return (int(m.group(1)), float(m.group(2)) + float(m.group(3))) if m else None


def per_refresh(t, name):
    r = t.get(name) or {}
    return r.get("cpu_ms_per_refresh")


def tui_section(d, ns):
    tl = tui_loads(d, ns)
    if not tl:
        return "(not measured)", tl
    out = []
    for n, t in sorted(tl.items()):
        fl = refresh_floor(d, n)
        top = per_refresh(t, "top")
        out += ["### %d processes\n" % n,
                "| program | seconds | refreshes seen | CPU ms | CPU ms per refresh | × top | × floor | CPU ms per second | VmRSS | VmHWM |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, r in t.items():
            per = r["cpu_ms_per_refresh"]
            out.append("| %s | %.0f | %d | %.0f | %s | %s | %s | %.1f | %.1f MiB | %.1f MiB |" % (
                LABEL.get(name, name), r["seconds"], r["refreshes"], r["cpu_ms"],
                "%.1f" % per if per else "?", "%.2f" % (per / top) if per and top else "?",
                "%.1f" % (per / fl[1]) if per and fl and fl[1] else "?", r["cpu_ms_per_second"],
                (r["rss_kib"] or 0) / 1024, (r["hwm_kib"] or 0) / 1024))
        if fl:
            out.append("| idle refresh floor (`procfloor --refresh`, %d processes) | | 10 | | %.1f | %s | 1 | | | |" % (
                fl[0], fl[1], "%.2f" % (fl[1] / top) if top else "?"))
        out.append("")
    return "\n".join(out), tl


def interactive_targets(d, tl, procs):
    out = []
    a, b = tl.get(2000), tl.get(10000)
    if a:
        ip, top = per_refresh(a, "ipctop"), per_refresh(a, "top")
        if ip and top:
            out.append("- interactive refresh at 2000 processes, CPU per refresh ≤ `top -d 1`'s: "
                       "%.1f ms vs %.1f ms (%.2fx) — %s" % (ip, top, ip / top, verdict(ip <= top)))
        ri, rh = (a.get("ipctop") or {}).get("rss_kib"), (a.get("htop") or {}).get("rss_kib")
        if ri and rh:
            out.append("- resident memory at 2000 processes ≤ htop's: %.1f MiB vs %.1f MiB (%.2fx) — %s" % (
                ri / 1024, rh / 1024, ri / rh, verdict(ri <= rh)))
    if b:
        ip, top = per_refresh(b, "ipctop"), per_refresh(b, "top")
        if ip and top:
            out.append("- at 10000 processes, CPU per refresh below `top -d 1`'s: %.1f ms vs %.1f ms "
                       "(%.2fx) — %s" % (ip, top, ip / top, verdict(ip < top)))
    if a and b and procs.get(2000) and procs.get(10000):
        i2, i10 = per_refresh(a, "ipctop"), per_refresh(b, "ipctop")
        if i2 and i10:
            x, p = i10 / i2, procs[10000] / procs[2000]
            out.append("- from 2000 to 10000 processes, CPU per refresh grows no faster than the "
                       "processes: %.2fx for %.2fx the processes — %s" % (x, p, verdict(x <= p)))
    return out


def snapshot_targets(res, ip_name, floor_name, cpu):
    """The snapshot's targets at 2000 processes from that load's hyperfine results."""
    ip, out = res.get(ip_name), []
    if not ip:
        return ["- snapshot at 2000 processes: not measured"]
    lsfd, ss, fl = res.get("lsfd"), res.get("ss -anp"), res.get(floor_name)
    if lsfd:
        x = lsfd["median"] / ip["median"]
        out.append("- snapshot (`--json`) at 2000 processes at least 10x faster than `lsfd`: "
                   "%.2fx — %s" % (x, verdict(x >= 10)))
    if ss:
        x = ip["median"] / ss["median"]
        out.append("- snapshot at most 0.75x the time of `ss -anp`: %.2fx — %s" % (x, verdict(x <= 0.75)))
    if fl:
        x = cpu(ip) / cpu(fl)
        out.append("- snapshot CPU no more than the /proc floor's: %.0f ms vs %.0f ms (%.2fx) — %s" % (
            cpu(ip) * 1000, cpu(fl) * 1000, x, verdict(x <= 1.0)))
    return out
