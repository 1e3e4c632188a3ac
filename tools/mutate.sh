#!/bin/sh
# tools/mutate.sh — one-line mutation testing of src/channel and src/collect. Each mutant
# changes one token of one line (a comparison flipped or loosened, && and || swapped, an
# access bit or a role swapped, a +1/-1 bound dropped), is built in a private copy of the
# source tree and run against the tests that reach its line: the unit tests first, then the
# integration tests, the quickest first, until one fails. Which test reaches which line comes
# from a map made once in a gcov build (tools/mutate_map.sh; made again when the sources
# change). A mutant that a test fails twice in a row, or that hangs a test past its timeout, is
# killed; one that passes every test reaching it survived; one on a line no test runs is
# "unreached" (a survivor too). A line gcov does not instrument (a static table, a
# declaration) is run against every test that reaches its file. Mutants are shared among
# MUTATE_JOBS copies of the tree that build and test side by side.
#
# Each mutant's tests are watched for SysV objects they leave (a mutant can crash a fixture
# before it cleans up): the ones made while they ran that no live process holds are named on
# its result line and, those still there when the run ends, listed then; never removed (on a
# shared machine they could be another run's). Run by `make mutate` (tools/mutate.mk), which
# gives the test lists.
#
# usage: mutate.sh SRCDIR WORKDIR [SAMPLE [SEED]]   (SAMPLE 0: every mutant)
# environment: MUTATE_UNIT, MUTATE_INTEGRATION (test names as in TESTS), MUTATE_TIMEOUT (the
# most a test may take, s), MUTATE_ONLY (an extended regex: only mutants whose
# "FILE<TAB>LINE<TAB>..." row matches it), MUTATE_JOBS (copies side by side, 2),
# MUTATE_PARALLEL (a mutant's script tests run side by side, 4), MUTATE_RESUME (1: keep
# WORKDIR's results and try only the mutants it has no result for), MUTATE_SANITIZE (1: try
# again, in copies built with the sanitizers, the mutants whose last result is SURVIVED or
# "sanitizer" (the known list's), against their C unit tests only: a read or write out of
# bounds that the plain build passes)
#
# Results are appended to WORKDIR/done, one row a mutant tried ("FILE LINE COL FROM TO RESULT
# KEY"); a later row of a key replaces an earlier one.
set -u
if [ "${1:-}" != --run-test ]; then   # (see run_test for that form)
	[ $# -ge 2 ] || { echo "usage: mutate.sh SRCDIR WORKDIR [SAMPLE [SEED]]" >&2; exit 2; }
	src=$(cd "$1" && pwd -P) || exit 2
	here=$(cd "$(dirname "$0")" && pwd -P)
	work=$2 sample=${3:-0} seed=${4:-1}
	limit=${MUTATE_TIMEOUT:-600} jobs=${MUTATE_JOBS:-2} parallel=${MUTATE_PARALLEL:-4}
	san=${MUTATE_SANITIZE:-0}
	[ -n "${MUTATE_UNIT:-}" ] ||
		{ echo "mutate.sh: MUTATE_UNIT is empty (run it by make mutate)" >&2; exit 2; }
	mkdir -p "$work" && work=$(cd "$work" && pwd -P) || exit 1
	map=$work/map out=$work/mutate.out
	export map limit
fi
tab=$(printf '\t') us=$(printf '\037')

# list FILE...: one candidate mutant a line, "FILE<TAB>LINE<TAB>COLUMN<TAB>FROM<TAB>TO<TAB>KEY",
# for each occurrence of each rule in the code part of a line (not preprocessor lines,
# comments). KEY names the mutant without its line number, so that results and the list of
# known mutants (tools/mutate_known.tsv) outlive edits elsewhere in the file:
# "FILE|M|N|FROM|TO|TEXT": TEXT the line trimmed, M counting the file's lines of that text, N
# the rule's occurrences in the line.
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
		text = $0
		gsub(/\t/, " ", text); sub(/^ +/, "", text); sub(/ +$/, "", text)
		m = ++same[FILENAME, text]
		for (i = 1; i <= n; i++) {
			occ = 0
			for (s = 1; (k = index(substr(code, s), from[i])) > 0; s += k) {
				col = s + k - 1
				if (!fits(code, col, from[i])) continue
				f = from[i]; t = to[i]; sub(/^ /, "", f); sub(/^ /, "", t)
				print FILENAME, FNR, col, from[i], to[i], FILENAME "|" m "|" ++occ "|" f "|" t "|" text
			}
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

# plan FILE: for each mutant of FILE (rows as list gives them), its row and the tests to run
# for it, separated by spaces (the fields by $us, which keeps an empty TO field): the tests
# the map says ran its line, or for a line gcov does not instrument every test that ran a
# line of its file; unit tests first, then integration tests, each the quickest first; tests
# that failed in the map's own run are left out.
plan() {
	awk -F '\t' -v OFS="$us" -v unit=" $MUTATE_UNIT " '
	FILENAME == ARGV[1] { secs[$1] = $2; if ($3 != "pass") bad[$1] = 1; next }
	FILENAME == ARGV[2] { counted[$1 SUBSEP $2] = 1; next }
	FILENAME == ARGV[3] {
		if (bad[$3]) next
		k = $1 SUBSEP $2
		by[k] = by[k] " " $3
		if (!((f = $1 SUBSEP $3) in infile)) { infile[f] = 1; files[$1] = files[$1] " " $3 }
		next
	}
	{
		k = $1 SUBSEP $2
		list = (k in counted) ? by[k] : files[$1]
		print $1, $2, $3, $4, $5, $6, order(list)
	}
	function order(list,   n, t, i, j, x, key, out) {
		n = split(list, t, " ")
		for (i = 1; i <= n; i++)   # unit tests before the others, then by time
			key[i] = (index(unit, " " t[i] " ") ? 0 : 1e6) + secs[t[i]]
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && key[j - 1] > key[j]; j--) {
				x = key[j]; key[j] = key[j - 1]; key[j - 1] = x
				x = t[j]; t[j] = t[j - 1]; t[j - 1] = x
			}
		out = ""
		for (i = 1; i <= n; i++) out = out (i > 1 ? " " : "") t[i]
		return out
	}' "$map/tests" "$map/lines" "$map/map" "$1"
}

# run_test BUILD TEST: the test run the way make check's TAP driver runs it (from the build
# directory, with the Makefile's test environment), but without make, whose three passes over
# the Makefile cost more CPU than most tests; under a timeout of ten times its time in the map
# (at least a minute, at most MUTATE_TIMEOUT). 0: it passed; 1: it failed (a "not ok", a
# "Bail out!", a plan not kept, or an exit status other than 0); 124: it ran out of time.
run_test() {
	secs=$(awk -F '\t' -v t="$2" -v max="$limit" \
		'$1 == t { s = int($2 * 10) } END { s = s < 60 ? 60 : s; print (s > max ? max : s) }' "$map/tests")
	tsrc=${1%/build}/tree tout=$1/../out.$(echo "$2" | tr / _)
	case ${2##*/} in *.*) set -- "$1" "$2" sh "$tsrc/$2" ;; *) set -- "$1" "$2" "$1/$2" ;; esac
	( cd "$1" && IPCTOP="$1/ipctop" TESTS_BIN="$1/tests" TESTS_SRC="$tsrc/tests" srcdir="$tsrc" \
		PYTHON3=python3 TMUX_BIN=tmux CC=cc \
		exec timeout -k 10 "$secs" "$3" ${4:+"$4"} ) >"$tout" 2>&1 </dev/null
	r=$?
	{ echo "-- $2: exit $r"; grep -a -E '^(not ok|Bail out!)' "$tout"; } >>"$1/../mutate.log"
	[ $r -eq 124 ] || [ $r -eq 137 ] && return 124
	[ $r -eq 0 ] && awk '
		/^1\.\.[0-9]+/ { plan = substr($1, 4) + 0; planned = 1 }
		/^ok/ { n++ }
		/^not ok/ { n++; if ($0 !~ /# *TODO/) bad = 1 }
		/^Bail out!/ { bad = 1 }
		END { exit !(planned && !bad && n == plan) }' "$tout"
}

# try calls this script back through xargs for each script test: --run-test BUILD TEST (map
# and limit exported) prints TEST when it failed, hung:TEST when it ran out of time.
if [ "${1:-}" = --run-test ]; then
	run_test "$2" "$3"
	case $? in 0) ;; 124) echo "hung:$3" ;; *) echo "$3" ;; esac
	exit 0
fi

# try BUILD TESTS...: the first test that fails twice in a row, "hung in" one that ran out of
# time; nothing when every one passes. A test that fails once and then passes is noted in the
# log. The C tests run one by one, the quickest first, until one fails; then the scripts
# (integration tests, mostly waiting on their fixtures) MUTATE_PARALLEL at a time, after every
# program of the build is linked again, and the ones that failed are run again alone.
try() {
	b=$1 progs= scripts=; shift
	for t; do case ${t##*/} in *.*) scripts="$scripts $t" ;; *) progs="$progs $t" ;; esac; done
	[ -z "$progs" ] || make -s -C "$b" $progs >>"$b/../mutate.log" 2>&1 ||
		{ echo "error linking$progs"; return; }
	for t in $progs; do
		run_test "$b" "$t"; r=$?
		[ $r -eq 0 ] && continue
		[ $r -eq 124 ] && { echo "hung in $t"; return; }
		run_test "$b" "$t" || { echo "by $t"; return; }
		echo "mutate: $t failed once, then passed" >>"$b/../mutate.log"
	done
	[ -n "$scripts" ] || return
	make -s -C "$b" check TESTS= >>"$b/../mutate.log" 2>&1 || { echo "error linking the test programs"; return; }
	failed=$(printf '%s\n' $scripts | xargs -P "$parallel" -I '{}' sh "$here/mutate.sh" --run-test "$b" '{}')
	for t in $failed; do
		case $t in hung:*) echo "hung in ${t#hung:}"; return ;; esac
		run_test "$b" "$t" || { echo "by $t"; return; }
		echo "mutate: $t failed once (beside others), then passed alone" >>"$b/../mutate.log"
	done
}

# setup K: copy the source to s$K/tree, build it in s$K/build, pass the unit tests there (each
# as a mutant's are run: one by one, a failure run again)
setup() {
	d=$work/s$1
	rm -rf "$d/tree" "$d/build" "$d/ok" && mkdir -p "$d/tree" "$d/build" && : >"$d/mutate.log" ||
		return 1
	tar -C "$src" --exclude='./build*' --exclude=./.git --exclude=./autom4te.cache \
		--exclude=./mutate -cf - . | tar -C "$d/tree" -xf - || return 1
	( cd "$d/tree" && autoreconf -fi && cd "$d/build" && "$d/tree/configure" -q CFLAGS="-O1 -g" \
		$( [ "$san" = 1 ] && echo --enable-sanitizers) &&
		make -s -j2 check TESTS= ) >>"$d/mutate.log" 2>&1 ||
		{ echo "mutate: copy $1 does not build; see $d/mutate.log" >&2; return 1; }
	[ "$1" -eq 0 ] || ln -sf "$work/s0/build/tests/machine.lock" "$d/build/tests/machine.lock"
	how=$(try "$d/build" $MUTATE_UNIT)   # each the way a mutant's tests are run: all pass
	[ -z "$how" ] || { echo "mutate: the unmutated copy $1: $how; see $d/mutate.log" >&2; return 1; }
	: >"$d/ok"
}

# stream K: each mutant of s$K/chosen (plan rows) built in s$K and run against its tests
stream() {
	d=$work/s$1
	cd "$d/tree" || return 1
	while IFS="$us" read -r file line col from to key tests; do
		cp "$file" "$d/orig"
		apply "$d/orig" "$line" "$col" "$from" "$to" > "$file"
		what="$file:$line: '$from' -> '$to': $(sed -n "${line}p" "$file" | sed 's/^[ \t]*//')"
		echo "== $what" >>"$d/mutate.log"
		sysv_ids > "$d/sysv.before"
		[ "$san" = 1 ] && tests=$(printf '%s\n' $tests | grep -v '[.]' | tr '\n' ' ')
		if [ "$san" = 1 ] && [ -z "${tests% }" ]; then
			result=SURVIVED how="no C unit test reaches it (sanitizer build)"
		elif [ -z "$tests" ]; then
			result=UNREACHED how="no test runs this line"
		elif ! make -s -C "$d/build" all >>"$d/mutate.log" 2>&1; then
			result=stillborn how="does not compile"
		else
			how=$(try "$d/build" $tests)
			[ "$san" = 1 ] && [ -n "$how" ] && how="$how (sanitizer build)"
			case $how in
			"") result=SURVIVED how="passed $(echo $tests | wc -w) tests" ;;
			error*) result=ERROR ;;
			*) result=killed ;;
			esac
		fi
		cp "$d/orig" "$file"   # newer than the mutant's object: the next build remakes it
		left=$(sysv_orphans "$d/sysv.before" | tr '\n' ' ')
		[ -z "$left" ] || how="$how [SysV left: ${left% }]"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$line" "$col" "$from" "$to" "$result" "$key" \
			>> "$work/done"
		echo "$result $what ($how)" | tee -a "$out"
	done < "$d/chosen"
	make -s -C "$d/build" >>"$d/mutate.log" 2>&1
}

# The map: made again when the sources or tests differ from the ones it was made from.
sum=$(cd "$src" && cat src/*/*.c src/*/*.h src/*.c tests/*/*.c tests/*/*.sh tests/*/*.py 2>/dev/null | cksum)
if [ "$(cat "$map/source" 2>/dev/null)" != "$sum" ]; then
	sh "$here/mutate_map.sh" "$src" "$map" || exit 1
fi

echo "mutate: copying $src to $jobs trees in $work and building them"
k=0
while [ $k -lt "$jobs" ]; do setup $k & k=$((k + 1)); done
wait
k=0
while [ $k -lt "$jobs" ]; do [ -f "$work/s$k/ok" ] || exit 1; k=$((k + 1)); done

cd "$src" || exit 1
list src/channel/*.c src/collect/*.c | grep -E -- "${MUTATE_ONLY:-.}" > "$work/all"
if [ "$sample" -gt 0 ]; then
	awk -v seed="$seed" 'BEGIN { srand(seed) } { printf "%.9f\t%s\n", rand(), $0 }' "$work/all" |
		sort -k1,1 | cut -f2- | head -n "$sample" | sort -t "$tab" -k1,1 -k2,2n > "$work/chosen"
else
	cp "$work/all" "$work/chosen"
fi
if [ "$san" = 1 ]; then
	# the survivors of the runs recorded so far, and the ones tools/mutate_known.tsv says the
	# sanitizer build catches (checked, not taken on trust), again
	[ -s "$work/done" ] || cp "$src/bench/mutate-done.tsv" "$work/done" 2>/dev/null || : >"$work/done"
	touch "$out"
	awk -F '\t' 'FILENAME == ARGV[1] { last[$7] = $6; next }
		last[$6] == "SURVIVED" || last[$6] == "sanitizer"' \
		"$work/done" "$work/chosen" > "$work/todo"
elif [ "${MUTATE_RESUME:-0}" = 1 ]; then
	# results of earlier runs: WORKDIR's own, or else the record kept in the repository
	[ -s "$work/done" ] || { cp "$src/bench/mutate-done.tsv" "$work/done" 2>/dev/null &&
		echo "mutate: going on from the results in bench/mutate-done.tsv"; } || : >"$work/done"
	touch "$out"
	awk -F '\t' 'FILENAME == ARGV[1] { had[$7] = 1; next } !($6 in had)' \
		"$work/done" "$work/chosen" > "$work/todo"
else
	: >"$work/done"; : >"$out"
	cp "$work/chosen" "$work/todo"
fi
# Mutants read before and listed in tools/mutate_known.tsv (harmless, or caught only by the
# sanitizer build) are recorded with the reason given there, not run (but for MUTATE_SANITIZE).
[ "$san" = 1 ] || { awk -F '\t' -v OFS='\t' -v out="$out" '
	FILENAME == ARGV[1] {
		if ($0 ~ /^#/ || NF < 8) next
		k = $2 "|" $3 "|" $4 "|" $5 "|" $6 "|" $7
		kind[k] = $1; why[k] = $8
		next
	}
	($6 in kind) {
		print $1, $2, $3, $4, $5, kind[$6], $6
		print kind[$6], $1 ":" $2 ": \047" $4 "\047 -> \047" $5 "\047 (" why[$6] ")" >> out
		next
	}
	{ print > "/dev/stderr" }' "$here/mutate_known.tsv" "$work/todo" >> "$work/done" 2> "$work/todo.run" &&
	mv "$work/todo.run" "$work/todo"; }
# a known entry that names no mutant (its line changed): said, so that it is mended or dropped
[ -n "${MUTATE_ONLY:-}" ] || awk -F '\t' 'FILENAME == ARGV[1] { has[$6] = 1; next }
	!/^#/ && NF >= 8 && !(($2 "|" $3 "|" $4 "|" $5 "|" $6 "|" $7) in has) {
		print "mutate: tools/mutate_known.tsv names no mutant now:", $2 ": " $7 " (\047" $5 "\047 -> \047" $6 "\047, occurrence " $4 ")"
	}' "$work/all" "$here/mutate_known.tsv"
echo "mutate: $(wc -l < "$work/chosen") of $(wc -l < "$work/all") mutants," \
	"$(wc -l < "$work/todo") to try"

# Each copy takes whole files, the file with the most mutants left to the copy with fewest.
plan "$work/todo" | awk -F "$us" -v jobs="$jobs" -v dir="$work" '
	{ row[NR] = $0; file[NR] = $1; n[$1]++ }
	END {
		for (f in n) order[++m] = f
		for (i = 2; i <= m; i++)
			for (j = i; j > 1 && n[order[j - 1]] < n[order[j]]; j--) {
				x = order[j]; order[j] = order[j - 1]; order[j - 1] = x
			}
		for (i = 1; i <= m; i++) {
			best = 0
			for (k = 1; k < jobs; k++) if (load[k] < load[best]) best = k
			to[order[i]] = best; load[best] += n[order[i]]
		}
		for (k = 0; k < jobs; k++) printf "" > (dir "/s" k "/chosen")
		for (r = 1; r <= NR; r++) print row[r] > (dir "/s" to[file[r]] "/chosen")
	}'
k=0
while [ $k -lt "$jobs" ]; do stream $k & k=$((k + 1)); done
wait

# the last result of each mutant
awk -F '\t' '{ last[$7] = $6 } END { for (k in last) print last[k] }' "$work/done" > "$work/last"
n_of() { grep -c -x "$1" "$work/last"; }
killed=$(n_of killed) survived=$(n_of SURVIVED) unreached=$(n_of UNREACHED)
stillborn=$(n_of stillborn) errors=$(n_of ERROR) harmless=$(n_of harmless) sanitizer=$(n_of sanitizer)
total=$((killed + survived + unreached))
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }
echo "mutate: $killed killed of $total mutants that compiled and are not known harmless or" \
	"caught only by the sanitizer build ($(pct $killed $total)%);" \
	"$survived survived the tests that reach them, $unreached on lines no test runs," \
	"$stillborn did not compile, $errors could not be run;" \
	"$harmless harmless and $sanitizer for the sanitizer build, as tools/mutate_known.tsv says," \
	"not run (killed of all that compiled: $(pct $killed $((total + harmless + sanitizer)))%;" \
	"results: $out)"
awk -F '\t' '{ last[$7] = $6; row[$7] = $1 ":" $2 ": \047" $4 "\047 -> \047" $5 "\047" }
	END { for (k in last) if (last[k] ~ /^(SURVIVED|UNREACHED|ERROR)$/) print last[k], row[k] }' \
	"$work/done" | sort -k2,2 -t ' ' || true
# The objects a result line names that are there still (with several copies, a queue another
# copy's test has just made, nothing sent yet, looks unheld for a while: such ones are gone now).
sysv_ids > "$work/sysv.end"
grep -o '\[SysV left: [^]]*' "$out" | sed 's/^\[SysV left: //' | tr ' ' '\n' | paste -d ' ' - - |
	LC_ALL=C sort -u | LC_ALL=C comm -12 - "$work/sysv.end" |
	sed 's/^/mutate: left behind, there still (ipcs; ipcrm if no other run made it): /' || true
