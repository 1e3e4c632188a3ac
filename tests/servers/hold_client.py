"""hold_client.py — a client of a real server that sends one request, reads until the answer
holds an expected text, says "ready" and keeps its connection open (10 minutes at most).

  hold_client.py tcp PORT REQUEST EXPECT     (to 127.0.0.1:PORT)
  hold_client.py unix PATH REQUEST EXPECT
REQUEST and EXPECT take backslash escapes (\\r\\n). Exits 1 when the server hangs up first.
"""
import socket
import sys
import time


def main():
    how, where = sys.argv[1], sys.argv[2]
    request, expect = (a.encode().decode("unicode_escape").encode() for a in sys.argv[3:5])
    if how == "tcp":
        s = socket.create_connection(("127.0.0.1", int(where)))
    else:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(where)
    s.sendall(request)
    data = b""
    while expect not in data:
        chunk = s.recv(4096)
        if not chunk:
            sys.exit(1)
        data += chunk
    print("ready", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main()
