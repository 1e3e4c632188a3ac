#!/bin/sh
# scale.sh — ipctop against one process with 100k descriptors (50k pipe ends, 50k sockets):
# complete, resolved, memory bounded. Skips where the descriptor limit cannot be raised.
. "$TESTS_SRC/tap.sh"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
exec "$PYTHON3" "$TESTS_SRC/hardening/scale.py" "$IPCTOP" 25000
