#!/bin/sh
# dot.sh — `ipctop --dot` with ipc_fixture running: Graphviz accepts it, and (as Graphviz
# reads it) a pipe edge joins the two processes of the fixture's pipe.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
command -v dot >/dev/null 2>&1 || skip_all "graphviz dot not installed"

fx_start fixture "$TESTS_BIN/fixture/ipc_fixture" || { ok 1 "ipc_fixture starts"; tap_done; exit; }
ok 0 "ipc_fixture starts"
"$IPCTOP" --dot >"$FX_TMP/graph.dot" 2>"$FX_TMP/dot.err" 9>&-
ok $? "ipctop --dot exits 0"
check "dot -Tsvg accepts the graph" -- dot -Tsvg -o /dev/null "$FX_TMP/graph.dot"
set -- $(awk '$1 == "pipe" { print $2, $3; exit }' "$FX_MANIFEST")
# Graphviz parses the DOT (-Tplain: "edge TAIL HEAD n x y ... [label x y] STYLE COLOR"); the
# pipe's two processes must be joined by an edge drawn as a pipe (solid blue, the style
# export_dot gives pipes), in either direction. Nodes are named pPID.
dot -Tplain "$FX_TMP/graph.dot" >"$FX_TMP/graph.plain" 2>/dev/null
awk -v a="p$1" -v b="p$2" '$1 == "edge" && ($2 == a && $3 == b || $2 == b && $3 == a) &&
	$(NF - 1) == "solid" && $NF == "blue" { found = 1 } END { exit !found }' "$FX_TMP/graph.plain"
ok $? "a pipe edge joins the pipe processes $1 and $2"
# The bystander holds no channel, so no edge touches its node (ipctop names nodes pPID).
by=$(awk '$1 == "bystander" { print $2 }' "$FX_MANIFEST")
[ -n "$by" ] && ! awk -v n="p$by" '$1 == "edge" && ($2 == n || $3 == n)' "$FX_TMP/graph.plain" | grep -q .
ok $? "no edge touches the bystander $by"
fx_stop_check fixture int
fx_py check_cleanup.py "$FX_MANIFEST"
tap_done
