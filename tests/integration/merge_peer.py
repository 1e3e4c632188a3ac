#!/usr/bin/env python3
"""merge_peer.py — one end of the --merge test's connection, run inside a "host" namespace.
  merge_peer.py server ADDR PORT RECORD | client ADDR PORT RECORD
The server listens on ADDR:PORT and accepts one connection; the client connects to it. Each
writes, once its connection is up, its own record to RECORD: "pid=P local=A:P remote=A:P"
(pid as seen in its own PID namespace), then holds the connection until killed."""
import os
import signal
import socket
import sys

role, addr, port, record = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if role == "server":
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port))
    ls.listen(1)
    conn, _ = ls.accept()
else:
    conn = socket.create_connection((addr, port), timeout=10)
la, lp = conn.getsockname()[:2]
ra, rp = conn.getpeername()[:2]
tmp = record + ".tmp"
with open(tmp, "w") as f:
    f.write(f"pid={os.getpid()} local={la}:{lp} remote={ra}:{rp}\n")
os.rename(tmp, record)
signal.pause()
