#!/bin/sh
# keys.sh — every key does its job, and nothing but a documented key pressed on purpose starts
# an action, under eight TERM values: Home, End, PageUp/Down, Insert, Delete, F1-F12, arrows
# with and without modifiers, Shift-Tab and Alt+key, sent by tmux key name and as the raw
# xterm, VT220, rxvt, Linux-console and VT100 sequences; unknown sequences; mouse clicks and
# the wheel (SGR and X10); a bracketed paste full of action keys. After each key: no menu
# opened (a probe key that a menu would swallow shows its effect), and at the end no sleeper's
# nice value or state changed. Row order is known: the list is sorted by PID, ascending.
# KEYS_TERMS, when set, names the TERM values to run (default: all eight).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
tmux_setup keys

sleepers=""
cleanup_sleepers() { for p in $sleepers; do kill "$p" 2>/dev/null; done; }
trap 'cleanup_sleepers; tmux_cleanup' EXIT
i=0
while [ $i -lt 60 ]; do sleep 600 & sleepers="$sleepers $!"; i=$((i + 1)); done
sorted=$(printf '%s\n' $sleepers | sort -n)
nth() { printf '%s\n' "$sorted" | sed -n "$(($1 + 1))p"; }
first=$(nth 0) last=$(nth 59)
list=$(printf '%s\n' $sleepers | paste -sd, -)
mkdir -p "$tmp/config/ipctop"

# The PID of the selected row: the first process row drawn in reverse video. tmux's
# capture-pane -e writes attribute changes only, so reverse video is followed across lines.
cat > "$tmp/sel.awk" <<'AWK'
function sgr(params,    n, p, i) {
	n = split(params == "" ? "0" : params, p, ";")
	for (i = 1; i <= n; i++)
		if (p[i] == "" || p[i] == "0" || p[i] == "27") rev = 0
		else if (p[i] == "7") rev = 1
}
{
	line = $0; lead = 1
	while (match(line, /\033\[[0-9;]*m/)) {
		before = substr(line, 1, RSTART - 1)
		if (lead && before != "") {
			lead = 0
			if (NR > 5 && rev && before ~ /^ *[0-9]+ /) { split(before, f, " "); print f[1]; exit }
		}
		sgr(substr(line, RSTART + 2, RLENGTH - 3))
		line = substr(line, RSTART + RLENGTH)
	}
	if (lead && NR > 5 && rev && line ~ /^ *[0-9]+ /) { split(line, f, " "); print f[1]; exit }
}
AWK
selected() { T capture-pane -e -p -t "$session" | awk -f "$tmp/sel.awk"; }
# wait_sel PID: until the selected row is PID (5 s).
wait_sel() {
	n=0
	while [ "$(selected)" != "$1" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	[ "$(selected)" = "$1" ]
}
hex() { T send-keys -t "$session" -H $*; }
# settled: until ipctop (the pane's process, or its child) has read every byte sent to its
# terminal and waits for input with no time limit, so no escape sequence is pending (the Esc
# delay, counted from when ipctop read the ESC, is over). Linux x86-64 poll/ppoll, aarch64 ppoll.
settled() {
	st_pid=$(T display-message -p -t "$session" '#{pane_pid}')
	[ "$(cat "/proc/$st_pid/comm" 2>/dev/null)" = ipctop ] || st_pid=$(pgrep -P "$st_pid" -x ipctop)
	"$PYTHON3" - "$(T display-message -p -t "$session" '#{pane_tty}')" "$st_pid" <<'PY'
import fcntl, os, struct, sys, termios, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
for _ in range(100):
    unread = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0]
    try:
        call = open("/proc/%s/syscall" % sys.argv[2]).read().split()
    except OSError:      # not root under Yama's ptrace_scope 1: the read queue only, then the delay
        if unread == 0:
            time.sleep(0.2)
            sys.exit(0)
        call = ["?"] * 4
    no_limit = ((call[0] == "7" and int(call[3], 16) & 0xffffffff == 0xffffffff) or
                (call[0] in ("271", "73") and int(call[3], 16) == 0))
    if unread == 0 and no_limit:
        sys.exit(0)
    time.sleep(0.1)
print("# ipctop still has input to read or an escape pending:", unread, " ".join(call[:4]))
sys.exit(1)
PY
}
home() { T send-keys -t "$session" Home; wait_sel "$first"; }

for term in ${KEYS_TERMS:-tmux-256color screen screen-256color xterm xterm-256color linux vt100 rxvt}; do
	printf 'sort_column=pid\nsort_direction=asc\n' > "$tmp/config/ipctop/ipctoprc"
	session="k-$term"
	T new-session -d -s "$session" -x 120 -y 40 \
		"env TERM=$term XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' --no-color -d 50 -p $list"
	wait_for "$first" 150; ok $? "$term: the list is up"
	page=$(T capture-pane -p -t "$session" | awk 'NR > 5 && $1 ~ /^[0-9]+$/' | wc -l)
	page=$((page - 1))

	# The job of each key, by tmux key name and by each terminal family's raw sequence.
	T send-keys -t "$session" End; wait_sel "$last"; ok $? "$term: End selects the last row"
	T send-keys -t "$session" Home; wait_sel "$first"; ok $? "$term: Home selects the first row"
	T send-keys -t "$session" PageDown; wait_sel "$(nth $page)"; ok $? "$term: PageDown moves one page ($page rows)"
	T send-keys -t "$session" PageUp; wait_sel "$first"; ok $? "$term: PageUp moves back"
	T send-keys -t "$session" Down Down; wait_sel "$(nth 2)"; ok $? "$term: Down twice"
	T send-keys -t "$session" C-Up; wait_sel "$(nth 1)"; ok $? "$term: Ctrl-Up moves up"
	T send-keys -t "$session" S-Down; wait_sel "$(nth 2)"; ok $? "$term: Shift-Down moves down"
	for seq in "1b 5b 34 7e:VT220 End" "1b 5b 38 7e:rxvt End" "1b 4f 46:SS3 End" "1b 5b 46:xterm End" \
		   "1b 5b 31 3b 35 46:Ctrl-End"; do
		home
		hex "${seq%%:*}"; wait_sel "$last"; ok $? "$term: ${seq#*:} (${seq%%:*}) goes to the last row"
	done
	for seq in "1b 5b 31 7e:VT220 Home" "1b 5b 37 7e:rxvt Home" "1b 4f 48:SS3 Home" "1b 5b 48:xterm Home"; do
		T send-keys -t "$session" End; wait_sel "$last"
		hex "${seq%%:*}"; wait_sel "$first"; ok $? "$term: ${seq#*:} (${seq%%:*}) goes to the first row"
	done
	home
	hex 1b 5b 36 7e; wait_sel "$(nth $page)"; ok $? "$term: VT220 PageDown (ESC [ 6 ~) moves one page"
	hex 1b 5b 35 5e; wait_sel "$first"; ok $? "$term: rxvt Ctrl-PageUp (ESC [ 5 ^) moves back a page"
	hex 1b 4f 42; wait_sel "$(nth 1)"; ok $? "$term: SS3 Down (ESC O B) moves down"
	hex 1b 5b 61; wait_sel "$first"; ok $? "$term: rxvt Shift-Up (ESC [ a) moves up"

	# Keys that mean nothing in the list open nothing. They go in one write, then the probe:
	# a menu opened by any of them would take every later key (none of them closes a menu),
	# the probe's '/' too.
	T send-keys -t "$session" IC DC F11 F12 BTab M-k M-Space M-q C-Left S-Right C-Home
	probe; ok $? "$term: Insert, Delete, F11, F12, Shift-Tab, Alt+k/Space/q, Ctrl/Shift-arrows open nothing"
	# ESC [ and ESC ] begin a sequence (a CSI, an OSC string): what follows before ipctop read
	# them and its escape delay ended would be read as their rest, so each goes alone and the
	# probe waits until ipctop has read it and waits for input with no time limit (settled; a
	# fixed sleep was not enough on a loaded machine, where ipctop read it late).
	bad=""
	for k in M-[ M-]; do
		T send-keys -t "$session" "$k"
		settled && probe || bad="$bad $k"
	done
	[ -z "$bad" ]; ok $? "$term: Alt+[ and Alt+] open nothing${bad:+ (opened:$bad)}"
	hex 1b 5b 32 7e 1b 5b 33 7e 1b 5b 32 33 7e 1b 5b 32 34 7e 1b 5b 5a 1b 5b 32 24 \
	    1b 5b 33 5e 1b 4f 61 1b 5b 31 3b 33 44 1b 1b 5b 41 1b 6b 1b 5b 39 39 7a \
	    1b 5b 3f 31 3b 32 63 1b 5d 30 3b 6b 5b 5d 07 1b 5b 31 3b 32 3b 33 3b 34 5b \
	    1b 5b 3c 36 34 3b 33 3b 33 4d 1b 5b 3c 30 3b 39 39 3b 32 4d 1b 5b 4d 23 2a 2a
	probe; ok $? "$term: raw Insert, Delete, F11, F12, Shift-Tab, rxvt keys, Alt forms, unknown CSI/OSC and mouse reports open nothing"

	# The mouse: a click selects its row, the wheel scrolls (SGR and X10).
	home
	hex 1b 5b 3c 30 3b 35 3b 39 4d 1b 5b 3c 30 3b 35 3b 39 6d
	wait_sel "$(nth 3)"; ok $? "$term: an SGR click on the fourth row selects it"
	hex 1b 5b 4d 20 25 2a 1b 5b 4d 23 25 2a
	wait_sel "$(nth 4)"; ok $? "$term: an X10 click on the fifth row selects it"
	hex 1b 5b 3c 36 35 3b 35 3b 39 4d
	wait_sel "$(nth 7)"; ok $? "$term: the SGR wheel scrolls down three rows"
	hex 1b 5b 4d 60 25 2a
	wait_sel "$(nth 4)"; ok $? "$term: the X10 wheel scrolls up three rows"

	# A bracketed paste full of action keys does nothing outside a prompt...
	home
	T set-buffer -b ipctop-keys "hello k$(printf '\r') [ ] q u F9$(printf '\r')"
	T paste-buffer -p -d -b ipctop-keys -t "$session"
	probe; ok $? "$term: a bracketed paste of action keys opens nothing"
	T has-session -t "$session" 2>/dev/null; ok $? "$term: ... and does not quit"
	T send-keys -t "$session" F9
	wait_for "Send signal to PID $first"; ok $? "$term: ... and tagged nothing (F9 names the selected process)"
	T send-keys -t "$session" Escape
	wait_absent "Send signal" 50
	# ...and goes into the search prompt when one is open.
	T send-keys -t "$session" /
	wait_for "Search:" 50
	T set-buffer -b ipctop-keys "sleep k[q"
	T paste-buffer -p -d -b ipctop-keys -t "$session"
	wait_for "Search: sleep k[q"; ok $? "$term: a paste into the search prompt is text"
	T send-keys -t "$session" Escape
	wait_absent "Search:" 50

	# F1 opens the help, Esc closes it; F10 quits.
	T send-keys -t "$session" F1
	wait_for "Keys: Everywhere"; ok $? "$term: F1 opens the help drawn from the key table"
	T send-keys -t "$session" Escape
	wait_for "Load average"; ok $? "$term: Esc closes it"
	T send-keys -t "$session" F10
	wait_gone; ok $? "$term: F10 quits"

	changed=""
	for p in $sleepers; do
		set -- $(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null)
		[ "$1" = S ] && [ "${17}" = 0 ] || changed="$changed $p"
	done
	[ -z "$changed" ]; ok $? "$term: every sleeper still sleeps with nice 0${changed:+ (changed:$changed)}"
done
tap_done
