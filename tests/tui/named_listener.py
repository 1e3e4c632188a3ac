"""named_listener.py — for the TUI tests' Python fixtures (service_name.sh, graph_fade.sh): a
TCP listener on 127.0.0.1 at the first free port that /etc/services names for TCP, between 1024
and 32767 (outside the ephemeral range, where ipctop names no port), and a forked child that
holds it too (one service box in the graph) and ends with its parent."""
import ctypes
import os
import signal
import socket
import sys
import time


def listen_named():
    """(listening socket, port); exits 1 when no named port is free."""
    for line in open("/etc/services"):
        w = line.split("#")[0].split()
        if len(w) < 2 or not w[1].endswith("/tcp"):
            continue
        port = int(w[1].split("/")[0])
        if not 1024 <= port < 32768:
            continue
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", port))
            s.listen(4)
        except OSError:
            s.close()
            continue
        return s, port
    sys.exit(1)


def fork_holder():
    """A child that keeps every descriptor (the listener among them) and sleeps; PR_SET_PDEATHSIG
    ends it with its parent. Returns its pid."""
    child = os.fork()
    if child == 0:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        time.sleep(600)
        os._exit(0)
    return child
