#!/bin/sh
# theme.sh — the projector part of the classroom issue, at 80x24: --theme contrast draws every
# text bold and boxes with heavy lines, also with --no-color (the default theme does neither),
# and white on black with colours; colorblind puts no green (nor red) background on screen, the
# selection yellow; the theme is saved in ipctoprc and used at the next start; a bad name or
# --theme with --json is an error (status 2). The help (F1) explains each IPC kind beside its
# line as the graph draws it, and the graph's boxes and arrows; a long name is never cut; a
# window narrower than the help's layout scrolls sideways with Left and Right, a wide one
# does not move. A lesson given --theme saves that theme only. The processes are sleeps of
# this test, found by their pids.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
tmux_setup theme s1 s2
start_sleeps s1 s2
sort_rc pid asc
START_W=80 START_H=24
rc="$tmp/config/ipctop/ipctoprc"

# --- the command line's errors ---
"$IPCTOP" --theme=plaid >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "invalid --theme 'plaid'" "$tmp/err"
ok $? "an unknown theme: status 2 ($st) and a message"
"$IPCTOP" --theme contrast --json >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "interactive" "$tmp/err"
ok $? "--theme with --json: status 2 ($st)"

# capture_bold: the pane's text with \001 where bold begins and \002 where it ends.
capture_bold() { capture_attr 1 22; }
# pid_bold PID: the PID cell of that pid's row is bold (the last mark before it begins bold).
pid_bold() {
	line=$(capture_bold | grep -aE "(^|[^0-9])$1[^0-9].*sleep" | head -1)
	[ -n "$line" ] || return 1
	marks=$(printf '%s' "${line%%$1*}" | tr -cd '\001\002' | od -An -c | tr -d ' ')
	case $marks in *001) return 0 ;; esac
	return 1
}
# rows_bold: both sleeps' rows are bold from their first cell (the one not selected too).
rows_bold() { pid_bold "$s1" && pid_bold "$s2"; }
# explain_box: ? opens the explanation box; its bottom line in $frame; then it is closed.
explain_box() {
	T send-keys -t "$session" '?'
	wait_for "any key: close" || return 1
	frame=$(T capture-pane -p -t "$session" | grep -E '(└|┗)(─|━)(─|━)' | head -1)
	T send-keys -t "$session" x
	wait_absent "any key: close"
}
# bg_on_screen N: some cell of the pane has background colour N (40-47).
bg_on_screen() { T capture-pane -e -p -t "$session" | grep -Eq "\[([0-9;]*;)?$1[;m]"; }

# themed SESSION ARGS CORNER LABEL: ipctop started with ARGS lists the two sleeps, and the
# bottom line of its explanation box shows CORNER.
themed() {
	start "$1" "$2 -p $s1,$s2"
	wait_for " $s2 " 150; ok $? "$4: the two sleeps are listed at 80x24"
	explain_box
	case $frame in *"$3"*) r=0 ;; *) r=1 ;; esac
	ok $r "$4: the explanation box is drawn with $3 ($frame)"
}

# --- default, --no-color: the control (light frame, rows not bold) ---
themed def "--no-color" └─ "default theme"
! rows_bold; ok $? "default theme: the rows are not all bold"
quit_ok "default theme"
grep -qx 'theme=default' "$rc"; ok $? "default theme saved as theme=default"

# --- contrast, --no-color ---
themed hc "--no-color --theme contrast" ┗━ "contrast without colours"
rows_bold; r=$?
ok $r "contrast without colours: every row bold"
[ $r -eq 0 ] || capture_bold | od -c | head -20 | sed 's/^/# /'
quit_ok "contrast"
grep -qx 'theme=contrast' "$rc"; ok $? "contrast saved in ipctoprc"

# --- saved: the next start without --theme, with colours ---
themed again "" ┗━ "restart with the saved theme"
bg_on_screen 40; ok $? "contrast with colours: text on a black background"
quit_ok "restart"

# --- colorblind and default with colours: which backgrounds ---
start cb "--theme colorblind -p $s1,$s2"
wait_for " $s2 " 150; ok $? "colorblind: listed"
keys_done
! bg_on_screen 42 && ! bg_on_screen 41; ok $? "colorblind: no green or red background"
bg_on_screen 43; ok $? "colorblind: the selection on yellow"
quit_ok "colorblind"
start dc "--theme default -p $s1,$s2"
wait_for " $s2 " 150; ok $? "default with colours: listed"
keys_done
bg_on_screen 42 && ! bg_on_screen 43; ok $? "default with colours: a green header, no yellow (the control)"
quit_ok "default with colours"

# --- the help: each IPC kind, the graph's legend, names whole ---
# first_words KEY: the first three words of the help text of KEY in src/view/help_text.c.
first_words() {
	sed -n "s/^.*{ \"$1\", \"[^\"]*\", \"\([^\"]*\)\".*/\1/p" "$TESTS_SRC/../src/view/help_text.c" |
		cut -d" " -f1-3
}
# page_to ERE: PageDown in the help until a line matches ERE (at most 80 pages).
page_to() {
	n=0
	while [ $n -lt 80 ]; do
		T capture-pane -p -t "$session" | grep -Eq -- "$1" && return 0
		T send-keys -t "$session" NPage
		sleep 0.1
		n=$((n + 1))
	done
	T capture-pane -p -t "$session" | sed 's/^/#   | /'
	return 1
}
start hl "--no-color -p $s1"
wait_for " $s1 " 150; ok $? "help: listed"
T send-keys -t "$session" F1
wait_for "Keys: Everywhere"; ok $? "F1 opens the help"
page_to "^ +Involuntary switches *$"; ok $? "help at 80 columns: a long name is whole, its sentence below"
# In the order the help gives them: paging goes down only.
for k in pipe:─── tcp:┄┄┄ listen: udp:┈┈┈ sysv_msg:┅┅┅ posix_shm:┉┉┉; do
	name=${k%%:*} line=${k#*:}
	words=$(first_words "kind.$name")
	if [ -z "$line" ]; then
		[ -n "$words" ] && page_to "^ +listener +$words"; ok $? "help: the listener: '$words'"
		continue
	fi
	[ -n "$words" ] && page_to "$line $name +$words"
	ok $? "help: $name beside its graph line $line: '$words'"
done
for k in box:Box hub:Hub arrow:Arrow; do
	words=$(first_words "graph.${k%%:*}")
	[ -n "$words" ] && page_to "^ +${k#*:} +$words"; ok $? "help: the graph's ${k#*:}: '$words'"
done
# Down, drawn, says the Right before it was handled; Up shows the first heading again.
T send-keys -t "$session" Home Right Down
wait_absent "Keys: Everywhere" && T send-keys -t "$session" Up && wait_for "Keys: Everywhere" &&
	text_at "Keys: Everywhere" | grep -q '^1 '
ok $? "help at 80 columns: nothing to scroll sideways, Right moves nothing"
quit_ok "help"

START_W=50
start narrow "--no-color -p $s1"
wait_for " $s1 " 150; ok $? "50 columns: listed"
T send-keys -t "$session" F1
wait_for "Keys: Everywhere"; ok $? "50 columns: F1 opens the help"
T send-keys -t "$session" Right
wait_re "^erywhere"; ok $? "50 columns: Right scrolls the help 8 columns sideways"
# The layout is 72 wide: 22 columns more than the window, where the sentences begin.
T send-keys -t "$session" Right Right Right Right Right Right Right Right Right Right
wait_re "^the keys, and one sentence"
ok $? "50 columns: further Rights stop at the layout's right edge (22), the sentences at the left"
T send-keys -t "$session" Left Left Left Left Left Left Left Left Left Left Left Left
wait_re "^Keys: Everywhere"; ok $? "50 columns: Left scrolls back"
quit_ok "narrow help"

# --- a lesson saves no setting but the theme given to it ---
session=lesson
T new-session -d -s "$session" -x 80 -y 24 \
	"env XDG_CONFIG_HOME='$tmp/config' HOME='$tmp' LC_ALL=C.UTF-8 '$IPCTOP' --lesson pipe --no-color --theme colorblind"
wait_for "Lesson pipe 1/" 300; ok $? "a lesson with --theme colorblind starts"
quit_ok "the lesson"
grep -qx 'theme=colorblind' "$rc" && grep -qx 'sort_column=pid' "$rc"
ok $? "the lesson saved its theme, the rest of ipctoprc as it was" || sed 's/^/# /' "$rc"
tap_done
