#!/bin/sh
# regress.sh — replay every input kept in fuzz/regressions/ (crashes found by fuzzing), and each
# target's seed corpus, through every fuzz target built with clang, ASan and UBSan but without
# libFuzzer (replay_main.c). One TAP line per target; skipped when clang is missing.
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$fuzz_dir")
. "$top/tests/tap.sh"
. "$fuzz_dir/seeds.sh"

command -v "${CLANG:-clang}" >/dev/null 2>&1 || skip_all "clang not found"
work=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-regress.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
if ! "$fuzz_dir/build.sh" replay "$work" >"$work/build.log" 2>&1; then
	echo "Bail out! building the replay drivers failed"
	sed 's/^/# /' "$work/build.log"
	exit 1
fi

# replay_target BIN: every regression input, then the seeds, each in a process of its own (a
# sanitizer stops the process at the first error); prints the failing inputs' reports.
replay_target() {
	local bin=$1 t=${1##*/} f failed=0
	seed_corpus "$t" "$work/corpus/$t"
	for f in $(find "$fuzz_dir/regressions" "$work/corpus/$t" -type f 2>/dev/null | sort); do
		if ! "$bin" "$f" >"$work/$t.log" 2>&1; then
			failed=$((failed + 1))
			echo "#   $t crashes on ${f#"$fuzz_dir"/}:"
			grep -E 'ERROR|SUMMARY|runtime error|^ *#[0-9]+ ' "$work/$t.log" | head -8 |
				sed 's/^/#     /'
		fi
	done
	return "$failed"
}

for bin in "$work"/replay/*; do
	out=$(replay_target "$bin")
	ok $? "replay ${bin##*/}: every fuzz/regressions input and its seeds under ASan/UBSan"
	[ -n "$out" ] && printf '%s\n' "$out"
done
tap_done
