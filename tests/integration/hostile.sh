#!/bin/sh
# hostile.sh — names built to attack a terminal (ESC sequences, newline, invalid UTF-8, U+202E,
# a 10 KB argument) reach `ipctop --json` and `--dot` only escaped: no raw control bytes,
# valid UTF-8, valid JSON, and the escaping decodes back to the exact original bytes.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

fx_start hostile "$TESTS_BIN/fixture/hostile_name" || { ok 1 "hostile_name starts"; tap_done; exit; }
ok 0 "hostile_name starts"
"$IPCTOP" --json >"$FX_TMP/hostile.json" 2>"$FX_TMP/json.err" 9>&-
ok $? "ipctop --json exits 0"
"$IPCTOP" --dot >"$FX_TMP/hostile.dot" 2>"$FX_TMP/dot.err" 9>&-
ok $? "ipctop --dot exits 0"
fx_py check_hostile.py "$FX_MANIFEST" "$FX_TMP/hostile.json" "$FX_TMP/hostile.dot"
schema_ok "the --json with hostile names is valid against the schema" "$FX_TMP/hostile.json"
if command -v dot >/dev/null 2>&1; then
	check "dot -Tsvg accepts the graph with hostile names" -- dot -Tsvg -o /dev/null "$FX_TMP/hostile.dot"
else
	skip "graphviz dot not installed"
fi
# The socket file has a hostile name too: it must be gone with its directory.
dir=$(awk '$1 == "unix" && $4 ~ /^path=/ { sub("path=", "", $4); print $4 }' "$FX_MANIFEST" |
	"$PYTHON3" -c 'import os,sys; print(os.path.dirname(bytes.fromhex(sys.stdin.read().strip())).decode())')
fx_stop_check hostile
[ -n "$dir" ] && [ ! -e "$dir" ]
ok $? "hostile_name removed its socket and directory"
tap_done
