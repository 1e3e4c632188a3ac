#!/bin/sh
# scale_procs.sh — ipctop --json with 5000 and then 10000 extra processes holding 25k and 50k
# socketpair ends (scale_procs.py, the scaler fixture): everything listed and resolved, memory
# bounded, the two times printed so that linearity can be read off. Same sizes in the
# sanitizer build: there the run took 32 s, against 38 s in the plain one on a busy machine
# (the fixture is built without sanitizers and starts 10000 processes in about a second).
. "$TESTS_SRC/tap.sh"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
scaler=$TESTS_BIN/hardening/scaler
[ -x "$scaler" ] || skip_all "scaler not built"
machine_lock
exec "$PYTHON3" "$TESTS_SRC/hardening/scale_procs.py" "$IPCTOP" "$scaler" 5000 10000
