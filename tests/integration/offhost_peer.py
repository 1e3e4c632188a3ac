"""offhost_peer.py ADDR PORT — the off-host TCP peer of channels.sh, run inside a network
namespace of the test's own: listens on ADDR:PORT, prints "ready", accepts and holds every
connection until its stdin reaches EOF (or it is killed), then closes everything."""

import select
import socket
import sys


def main():
    addr, port = sys.argv[1], int(sys.argv[2])
    lis = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lis.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lis.bind((addr, port))
    lis.listen(8)
    print("ready", flush=True)
    held = []
    while True:
        readable, _, _ = select.select([lis, sys.stdin], [], [])
        if sys.stdin in readable and not sys.stdin.buffer.read1(4096):
            break
        if lis in readable:
            held.append(lis.accept()[0])
    for c in held:
        c.close()
    lis.close()


main()
