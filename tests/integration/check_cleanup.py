"""check_cleanup.py MANIFEST — after a fixture stopped: its processes are gone and every object
it named in its manifest is removed (SysV ids from /proc/sysvipc, POSIX shm from /dev/shm,
message queues — by trying to open them, /dev/mqueue may not be mounted — and paths)."""

import ctypes
import errno
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402


def sysv_ids(name):
    with open("/proc/sysvipc/" + name) as f:
        return {line.split()[1] for line in list(f)[1:]}


def mq_exists(name):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mq_open.restype = ctypes.c_int
    fd = libc.mq_open(name.encode(), os.O_RDONLY)
    if fd >= 0:
        libc.mq_close(fd)
        return True
    return ctypes.get_errno() != errno.ENOENT


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid, errors="replace") as f:
            return f.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def main():
    res = ipcfx.Results()
    man = ipcfx.parse_manifest(sys.argv[1])
    pids = [man["parent"], man["bystander"]] + [p for mc in man["channels"] for p in (mc["a"], mc["b"])]
    res.all_of("fixture processes are gone", ["alive: %d" % p for p in pids if pid_alive(p)])
    shm, msg, probs = sysv_ids("shm"), sysv_ids("msg"), []
    paths = set()
    for mc in man["channels"]:
        tok = mc["tok"]
        if tok.get("shmid") in shm:
            probs.append("SysV shm %s remains" % tok["shmid"])
        if tok.get("msqid") in msg:
            probs.append("SysV msg %s remains" % tok["msqid"])
        if mc["kind"] == "posix_shm" and os.path.exists("/dev/shm" + tok["name"]):
            probs.append("/dev/shm%s remains" % tok["name"])
        if mc["kind"] == "posix_mq" and mq_exists(tok["name"]):
            probs.append("message queue %s remains" % tok["name"])
        if "path" in tok and not tok["path"].startswith("/dev/"):
            paths |= {tok["path"], os.path.dirname(tok["path"])}
    probs += ["%s remains" % p for p in sorted(paths) if os.path.lexists(p)]
    left = [n for n in os.listdir("/dev/shm") if n.startswith("ipcfx-%d-" % man["parent"])]
    probs += ["/dev/shm/%s remains" % n for n in left]
    res.all_of("fixture objects are removed (sysvipc, /dev/shm, mqueue, files)", probs)
    res.done()


main()
