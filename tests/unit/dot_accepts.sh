#!/bin/sh
# dot_accepts.sh — Graphviz accepts the --dot export of the hand-built snapshot (hostile names:
# quotes, backslashes, a trailing backslash, newline, ESC, invalid UTF-8), its -p forms and the
# empty graph, without a warning, and renders the escaped names as they were written.
. "$TESTS_SRC/tap.sh"

command -v dot >/dev/null 2>&1 || skip_all "graphviz dot not installed"
dump="$TESTS_BIN/unit/test_export_dot"
[ -x "$dump" ] || skip_all "test_export_dot not built"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# render NAME [PID...]: dump the graph and run dot -Tsvg; pass when dot exits 0 with no message
render() {
	name=$1; shift
	"$dump" --dump "$@" >"$tmp/$name.dot" || return 1
	dot -Tsvg "$tmp/$name.dot" >"$tmp/$name.svg" 2>"$tmp/$name.err" || { cat "$tmp/$name.err"; return 1; }
	[ ! -s "$tmp/$name.err" ] || { cat "$tmp/$name.err"; return 1; }
}

check "dot renders the whole graph" -- render full
check "dot renders the -p 300 graph" -- render p300 300
check "dot renders the -p 100,200 graph" -- render p100 100 200
check "dot renders the empty graph" -- render empty 1
check "SVG shows the hostile comm as escaped text" -- \
	grep -F 'ev&quot;il\\n\x0a\x1b[31m\xff' "$tmp/full.svg"
check "SVG shows the trailing backslash doubled by the escape" -- grep -F '>tail\\</text>' "$tmp/full.svg"
check "SVG shows the merged edge label" -- grep -F '×2' "$tmp/full.svg"
check "SVG is valid UTF-8" -- iconv -f UTF-8 -t UTF-8 "$tmp/full.svg" -o /dev/null
tap_done
