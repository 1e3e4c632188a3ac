#!/bin/sh
# valgrind.sh — the non-interactive modes under valgrind's memcheck: no invalid read or write,
# no use of uninitialised memory, no definite leak (libproc2 and ncurses keep some memory
# reachable until exit by design: "still reachable" is not an error). Plain build only: the
# sanitizer build covers the same ground with ASan.
. "$TESTS_SRC/tap.sh"
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind not installed"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"

vg() {
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite "$IPCTOP" "$@" > /dev/null 2> "$log"
	st=$?
	[ "$st" -ne 99 ] && [ ! -s "$log" ] && return 0
	sed 's/^/#   /' "$log" | head -40
	return 1
}
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT

vg --json; ok $? "ipctop --json: memcheck clean"
vg --json -p "$$" --pretty; ok $? "ipctop --json -p (detail, smaps): memcheck clean"
vg --dot; ok $? "ipctop --dot: memcheck clean"
tap_done
