#!/bin/sh
# tools/mutate.sh — one-line mutation testing of src/channel and src/collect. Each mutant
# changes one token of one line (a comparison flipped or loosened, && and || swapped, an
# access bit or a role swapped, a +1/-1 bound dropped), is built in a private copy of the
# source tree and run against the unit tests, then the integration tests; a mutant that some
# test fails (or that hangs past the timeout) is killed, one that passes them all survived.
# Prints killed/total and lists the survivors. Each mutant's tests are watched for SysV
# objects they leave (a mutant can crash a fixture before it cleans up): the ones made while
# they ran that no live process holds are named on its result line and listed at the end,
# not removed (on a shared machine they could be another run's). Run by `make mutate`
# (tools/mutate.mk), which gives the test lists; see there for the knobs.
#
# usage: mutate.sh SRCDIR WORKDIR [SAMPLE [SEED]]   (SAMPLE 0: every mutant)
# environment: MUTATE_UNIT, MUTATE_INTEGRATION (test names as in TESTS), MUTATE_TIMEOUT (s),
# MUTATE_ONLY (an extended regex: only mutants whose "FILE<TAB>LINE<TAB>..." row matches it)
set -u
[ $# -ge 2 ] || { echo "usage: mutate.sh SRCDIR WORKDIR [SAMPLE [SEED]]" >&2; exit 2; }
src=$(cd "$1" && pwd -P) || exit 2
work=$2 sample=${3:-0} seed=${4:-1}
limit=${MUTATE_TIMEOUT:-600}
[ -n "${MUTATE_UNIT:-}" ] || { echo "mutate.sh: MUTATE_UNIT is empty (run it by make mutate)" >&2; exit 2; }

mkdir -p "$work" && work=$(cd "$work" && pwd -P) || exit 1
tree=$work/tree build=$work/build
log=$work/mutate.log out=$work/mutate.out

# list FILE...: one candidate mutant a line, "FILE<TAB>LINE<TAB>COLUMN<TAB>FROM<TAB>TO", for
# each occurrence of each rule in the code part of a line (not preprocessor lines, comments).
list() {
	awk -v OFS='\t' '
	function r(f, t) { from[++n] = f; to[n] = t }
	BEGIN {
		r("<=", "<"); r(">=", ">"); r("<", "<="); r(">", ">=")
		r("==", "!="); r("!=", "=="); r("&&", "||"); r("||", "&&")
		r("ACC_RW", "ACC_R"); r("ACC_R", "ACC_W"); r("ACC_W", "ACC_R")
		r("\"server\"", "\"client\""); r("\"client\"", "\"server\"")
		r("\"sender\"", "\"receiver\""); r("\"receiver\"", "\"sender\"")
		r("\"read\"", "\"write\""); r("\"write\"", "\"read\"")
		r(" + 1", ""); r(" - 1", "")
	}
	FNR == 1 { incomment = 0 }
	{
		code = $0
		if (incomment) {
			e = index(code, "*/")
			if (!e) next
			incomment = 0
			pre = substr(code, 1, e + 1)
			gsub(/./, " ", pre)   # blank the comment, keep the columns
			code = pre substr(code, e + 2)
		}
		if (code ~ /^[ \t]*#/) next
		c = index(code, "/*"); d = index(code, "//")
		if (d && (!c || d < c)) code = substr(code, 1, d - 1)
		else if (c) {
			if (!index(substr(code, c + 2), "*/")) incomment = 1
			code = substr(code, 1, c - 1)
		}
		for (i = 1; i <= n; i++)
			for (s = 1; (k = index(substr(code, s), from[i])) > 0; s += k) {
				col = s + k - 1
				if (fits(code, col, from[i]))
					print FILENAME, FNR, col, from[i], to[i]
			}
	}
	# The token stands alone: "<" is not part of "<<", "<=" or "->"; ACC_R is not ACC_RW.
	function fits(l, col, f,   b, a) {
		b = substr(l, col - 1, 1); a = substr(l, col + length(f), 1)
		if (f == "<") return b != "<" && a != "<" && a != "="
		if (f == ">") return b != "-" && b != ">" && a != ">" && a != "="
		if (f == "<=") return b != "<"
		if (f == ">=") return b != ">"
		if (f ~ /^ACC_/) return a !~ /[A-Za-z0-9_]/
		if (f ~ /^ [+-] 1$/) return a !~ /[0-9.xXuUlL]/
		return 1
	}' "$@"
}

# apply FILE LINE COL FROM TO: the mutant's text of FILE on stdout
apply() {
	awk -v L="$2" -v C="$3" -v F="$4" -v T="$5" \
		'NR == L { $0 = substr($0, 1, C - 1) T substr($0, C + length(F)) } { print }' "$1"
}

# sysv_ids: the SysV objects there now, "KIND ID" a line, sorted.
sysv_ids() {
	for k in shm msg sem; do
		awk -v k="$k" 'NR > 1 { print k, $2 }' "/proc/sysvipc/$k" 2>/dev/null
	done | LC_ALL=C sort
}

# sysv_orphans BEFORE: the objects not in the file BEFORE (a sysv_ids list) that nothing
# holds: a segment with no attacher whose creator has ended, a queue whose last sender and
# receiver (when any) have ended, any new semaphore set.
sysv_orphans() {
	sysv_ids | LC_ALL=C comm -13 "$1" - | while read -r kind id; do
		case $kind in
		shm) set -- $(awk -v id="$id" 'NR > 1 && $2 == id { print $5, $7 }' /proc/sysvipc/shm)
			[ "${2:-1}" -eq 0 ] && ! kill -0 "$1" 2>/dev/null || continue ;;
		msg) set -- $(awk -v id="$id" 'NR > 1 && $2 == id { print $6, $7 }' /proc/sysvipc/msg)
			[ $# -eq 2 ] || continue
			{ [ "$1" -eq 0 ] || ! kill -0 "$1" 2>/dev/null; } &&
				{ [ "$2" -eq 0 ] || ! kill -0 "$2" 2>/dev/null; } || continue ;;
		esac
		printf '%s %s\n' "$kind" "$id"
	done
}

# run_tests NAMES: make check with these tests in the copy's build, under the timeout
run_tests() {
	timeout -k 10 "$limit" make -s -C "$build" -j2 check TESTS="$1" >>"$log" 2>&1
}

echo "mutate: copying $src to $tree and building it (log: $log)"
rm -rf "$tree" "$build" && mkdir -p "$tree" "$build" || exit 1
: >"$log"
tar -C "$src" --exclude='./build*' --exclude=./.git --exclude=./autom4te.cache -cf - . |
	tar -C "$tree" -xf - || exit 1
( cd "$tree" && autoreconf -fi && cd "$build" && "$tree/configure" -q CFLAGS="-O1 -g" &&
	make -s -j2 check TESTS= ) >>"$log" 2>&1 || { echo "mutate: the copy does not build" >&2; exit 1; }
run_tests "$MUTATE_UNIT" && run_tests "${MUTATE_INTEGRATION:-}" ||
	{ echo "mutate: the unmutated tree fails its tests; see $log" >&2; exit 1; }

cd "$tree" || exit 1
list src/channel/*.c src/collect/*.c | grep -E -- "${MUTATE_ONLY:-.}" > "$work/all"
if [ "$sample" -gt 0 ]; then
	awk -v seed="$seed" 'BEGIN { srand(seed) } { printf "%.9f\t%s\n", rand(), $0 }' "$work/all" |
		sort -k1,1 | cut -f2- | head -n "$sample" | sort -t "$(printf '\t')" -k1,1 -k2,2n > "$work/chosen"
else
	cp "$work/all" "$work/chosen"
fi
echo "mutate: $(wc -l < "$work/chosen") of $(wc -l < "$work/all") mutants"

killed=0 survived=0 stillborn=0
: >"$out"
tab=$(printf '\t')
while IFS="$tab" read -r file line col from to; do
	cp "$file" "$work/orig"
	apply "$work/orig" "$line" "$col" "$from" "$to" > "$file"
	what="$file:$line: '$from' -> '$to': $(sed -n "${line}p" "$file" | sed 's/^[ \t]*//')"
	echo "== $what" >>"$log"
	sysv_ids > "$work/sysv.before"
	if ! make -s -C "$build" -j2 check TESTS= >>"$log" 2>&1; then
		result=stillborn; stillborn=$((stillborn + 1))
	elif ! run_tests "$MUTATE_UNIT" || ! run_tests "${MUTATE_INTEGRATION:-}"; then
		result=killed; killed=$((killed + 1))
	else
		result=SURVIVED; survived=$((survived + 1))
	fi
	cp "$work/orig" "$file"   # newer than the mutant's object: the next build remakes it
	left=$(sysv_orphans "$work/sysv.before" | tr '\n' ' ')
	[ -z "$left" ] || what="$what [SysV left: ${left% }]"
	echo "$result $what" | tee -a "$out"
done < "$work/chosen"
make -s -C "$build" -j2 >>"$log" 2>&1

total=$((killed + survived))
echo "mutate: $killed killed of $total built mutants" \
	"($( [ $total -gt 0 ] && echo $((100 * killed / total)) || echo 0)%)," \
	"$survived survived, $stillborn did not compile (results: $out)"
grep '^SURVIVED' "$out" || true
grep -F '[SysV left:' "$out" | sed 's/^/mutate: left behind (ipcs; ipcrm if no other run made them): /' || true
