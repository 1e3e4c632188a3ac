#!/bin/sh
# merge_cli.sh — the command line of ipctop --merge: its errors (no file, the screens without a
# terminal, --demo, --openmetrics, '-' twice, -p, a missing file, a truncated or foreign
# document, two files of one name, a host in two inputs) exit non-zero naming the cause and
# write nothing; a snapshot on standard input is host "stdin"; a write error (/dev/full) is
# status 1 with the kernel's reason.
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"
T=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-mcli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
DOC="$TESTS_SRC/../fuzz/corpus/snap_json/valid.json"

# refuses WANT DESC -- ARGS...: ipctop ARGS fails, stderr has WANT, stdout is empty.
refuses() { refuses_in "$T" any "$@"; }

refuses "needs the snapshot files" "--merge without files" -- --merge --json
refuses "stdout is not a terminal" "--merge without an output mode and no terminal" -- --merge "$DOC"
refuses "cannot be used with --merge" "--merge with --demo" -- --merge --demo "$DOC"
refuses "writes --json or --dot, or shows" "--merge with --openmetrics" -- --merge --openmetrics "$DOC"
refuses "standard input ('-') only once" "'-' twice" -- --merge --json - -
refuses "cannot be used with -p" "--merge with -p" -- --merge --json -p 1 "$DOC"
refuses "$T/none.json: No such file" "a missing file is named" -- --merge --json "$T/none.json"
head -c 100 "$DOC" >"$T/cut.json"
refuses "$T/cut.json: byte 100:" "a truncated file: its name and the byte" -- --merge --json "$T/cut.json"
printf '{"hello":"world"}' >"$T/foreign.json"
refuses "not an ipctop snapshot" "a foreign document" -- --merge --json "$T/foreign.json"
mkdir "$T/d"
cp "$DOC" "$T/d/h.json"
cp "$DOC" "$T/h.json"
refuses "two snapshots named 'h'" "two files of one name" -- --merge --json "$T/h.json" "$T/d/h.json"

"$IPCTOP" --merge --json - "$T/h.json" <"$DOC" >"$T/m.json" 2>"$T/err"
ok $? "standard input and a file merge"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
hosts = sorted({p["host"] for p in d["processes"]})
sys.exit(0 if hosts == ["h", "stdin"] and len(d["processes"]) == 4 else 1)' "$T/m.json"
ok $? "their processes are tagged 'stdin' and 'h'"
schema_ok "the merge validates against the schema" "$T/m.json"
refuses "host 'h' is in more than one" "a merge merged again with one of its hosts" -- \
	--merge --json "$T/m.json" "$T/d/h.json"
"$IPCTOP" --merge --json "$T/m.json" >"$T/mm.json" && python3 -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
key = lambda d, k: sorted(json.dumps(x, sort_keys=True) for x in d[k])   # the reader sorts by host
sys.exit(0 if all(key(a, k) == key(b, k) for k in ("processes", "channels")) else 1)' \
	"$T/m.json" "$T/mm.json"
ok $? "a merged snapshot merged alone: the same processes and channels (its hosts kept)"
for mode in --json --dot; do
	"$IPCTOP" --merge $mode "$T/h.json" >/dev/full 2>"$T/err"
	st=$?
	[ $st -eq 1 ] && grep -q "^ipctop: write error: No space left on device" "$T/err"
	ok $? "--merge $mode >/dev/full: status 1 and the kernel's reason (status $st)"
done
tap_done
