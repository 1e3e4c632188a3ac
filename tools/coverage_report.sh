#!/bin/sh
# tools/coverage_report.sh TRACEFILE TOPSRCDIR — print the line coverage of an lcov tracefile
# (its DA records) per folder of src/ (src/ipctop.c on its own) and in total; files outside src/ (the tests,
# fixtures, system headers) are not counted. lcov 1.16 keeps one record of a header for each
# object that includes it: each line counts once, covered when any record ran it. Used by
# `make coverage` (tools/coverage.mk).
set -eu
[ $# -eq 2 ] || { echo "usage: coverage_report.sh TRACEFILE TOPSRCDIR" >&2; exit 2; }
[ -r "$1" ] || { echo "coverage_report.sh: cannot read $1" >&2; exit 1; }
awk -v top="$2/" '
function folder(path,   rel, i) {
	if (index(path, top) != 1)
		return ""
	rel = substr(path, length(top) + 1)
	if (rel !~ /^src\//) {            # a generated file in a build folder: build/src/...
		i = index(rel, "/src/")
		if (!i)
			return ""
		rel = substr(rel, i + 1)
	}
	if (rel == "src/ipctop.c")
		return rel
	if (split(rel, part, "/") < 3)
		return ""
	return part[1] "/" part[2]
}
/^SF:/ { path = substr($0, 4); f = folder(path); next }
/^DA:/ {                               # DA:LINE,COUNT[,CHECKSUM] (not every lcov writes LF/LH)
	if (f == "")
		next
	split(substr($0, 4), da, ",")
	k = path SUBSEP da[1]              # each line of a header once, whatever includes it
	if (!(k in line)) { line[k] = 0; in_folder[k] = f }
	if (da[2] + 0 > 0) line[k] = 1
	next
}
function pct(h, n) { return n ? 100 * h / n : 0 }
END {
	for (k in line) { lf[in_folder[k]]++; tf++; if (line[k]) { lh[in_folder[k]]++; th++ } }
	if (!tf) { print "coverage_report.sh: no lines of src/ in the tracefile" > "/dev/stderr"; exit 1 }
	n = 0
	for (k in lf) names[++n] = k
	for (i = 2; i <= n; i++)          # insertion sort: awk has no portable sort
		for (j = i; j > 1 && names[j - 1] > names[j]; j--) { t = names[j]; names[j] = names[j - 1]; names[j - 1] = t }
	printf "%-16s %7s %7s %7s\n", "folder", "lines", "hit", "cover"
	for (i = 1; i <= n; i++)
		printf "%-16s %7d %7d %6.1f%%\n", names[i], lf[names[i]], lh[names[i]], pct(lh[names[i]], lf[names[i]])
	printf "%-16s %7d %7d %6.1f%%\n", "total", tf, th, pct(th, tf)
}' "$1"
