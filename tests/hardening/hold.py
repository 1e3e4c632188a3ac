#!/usr/bin/env python3
"""hold.py — small channel holders for the hardening tests; each lives at most 120 s.

  hold.py pipe PIDFILE                 parent and child joined by a pipe; PIDFILE gets
                                       "PARENT CHILD" as this namespace numbers them
  hold.py listen PORT PIDFILE          accept one TCP connection on 127.0.0.1:PORT (0: any);
                                       PIDFILE gets "PID PORT" once listening; the listening
                                       socket is closed after the accept
  hold.py connect PORT SRCPORT PIDFILE connect from 127.0.0.1:SRCPORT (0: any) to PORT;
                                       PIDFILE gets "PID SRCPORT" once connected
PIDFILE is written whole (written aside, then renamed). SIGTERM ends a holder."""
import os
import socket
import sys
import time

LIFETIME = 120


def publish(path, *fields):
    with open(path + ".tmp", "w") as f:
        f.write(" ".join(str(x) for x in fields) + "\n")
    os.rename(path + ".tmp", path)


def hold_pipe(pidfile):
    r, w = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(w)
        os.read(r, 1)  # returns when the parent is gone
        os._exit(0)
    os.close(r)
    publish(pidfile, os.getpid(), child)
    time.sleep(LIFETIME)


def hold_listen(port, pidfile):
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", port))
    lst.listen(1)
    publish(pidfile, os.getpid(), lst.getsockname()[1])
    conn, _ = lst.accept()
    lst.close()
    time.sleep(LIFETIME)
    conn.close()


def hold_connect(port, srcport, pidfile):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", srcport))
    s.connect(("127.0.0.1", port))
    publish(pidfile, os.getpid(), s.getsockname()[1])
    time.sleep(LIFETIME)
    s.close()


def main(argv):
    # Descriptors inherited from whatever started the test (a harness's pipes, make's
    # jobserver) would join the holders to unrelated processes: drop them.
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    mode = argv[1]
    if mode == "pipe":
        hold_pipe(argv[2])
    elif mode == "listen":
        hold_listen(int(argv[2]), argv[3])
    elif mode == "connect":
        hold_connect(int(argv[2]), int(argv[3]), argv[4])
    else:
        sys.exit("hold.py: unknown mode " + mode)


if __name__ == "__main__":
    main(sys.argv)
