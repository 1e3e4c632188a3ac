# lesson_lib.sh — what the tests of ipctop --lesson share (source after tmux_lib.sh and
# tmux_setup): start a lesson in a pane of a given size with the helpers' record file, read
# the record (pids with their start times, so a reused pid is never taken for a lesson
# process), step with n and wait for the step, and check that nothing of the lesson is left;
# questions to the kernel about IPC objects by name or id (mq_call, sysv_has).

# What a lesson's screen shows after a new snapshot: on a machine loaded by other tests (the
# sanitizer build beside a scale test) one takes more than wait_for's 10 s.
WAIT_TENTHS=300

# lesson_start NAME COLS ROWS [nobody]: ipctop --lesson NAME in a new pane (session
# "NAME-COLSxROWS[-nobody]"), the helpers recording to $rec; waits for the first step's title.
# With nobody: copies of ipctop and its helper, run as the user nobody (lesson_nobody_ok first).
lesson_start() {
	session=$1-$2x$3${4:+-$4}
	rec=$tmp/record-$session
	lesson_name=$1
	lesson_procs=''
	bin=$IPCTOP run=
	if [ "$4" = nobody ]; then
		chmod 755 "$tmp"
		mkdir -p "$tmp/bin" "$tmp/rec" && chmod 777 "$tmp/rec"
		cp "$IPCTOP" "$(dirname "$IPCTOP")/ipctop-lesson-helper" "$tmp/bin/" && chmod 755 "$tmp/bin"/*
		bin=$tmp/bin/ipctop rec=$tmp/rec/record-$session
		run="setpriv --reuid=nobody --regid=$nobody_group --clear-groups"
	fi
	rm -f "$rec"
	T new-session -d -s "$session" -x "$2" -y "$3" \
		"$run env XDG_CONFIG_HOME='$tmp/config' HOME='$tmp' LC_ALL=C.UTF-8 IPCTOP_LESSON_RECORD='$rec' '$bin' --lesson $1"
	ipctop_pid=$(T list-panes -t "$session" -F '#{pane_pid}')
	wait_for "Lesson $1 1/"
}

# lesson_nobody_ok: true when a lesson can be run as nobody (root, setpriv, the user nobody).
lesson_nobody_ok() {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1 || return 1
	nobody_group=nogroup
	getent group nogroup >/dev/null 2>&1 || nobody_group=nobody
}

# lesson_sizes: the runs of a lesson test as COLSxROWS[xnobody] words: 120x40, 80x24, and
# 80x24 as nobody when lesson_nobody_ok. Loop with: for size in $(lesson_sizes); do
# lesson_size "$size"; set -- $cols $rows $user ... ($who names the run for the checks).
lesson_sizes() { printf '120x40 80x24'; lesson_nobody_ok && printf ' 80x24xnobody'; return 0; }
lesson_size() {
	cols=${1%%x*} rest=${1#*x}
	rows=${rest%%x*} user=
	[ "$rest" = "$rows" ] || user=${rest#*x}
	[ -z "$user" ] || lesson_nobody_ok   # sets nobody_group here (lesson_sizes ran in a subshell)
	who="${cols}x$rows${user:+ as $user}"
}

# start_of PID: the process's start time (field 22 of its stat), or nothing when it has gone.
start_of() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $20 }'; }

# lesson_record: every process of the record as PID:START in $lesson_procs (new ones added).
lesson_record() {
	for p in $(awk '{ print $1 }' "$rec" 2>/dev/null | sort -u); do
		case " $lesson_procs " in *" $p:"*) continue ;; esac
		s=$(start_of "$p") && [ -n "$s" ] && lesson_procs="$lesson_procs $p:$s"
	done
	return 0
}

# rec_wait ROLE [N]: until the record has N (default 1) lines of ROLE (10 s).
rec_wait() {
	i=0
	while [ "$(awk -v r="$1" '$2 == r' "$rec" 2>/dev/null | wc -l)" -lt "${2:-1}" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	lesson_record
}

# rec_pid ROLE [N]: the pid of the Nth (default first) record line of ROLE.
rec_pid() { awk -v r="$1" -v n="${2:-1}" '$2 == r && ++k == n { print $1; exit }' "$rec"; }
# rec_fact ROLE KEY: the value of KEY=VALUE on ROLE's first record line.
rec_fact() {
	awk -v r="$1" -v k="$2=" '$2 == r { for (i = 3; i <= NF; i++) if (index($i, k) == 1) {
		print substr($i, length(k) + 1); exit } }' "$rec"
}

# step N: press n and wait for "Lesson NAME N/".
step() {
	T send-keys -t "$session" n
	wait_for "Lesson $lesson_name $1/"
}

# lesson_left: print the recorded processes that are still there (zombies too), and
# listeners still on the recorded TCP port.
lesson_left() {
	for e in $lesson_procs; do
		s=$(start_of "${e%:*}")
		[ -n "$s" ] && [ "$s" = "${e#*:}" ] && echo "process ${e%:*}"
	done
	port=$(rec_fact tcp-server port)
	if [ -n "$port" ]; then
		hex=$(printf '%04X' "$port")
		awk -v h=":$hex" '$2 ~ h "$" && $4 == "0A"' /proc/net/tcp | grep -q . && echo "listener on $port"
	fi
	return 0
}

# until_none LISTER: until the function LISTER prints nothing (5 s); shows the rest on failure.
until_none() {
	i=0
	while rest=$("$1") && [ -n "$rest" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ -z "$rest" ] && return 0
	printf '%s\n' "$rest" | sed 's/^/#   left: /'
	return 1
}

# lesson_gone: until nothing recorded is left (5 s); shows the rest on failure.
lesson_gone() { until_none lesson_left; }

# lesson_ended SIZE KIND ID: after ipctop was told to end: it ends, every recorded process is
# gone, and so is the System V object KIND (shm, msg) ID (3 checks).
lesson_ended() {
	wait_gone
	ok $? "$1: ipctop ended"
	lesson_gone
	ok $? "$1: every recorded process is gone"
	! awk -v i="$3" 'NR > 1 && $2 == i { f = 1 } END { exit !f }' "/proc/sysvipc/$2"
	ok $? "$1: the $2 object $3 is gone"
	lesson_procs=''
}

# lesson_cleanup: end what of the record is left (after a failed check).
lesson_cleanup() {
	for e in $lesson_procs; do
		s=$(start_of "${e%:*}")
		[ -n "$s" ] && [ "$s" = "${e#*:}" ] && kill -CONT "${e%:*}" && kill -KILL "${e%:*}"
	done 2>/dev/null
	lesson_procs=''
}

# mq_call open|unlink NAME: a POSIX message queue by name (/dev/mqueue may not be mounted).
mq_call() {
	"$PYTHON3" - "$1" "$2" <<'PY'
import ctypes, os, sys
try:
    lib = ctypes.CDLL(None, use_errno=True); lib.mq_open
except AttributeError:
    lib = ctypes.CDLL("librt.so.1", use_errno=True)
name = sys.argv[2].encode()
if sys.argv[1] == "open":
    sys.exit(0 if lib.mq_open(name, os.O_RDONLY) >= 0 else 1)
lib.mq_unlink(name)
PY
}

# sysv_has shm|msg ID: the kernel lists that SysV segment or queue.
sysv_has() { awk -v i="$2" 'NR > 1 && $2 == i { f = 1 } END { exit !f }' "/proc/sysvipc/$1"; }

# screen_has_text TEXT: the pane, its lines joined by spaces (a banner wrapped to the width
# reads as one sentence), has TEXT whole. Waits 2 s.
joined_has() { printf '%s\n' "$1" | tr '\n' ' ' | tr -s ' ' | grep -qF -- "$want"; }
screen_has_text() { want=$1; wait_until joined_has 20; }
