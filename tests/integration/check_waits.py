"""check_waits.py RECORD JSON DETAIL_JSON INTERVAL_JSON SHELL_PID — ipctop's waits against wait_fixture's
record (the fixture saw each child in its system call in /proc before it printed it): the
blocked call, descriptor, channel and the peers at the other end of every case (an epoll
server's watched descriptors, full and empty POSIX queues), the deadlock rings (one through a
thread other than the main one, one through two such threads that no other wait names), the
"blocked_wait" of a process whose thread, not its main one, is blocked on a stopped reader,
each thread's wait in -p detail, a process of 70 threads (more than the 64 read per
snapshot outside detail): one snapshot marks it restricted "thread_waits" (69 threads wait,
at most 64 are read), the second of --interval reads the rest and finds its blocked thread
unrestricted, as -p does; and the
waits of processes of other users than the viewer: unknown, never guessed (as nobody,
SHELL_PID is root's shell, blocked in wait4)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ipcfx  # noqa: E402


def parse_record(path):
    rec = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if len(words) > 1:
                rec[words[0]] = {k: int(v) if v.lstrip("-").isdigit() else v
                                 for k, v in (w.split("=", 1) for w in words[1:] if "=" in w)}
    return rec


def report(cond, text):
    print(("ok - " if cond else "not ok - ") + text)
    return cond


def wait_is(procs, pid, want, what):
    """The process's wait has every key of want with that value."""
    p = procs.get(pid)
    w = p and p.get("wait")
    bad = {k: (w or {}).get(k) for k in want if not w or w.get(k) != want[k]}
    if not report(w is not None and not bad, "%s: pid %d waits %r" % (what, pid, want)):
        print("#   got %r" % (w,))


def check_cases(rec, procs, cycles):
    r = rec["pipe_full"]
    wait_is(procs, r["writer"], {"kind": "fd", "syscall": "write", "fd": 3, "direction": "out",
                                  "channel": "pipe:%d" % r["ino"], "peers": [r["reader"]]},
            "full pipe: writer blocked writing to the reader")
    wait_is(procs, r["reader"], {"kind": "signal", "fd": None, "peers": []},
            "full pipe: the reader is in pause(), not reading")
    r = rec["unix_stopped"]
    w = procs.get(r["writer"], {}).get("wait") or {}
    report(str(w.get("channel")).startswith("unix:"), "UNIX stream: the writer's channel is a "
           "unix one (%s)" % w.get("channel"))
    wait_is(procs, r["writer"], {"kind": "fd", "fd": 3, "direction": "out", "peers": [r["reader"]]},
            "UNIX stream: writer blocked on the stopped reader")
    wait_is(procs, r["reader"], {"kind": "stopped"}, "UNIX stream: the reader is stopped")
    report(procs.get(r["reader"], {}).get("state") == "T", "UNIX stream: reader's state is T")
    r = rec["deadlock"]
    a, b = r["a"], r["b"]
    wait_is(procs, a, {"kind": "fd", "syscall": "read", "fd": 3, "peers": [b]}, "deadlock: a reads b")
    wait_is(procs, b, {"kind": "fd", "syscall": "read", "fd": 3, "peers": [a]}, "deadlock: b reads a")
    report(sorted([a, b]) in cycles, "deadlock: ring %r named in wait_cycles %r" % (sorted([a, b]), cycles))
    report(not any(set(c) & set(rec[k][x] for k in ("pipe_full", "unix_stopped", "wait4")
                                for x in rec[k]) for c in cycles),
           "no ring among the fixture's other blocked processes")
    r = rec["msgrcv"]
    wait_is(procs, r["pid"], {"kind": "sysv_msg", "syscall": "msgrcv", "sysv_id": r["msqid"],
                               "direction": "in"}, "msgrcv on the empty queue")
    r = rec["wait4"]
    wait_is(procs, r["parent"], {"kind": "child", "syscall": "wait4", "child": r["child"],
                                  "peers": [r["child"]]}, "wait4 on its child")
    r = rec.get("traced", {})
    if "tracee" in r:
        wait_is(procs, r["tracee"], {"kind": "traced", "by": r["tracer"], "peers": [r["tracer"]]},
                "traced: the tracee waits on its tracer")
        report(procs.get(r["tracee"], {}).get("state") == "t", "traced: the tracee's state is t")
        wait_is(procs, r["tracer"], {"kind": "child", "child": r["tracee"], "peers": [r["tracee"]]},
                "traced: the tracer waits for its child, the tracee")
        ring = sorted([r["tracer"], r["tracee"]])
        report(ring in cycles, "traced: tracer and tracee wait on each other: ring %r named" % ring)
    else:
        print("skip - traced: ptrace refused here")
    for word, call in (("lock", "fcntl"), ("flock", "flock")):
        r = rec[word]
        wait_is(procs, r["waiter"], {"kind": "lock", "syscall": call, "fd": 3, "by": r["holder"],
                                      "peers": [r["holder"]]}, "%s: waits for the holder" % word)


def check_epoll(rec, procs, cycles):
    r = rec["epoll"]
    w = procs.get(r["server"], {}).get("wait") or {}
    report(w.get("kind") == "epoll" and w.get("syscall") == "epoll_pwait" and w.get("fd") == r["epfd"],
           "epoll: the server waits in epoll_pwait on fd %d (%r)" % (r["epfd"], {k: w.get(k) for k in ("kind", "syscall", "fd")}))
    watched = {x["fd"]: x for x in w.get("watched") or []}
    report(sorted(watched) == sorted([r["listener"], r["conn1"], r["conn2"]]),
           "epoll: it watches the listener and both connections (%r)" % sorted(watched))
    for i in (1, 2):
        x = watched.get(r["conn%d" % i], {})
        c = (procs.get(r["client%d" % i], {}).get("wait") or {})
        report(x.get("peers") == [r["client%d" % i]] and str(x.get("channel")).startswith("tcp:") and
               x.get("channel") == c.get("channel"),
               "epoll: connection %d (fd %d) leads to client %d, on the channel it reads (%r, client %r)"
               % (i, r["conn%d" % i], r["client%d" % i], x, c.get("channel")))
        wait_is(procs, r["client%d" % i], {"kind": "fd", "syscall": "read", "fd": 3, "peers": [r["server"]]},
                "epoll: client %d reads its socket, from the server" % i)
    report(watched.get(r["listener"], {}).get("peers") == [], "epoll: the listener has no peer yet")
    report(sorted(w.get("peers") or []) == sorted([r["client1"], r["client2"]]),
           "epoll: the server waits on both clients (%r)" % w.get("peers"))
    report(not any(r["server"] in c for c in cycles),
           "epoll: no ring (the listener can wake the server): %r" % cycles)


def check_thread_ring(rec, procs, cycles):
    r = rec["thread_ring"]
    wait_is(procs, r["a"], {"kind": "signal", "syscall": "pause", "peers": []},
            "thread ring: a's main thread is in pause()")
    wait_is(procs, r["b"], {"kind": "fd", "syscall": "read", "peers": [r["a"]]},
            "thread ring: b reads a pipe only a writes")
    ring = sorted([r["a"], r["b"]])
    report(ring in cycles, "thread ring: a (through its thread %d) and b named in wait_cycles %r"
           % (r["t1"], cycles))


def blocked_is(procs, pid, want, what):
    """The process's blocked_wait has every key of want with that value (want None: null)."""
    w = procs.get(pid, {}).get("blocked_wait")
    good = w is None if want is None else (
        w is not None and all(w.get(k) == v for k, v in want.items()))
    if not report(pid in procs and good, "%s: pid %d blocked_wait %r" % (what, pid, want)):
        print("#   got %r" % (w,))


def check_thread_blocked(rec, procs, cycles):
    r = rec["thread_blocked"]
    wait_is(procs, r["pid"], {"kind": "signal", "syscall": "pause", "tid": r["pid"]},
            "thread blocked: its main thread is in pause()")
    blocked_is(procs, r["pid"], {"tid": r["thread"], "kind": "fd", "syscall": "write", "fd": 3,
                                 "direction": "out", "peers": [r["reader"]]},
               "thread blocked: its thread %d writes the full pipe of the stopped reader" % r["thread"])
    blocked_is(procs, r["reader"], {"tid": r["reader"], "kind": "stopped"},
               "thread blocked: the reader is blocked by its own stop")
    report(not any(r["pid"] in c for c in cycles), "thread blocked: in no ring %r" % cycles)
    r = rec["thread_ring2"]
    for me, tid, other in (("c", "tc", "d"), ("d", "td", "c")):
        blocked_is(procs, r[me], {"tid": r[tid], "kind": "fd", "syscall": "read", "fd": 3,
                                  "peers": [r[other]]},
                   "thread ring 2: %s's thread %d reads the pipe only %s writes" % (me, r[tid], other))
    report(sorted([r["c"], r["d"]]) in cycles,
           "thread ring 2: c and d, through two threads no other wait names, in wait_cycles %r" % cycles)
    for word, key in (("threads", "pid"), ("pipe_full", "reader"), ("epoll", "server")):
        blocked_is(procs, rec[word][key], None, "%s %s: not blocked (waits on no one)" % (word, key))
    wait = procs.get(rec["pipe_full"]["writer"], {}).get("wait")
    blocked_is(procs, rec["pipe_full"]["writer"], wait, "full pipe: the writer's main thread blocks it")


def check_mqueue(rec, procs):
    for word, who, call, way in (("mq_full", "sender", "mq_timedsend", "out"),
                                 ("mq_empty", "receiver", "mq_timedreceive", "in")):
        r = rec[word]
        w = procs.get(r[who], {}).get("wait") or {}
        report(str(w.get("channel")).startswith("posix_mq:"), "%s: the channel is a POSIX queue (%s)"
               % (word, w.get("channel")))
        wait_is(procs, r[who], {"kind": "mqueue", "syscall": call, "fd": 3, "direction": way,
                                "peers": [r["holder"]]}, "%s: %s blocked, the holder at the other end" % (word, who))


def check_threads(rec, doc):
    r = rec["threads"]
    procs = ipcfx.procs_by_pid(doc)
    p = procs.get(r["pid"], {})
    tasks = {t["tid"]: t for t in p.get("detail", {}).get("tasks", [])}
    report(sorted(tasks) == sorted([r["pid"], r["reader"], r["sleeper"]]),
           "-p: the three threads listed (%r)" % sorted(tasks))
    main = (tasks.get(r["pid"]) or {}).get("wait") or {}
    report(main.get("kind") == "signal" and p.get("wait") == main,
           "-p: main thread in pause(), and it is the process's wait")
    rd = (tasks.get(r["reader"]) or {}).get("wait") or {}
    report(rd.get("kind") == "fd" and rd.get("syscall") == "read" and rd.get("fd") == r["fd"] and
           str(rd.get("channel")).startswith("pipe:") and rd.get("peers") == [],
           "-p: reader thread reads its own pipe (fd %d), no one else to wait for: %r" % (r["fd"], rd))
    sl = (tasks.get(r["sleeper"]) or {}).get("wait") or {}
    report(sl.get("kind") == "sleep" and sl.get("peers") == [], "-p: sleeper thread sleeps")


def check_thread_many(rec, procs, detail, interval):
    r = rec["thread_many"]
    p = procs.get(r["pid"], {})
    report(p.get("threads") == r["threads"], "thread many: %d threads (%r)" % (r["threads"], p.get("threads")))
    # Which 64 of its 69 waiting threads one snapshot reads follows the tids' order: the blocked
    # one may be among them or not, but 5 are always left, and that is said.
    report("thread_waits" in p.get("restricted", []),
           "thread many: one snapshot examines at most 64 of its threads, and it says so "
           "(restricted %r)" % p.get("restricted"))
    want = {"tid": r["thread"], "kind": "fd", "syscall": "write", "fd": 3, "peers": [r["reader"]]}
    ip = ipcfx.procs_by_pid(interval)
    report("thread_waits" not in ip.get(r["pid"], {}).get("restricted", ["?"]),
           "thread many, --interval: the second snapshot reads the threads the first did not, "
           "no mark (%r)" % ip.get(r["pid"], {}).get("restricted"))
    blocked_is(ip, r["pid"], want,
               "thread many, --interval: its thread %d writes the full pipe of the stopped reader" % r["thread"])
    small = procs.get(rec["thread_blocked"]["pid"], {})
    report("thread_waits" not in small.get("restricted", ["?"]),
           "thread blocked (2 threads): its threads are examined, no such mark (%r)" % small.get("restricted"))
    dp = ipcfx.procs_by_pid(detail).get(r["pid"], {})
    tasks = {t["tid"]: t for t in dp.get("detail", {}).get("tasks", [])}
    report(len(tasks) == r["threads"] and "thread_waits" not in dp.get("restricted", ["?"]),
           "thread many, -p: all %d threads read (%d), no mark" % (r["threads"], len(tasks)))
    blocked_is(ipcfx.procs_by_pid(detail), r["pid"], {"tid": r["thread"], "kind": "fd", "syscall": "write",
                                                      "fd": 3, "peers": [r["reader"]]},
               "thread many, -p: its thread %d writes the full pipe of the stopped reader" % r["thread"])


def check_others(doc, shell_pid):
    viewer = doc["viewer"]["euid"]
    procs = ipcfx.procs_by_pid(doc)
    sh = procs.get(shell_pid, {}).get("wait")
    if doc["viewer"]["root"]:
        report(sh is not None and sh["kind"] == "child" and sh["readable"],
               "root: this shell's wait4 is read (%r)" % (sh,))
        return
    if procs.get(shell_pid, {}).get("uid") != viewer:
        report(sh is not None and sh["kind"] == "unknown" and not sh["readable"] and
               sh["syscall"] is None and sh["peers"] == [],
               "another user's shell, blocked in wait4: unknown, not guessed (%r)" % (sh,))
    def told(w):
        """What a non-root viewer may say of another user's wait: its state (stopped, traced)
        and, traced, the tracer that world-readable status names (TracerPid)."""
        return w["peers"] == ([w["by"]] if w["kind"] == "traced" and w["by"] else [])

    guessed = [p["pid"] for p in doc["processes"]
               if p["uid"] != viewer and p["wait"] and
               (p["wait"]["readable"] or p["wait"]["syscall"] is not None or not told(p["wait"])
                or p["wait"]["watched"] is not None
                or p["wait"]["fd"] is not None or p["wait"]["kind"] not in ("unknown", "stopped", "traced"))]
    report(not guessed, "no other user's wait is guessed (%r)" % guessed[:5])


def main():
    rec = parse_record(sys.argv[1])
    doc = ipcfx.load_json(ipcfx.read_bytes(sys.argv[2]))
    detail = ipcfx.load_json(ipcfx.read_bytes(sys.argv[3]))
    procs = ipcfx.procs_by_pid(doc)
    check_cases(rec, procs, doc["wait_cycles"])
    check_epoll(rec, procs, doc["wait_cycles"])
    check_thread_ring(rec, procs, doc["wait_cycles"])
    check_thread_blocked(rec, procs, doc["wait_cycles"])
    check_mqueue(rec, procs)
    check_threads(rec, detail)
    check_thread_many(rec, procs, detail, ipcfx.load_json(ipcfx.read_bytes(sys.argv[4])))
    check_others(doc, int(sys.argv[5]))


main()
