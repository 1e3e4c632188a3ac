"""history_live.py — what history_live.sh asks of a recording (with Python's own sqlite3) and of
/proc, and of ipctop's replay of given samples:
  ids DB AFTER          print the ids of the samples taken after epoch AFTER that the file holds
                        now (committed, so their snapshots were taken whole before this)
  replay IPCTOP DB PID START ID...
                        replay each sample ID (--at its exact time, --json) and print "ID V" with
                        V the voluntary context switches of process PID of start time START in
                        it, or "ID none" when it is not there
  replay-nice IPCTOP DB PID START ID...
                        the same with V its nice value
  rows DB PID START     print "ROWS OPEN COUNTERS": the rows of the process PID that started at
                        START (clock ticks; not another that had its pid earlier) in table
                        process, how many are open (last_sample NULL), and its rows in
                        proc_counter
  idle PID              print the voluntary context switches of PID from /proc/PID/status once
                        its state in /proc/PID/stat is S (sleeping); exit 1 if it never is
  check DB              print PRAGMA integrity_check"""

import json
import sqlite3
import subprocess
import sys
import time


def connect(path):
    return sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)


def ids(path, after):
    db = connect(path)
    for (i,) in db.execute("SELECT id FROM sample WHERE time > ? ORDER BY id", (float(after),)):
        print(i)
    db.close()
    return 0


def replay(ipctop, path, pid, start, sample_ids, pick):
    db = connect(path)
    times = dict(db.execute("SELECT id, time FROM sample"))
    db.close()
    for i in sample_ids:
        out = subprocess.run([ipctop, "--replay", path, "--at", repr(times[int(i)]), "--json"],
                             stdout=subprocess.PIPE, check=True).stdout
        found = [p for p in json.loads(out)["processes"]
                 if p["pid"] == int(pid) and p["start_ticks"] == int(start)]
        print(i, pick(found[0]) if found else "none")
    return 0


def rows(path, pid, start):
    db = connect(path)
    key = (int(pid), int(start))
    n, open_ = db.execute("SELECT COUNT(*), COUNT(*) - COUNT(last_sample) FROM process"
                          " WHERE pid = ? AND start_time = ?", key).fetchone()
    c = db.execute("SELECT COUNT(*) FROM proc_counter WHERE process IN"
                   " (SELECT id FROM process WHERE pid = ? AND start_time = ?)", key).fetchone()[0]
    db.close()
    print(n, open_, c)
    return 0


def idle(pid):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open("/proc/%s/stat" % pid) as f:
            stat = f.read()
        if stat[stat.rindex(")") + 2] == "S":
            with open("/proc/%s/status" % pid) as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        print(line.split()[1])
                        return 0
        time.sleep(0.02)
    return 1


def check(path):
    db = sqlite3.connect(path, timeout=10)
    print(db.execute("PRAGMA integrity_check").fetchone()[0])
    db.close()
    return 0


def main(argv):
    cmd = argv[1]
    if cmd == "ids":
        return ids(argv[2], argv[3])
    if cmd == "replay":
        return replay(argv[2], argv[3], argv[4], argv[5], argv[6:],
                      lambda p: p["ctxt_switches"]["voluntary"])
    if cmd == "replay-nice":
        return replay(argv[2], argv[3], argv[4], argv[5], argv[6:], lambda p: p["nice"])
    if cmd == "rows":
        return rows(argv[2], argv[3], argv[4])
    if cmd == "idle":
        return idle(argv[2])
    if cmd == "check":
        return check(argv[2])
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
