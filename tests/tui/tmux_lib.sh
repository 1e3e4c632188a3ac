# tmux_lib.sh — what the tmux end-to-end tests share: their work dir and private tmux server
# (tmux_require, tmux_setup, T; the sanitizers' reports of what runs in the panes are checked
# by tap_done after tmux_finish), waiting for the screen (wait_for, wait_re, wait_absent,
# wait_gone, wait_order), a check that keys opened nothing (probe) or were all handled
# (keys_done), starting ipctop in a pane (start) with
# a sort order (sort_rc), sleeps to list (start_sleeps), and a pair of processes joined by a
# pipe (start_pipe_pair, stop_pipe_pair). Source it after tap.sh, then call tmux_setup; session is
# set by start.

# tmux_require [python3]: skip the whole test unless tmux and the built ipctop (and python3,
# when named) are there.
tmux_require() {
	[ -n "$TMUX_BIN" ] && command -v "$TMUX_BIN" >/dev/null 2>&1 || skip_all "tmux not found"
	[ "$1" != python3 ] || [ -n "$PYTHON3" ] || skip_all "python3 not found"
	[ -x "$IPCTOP" ] || skip_all "ipctop not built"
}

# tmux_setup PREFIX [PIDVAR...]: make the work dir $tmp and the private server's name $sock
# from PREFIX, have the sanitizers' reports collected (san_watch; tap_done checks them), and on exit (or INT/TERM) call tmux_cleanup, which ends the pids then held by
# the variables PIDVAR (emptied here; a test empties one again when it has ended that process).
tmux_setup() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-$1.XXXXXX") || exit 1
	sock="ipctop-$1-$$"
	shift
	tmux_pidvars=$*
	for v; do eval "$v="; done
	# The server keeps running when its last session ends (exit-empty off): otherwise a session
	# started just after another one quit can reach a server that is shutting down and die with it.
	printf 'set -s exit-empty off\n' > "$tmp/tmux.conf"
	# A UTF-8 locale for the server, its panes and the test's own grep, whatever the caller's
	# (CI runs with none): without it tmux's capture-pane prints "_" for each "→" or "│" drawn.
	export LC_ALL=C.UTF-8
	# Before the server starts: its panes inherit the sanitizers' options (reports in $tmp/san).
	san_watch "$tmp"
	tap_done_hook=tmux_finish
	trap tmux_cleanup EXIT
	trap 'exit 130' INT TERM
}

# tmux_cleanup: end the pids of tmux_setup's PIDVARs (woken first: a stopped process would not
# act on the signal), stop the server, reap the test's children and remove $tmp.
tmux_cleanup() {
	for v in $tmux_pidvars; do
		eval "p=\${$v}"
		[ -n "$p" ] && kill -CONT "$p" 2>/dev/null && kill "$p" 2>/dev/null
	done
	tmux_stop
	wait 2>/dev/null
	rm -rf "$tmp"
}

# fd 9 (start_ipc_fixture's hold on the fixture's control fifo) is closed for tmux: a tmux
# server started while it is open would keep it, and the fixture would never see its end.
T() { "$TMUX_BIN" -f "$tmp/tmux.conf" -L "$sock" "$@" 9>&-; }

# tmux_finish: before tap_done reads the sanitizers' reports: stop the server, which hangs up
# the programs still in its panes, and wait (at most 5 s each) until they have ended, so that
# what they report on exit (leaks) is written.
tmux_finish() {
	pane_pids=$(T list-panes -a -F '#{pane_pid}' 2>/dev/null)
	tmux_stop
	for p in $pane_pids; do
		i=0
		while [ "$i" -lt 50 ] && st=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) &&
			[ "${st%% *}" != Z ]; do
			sleep 0.1
			i=$((i + 1))
		done
	done
}

# tmux_stop: end the private server and remove its socket file (tmux leaves it behind).
tmux_stop() {
	[ -n "$TMUX_BIN" ] || return 0
	T kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
}

# wait_until CHECK [TENTHS]: poll the pane (default 10 s) until CHECK "$screen" succeeds;
# false at once when the session has ended (nothing more will be drawn); on failure show the
# last screen as TAP comments.
wait_until() {
	i=0
	while [ "$i" -lt "${2:-100}" ]; do
		screen=$(T capture-pane -p -t "$session" 2>/dev/null)
		"$1" "$screen" && return 0
		T has-session -t "$session" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	printf '%s\n' "$screen" | sed 's/^/#   | /'
	return 1
}

has_text() { case $1 in *"$want"*) return 0 ;; esac; return 1; }
has_re() { printf '%s\n' "$1" | grep -Eq -- "$want"; }

# wait_for TEXT [TENTHS]: until the pane shows TEXT (TENTHS: by default $WAIT_TENTHS, else 100).
wait_for() { want=$1; wait_until has_text "${2:-${WAIT_TENTHS:-100}}"; }
# wait_re ERE [TENTHS]: until a line of the pane matches the extended regular expression.
wait_re() { want=$1; wait_until has_re "${2:-${WAIT_TENTHS:-100}}"; }
# filter_list SESSION TEXT: in SESSION's list (just started), the filter (F4) set to TEXT;
# true once the prompt has closed on the filtered list.
filter_list() {
	wait_for "Command" 300 || return 1
	T send-keys -t "$1" '\'; wait_for "Filter: " 100 || return 1
	T send-keys -t "$1" -l "$2"; T send-keys -t "$1" Enter
	wait_absent "Filter: " 100 && wait_for "Command"
}
# ok_re ERE DESC: wait_re ERE, then one check DESC; when it fails, the screen as "# " lines.
ok_re() {
	wait_re "$1"
	_r=$?
	ok $_r "$2"
	[ $_r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
	return $_r
}

# probe: the search prompt opens on '/' (a menu would take the key) and closes on Esc; true
# when it did and no menu is on screen. Sent after keys that must open nothing, it says they
# were read and opened nothing, without waiting a guessed time.
probe_menus='Send signal|Nice of|Sort by|Show processes of'
probe() {
	T send-keys -t "$session" /
	wait_for "Search:" 50 || return 1
	printf '%s\n' "$screen" | grep -Eq "$probe_menus" && return 1
	T send-keys -t "$session" Escape
	wait_absent "Search:" 50
}

# wait_absent TEXT [TENTHS]: until the pane no longer shows TEXT; on failure show the last
# screen as TAP comments. Right after a key, it proves nothing unless something showed that
# the key was read (a header, a prompt; see keys_done).
wait_absent() { want=$1; wait_until lacks_text "${2:-100}"; }
lacks_text() { ! has_text "$1"; }

# keys_done: true once every key sent before was handled: F1 opens the help over any screen
# (over a menu too) and closes it again, in order after them. Call it before reading a screen
# that may look the same before and after those keys (an order that may already be the one
# wanted, a text that must be absent). F1 is a key: the status line it clears is gone too.
# (F1 closes it, not Esc: a lone ESC waits for the escape delay, and the batch of bytes after
# it is read as the rest of its sequence when it begins with [ O ] P X ^ or _: the key P sent
# next would be lost.)
keys_done() {
	T send-keys -t "$session" F1
	wait_for "Keys: Everywhere" 100 || return 1
	T send-keys -t "$session" F1
	wait_absent "Keys: Everywhere" 100
}

# wait_gone [TENTHS [SESSION]]: until the session (default: the last started) has ended, that
# is ipctop exited, within TENTHS/10 s (default 60 s: ipctop finishes a snapshot under way
# before it quits, and a whole-machine snapshot beside CI's 10000-process tests in the
# sanitizer build takes tens of seconds).
wait_gone() {
	i=0
	while [ "$i" -lt "${1:-600}" ]; do
		T has-session -t "${2:-$session}" 2>/dev/null || return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# start SESSION ARGS...: ipctop in a 120x40 pane (START_W columns, START_H lines when set), settings kept in
# $tmp; TERM is $pane_term when set (else the pane's own).
start() {
	session=$1; shift
	T new-session -d -s "$session" -x "${START_W:-120}" -y "${START_H:-40}" \
		"env ${pane_term:+TERM=$pane_term} XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 '$IPCTOP' $*"
}

# sort_rc COLUMN asc|desc: the settings file ipctop started by start reads, with that sort.
sort_rc() {
	mkdir -p "$tmp/config/ipctop"
	printf 'sort_column=%s\nsort_direction=%s\n' "$1" "$2" > "$tmp/config/ipctop/ipctoprc"
}

# start_sleeps VAR...: a `sleep 600` for each VAR, its pid put there (name the VARs as
# tmux_setup's PIDVARs so that the clean-up ends them).
start_sleeps() {
	for v; do
		sleep 600 </dev/null >/dev/null 2>&1 &
		eval "$v=\$!"
	done
}

# rows: the PIDs of the list's rows, top to bottom, space separated.
rows() { T capture-pane -p -t "$session" | awk 'NR > 5 && $1 ~ /^[0-9]+$/ { print $1 }' | paste -sd' ' -; }
# wait_order PIDS: until the rows are PIDS in that order (5 s).
wait_order() {
	n=0
	while [ "$(rows)" != "$1" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	[ "$(rows)" = "$1" ] || { echo "# rows: $(rows); expected: $1"; return 1; }
}

# py_fixture NAME: write $tmp/NAME.py, a python3 fixture, from stdin after a common head: the
# modules used, libc (ctypes), inherited descriptors closed (a make jobserver's pipe would be a
# channel too), and record(*values), which writes the values as one line to the file named by
# the script's last argument, atomically (wait for it with wait_file).
py_fixture() {
	{
		cat <<'PY'
import ctypes, os, signal, sys, time
libc = ctypes.CDLL(None)
os.closerange(3, 65536)
def record(*values):
    out = sys.argv[-1]
    with open(out + ".tmp", "w") as f:
        f.write(" ".join(str(v) for v in values) + "\n")
    os.rename(out + ".tmp", out)
PY
		cat
	} > "$tmp/$1.py"
}

# start_pipe_pair NAME CHILD: a process named NAME holding the write end of a pipe whose read
# end its child CHILD holds; nothing else shared with anyone (inherited descriptors such as a
# make jobserver pipe are closed first). Sets fixture_pid, pair_parent, pair_child; returns once
# the child has named itself. A search for NAME finds the parent's row only (CHILD must not
# contain NAME): the child execs a command line of its own, and the parent's carries NAME.
# (Found by sort order otherwise, the child came first once pids wrapped around.)
start_pipe_pair() {
	py_fixture pair <<'PY'
name, child_name = sys.argv[1], sys.argv[2]
r, w = os.pipe()
child = os.fork()
if child == 0:
    os.close(w)
    reader = ("import ctypes, os, sys\n"
              "ctypes.CDLL(None).prctl(15, sys.argv[2].encode(), 0, 0, 0)\n"
              "os.read(int(sys.argv[1]), 1)\n")   # until the parent goes away
    os.set_inheritable(r, True)
    os.execv(sys.executable, [sys.executable, "-c", reader, str(r), child_name])
os.close(r)
libc.prctl(15, name.encode(), 0, 0, 0)
record(os.getpid(), child)
time.sleep(600)
PY
	"$PYTHON3" "$tmp/pair.py" "$1" "$2" "$tmp/pids" </dev/null >/dev/null 2>&1 &
	fixture_pid=$!
	wait_file "$tmp/pids"
	read -r pair_parent pair_child < "$tmp/pids"
	# the child names itself after its exec of python (slow on a loaded machine): until it has,
	# a snapshot would call it python3
	n=0
	while [ "$(cat "/proc/$pair_child/comm" 2>/dev/null)" != "$(printf '%.15s' "$2")" ] &&
		[ "$n" -lt 300 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$pair_parent" = "$fixture_pid" ] && [ "$n" -lt 300 ]
}

# stop_pipe_pair FIXTURE PARENT CHILD: end a start_pipe_pair pair (its fixture_pid, pair_parent,
# pair_child) and wait (at most 10 s) until both are gone; the child reads until its parent's
# end of the pipe closes.
stop_pipe_pair() {
	kill "$1"
	n=0
	while { kill -0 "$2" || kill -0 "$3"; } 2>/dev/null && [ "$n" -lt 100 ]; do
		wait "$1" 2>/dev/null; sleep 0.1; n=$((n + 1))
	done
}

# capture_rev [SESSION]: the pane's text with reverse video marked: \001 where it starts and
# \002 where it ends (capture-pane -e writes only attribute changes, so the state is followed
# across lines). Run ipctop with --no-color, where the selection is reverse video.
capture_rev() { capture_attr 7 27 "$1"; }
# capture_attr ON OFF [SESSION]: the same for the attribute whose SGR code is ON (OFF ends it;
# 1 and 22 for bold).
capture_attr() {
	T capture-pane -e -p -t "${3:-$session}" | awk -v on="$1" -v off="$2" '
	function sgr(params,    n, p, i, was) {
		was = rev
		n = split(params == "" ? "0" : params, p, ";")
		for (i = 1; i <= n; i++)
			if (p[i] == "" || p[i] == "0" || p[i] == off) rev = 0
			else if (p[i] == on) rev = 1
		return rev == was ? "" : (rev ? "\001" : "\002")
	}
	{
		line = $0; out = rev ? "\001" : ""
		while (match(line, /\033\[[0-9;]*m/)) {
			out = out substr(line, 1, RSTART - 1) sgr(substr(line, RSTART + 2, RLENGTH - 3))
			line = substr(line, RSTART + RLENGTH)
		}
		gsub(/\033[^a-zA-Z]*[a-zA-Z]/, "", line)
		print out line (rev ? "\002" : "")
	}'
}

# wait_file FILE [TENTHS]: until FILE exists and is not empty (default 10 s).
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ "$i" -lt "${2:-100}" ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$1" ]
}

# sel_has BRE: a reverse-video (selected) stretch of the pane matches BRE (see capture_rev).
SEL=$(printf '\001') END=$(printf '\002')
sel_has() { capture_rev | grep -q "${SEL}[^$END]*$1"; }

# sel_lines: the pane's lines with reverse video, with their line numbers (see capture_rev).
sel_lines() { capture_rev | grep -n "$SEL"; }

# down_to BRE [STEPS]: Down, one at a time, until the selected line matches BRE (sel_has), at
# most STEPS times (default 20); false when it never does. The keys sent before are handled
# first (keys_done), and each Down is drawn (the selection moved) before the next is sent:
# a Down sent while the last one was not yet drawn would step over the line looked for.
down_to() {
	keys_done || return 1
	n=0
	while ! sel_has "$1" && [ "$n" -lt "${2:-20}" ]; do
		dt_was=$(sel_lines)
		T send-keys -t "$session" Down
		i=0
		while [ "$(sel_lines)" = "$dt_was" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		[ "$i" -lt 50 ] || break     # the last line: Down moves nothing
		n=$((n + 1))
	done
	sel_has "$1" && return 0
	T capture-pane -p -t "$session" | sed 's/^/#   | /'
	return 1
}

# click X Y [sgr|x10]: a left-button press and release at column X, line Y (both from 1) of the
# pane, sent as the terminal would: an SGR 1006 report (default) or an X10 one (bytes + 32).
click() {
	if [ "${3:-sgr}" = x10 ]; then
		T send-keys -t "$session" -H $(printf '1b 5b 4d %x %x %x 1b 5b 4d %x %x %x' \
			32 $((32 + $1)) $((32 + $2)) 35 $((32 + $1)) $((32 + $2)))
	else
		T send-keys -t "$session" -H $(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2" | od -An -tx1)
	fi
}

# text_at TEXT: "X Y" of the first place the pane shows TEXT (ASCII text, from 1); false if none.
text_at() {
	T capture-pane -p -t "$session" | awk -v t="$1" 'i = index($0, t) { print i, NR; f = 1; exit } END { exit !f }'
}

# click_text TEXT [sgr|x10]: click on the first character of TEXT where the pane shows it.
click_text() {
	at=$(text_at "$1") || { echo "# not on screen: $1"; return 1; }
	click $at "${2:-sgr}"
}

# quit_ok LABEL: press q; a test result that ipctop then ended.
quit_ok() {
	T send-keys -t "$session" q
	wait_gone; ok $? "$1: q quits"
}

# start_fixture NAME [ARGS...]: tests/fixture/NAME in the background (run by the words of
# $fx_prefix first when set, e.g. setpriv and env), its manifest in $tmp/manifest, held open by
# fd 9 on its control fifo (close fd 9 to end it); sets fixture_pid. Bails out when it does not
# get ready.
start_fixture() {
	fx_name=$1; shift
	rm -f "$tmp/ctl" "$tmp/manifest"   # a second fixture: not the first one's "ready"
	mkfifo "$tmp/ctl"
	$fx_prefix "$TESTS_BIN/fixture/$fx_name" "$@" <"$tmp/ctl" >"$tmp/manifest" 2>"$tmp/fixture.err" &
	fixture_pid=$!
	exec 9>"$tmp/ctl"
	i=0
	# up to 60 s: a sanitizer build beside a scale test is slow to start a fixture
	while ! grep -qs '^ready$' "$tmp/manifest" && kill -0 "$fixture_pid" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -qs '^ready$' "$tmp/manifest" || {
		kill -0 "$fixture_pid" 2>/dev/null && alive="still running" || alive="ended"
		echo "Bail out! $fx_name did not start ($alive after $((i / 10)) s)"
		sed 's/^/# /' "$tmp/fixture.err" "$tmp/manifest"
		exit 1
	}
}

# start_ipc_fixture: start_fixture ipc_fixture.
start_ipc_fixture() { start_fixture ipc_fixture; }

# nobody_or_done: for a test's part as nobody. From a root run with setpriv and a user nobody,
# set nobody_prefix (the setpriv command that becomes nobody); else skip that part and end the
# test there.
nobody_or_done() {
	if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
		skip "as nobody: not root, or no setpriv or user nobody"
		tap_done
		exit
	fi
	local group=nogroup
	getent group nogroup >/dev/null 2>&1 || group=nobody
	nobody_prefix="setpriv --reuid=nobody --regid=$group --clear-groups"
}
