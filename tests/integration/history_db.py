"""history_db.py — what the recording tests ask of a recording with Python's own sqlite3
(not through ipctop), and of /proc:
  wait DB N AFTER       wait (at most 90 s: a loaded machine) until DB holds N samples taken after epoch AFTER
  starts PID...         print "PID START_TICKS" of each process, from /proc/PID/stat
  switches PID...       print "PID VOLUNTARY" context switches of each, from /proc/PID/status
  query MANPAGE DB FROM TO PORT
                        run the man page's example query (who connected to port 5432
                        between 03:00 and 03:30) with FROM, TO (epoch) and PORT put in its
                        place; print the pids it finds, one a line
  endpoints DB PORT     print the endpoint rows with PORT at either end, and their times
  last DB               print the time of the last sample in ms and PRAGMA integrity_check"""

import math
import re
import sqlite3
import sys
import time


def connect(path):
    return sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)


def wait(path, n, after):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            db = connect(path)
            got = db.execute("SELECT COUNT(*) FROM sample WHERE time > ?", (after,)).fetchone()[0]
            db.close()
            if got >= n:
                return 0
        except sqlite3.Error:
            pass   # not created yet, or its tables not yet
        time.sleep(0.05)
    print("no %d samples after %.3f in %s within 90 s" % (n, after, path), file=sys.stderr)
    return 1


def starts(pids):
    for pid in pids:
        with open("/proc/%s/stat" % pid) as f:
            stat = f.read()
        print(pid, stat[stat.rindex(")") + 2:].split()[19])
    return 0


def switches(pids):
    for pid in pids:
        with open("/proc/%s/status" % pid) as f:
            for line in f:
                if line.startswith("voluntary_ctxt_switches:"):
                    print(pid, line.split()[1])
    return 0


def man_query(man):
    text = open(man, encoding="utf-8").read()
    m = re.search(r"\.\\\" history-query-begin\n(.*?)\.\\\" history-query-end", text, re.S)
    if not m:
        raise SystemExit("no history-query-begin/end in " + man)
    sql = "\n".join(l for l in m.group(1).splitlines() if not l.startswith("."))
    return sql.replace("\\(aq", "'").replace("\\-", "-").replace("\\e", "\\")


def query(man, path, t_from, t_to, port):
    sql = man_query(man)
    local = lambda t: time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(t)))
    # the man page's times are whole seconds: FROM rounded down, TO up (a fixture may live
    # within one second)
    for old, new in (("2026-12-07 03:00:00", local(math.floor(float(t_from)))),
                     ("2026-12-07 03:30:00", local(math.ceil(float(t_to)))),
                     ("5432", str(int(port)))):
        if old not in sql:
            raise SystemExit("the man page's query has no %s" % old)
        sql = sql.replace(old, new)
    db = connect(path)
    for row in db.execute(sql):
        print(row[0])
    db.close()
    return 0


def endpoints(path, port):
    db = connect(path)
    for row in db.execute("SELECT e.*, p.pid, f.time, l.time FROM endpoint e"
                          " LEFT JOIN process p ON p.id = e.process"
                          " JOIN sample f ON f.id = e.first_sample"
                          " JOIN sample l ON l.id = IFNULL(e.last_sample, (SELECT MAX(id) FROM sample))"
                          " WHERE e.local_port = ?1 OR e.remote_port = ?1", (int(port),)):
        print(row)
    db.close()
    return 0


def last(path):
    db = sqlite3.connect(path, timeout=10)
    t = db.execute("SELECT MAX(time) FROM sample").fetchone()[0]
    ok = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    print(round(t * 1000), ok)
    return 0


def main(argv):
    cmd = argv[1]
    if cmd == "wait":
        return wait(argv[2], int(argv[3]), float(argv[4]))
    if cmd == "starts":
        return starts(argv[2:])
    if cmd == "switches":
        return switches(argv[2:])
    if cmd == "query":
        return query(*argv[2:7])
    if cmd == "endpoints":
        return endpoints(argv[2], argv[3])
    if cmd == "last":
        return last(argv[2])
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
