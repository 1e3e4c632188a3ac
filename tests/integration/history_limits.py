"""history_limits.py — what history_limits.sh asks of a recording being written, with Python's
own sqlite3 (not through ipctop) and os.stat:
  watch DB N            poll (at most 90 s) until DB has dropped its first sample and N more
                        samples were appended after the first drop; print "MAXSIZE FIRST LAST":
                        the largest size of the database file seen at any poll, and the first
                        and last sample ids at the end
  span DB               print "FIRST LAST FIRST_TIME LAST_TIME" of the samples
                        (times as exact Python floats)"""

import os
import sqlite3
import sys
import time


def ends(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)
    row = db.execute("SELECT MIN(id), MAX(id), MIN(time), MAX(time) FROM sample").fetchone()
    db.close()
    return row


def watch(path, n):
    deadline = time.monotonic() + 90
    biggest, after = 0, None
    while time.monotonic() < deadline:
        try:
            biggest = max(biggest, os.stat(path).st_size)
            first, last = ends(path)[:2]
        except (OSError, sqlite3.Error, TypeError):
            time.sleep(0.02)
            continue   # not created yet, or busy
        if first is not None and first > 1 and after is None:
            after = last
        if after is not None and last >= after + n:
            print(biggest, first, last)
            return 0
        time.sleep(0.02)
    print("no drop and %d samples after it within 90 s (size up to %d)" % (n, biggest), file=sys.stderr)
    return 1


def main(argv):
    if argv[1] == "watch":
        return watch(argv[2], int(argv[3]))
    first, last, t0, t1 = ends(argv[2])
    print(first, last, repr(t0), repr(t1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
