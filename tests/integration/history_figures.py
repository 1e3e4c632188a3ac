"""history_figures.py — the header figures of a recording (schema 2), checked with Python's own
sqlite3 against /proc read by the test itself, never against ipctop:
  check DB STAT_BEFORE STAT_AFTER MEMINFO
        every sample has its sample_mem row and one cpu_time row for the sum line (cpu -1)
        and for each cpuN line of /proc/stat; each CPU time but iowait is at least the one read before
        the recorder started, never goes back from sample to sample, and at most the one read
        after it stopped; SwapTotal is /proc/meminfo's, MemFree at most MemTotal
  downgrade DB      make DB a schema 1 file, as ipctop before schema 2 wrote it (and before
                    schema 3: every live row's last_sample moved on to the last sample)
  version DB        print the schema_version, the samples, and those with a sample_mem row
  lives DB PID      print the rows of process PID, and how many of them are open (last_sample
                    NULL)"""

import sqlite3
import sys

FIELDS = "user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice"
IOWAIT = 4   # proc(5): iowait can go back, so it is not bounded (the others never do)


def stat_times(path):
    out = {}
    for line in open(path):
        w = line.split()
        if w and w[0].startswith("cpu"):
            cpu = -1 if w[0] == "cpu" else int(w[0][3:])
            out[cpu] = [int(x) for x in w[1:11]]
    return out


def meminfo(path):
    return {l.split(":")[0]: int(l.split()[1]) for l in open(path) if l.split()}


def check(path, before, after, mem):
    b, a, m = stat_times(before), stat_times(after), meminfo(mem)
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    samples = [r[0] for r in db.execute("SELECT id FROM sample ORDER BY id")]
    bad = []
    last = dict(b)
    for s in samples:
        row = db.execute("SELECT swap_total_kib, mem_free_kib FROM sample_mem WHERE sample = ?",
                         (s,)).fetchone()
        if not row or row[0] != m["SwapTotal"] or not 0 < row[1] <= m["MemTotal"]:
            bad.append("sample %d: sample_mem %s, /proc/meminfo SwapTotal %d MemTotal %d"
                       % (s, row, m["SwapTotal"], m["MemTotal"]))
        rows = {r[0]: list(r[1:]) for r in
                db.execute("SELECT cpu, %s FROM cpu_time WHERE sample = ?" % FIELDS, (s,))}
        if sorted(rows) != sorted(b):
            bad.append("sample %d: CPUs %s, /proc/stat %s" % (s, sorted(rows), sorted(b)))
            continue
        for cpu, t in rows.items():
            mono = [i for i in range(10) if i != IOWAIT]
            if any(t[i] < last[cpu][i] or t[i] > a[cpu][i] for i in mono):
                bad.append("sample %d cpu %d: %s, before %s, after the recorder %s"
                           % (s, cpu, t, last[cpu], a[cpu]))
            last[cpu] = t
    print("# %d samples, CPUs %s" % (len(samples), sorted(b)))
    for line in bad[:10]:
        print("# " + line)
    return 0 if samples and not bad else 1


def downgrade(path):
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE sample_mem; DROP TABLE cpu_time;"
                     " UPDATE meta SET value = '1' WHERE key = 'schema_version';"
                     + "".join(" UPDATE %s SET last_sample = (SELECT MAX(id) FROM sample)"
                               " WHERE last_sample IS NULL;" % t
                               for t in ("process", "channel", "endpoint")))
    db.commit()
    db.close()
    return 0


def version(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    v = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    n = db.execute("SELECT COUNT(*) FROM sample").fetchone()[0]
    try:
        k = db.execute("SELECT COUNT(*) FROM sample_mem").fetchone()[0]
    except sqlite3.OperationalError:
        k = "none"
    print(v, n, k)
    return 0


def lives(path, pid):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    n, open_ = db.execute("SELECT COUNT(*), COUNT(*) - COUNT(last_sample) FROM process WHERE pid = ?",
                          (int(pid),)).fetchone()
    print(n, open_)
    return 0


def main(argv):
    if argv[1] == "check":
        return check(*argv[2:6])
    if argv[1] == "downgrade":
        return downgrade(argv[2])
    if argv[1] == "version":
        return version(argv[2])
    if argv[1] == "lives":
        return lives(argv[2], argv[3])
    raise SystemExit("unknown command " + argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
