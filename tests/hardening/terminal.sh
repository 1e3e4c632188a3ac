#!/bin/sh
# terminal.sh — interactive ipctop in hostile terminals: no terminal at all (exit 1 with a
# clear message), TERM=dumb (a clear message or a working screen, never a hang), a 10x5
# window (a degraded screen or a message, no crash) and 20 rapid resizes followed by q
# (a clean exit). Runs in a private tmux server; the tmux parts skip when tmux is missing.
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

# any_text SCREEN: the screen shows something (a check for wait_until).
any_text() { [ -n "$(printf '%s' "$1" | tr -d ' \n')" ]; }

# clean_exit NAME: exit status < 128 (no signal, no sanitizer abort) and no sanitizer report.
clean_exit() {
	rc=$(cat "$tmp/$1.rc" 2>/dev/null)
	[ -n "$rc" ] && [ "$rc" -lt 128 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/$1.err"
}

# --- TERM=dumb: either a message and a non-zero exit, or a screen that q quits ---
start dumb 80 24 TERM=dumb
if wait_gone 50 dumb; then
	rc=$(cat "$tmp/dumb.rc" 2>/dev/null)
	[ "$rc" = 0 ] || [ -s "$tmp/dumb.err" ]
	ok $? "TERM=dumb: exits by itself (status $rc) with a message: $(head -c 160 "$tmp/dumb.err")"
	skip "TERM=dumb: nothing to quit"
else
	wait_for PID
	ok $? "TERM=dumb: still running, so it must show a usable screen (the process list header)"
	T capture-pane -p -t dumb 2>/dev/null | grep -v '^ *$' | head -5 | sed 's/^/#   | /'
	T send-keys -t dumb q
	wait_gone 100 dumb
	ok $? "TERM=dumb: q ends it"
fi
clean_exit dumb
ok $? "TERM=dumb: no crash"

# --- 10x5 window ---
start tiny 10 5
wait_until any_text
st=$?
T capture-pane -p -t tiny 2>/dev/null | sed 's/^/#   | /'
if [ "$st" -eq 0 ] && T has-session -t tiny 2>/dev/null; then
	ok 0 "10x5 window: ipctop shows something and keeps running"
	T send-keys -t tiny q
	wait_gone 100 tiny
	ok $? "10x5 window: q ends it"
else
	wait_gone 10 tiny
	[ -s "$tmp/tiny.err" ]
	ok $? "10x5 window: exited with a message: $(head -c 160 "$tmp/tiny.err")"
	skip "10x5 window: nothing to quit"
fi
clean_exit tiny
ok $? "10x5 window: no crash (status $(cat "$tmp/tiny.rc" 2>/dev/null))"

# --- 20 rapid resizes, then q ---
start resize 80 24
wait_for PID
ok $? "resize: ipctop shows its process list in an 80x24 window"
for size in 120x40 10x5 200x60 1x1 80x24 30x6 5x80 160x10 2x2 100x30 \
            11x6 250x70 40x12 3x100 90x25 15x5 60x60 7x3 132x43 80x24; do
	T resize-window -t resize -x "${size%x*}" -y "${size#*x}" 2>/dev/null
done
T has-session -t resize 2>/dev/null
ok $? "resize: still running after 20 resizes"
T send-keys -t resize q
wait_gone 100 resize
ok $? "resize: q ends it"
[ "$(cat "$tmp/resize.rc" 2>/dev/null)" = 0 ] && clean_exit resize
ok $? "resize: exit status 0 and no crash (status $(cat "$tmp/resize.rc" 2>/dev/null))"
[ -s "$tmp/resize.err" ] && sed 's/^/#   stderr: /' "$tmp/resize.err" | head -5
tap_done
