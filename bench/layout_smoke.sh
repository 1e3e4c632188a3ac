#!/bin/sh
# layout_smoke.sh — the layout benchmark's parts work (no timings here): bench/layout_vs_dot.py
# counts crossings right on hand-made -Tplain layouts (two edges that swap: 1; two that share a
# node: 0; a long edge whose route passes a rank above a short one it then crosses: 1), and
# bench/layout_bench lays out a made-up graph and a real snapshot, writing a DOT that dot reads
# with as many nodes and edges as it says, and its own layout in -Tplain form that the counter
# reads; the same seed gives the same graph.
. "$TESTS_SRC/tap.sh"
BENCH="$TESTS_BIN/../bench/layout_bench"
[ -x "$BENCH" ] || skip_all "layout_bench not built"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || skip_all "python3 not installed"
tmp=$(mktemp -d /tmp/ipctop-layoutsmoke-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
count() { "$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import layout_vs_dot as L; print(L.measure(sys.argv[2], False)[0])' \
	"$TESTS_SRC/../bench" "$1"; }
is() { [ "$1" = "$2" ]; ok $? "$3 (got $1, want $2)"; }

cat >"$tmp/swap.plain" <<'P'
node a 0 0 1 1
node b 0 10 1 1
node c 10 0 1 1
node d 10 10 1 1
edge a d 2 0 0 10 10
edge b c 2 0 10 10 0
stop
P
is "$(count "$tmp/swap.plain")" 1 "two edges that swap order between two ranks cross once"
cat >"$tmp/share.plain" <<'P'
node a 0 0 1 1
node c 10 0 1 1
node d 10 10 1 1
edge a d 2 0 0 10 10
edge a c 2 0 0 10 0
stop
P
is "$(count "$tmp/share.plain")" 0 "two edges from one node do not cross"
cat >"$tmp/long.plain" <<'P'
node a 0 5 1 1
node m 10 5 1 1
node e 20 0 1 1
node z 20 20 1 1
node y 10 0 1 1
edge a z 4 0 5 10 -5 10 -5 20 20
edge y e 2 10 0 20 0
stop
P
is "$(count "$tmp/long.plain")" 1 "a long edge passing a rank above a short edge, then below its end, crosses it once"

"$BENCH" --dot "$tmp/r.dot" --plain "$tmp/r.plain" random:60:7 >"$tmp/r.out"
ok $? "layout_bench lays out random:60:7"
set -- $(cat "$tmp/r.out")
is "$2" 60 "it has 60 nodes"
is "$(grep -c '^  n[0-9]* \[width' "$tmp/r.dot")" 60 "its DOT has the 60 nodes"
is "$(grep -c -- '->' "$tmp/r.dot")" "$4" "and the $4 edges it counts"
is "$(grep -c '^node ' "$tmp/r.plain")" 60 "its own layout in -Tplain form has the 60 nodes"
c=$(count "$tmp/r.plain"); case $c in ''|*[!0-9]*) ok 1 "the counter reads its layout (got '$c')" ;; *) ok 0 "the counter reads its layout ($c crossings)" ;; esac
"$BENCH" --dot "$tmp/r2.dot" random:60:7 >/dev/null
cmp -s "$tmp/r.dot" "$tmp/r2.dot"; ok $? "the same seed gives the same graph"
if command -v dot >/dev/null 2>&1; then
	dot -Tplain "$tmp/r.dot" -o "$tmp/d.plain"; ok $? "dot lays out the same graph"
	is "$(grep -c '^node ' "$tmp/d.plain")" 60 "dot's layout has the 60 nodes"
else
	skip "graphviz dot not installed"
fi
"$IPCTOP" --json >"$tmp/s.json" 2>/dev/null && "$BENCH" "$tmp/s.json" >"$tmp/s.out"
ok $? "layout_bench reads a real snapshot (ipctop --json)"
grep -q '^nodes [0-9]* edges [0-9]* layout_ms ' "$tmp/s.out"; ok $? "and says what it laid out ($(cat "$tmp/s.out"))"
tap_done
