#!/bin/sh
# names.sh — names that only the exact escaping rule tells apart (name_forms): an abstract UNIX
# name and a path that begins with '@' come out differently, each in its documented form, in
# --json (socket names and channel labels) and --dot (channel nodes); a mapped file whose name
# holds a newline shows it escaped by the rule in --json -p, not as the kernel's \012.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
[ -x "$TESTS_BIN/fixture/name_forms" ] || skip_all "name_forms not built"

fx_start forms "$TESTS_BIN/fixture/name_forms" || { ok 1 "name_forms starts"; tap_done; exit; }
ok 0 "name_forms starts"
pid=$(awk '$1 == "forms" { print $2 }' "$FX_MANIFEST")
"$IPCTOP" --json >"$FX_TMP/all.json" 2>"$FX_TMP/err" 9>&-
ok $? "ipctop --json exits 0"
"$IPCTOP" --json -p "$pid" >"$FX_TMP/detail.json" 2>>"$FX_TMP/err" 9>&-
ok $? "ipctop --json -p $pid exits 0"
"$IPCTOP" --dot >"$FX_TMP/graph.dot" 2>>"$FX_TMP/err" 9>&-
ok $? "ipctop --dot exits 0"
[ -s "$FX_TMP/err" ] && sed 's/^/#   stderr: /' "$FX_TMP/err" | head -5
fx_py check_names.py "$FX_MANIFEST" "$FX_TMP/all.json" "$FX_TMP/detail.json" "$FX_TMP/graph.dot"
schema_ok "both --json outputs are valid against the schema" "$FX_TMP/all.json" "$FX_TMP/detail.json"
fx_stop_check forms
left=$(ls -d /tmp/ipcfx-forms-"$pid"-* 2>/dev/null)
[ -z "$left" ]
ok $? "name_forms removed its socket, mapped file and directory"
tap_done
