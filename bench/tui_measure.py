"""tui_measure.py TMUX SOCKET SECONDS SESSION... — the steady-state cost of interactive
programs running in tmux sessions (each the pane's own process, e.g. `ipctop -d 10`,
`htop -d 10` and `top -d 1`): CPU time (utime + stime of /proc/PID/stat) used over SECONDS, the
refreshes made meanwhile (counted from the "Uptime: HH:MM:SS" in the pane, which ipctop and htop
redraw at every refresh, or top's clock in its first line, "top - HH:MM:SS", polled five times
a second), and VmRSS / VmHWM at the end. Prints one JSON object keyed by session name."""

import json
import os
import re
import subprocess
import sys
import time

UPTIME = re.compile(rb"Uptime: ((?:\d+ days?, )?\d+:\d\d:\d\d)")
TOP_CLOCK = re.compile(rb"^top - (\d\d:\d\d:\d\d) ", re.M)
TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")


def tmux(tmux_bin, sock, *args):
    return subprocess.run([tmux_bin, "-L", sock] + list(args), capture_output=True, check=False).stdout


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid, "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    return int(fields[11]) + int(fields[12])   # utime, stime: fields 14 and 15 of stat


def status_kib(pid, key):
    with open("/proc/%d/status" % pid, "rb") as f:
        for line in f:
            if line.startswith(key + b":"):
                return int(line.split()[1])
    return None


def measure(tmux_bin, sock, seconds, sessions):
    pids = {s: int(tmux(tmux_bin, sock, "display", "-p", "-t", s, "#{pane_pid}")) for s in sessions}
    start = {s: cpu_ticks(p) for s, p in pids.items()}
    last = dict.fromkeys(sessions)
    changes = dict.fromkeys(sessions, 0)
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        for s in sessions:
            screen = tmux(tmux_bin, sock, "capture-pane", "-p", "-t", s)
            m = UPTIME.search(screen) or TOP_CLOCK.search(screen)
            value = m.group(1) if m else None
            if value and last[s] is not None and value != last[s]:
                changes[s] += 1
            last[s] = value or last[s]
        time.sleep(0.2)
    elapsed = time.monotonic() - t0
    out = {}
    for s, pid in pids.items():
        cpu_ms = (cpu_ticks(pid) - start[s]) * TICK_MS
        out[s] = {"pid": pid, "seconds": round(elapsed, 2), "cpu_ms": cpu_ms,
                  "refreshes": changes[s],
                  "cpu_ms_per_refresh": cpu_ms / changes[s] if changes[s] else None,
                  "cpu_ms_per_second": cpu_ms / elapsed,
                  "rss_kib": status_kib(pid, b"VmRSS"), "hwm_kib": status_kib(pid, b"VmHWM")}
    return out


def main(argv):
    if len(argv) < 5:
        raise SystemExit(__doc__)
    result = measure(argv[1], argv[2], float(argv[3]), argv[4:])
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
