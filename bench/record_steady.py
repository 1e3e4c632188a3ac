"""bench/record_steady.py — the steady cost of one --record sample, without the recorder's start
(its first sample writes every process and channel as new) that bench/record_cost.sh's short
runs share among few samples: two recorders (-d 10, a new file each) run SHORT and LONG
seconds, and the difference of their CPU time (user and system, from getrusage of the children)
divided by the difference of their samples; beside it, bench/refresh_profile --tui 1 K 1000's
own means per measured refresh (the plain refresh's steady cost, no full rescan among them).
Run it under the load to measure (bench/loadgen), from the build directory:

  python3 ../bench/record_steady.py [IPCTOP [REFRESH_PROFILE [SHORT LONG K]]]
    (defaults: ./ipctop ./bench/refresh_profile 12 42 25)"""

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r.ru_utime, r.ru_stime)


def record(ipctop, secs, path):
    c0 = children_cpu()
    p = subprocess.Popen([ipctop, "--record", path, "-d", "10"])
    time.sleep(secs)
    p.send_signal(signal.SIGINT)
    p.wait()
    c1 = children_cpu()
    db = sqlite3.connect(path)
    n = db.execute("SELECT COUNT(*) FROM sample").fetchone()[0]
    db.close()
    return n, c1[0] - c0[0], c1[1] - c0[1]


def main(argv):
    ipctop = argv[1] if len(argv) > 1 else "./ipctop"
    rp = argv[2] if len(argv) > 2 else "./bench/refresh_profile"
    short, long_, k = (float(argv[3]), float(argv[4]), argv[5]) if len(argv) > 5 else (12, 42, "25")
    with tempfile.TemporaryDirectory(prefix="ipctop-steady-") as tmp:
        a = record(ipctop, short, os.path.join(tmp, "a.db"))
        b = record(ipctop, long_, os.path.join(tmp, "b.db"))
    out = subprocess.run([rp, "--tui", "1", k, "1000"], stdout=subprocess.PIPE, text=True,
                         check=True).stdout.split()
    f = dict(zip(out[0::2], out[1::2]))
    ref_user, ref_sys = float(f["user_ms"]), float(f["sys_ms"])
    n = b[0] - a[0]
    user, sys_ = 1000 * (b[1] - a[1]) / n, 1000 * (b[2] - a[2]) / n
    print("| command | samples | user ms | system ms | CPU ms per sample |")
    print("|---|---|---|---|---|")
    print("| plain refresh (refresh_profile, %s measured, %s processes) | %s | %.1f | %.1f | %.1f |"
          % (k, f["processes"], k, ref_user, ref_sys, ref_user + ref_sys))
    print("| record -d 10, %d samples less %d | %d | %.1f | %.1f | %.1f |"
          % (b[0], a[0], n, user, sys_, user + sys_))
    print()
    print("steady recording CPU: %.2fx the plain refresh's" % ((user + sys_) / (ref_user + ref_sys)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
