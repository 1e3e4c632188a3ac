"""replay_db.py — what replay.sh asks of a recording, with Python's own sqlite3 (not through
ipctop); samples are numbered from 1, oldest first, as the time bar counts them:
  count DB              the number of samples
  life DB PID START     "FIRST LAST": the first and last sample that hold the process PID with
                        start time START (clock ticks); an open row (last_sample NULL) lives
                        to the last sample
  pipe DB PID PID       "FIRST LAST": those of the pipe that an end of each of the two
                        processes holds (their rows in table endpoint)
  clock DB I            the local time of sample I as HH:MM:SS.t
  epoch DB I            the time of sample I in epoch seconds
  track DB WIDTH I      the time bar's track of WIDTH cells with sample I shown, as ipctop(1)
                        describes it: '-' for time, '|' where a sample falls (its time's place
                        between the first and the last, rounded), '*' where a busy one does,
                        '#' for sample I
  busy DB               the numbers of the busy samples (see busy below)
  hms DB EPOCH          the local time EPOCH as HH:MM:SS (its second, cut)
  iso DB EPOCH          likewise as YYYY-MM-DD HH:MM:SS
  at DB EPOCH           the number of the last sample taken at or before EPOCH (1 if none)
  cpu DB I N            CPU N's meter value at sample I from its and sample I - 1's /proc/stat
                        times (table cpu_time; N -1: the sum line), as ipctop(1) computes it
  swap DB I             the Swp meter's value at sample I, "USED/TOTAL" (table sample_mem)"""

import math
import sqlite3
import sys
import time


def times(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    rows = db.execute("SELECT id, time FROM sample ORDER BY time, id").fetchall()
    db.close()
    return rows


def life(path, pid, start):
    ids = [r[0] for r in times(path)]
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    row = db.execute("SELECT first_sample, last_sample FROM process WHERE pid = ? AND start_time = ?",
                     (pid, start)).fetchone()
    db.close()
    if row is None:
        return "none"
    return "%d %d" % (ids.index(row[0]) + 1, len(ids) if row[1] is None else ids.index(row[1]) + 1)


def pipe(path, a, b):
    ids = [r[0] for r in times(path)]
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    row = db.execute("SELECT c.first_sample, c.last_sample FROM channel c WHERE c.kind = 'pipe'"
                     " AND EXISTS (SELECT 1 FROM endpoint e WHERE e.channel = c.id AND e.pid = ?)"
                     " AND EXISTS (SELECT 1 FROM endpoint e WHERE e.channel = c.id AND e.pid = ?)",
                     (a, b)).fetchone()
    db.close()
    if row is None:
        return "none"
    return "%d %d" % (ids.index(row[0]) + 1, len(ids) if row[1] is None else ids.index(row[1]) + 1)


def clock(t):
    ms = math.floor(t * 1000 + 0.5)
    return time.strftime("%H:%M:%S", time.localtime(ms // 1000)) + ".%d" % (ms % 1000 // 100)


def changes(path, rows):
    """per sample: processes and channels first seen there, and last seen at the one before"""
    index = {r[0]: i for i, r in enumerate(rows)}
    out = [0] * len(rows)
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    for table in ("process", "channel"):
        for first, last in db.execute("SELECT first_sample, last_sample FROM %s" % table):
            if first in index:
                out[index[first]] += 1
            if last in index and index[last] + 1 < len(rows):
                out[index[last] + 1] += 1
    db.close()
    out[0] = 0
    return out


def busy(path, rows):
    """ipctop(1): after the first, the samples where at least half as much changed as at the
    sample where most did"""
    ch = changes(path, rows)
    most = max(ch)
    return [i > 0 and most > 0 and 2 * c >= most for i, c in enumerate(ch)]


def track(rows, width, shown, marks):
    t0, span = rows[0][1], rows[-1][1] - rows[0][1]
    cells = ["-"] * width
    for i, (_, t) in enumerate(rows):
        at = int((t - t0) / span * (width - 1) + 0.5) if span > 0 else 0
        if i + 1 == shown:
            cells[at] = "#"
        elif cells[at] != "#" and (cells[at] != "*" or marks[i]):
            cells[at] = "*" if marks[i] else "|"
    return "".join(cells)


def cpu(path, rows, i, n):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    q = ("SELECT user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice"
         " FROM cpu_time WHERE sample = ? AND cpu = ?")
    a = db.execute(q, (rows[i - 2][0], n)).fetchone()
    b = db.execute(q, (rows[i - 1][0], n)).fetchone()
    db.close()
    us, ni, sy, idle, wa, irq, si, st, gu, gn = [max(0, y - x) for x, y in zip(a, b)]
    parts = [max(0, us - gu), max(0, ni - gn), sy + irq + si, wa, st, gu + gn]
    total = idle + sum(parts)
    return "%.1f%%" % ((total - idle - wa) / total * 100)


def human_kib(k):
    if k < 10000:
        return "%dK" % k
    if k < 1024 * 1000:
        return "%.1fM" % (k / 1024)
    return "%.1fG" % (k / (1024 * 1024))


def swap(path, rows, i):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    total, free, cached = db.execute("SELECT swap_total_kib, swap_free_kib, swap_cached_kib"
                                     " FROM sample_mem WHERE sample = ?", (rows[i - 1][0],)).fetchone()
    db.close()
    return "%s/%s" % (human_kib(max(0, total - free - cached)), human_kib(total))


def main(argv):
    cmd, path = argv[1], argv[2]
    rows = times(path)
    if cmd == "count":
        print(len(rows))
    elif cmd == "life":
        print(life(path, int(argv[3]), int(argv[4])))
    elif cmd == "pipe":
        print(pipe(path, int(argv[3]), int(argv[4])))
    elif cmd == "clock":
        print(clock(rows[int(argv[3]) - 1][1]))
    elif cmd == "epoch":
        print(repr(rows[int(argv[3]) - 1][1]))   # exact: --at finds this sample, not the one before
    elif cmd == "hms":
        print(time.strftime("%H:%M:%S", time.localtime(math.floor(float(argv[3])))))
    elif cmd == "iso":
        print(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(math.floor(float(argv[3])))))
    elif cmd == "at":
        print(max([1] + [i + 1 for i, r in enumerate(rows) if r[1] <= float(argv[3])]))
    elif cmd == "track":
        print(track(rows, int(argv[3]), int(argv[4]), busy(path, rows)))
    elif cmd == "cpu":
        print(cpu(path, rows, int(argv[3]), int(argv[4])))
    elif cmd == "swap":
        print(swap(path, rows, int(argv[3])))
    elif cmd == "busy":
        print(" ".join(str(i + 1) for i, b in enumerate(busy(path, rows)) if b))


if __name__ == "__main__":
    main(sys.argv)
