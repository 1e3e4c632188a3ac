#!/bin/sh
# san_watch.sh — the check that catches what the sanitizers say of a program a shell test runs
# (san_watch and tap_done in tap.sh, tmux_finish in tmux_lib.sh), shown to fail: small C
# programs built here with $CC -fsanitize=... do a heap overflow, a signed overflow, or leak,
# and a test that ran them (directly, or in a tmux pane that is hung up at the end) must end
# with a failed result carrying the report's words; a clean program must not. Nothing of
# ipctop is changed for this: the faults are in the throwaway programs only.
. "$TESTS_SRC/tap.sh"
cc=${CC:-cc}   # may carry flags ("gcc -std=gnu11"): used unquoted
command -v "${cc%% *}" >/dev/null 2>&1 || ci_skip_all "no C compiler (CC=$cc)"

work=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-sanw.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP

# build NAME FLAGS: $work/NAME from the C text on stdin.
build() {
	cat > "$work/$1.c"
	$cc -g -O0 $2 -o "$work/$1" "$work/$1.c" 2>"$work/$1.cc.err"
}

build overflow "-fsanitize=address" <<'C' || ci_skip_all "$cc cannot build with -fsanitize=address"
#include <stdlib.h>
int main(int argc, char **argv) { char *p = malloc(8); p[8 + argc - 1] = 1; (void)argv; free(p); return 0; }
C
build signed "-fsanitize=undefined -fno-sanitize-recover=undefined" <<'C' || ci_skip_all "no UBSan"
#include <limits.h>
int main(int argc, char **argv) { volatile int x = INT_MAX; int y = x + argc; (void)argv; return y == 0; }
C
# Leaks a block, then waits for a hang-up (as ipctop in a pane does) and exits normally.
build leak "-fsanitize=address" <<'C' || ci_skip_all "no LeakSanitizer"
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
static void *kept;
static void bye(int s) { (void)s; kept = NULL; exit(0); }
int main(void) { kept = malloc(99); signal(SIGHUP, bye); write(1, "ready\n", 6); for (;;) pause(); }
C
build clean "-fsanitize=address,undefined" <<'C' || ci_skip_all "no ASan with UBSan"
#include <stdlib.h>
int main(void) { char *p = malloc(8); p[7] = 1; free(p); return 0; }
C

# inner SANITIZERS PROGRAM: a TAP test of its own that runs PROGRAM under san_watch; its output
# in $work/out, its status returned.
inner() {
	rm -rf "$work/t" && mkdir "$work/t"
	IPCTOP_SANITIZERS=$1 sh -c '. "$TESTS_SRC/tap.sh"; san_watch "$1"; "$2" >/dev/null 2>&1; tap_done' \
		inner "$work/t" "$2" > "$work/out" 2>&1
}

# caught NAME WORDS: the inner test of NAME failed with "not ok ... no sanitizer report" and the
# report's text holding WORDS.
caught() {
	inner yes "$work/$1"
	st=$?
	[ "$st" -ne 0 ] && grep -q '^not ok 1 - no sanitizer report' "$work/out" && grep -q -- "$2" "$work/out"
	ok $? "$1: the test fails with the report ($2)"
	[ "$st" -ne 0 ] || sed 's/^/#   /' "$work/out"
}
caught overflow "heap-buffer-overflow"
caught signed "signed integer overflow"

# The leak directly: LSan reports at exit, so the program is ended first (SIGHUP).
rm -rf "$work/t" && mkdir "$work/t"
IPCTOP_SANITIZERS=yes sh -c '. "$TESTS_SRC/tap.sh"; san_watch "$1"; "$2" > "$1/ready" & p=$!
	i=0; while ! grep -q ready "$1/ready" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -HUP $p; wait $p; tap_done' inner "$work/t" "$work/leak" > "$work/out" 2>&1
[ $? -ne 0 ] && grep -q 'detected memory leaks' "$work/out"
ok $? "leak: the test fails with LeakSanitizer's report"

inner yes "$work/clean"
[ $? -eq 0 ] && grep -q '^ok 1 - no sanitizer report' "$work/out" && grep -q '^1\.\.1$' "$work/out"
ok $? "clean program, sanitizer build: one passing result"
inner "" "$work/clean"
[ $? -eq 0 ] && grep -q '^1\.\.0$' "$work/out"
ok $? "clean program, other build: no result added"
inner "" "$work/overflow"
[ $? -ne 0 ] && grep -q '^not ok 1 - no sanitizer report' "$work/out"
ok $? "a report fails the test in any build"

# In a tmux pane, as the TUI tests run ipctop: the leaking program is left in its pane, and
# tap_done (through tmux_finish, which hangs the pane up) must still catch its exit report.
if [ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1; then
	IPCTOP_SANITIZERS=yes sh -c '. "$TESTS_SRC/tap.sh"; . "$TESTS_SRC/tui/tmux_lib.sh"
		tmux_setup sanw; session=leak
		T new-session -d -s leak -x 80 -y 10 "$1"
		wait_for ready; ok $? "the leaking program runs in its pane"
		tap_done' inner "$work/leak" > "$work/out" 2>&1
	st=$?
	[ "$st" -ne 0 ] && grep -q '^ok 1 - the leaking program runs' "$work/out" &&
		grep -q '^not ok 2 - no sanitizer report' "$work/out" && grep -q 'detected memory leaks' "$work/out"
	ok $? "in a tmux pane: the report reaches the test, which fails"
	[ "$st" -ne 0 ] || sed 's/^/#   /' "$work/out"
else
	skip "tmux not found"
fi
tap_done
