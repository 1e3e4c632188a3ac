#!/bin/sh
# terminal.sh — interactive ipctop in hostile terminals: no terminal at all (exit 1 with a
# clear message), TERM=dumb (exit 1: it cannot move the cursor), a 10x5 and a 40x9 window
# (below the 40x10 minimum: "terminal too small", q still quits) and 20 rapid resizes
# followed by q (a clean exit). Runs in a private tmux server; the tmux parts skip when tmux
# is missing.
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"

export LC_ALL=C.UTF-8
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_setup term

# --- no terminal: stdout is a file ---
timeout 30 "$IPCTOP" </dev/null >"$tmp/notty.out" 2>"$tmp/notty.err"
st=$?
[ "$st" -eq 1 ]
ok $? "without a terminal ipctop exits 1 (status $st)"
grep -qi 'terminal' "$tmp/notty.err"
ok $? "and says why: $(head -c 200 "$tmp/notty.err")"
[ ! -s "$tmp/notty.out" ]
ok $? "and writes nothing (no screen control codes) to the redirected stdout"

[ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1 || { skip "tmux not found"; tap_done; exit $?; }

# start NAME W H [ENV...]: ipctop in a WxH pane (the session NAME, now the one waited on); its
# exit status goes to $tmp/NAME.rc and its stderr to $tmp/NAME.err.
start() {
	session=$1 w=$2 h=$3; shift 3
	T new-session -d -s "$session" -x "$w" -y "$h" \
		"env XDG_CONFIG_HOME='$tmp/config' $* '$IPCTOP' -d 5 2>'$tmp/$session.err'; echo \$? > '$tmp/$session.rc'"
}

# clean_exit NAME: exit status < 128 (no signal, no sanitizer abort) and no sanitizer report.
clean_exit() {
	rc=$(cat "$tmp/$1.rc" 2>/dev/null)
	[ -n "$rc" ] && [ "$rc" -lt 128 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/$1.err"
}

# quit_check NAME WHAT: q ends the session NAME, with exit status 0 and no crash.
quit_check() {
	T send-keys -t "$1" q
	wait_gone 600 "$1"
	ok $? "$2: q ends it"
	[ "$(cat "$tmp/$1.rc" 2>/dev/null)" = 0 ] && clean_exit "$1"
	ok $? "$2: exit status 0 and no crash (status $(cat "$tmp/$1.rc" 2>/dev/null))"
}

# --- TERM=dumb: terminfo says it cannot move the cursor: exit 1 and say so, draw nothing ---
start dumb 80 24 TERM=dumb
wait_gone 600 dumb
ok $? "TERM=dumb: ipctop exits by itself"
rc=$(cat "$tmp/dumb.rc" 2>/dev/null)
[ "$rc" = 1 ] && grep -q "terminal 'dumb' cannot move the cursor" "$tmp/dumb.err"
ok $? "TERM=dumb: exit 1 (status $rc) and the reason: $(head -c 160 "$tmp/dumb.err")"
clean_exit dumb
ok $? "TERM=dumb: no crash"

# --- 10x5 window: below the 40x10 minimum, the screen says so (cut to the width), q works ---
start tiny 10 5
wait_re '^terminal …$'
ok $? "10x5 window: ipctop keeps running and shows 'terminal …' (too small, cut to 10 columns)"
quit_check tiny "10x5 window"
start small 40 9
wait_for "terminal too small (40x9, need 40x10)"
ok $? "40x9 window: the whole message, with both sizes"
quit_check small "40x9 window"

# --- 20 rapid resizes, then q ---
start resize 80 24
wait_for PID
ok $? "resize: ipctop shows its process list in an 80x24 window"
for size in 120x40 10x5 200x60 1x1 80x24 30x6 5x80 160x10 2x2 100x30 \
            11x6 250x70 40x12 3x100 90x25 15x5 60x60 7x3 132x43 80x24; do
	T resize-window -t resize -x "${size%x*}" -y "${size#*x}" 2>/dev/null
done
# the resizes handled (signalled before the F1 of keys_done; the last size, 80x24, draws the
# help), not merely sent
keys_done && T has-session -t resize 2>/dev/null
ok $? "resize: still running after 20 resizes"
quit_check resize "resize"
[ -s "$tmp/resize.err" ] && sed 's/^/#   stderr: /' "$tmp/resize.err" | head -5
tap_done
