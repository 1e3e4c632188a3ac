#!/bin/sh
# json_cols_doc.sh — every column of the process list (src/view/proc_cols.c) is named in
# ipctop(1)'s "The process list's columns" with the process member that carries its value in
# --json, and that member is one the snapshot schema lists for a process: a column added
# without its JSON member (or the man page or schema falling behind) fails here.
. "$TESTS_SRC/tap.sh"
[ -n "$PYTHON3" ] || skip_all "python3 not found by configure"
top="$TESTS_SRC/.."
out=$("$PYTHON3" - "$top/src/view/proc_cols.c" "$top/man/ipctop.1" "$top/data/ipctop-snapshot.schema.json" <<'PY'
import json, re, sys
cols = re.findall(r'\[COL_[A-Z_]+\]\s*=\s*\{\s*"[a-z_]+",\s*"([^"]+)"', open(sys.argv[1]).read())
man = open(sys.argv[2]).read()
sec = man.split(".SS The process list's columns\n", 1)
props = json.load(open(sys.argv[3]))["$defs"]["process"]["properties"]
bad = []
if len(cols) < 30 or len(sec) < 2:
    bad.append("read %d columns; section found: %s" % (len(cols), len(sec) == 2))
else:
    text = sec[1].split("\n.SS ", 1)[0]
    # "TITLE\n.BR member ," or "TITLE\n.B member": the member after each title
    for title in cols:
        m = re.search(r"(?m)^%s\n\.BR? ([a-z_.]+)" % re.escape(title), text)
        if not m:
            bad.append("%s: not named with its member" % title)
        elif m.group(1).split(".")[0] not in props:
            bad.append("%s: member %s not in the schema" % (title, m.group(1)))
print("%d columns" % len(cols))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
)
st=$?
ok $st "each list column is named with its JSON member in the man page and schema ($(echo "$out" | head -1))"
[ $st -eq 0 ] || printf '%s\n' "$out" | sed 's/^/#   /'
tap_done
