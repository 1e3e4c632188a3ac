#!/bin/sh
# tools/mutate_map.sh — which test runs which line of src/channel and src/collect: the map that
# lets tools/mutate.sh run, for each mutant, only the tests that reach its line. Builds a copy
# of the tree with gcov counters, runs each test of MUTATE_UNIT and MUTATE_INTEGRATION alone
# (two at a time, each writing its counts under its own GCOV_PREFIX) and reads the lines it ran
# with tools/mutate_lines.py. Writes, in MAPDIR:
#   lines   FILE<TAB>LINE for every line gcov instruments (the lines a test can reach)
#   map     FILE<TAB>LINE<TAB>TEST for each line each test ran
#   tests   TEST<TAB>SECONDS<TAB>pass|fail, each test's time alone in the coverage build (fail:
#           it failed twice; mutate.sh leaves it out)
#   source  the checksum of the sources and tests it was made from (mutate.sh makes a new map
#           when they change: a test added or changed reaches other lines)
#
# usage: mutate_map.sh SRCDIR MAPDIR   (environment: MUTATE_UNIT, MUTATE_INTEGRATION)
set -u

# one TEST N: run it alone with its counts under gcda/N, then list the lines it ran
one() {
	pfx=$dir/gcda/$2
	mkdir -p "$pfx" && chmod a+rwx "$dir/gcda" "$pfx"
	t0=$(date +%s.%N)
	r=fail   # a test that fails is run once more: a flake must not leave it out of the map
	for try in 1 2; do
		umask 0 && GCOV_PREFIX=$pfx make -s -C "$build" check TESTS="$1" \
			TEST_SUITE_LOG="mutate-map-$2.log" >"$dir/each/$2.out" 2>&1 && { r=pass; break; }
	done
	t1=$(date +%s.%N)
	python3 "$here/mutate_lines.py" "$build" "$pfx" |
		awk -v t="$1" -F '\t' '$3 > 0 { print $1 "\t" $2 "\t" t }' > "$dir/each/$2.map"
	rm -rf "$pfx"
	awk -v t="$1" -v a="$t0" -v b="$t1" -v r="$r" 'BEGIN { printf "%s\t%.1f\t%s\n", t, b - a, r }' \
		> "$dir/each/$2.time"
	echo "mutate_map: $1 $r ($(wc -l < "$dir/each/$2.map") lines)"
}

# xargs calls this script back for each test: --one TEST N (dir, build, here exported)
if [ "${1:-}" = --one ]; then one "$2" "$3"; exit 0; fi

[ $# -eq 2 ] || { echo "usage: mutate_map.sh SRCDIR MAPDIR" >&2; exit 2; }
src=$(cd "$1" && pwd -P) || exit 2
here=$(cd "$(dirname "$0")" && pwd -P)
mkdir -p "$2" && dir=$(cd "$2" && pwd -P) || exit 1
tree=$dir/tree build=$dir/build log=$dir/map.log

echo "mutate_map: building a coverage copy of $src in $dir (log: $log)"
rm -rf "$tree" "$build" "$dir/gcda" "$dir/each" && mkdir -p "$tree" "$build" "$dir/each" || exit 1
: >"$log"
tar -C "$src" --exclude='./build*' --exclude=./.git --exclude=./autom4te.cache \
	--exclude=./mutate -cf - . | tar -C "$tree" -xf - || exit 1
# every program linked with tools/mutate_exit.c: a test's child that ends by _exit counts too
( cc -c -o "$dir/exit_dump.o" "$here/mutate_exit.c" && cd "$tree" && autoreconf -fi &&
	cd "$build" && "$tree/configure" -q --enable-coverage CFLAGS="-O0 -g" \
	LDFLAGS="--coverage -Wl,--wrap=_exit" LIBS="$dir/exit_dump.o" && make -s -j2 check TESTS= ) \
	>>"$log" 2>&1 || { echo "mutate_map: the coverage copy does not build; see $log" >&2; exit 1; }
find "$build" -name '*.gcda' -delete
find "$build" -type d -exec chmod a+rwx {} +   # tests run as nobody write counts too

python3 "$here/mutate_lines.py" "$build" | cut -f1,2 > "$dir/lines" || exit 1

n=0
for t in ${MUTATE_UNIT:-} ${MUTATE_INTEGRATION:-}; do
	n=$((n + 1)); printf '%s %s\n' "$t" "$n"
done > "$dir/todo"
export dir build here
# xargs runs two at a time; each line is "TEST N"
xargs -P 2 -L 1 sh "$0" --one < "$dir/todo"
cat "$dir"/each/*.map > "$dir/map"
cat "$dir"/each/*.time | sort > "$dir/tests"
( cd "$src" && cat src/*/*.c src/*/*.h src/*.c tests/*/*.c tests/*/*.sh tests/*/*.py 2>/dev/null | cksum ) > "$dir/source"
echo "mutate_map: $(wc -l < "$dir/tests") tests," \
	"$(grep -c 'fail$' "$dir/tests") failed in the coverage build; map in $dir/map"
