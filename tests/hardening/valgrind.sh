#!/bin/sh
# valgrind.sh — the non-interactive modes, and the interactive one in a private tmux server
# (a few refreshes, a process's detail, the graph, help, q), under valgrind's memcheck: no
# invalid read or write, no use of uninitialised memory, no definite leak (ncurses and libc
# keep some memory reachable until exit by design: "still reachable" is not an error). Plain
# build only: the sanitizer build covers the same ground with ASan.
. "$TESTS_SRC/tap.sh"
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind not installed"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"

has_no_text() { case $1 in *"$want"*) return 1 ;; esac; return 0; }

vg() {
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite "$IPCTOP" "$@" > "$tmp/vg.out" 2> "$log"
	st=$?
	# Valgrind's own "--PID--" notes are not errors (memcheck's are "==PID=="): this valgrind
	# (3.19) says it does not know pidfd_open (syscall 434), which then fails with ENOSYS and
	# leaves the pipe and queue fill unknown, as it would on a kernel without pidfds.
	grep -v '^--[0-9]*-- ' "$log" > "$log.errors"
	[ "$st" -ne 99 ] && [ ! -s "$log.errors" ] && return 0
	sed 's/^/#   /' "$log.errors" | head -40
	return 1
}
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_setup vg
log=$tmp/vg-run.log

vg --json; ok $? "ipctop --json: memcheck clean"
schema_ok "and its output is valid against the schema" "$tmp/vg.out"
vg --json -p "$$" --pretty; ok $? "ipctop --json -p (detail, smaps): memcheck clean"
schema_ok "and its output is valid against the schema" "$tmp/vg.out"
vg --dot; ok $? "ipctop --dot: memcheck clean"

# --- the interactive ipctop: list, detail, graph, help, q ---
[ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1 || { skip "tmux not found"; tap_done; exit $?; }
export LC_ALL=C.UTF-8
session=vg
T new-session -d -s vg -x 120 -y 40 \
	"env XDG_CONFIG_HOME='$tmp/config' valgrind -q --error-exitcode=99 --leak-check=full \
	 --errors-for-leak-kinds=definite --show-leak-kinds=definite --log-file='$tmp/vg.log' \
	 '$IPCTOP' -d 5 2>'$tmp/err'; echo \$? > '$tmp/rc'"
# Everything is some 30 times slower under memcheck: generous waits (up to 90 s each).
wait_re "Uptime: [0-9:]+" 900
ok $? "TUI under memcheck: the list is drawn"
first_up=$(printf '%s\n' "$screen" | sed -n 's/.*Uptime: \([0-9a-z ,:]*[0-9]\).*/\1/p')
moves=0   # (wait_until uses $i)
while [ "$moves" -lt 3 ]; do   # three more refreshes, seen as the uptime moving on
	want="Uptime: $(printf '%s\n' "$screen" | sed -n 's/.*Uptime: \([0-9a-z ,:]*[0-9]\).*/\1/p')"
	wait_until has_no_text 900 || break
	moves=$((moves + 1))
done
[ "$moves" -eq 3 ]
ok $? "TUI under memcheck: it refreshes (uptime $first_up, then $(printf '%s\n' "$screen" | sed -n 's/.*Uptime: \([0-9a-z ,:]*[0-9]\).*/\1/p'))"
T send-keys -t vg Enter
wait_for "Parent PID" 900
ok $? "TUI under memcheck: Enter opens a process's detail"
T send-keys -t vg g
wait_re "Graph:" 900
ok $? "TUI under memcheck: g opens the graph"
T send-keys -t vg F1
wait_for "Keys: Everywhere" 900
ok $? "TUI under memcheck: F1 opens the help"
T send-keys -t vg q
i=0
while T has-session -t vg 2>/dev/null && [ "$i" -lt 900 ]; do sleep 0.1; i=$((i + 1)); done
! T has-session -t vg 2>/dev/null
ok $? "TUI under memcheck: q ends it"
rc=$(cat "$tmp/rc" 2>/dev/null)
grep -v '^--[0-9]*-- ' "$tmp/vg.log" > "$tmp/vg.errors" 2>/dev/null   # as in vg() above
[ "$rc" = 0 ] && [ ! -s "$tmp/vg.errors" ]
ok $? "TUI under memcheck: clean (exit status $rc, $(wc -l 2>/dev/null < "$tmp/vg.errors") lines of report)"
sed 's/^/#   /' "$tmp/vg.errors" 2>/dev/null | head -40
sed 's/^/#   stderr: /' "$tmp/err" 2>/dev/null | head -5
tap_done
