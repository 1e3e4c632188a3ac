#!/bin/sh
# memfd_tab.sh — the IPC tab decodes a memfd by its name: a fixture creates a memfd named
# "mfd PID" plus an ESC byte and "x" (memfd_create), its child inherits the descriptor and maps
# it; in each one's IPC tab the line under the memfd's descriptor says "memfd NAME" with the
# name escaped as the TEXT ESCAPING rule says (the ESC as \x1b), and the descriptor's line
# names the other process, the channel's other end. The name, descriptor and pids come from the
# fixture's record; a descriptor that is not a memfd (the fixture's pipe) has no such line. As
# root, then (run as root) with the fixture and ipctop both as nobody.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
export LC_ALL=C.UTF-8
tmux_setup mfd fixture child

py_fixture memfd <<'PY'
import mmap
name = "mfd %d\x1bx" % os.getpid()
fd = os.memfd_create(name, 0)
os.ftruncate(fd, 8192)
r, w = os.pipe()
child = os.fork()
if child == 0:
    libc.prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG: it ends with the fixture
    m = mmap.mmap(fd, 8192)
    m[0:2] = b"hi"
    os.close(r)
    os.write(w, b"1")
    time.sleep(600)
    os._exit(0)
os.close(w)
os.read(r, 1)                     # the child has mapped it
shown = name.replace("\x1b", "\\x1b")   # the escaping rule (man page, TEXT ESCAPING)
record(os.getpid(), child, fd, r, shown)
time.sleep(600)
PY
show() { printf '%s\n' "$screen" | sed 's/^/#   /'; }
# under FD: the line under descriptor FD's line on the captured screen
under() { printf '%s\n' "$screen" | awk -v fd="$1" 'hit { print; exit } $1 == "fd" && $2 == fd { hit = 1 }'; }
# fd_row FD: descriptor FD's own line
fd_row() { printf '%s\n' "$screen" | awk -v fd="$1" '$1 == "fd" && $2 == fd { print; exit }'; }

# round WHO [PREFIX...]: the fixture and ipctop run by PREFIX (setpriv to nobody, or none);
# each one's IPC tab checked, then the fixture ended
round() {
	who=$1; shift
	dir=$tmp/$who cfg=$tmp/$who/cfg
	mkdir -p "$cfg"
	[ "$who" = nobody ] && chmod 711 "$tmp" && chown -R nobody "$dir"   # its own dir, nothing else
	"$@" "$py" "$tmp/memfd.py" "$dir/rec" </dev/null >/dev/null 2>&1 &
	fixture=$!
	wait_file "$dir/rec" 300; ok $? "$who: a memfd shared by the fixture and its child"
	read -r pid child mfd rfd shown < "$dir/rec"   # shown: the rest of the line (it has a space)
	for side in "$pid fixture $child" "$child child $pid"; do
		set -- $side
		session=mfd$1
		T new-session -d -s "$session" -x 120 -y 40 \
			"$prefix env XDG_CONFIG_HOME='$cfg' LC_ALL=C.UTF-8 '$IPCTOP' -d 5 -p $1"
		wait_for "Command" 300 && T send-keys -t "$session" Enter
		wait_for "Parent PID" 300 && T send-keys -t "$session" 4
		wait_for "memfd $shown" 300
		[ "$(under "$mfd" | sed 's/^ *//')" = "memfd $shown" ]
		ok $? "$who: $2 $1: the line under fd $mfd is \"memfd $shown\"" || show
		case $(fd_row "$mfd") in *memfd*" $3 "*) r=0 ;; *) r=1; show ;; esac
		ok $r "$who: $2 $1: fd $mfd is a memfd shared with $3"
		case $(under "$rfd") in *"memfd "*) r=1; show ;; *) r=0 ;; esac
		ok $r "$who: $2 $1: the pipe's fd $rfd has no memfd line"
		T send-keys -t "$session" F10
		wait_gone; ok $? "$who: $2 $1: ipctop quits"
	done
	kill "$child" "$fixture" && wait "$fixture" 2>/dev/null
	fixture= child=
}

prefix= py=$PYTHON3
round root
nobody_or_done
# a python3 that nobody may run (one under root's home, as pyenv's, it may not)
py=
for p in "$PYTHON3" /usr/bin/python3; do
	$nobody_prefix "$p" -c 'import mmap' </dev/null >/dev/null 2>&1 && { py=$p; break; }
done
[ -n "$py" ] || { skip "as nobody: no python3 that nobody can run"; tap_done; exit; }
prefix=$nobody_prefix
round nobody $nobody_prefix
tap_done
