#!/bin/sh
# dot.sh — `ipctop --dot` with ipc_fixture running: Graphviz accepts it, and it names both
# processes of the fixture's pipe.
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
for pid in "$1" "$2"; do
	grep -Eq "(^|[^0-9])$pid([^0-9]|\$)" "$FX_TMP/graph.dot"
	ok $? "the graph names pipe process $pid"
done
# The bystander holds no channel, so no edge touches its node (ipctop names nodes pPID).
by=$(awk '$1 == "bystander" { print $2 }' "$FX_MANIFEST")
! grep -Eq "^ *p$by -[->] | -[->] p$by[ ;[]" "$FX_TMP/graph.dot"
ok $? "no edge touches the bystander $by"
fx_stop_check fixture int
fx_py check_cleanup.py "$FX_MANIFEST"
tap_done
