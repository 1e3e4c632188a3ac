#!/bin/sh
# demo.sh — ipctop --demo leaves nothing behind, whatever state its processes are in and however
# ipctop ends: quit with one demo process stopped, kill -9 of ipctop with one stopped, and (once
# the TUI loop reaps them) one demo process killed from outside. Every check asks the kernel
# (/proc, /proc/sysvipc, /proc/net/unix, the objects' names). Then each demo pair: the IPC tab
# of one names the other on the channel the kernel shows them sharing (/proc/PID/fd and maps,
# /proc/net/tcp, ss for UNIX peers, /proc/sysvipc), under TERM xterm-256color and linux. Each
# demo process is a run of ipctop-lesson-helper (its /proc/PID/exe), with few mappings, and a
# child of demo-parent, ipctop's child. Then the processes that act alone, at 80x24: the tree
# draws every demo process under demo-parent, these first; cpu-bound runs (the kernel counts its CPU time)
# at nice 19; the forker's child shows while it runs and as a zombie (Z in the kernel, the forker
# held stopped meanwhile); exec-loop's exec (same pid, a new command line in the kernel) is
# marked [exec].
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
. "$TESTS_SRC/tui/lesson_lib.sh"   # mq_call, sysv_has
tmux_require python3
tmux_setup demo

# What a run made, as "PID:STARTTIME" (a pid number alone may be reused) and object names.
demo_procs='' parent='' janitor='' shm_ids='' msg_ids='' pshm='' mq='' sock_dir=''
N_ROLES=19   # 8 pairs, cpu-bound, forker, exec-loop

# stat_of PID: sets st_state, st_ppid, st_start from /proc/PID/stat, st_comm from between the
# parentheses; false when there is no such process.
stat_of() {
	line=
	{ read -r line < "/proc/$1/stat"; } 2>/dev/null || return 1
	st_comm=${line#*\(}
	st_comm=${st_comm%)*}
	# shellcheck disable=SC2086
	set -- ${line##*) }
	st_state=$1 st_ppid=$2
	shift 19
	st_start=$1
}

# exists PID:START: that very process is still there (running, stopped or a zombie).
exists() { stat_of "${1%:*}" && [ "$st_start" = "${1#*:}" ]; }

# record_children PPID: demo-parent and the janitor (demo-cleanup) among the children of
# PPID, and the demo processes: every child of demo-parent but the forker's children, which
# come and go (fork-child).
record_children() {
	demo_procs='' parent='' janitor=''
	for f in /proc/[0-9]*/stat; do
		p=${f#/proc/}
		p=${p%/stat}
		stat_of "$p" && [ "$st_ppid" = "$1" ] || continue
		case $st_comm in
		demo-cleanup) janitor=$p:$st_start ;;
		demo-parent) parent=$p:$st_start ;;
		esac
	done
	[ -n "$parent" ] || return 0
	for f in /proc/[0-9]*/stat; do
		p=${f#/proc/}
		p=${p%/stat}
		stat_of "$p" && [ "$st_ppid" = "${parent%:*}" ] && [ "$st_comm" != fork-child ] &&
			demo_procs="$demo_procs $p:$st_start"
	done
	return 0
}

# pid_named COMM: the recorded demo process of that name.
pid_named() {
	for e in $demo_procs; do
		stat_of "${e%:*}" && [ "$st_comm" = "$1" ] && { echo "${e%:*}"; return 0; }
	done
	return 1
}

# count WORDS...: how many words (callers split a list on purpose).
count() { echo $#; }

# find_objects: look once for what record_objects records (see there).
find_objects() {
	pids=
	for e in $demo_procs; do pids="$pids ${e%:*}"; done
	msg_ids=$(awk -v p="$pids " 'NR > 1 && (index(p, " " $6 " ") || index(p, " " $7 " ")) { print $2 }' \
		/proc/sysvipc/msg)
	p=$(pid_named pshm-writer) && pshm=$(grep -o '/dev/shm/ipctop-demo-[0-9]*-shm' "/proc/$p/maps" | head -n 1)
	p=$(pid_named pmq-sender) && for l in /proc/"$p"/fd/*; do
		t=$(readlink "$l") && case $t in /ipctop-demo-*) mq=$t ;; esac
	done
	p=$(pid_named unix-server) && for l in /proc/"$p"/fd/*; do
		t=$(readlink "$l") && case $t in socket:*) ino=${t#socket:[}; ino=${ino%]} ;; *) continue ;; esac
		s=$(awk -v i="$ino" '$7 == i { print $8 }' /proc/net/unix)
		case $s in /tmp/ipctop-demo-*/unix.sock) sock_dir=${s%/unix.sock} ;; esac
	done
	return 0
}

# record_objects IPCTOP_PID: the SysV segment ipctop created (its cpid), the SysV queue the demo
# processes send to or receive from (its lspid, lrpid), the POSIX shm the pshm-writer maps,
# the mqueue the pmq-sender holds, and the dir of the UNIX socket the unix-server listens
# on. Waits (up to 5 s) until each role has opened its object and sent its first message.
record_objects() {
	shm_ids=$(awk -v c="$1" 'NR > 1 && $5 == c { print $2 }' /proc/sysvipc/shm)
	i=0
	while find_objects && { [ -z "$msg_ids" ] || [ -z "$pshm" ] || [ -z "$mq" ] || [ -z "$sock_dir" ]; } &&
		[ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# left_over: print what of the record still exists (nothing when all is gone).
left_over() {
	for e in $demo_procs $parent $janitor; do exists "$e" && echo "process ${e%:*} ($st_comm, $st_state)"; done
	for id in $shm_ids; do sysv_has shm "$id" && echo "shm $id"; done
	for id in $msg_ids; do sysv_has msg "$id" && echo "msg $id"; done
	[ -n "$pshm" ] && [ -e "$pshm" ] && echo "$pshm"
	[ -n "$mq" ] && mq_call open "$mq" && echo "mqueue $mq"
	[ -n "$sock_dir" ] && [ -e "$sock_dir" ] && echo "$sock_dir"
	return 0
}

# all_gone [TENTHS]: until nothing of the record is left (default: look once); shows the rest.
all_gone() {
	i=0
	while rest=$(left_over) && [ -n "$rest" ] && [ "$i" -lt "${1:-0}" ]; do sleep 0.1; i=$((i + 1)); done
	[ -z "$rest" ] && return 0
	printf '%s\n' "$rest" | sed 's/^/#   left: /'
	return 1
}

# demo_cleanup: end what of the record is left (SIGCONT, then SIGKILL, which a stopped process
# obeys too) and remove its objects; forget the record.
demo_cleanup() {
	for e in $demo_procs $parent $janitor; do exists "$e" && kill -CONT "${e%:*}" && kill -KILL "${e%:*}"; done 2>/dev/null
	for id in $shm_ids; do ipcrm -m "$id"; done 2>/dev/null
	for id in $msg_ids; do ipcrm -q "$id"; done 2>/dev/null
	[ -n "$pshm" ] && rm -f "$pshm"
	[ -n "$mq" ] && mq_call unlink "$mq"
	[ -n "$sock_dir" ] && rm -rf "$sock_dir"
	demo_procs='' parent='' janitor='' shm_ids='' msg_ids='' pshm='' mq='' sock_dir=''
}
trap 'demo_cleanup; tmux_cleanup' EXIT

# start_demo SESSION: ipctop --demo in a pane; records ipctop's pid (the pane's: env execs it),
# its demo processes and their objects; checks them (part a).
start_demo() {
	start "$1" --demo
	wait_for pipe-writer 150; ok $? "$1: --demo shows its processes"
	ipctop_pid=$(T list-panes -t "$1" -F '#{pane_pid}')
	stat_of "$ipctop_pid" && [ "$st_comm" = ipctop ]; ok $? "$1: the pane's process is ipctop ($ipctop_pid)"
	i=0   # each child names itself when it runs: wait for all of them and the janitor
	while record_children "$ipctop_pid" &&
		{ [ "$(count $demo_procs)" -lt $N_ROLES ] || [ -z "$janitor" ]; } && [ "$i" -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$parent" ]; ok $? "$1: demo-parent (${parent%:*}) is a child of ipctop"
	[ "$(count $demo_procs)" -eq $N_ROLES ]; ok $? "$1: $N_ROLES demo processes are children of demo-parent"
	helpers_only "$1"
	[ -n "$janitor" ]; ok $? "$1: and the janitor demo-cleanup"
	record_objects "$ipctop_pid"
	[ "$(count $shm_ids)" -eq 1 ] && [ "$(count $msg_ids)" -eq 1 ]
	ok $? "$1: its SysV segment (${shm_ids:-none}) and queue (${msg_ids:-none}) found"
	[ -e "$pshm" ] && mq_call open "$mq" && [ -d "$sock_dir" ]
	ok $? "$1: its POSIX shm (${pshm:-none}), mqueue (${mq:-none}) and socket dir (${sock_dir:-none}) found"
}

# helpers_only: each demo process runs ipctop-lesson-helper, not ipctop (its /proc/PID/exe), its
# command line names its role, and it has few mappings: fewer than 40, and fewer than ipctop's
# (the sanitizers' runtime maps its own areas: that count is skipped there).
helpers_only() {
	bad='' many='' n_ip=$(wc -l < "/proc/$ipctop_pid/maps")
	for e in $demo_procs $parent; do
		p=${e%:*}
		stat_of "$p" || continue
		exe=$(readlink "/proc/$p/exe") cmd=$(tr '\0' ' ' < "/proc/$p/cmdline") n=$(wc -l < "/proc/$p/maps")
		case $exe:$cmd in */ipctop-lesson-helper:"ipctop-lesson $st_comm "*) ;; *) bad="$bad $p($exe: $cmd)" ;; esac
		[ "$n" -lt 40 ] && [ "$n" -lt "$n_ip" ] || many="$many $p($st_comm: $n)"
	done
	[ -z "$bad" ]; ok $? "$1: each runs ipctop-lesson-helper, its role on its command line (not:${bad:- none})"
	if [ "$IPCTOP_SANITIZERS" = yes ]; then
		skip "$1: few mappings: the sanitizers' runtime maps its own areas"
	else
		[ -z "$many" ]; ok $? "$1: each has few mappings, ipctop $n_ip (more:${many:- none})"
	fi
}

# tree_check SESSION: with the tree view on (t), demo-parent's row has no branch before its
# name and every demo process's row hangs under it (a branch, then its name: the kernel gives
# each demo-parent as its parent).
tree_check() {
	T send-keys -t "$1" t
	br='(├─|└─|\|-|`-)'
	ok_re "^ *${parent%:*} .*[0-9] (\[new\] )?demo-parent" "$1: tree: demo-parent (${parent%:*}) is a root"
	bad=''
	for e in $demo_procs; do
		p=${e%:*}
		stat_of "$p" && [ "$st_ppid" = "${parent%:*}" ] || { bad="$bad $p(ppid $st_ppid)"; continue; }
		wait_re "^ *$p .*$br(\[new\] |\[exec\] )?$st_comm" 50 >/dev/null || bad="$bad $p($st_comm)"
	done
	[ -z "$bad" ]; ok $? "$1: tree: each demo process is drawn under demo-parent (not:${bad:- none})"
	T send-keys -t "$1" t
}

# stop_one COMM: SIGSTOP that demo process and wait until the kernel shows it stopped.
stop_one() {
	victim=$(pid_named "$1")
	kill -STOP "$victim"
	i=0
	while stat_of "$victim" && [ "$st_state" != T ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	stat_of "$victim" && [ "$st_state" = T ]; ok $? "$1 ($victim) is stopped"
}

# b. Quit with a stopped demo process.
start_demo quit
stop_one shm-reader
T send-keys -t quit q
wait_gone 600 quit; ok $? "quit: ipctop ends although a demo process is stopped"
all_gone; ok $? "quit: no demo process, janitor or object is left"
demo_cleanup

# c. kill -9 of ipctop with a stopped demo process: the parent-death signal and the janitor.
start_demo killed
stop_one msg-receiver
kill -KILL "$ipctop_pid"
wait_gone 600 killed; ok $? "kill -9: ipctop is gone"
all_gone 100; ok $? "kill -9: no demo process (stopped one included, nor under PID 1), janitor or object is left"
demo_cleanup

# d. A demo process killed from outside (as F9 does) is reaped, its partner ended and reaped,
# while ipctop runs (its loop calls demo_reap when a child changes state).
start_demo reap
victim=$(pid_named shm-writer)
partner=$(pid_named shm-reader)
v=$victim:$(stat_of "$victim" && echo "$st_start")
w=$partner:$(stat_of "$partner" && echo "$st_start")
kill -TERM "$victim"
i=0
while { exists "$v" || exists "$w"; } && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
! exists "$v" && ! exists "$w"; ok $? "reap: the killed process and its partner are reaped (no zombies)"
T has-session -t reap 2>/dev/null; ok $? "reap: while ipctop still runs"
wait_for "shm-reader (PID $partner)" 50; ok $? "reap: the status line says how the pair ended"
T send-keys -t reap q
wait_gone 600 reap; ok $? "reap: ipctop quits"
all_gone; ok $? "reap: nothing is left"
demo_cleanup

# e. The pairs: for each, the first process's IPC tab names the second as the peer of the
# channel the kernel shows them sharing (its object as the line shows it: pipe or socket inode,
# SysV key, name), under two TERM values; then q leaves nothing behind.
links() { for l in /proc/"$1"/fd/*; do readlink "$l"; done 2>/dev/null; }
# shared_link A B PREFIX: the fd target starting with PREFIX that A and B both hold.
shared_link() { links "$2" | grep "^$3" | sort > "$tmp/b.links"; links "$1" | grep "^$3" | sort | comm -12 - "$tmp/b.links" | head -n 1; }
# map_of PID PATTERN: "inode path" of the first mapping of PID whose path matches PATTERN.
map_of() { awk -v p="$2" '$6 ~ p { print $5, $6; exit }' "/proc/$1/maps"; }
# sysv_text shm|msg ID KEY: a SysV object as the IPC tab names it ("shm id 5 key 0x0000002a").
sysv_text() { [ -n "$2" ] && [ -n "$3" ] && printf '%s id %s key 0x%08x' "$1" "$2" "$3"; }
# unix_obj A B: socket:[X], X one of A's sockets whose peer (by ss) is one of B's.
unix_obj() {
	ss -xpn 2>/dev/null | awk -v a="pid=$1," -v b="$(links "$2" | tr -dc '0-9\n' | paste -sd, -)" '
		BEGIN { n = split(b, v, ","); for (i = 1; i <= n; i++) mine[v[i]] = 1 }
		index($0, a) && ($8 in mine) { print "socket:[" $6 "]"; exit }'
}
# tcp_obj A B: socket:[X], X A's TCP socket whose ends are B's socket's ends swapped (/proc/net/tcp*).
tcp_obj() {
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v a="$(links "$1" | tr -dc '0-9\n' | paste -sd, -)" \
		-v b="$(links "$2" | tr -dc '0-9\n' | paste -sd, -)" '
		BEGIN { n = split(a, v, ","); for (i = 1; i <= n; i++) ia[v[i]] = 1
			n = split(b, v, ","); for (i = 1; i <= n; i++) ib[v[i]] = 1 }
		$10 in ia { ends[$2 " " $3] = $10 }
		$10 in ib { want[$3 " " $2] = 1 }
		END { for (e in ends) if (e in want) { print "socket:[" ends[e] "]"; exit } }'
}
# udp_obj A B: socket:[X], X A's UDP socket whose peer is B's socket's local end (/proc/net/udp*).
udp_obj() {
	cat /proc/net/udp /proc/net/udp6 2>/dev/null | awk -v a="$(links "$1" | tr -dc '0-9\n' | paste -sd, -)" \
		-v b="$(links "$2" | tr -dc '0-9\n' | paste -sd, -)" '
		BEGIN { n = split(a, v, ","); for (i = 1; i <= n; i++) ia[v[i]] = 1
			n = split(b, v, ","); for (i = 1; i <= n; i++) ib[v[i]] = 1 }
		$10 in ia { peer[$3] = $10 }
		$10 in ib { local[$2] = 1 }
		END { for (p in peer) if (p in local) { print "socket:[" peer[p] "]"; exit } }'
}
# pair_object KIND A B: what the IPC line of A shows for the KIND channel the kernel says A and
# B share; empty when the kernel shows no such channel.
pair_object() {
	case $1 in
	pipe) shared_link "$2" "$3" pipe: ;;
	unix) unix_obj "$2" "$3" ;;
	tcp) tcp_obj "$2" "$3" ;;
	udp) udp_obj "$2" "$3" ;;
	posix_mq) shared_link "$2" "$3" /ipctop-demo- ;;
	sysv_shm)
		m=$(map_of "$2" '^/SYSV') && [ -n "$m" ] && [ "$m" = "$(map_of "$3" '^/SYSV')" ] &&
			sysv_text shm "${m%% *}" "$(awk -v i="${m%% *}" 'NR > 1 && $2 == i { print $1 }' /proc/sysvipc/shm)" ;;
	sysv_msg)
		sysv_text msg $(awk -v a="$2" -v b="$3" 'NR > 1 && $6 == a && $7 == b { print $2, $1; exit }' /proc/sysvipc/msg) ;;
	posix_shm)
		m=$(map_of "$2" '^/dev/shm/ipctop-demo-') && [ -n "$m" ] && [ "$m" = "$(map_of "$3" '^/dev/shm/ipctop-demo-')" ] &&
			echo "${m#* }" ;;
	esac
}
pairs="pipe:pipe-writer:pipe-reader unix:unix-server:unix-client tcp:tcp-client:tcp-server
sysv_shm:shm-writer:shm-reader sysv_msg:msg-sender:msg-receiver
posix_shm:pshm-reader:pshm-writer posix_mq:pmq-sender:pmq-receiver udp:udp-client:udp-receiver"
for pane_term in xterm-256color linux; do
	ds="pairs-$pane_term"
	start_demo "$ds"
	[ "$pane_term" = linux ] || tree_check "$ds"
	for p in $pairs; do
		kind=${p%%:*} a=${p#*:} b=${a#*:} a=${a%%:*}
		pa=$(pid_named "$a") pb=$(pid_named "$b")
		i=0   # the SysV queue names its receiver after the first message it takes
		while obj=$(pair_object "$kind" "$pa" "$pb") && [ -z "$obj" ] && [ "$i" -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
		[ -n "$obj" ]; ok $? "$ds: the kernel: $a ($pa) and $b ($pb) share a $kind channel (${obj:-none})"
		[ "$kind" = posix_mq ] && obj=${obj%% (deleted)}
		# the search matches command lines: "lesson shm-writer" is not pshm-writer's
		T send-keys -t "$ds" / && T send-keys -t "$ds" -l "lesson $a" && T send-keys -t "$ds" Enter Enter
		wait_for "PID $pa $a" && T send-keys -t "$ds" 4
		wait_for "→ $pb ($b)"; ok $? "$ds: $a's IPC tab names $b ($pb) as a peer"
		# The line's kind and label: a descriptor's number (the one the kernel shows linked to
		# the object), "mapped" for memory held as a mapping only, "attached" for a SysV segment,
		# "queue" for a SysV queue; a SysV object is named by id and key, then its figures.
		case $kind in unix|tcp|udp) shown=socket ;; posix_mq) shown=mqueue ;; *) shown=$kind ;; esac
		case $kind in
		posix_shm) label=mapped ;;
		sysv_shm) label=attached ;;
		sysv_msg) label=queue ;;
		*) label=$(for l in /proc/"$pa"/fd/*; do [ "$(readlink "$l")" = "$obj" ] && echo "fd ${l##*/}"; done) ;;
		esac
		printf '%s\n' "$screen" | grep -F -- "→ $pb ($b)" | grep -E -- "^ $label +$shown +[rw-]+ +" | grep -qF -- "$obj  →"
		ok $? "$ds: on the line of $obj, a $shown held as ${label:-none}"
		T send-keys -t "$ds" Escape
		wait_for "F2Setup"
	done
	T send-keys -t "$ds" q
	wait_gone 600 "$ds"; ok $? "$ds: q quits"
	all_gone; ok $? "$ds: no demo process, janitor or object is left"
	demo_cleanup
done
pane_term=
# f. The processes that act alone, at 80x24, each found in the list by the filter.
# stat_field PID N: field N (as numbered in proc(5)) of /proc/PID/stat.
stat_field() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk -v n="$2" '{ print $(n - 2) }'; }
# refilter TEXT: the list's filter replaced by TEXT (Esc in the prompt clears the old one).
refilter() {
	T send-keys -t "$session" '\'
	wait_for "Filter: " 50 && T send-keys -t "$session" Escape && wait_absent "Filter: " 50 &&
		filter_list "$session" "$1"
}
# cpu_time PID: the kernel's user and system time of PID, in ticks.
cpu_time() { echo $(( $(stat_field "$1" 14) + $(stat_field "$1" 15) )); }
# zombie_of PPID: a child of PPID that the kernel shows as a zombie (nothing when none).
zombie_of() {
	for f in /proc/[0-9]*/stat; do
		p=${f#/proc/}
		p=${p%/stat}
		stat_of "$p" && [ "$st_ppid" = "$1" ] && [ "$st_state" = Z ] && { echo "$p"; return 0; }
	done
	return 0
}
START_W=80 START_H=24
start_demo alone
T send-keys -t alone t
# the roles that act alone come first under demo-parent (their lower pids): in view at 80x24
f=$(pid_named forker) e=$(pid_named exec-loop)
wait_re "^ *$f .*forker" && wait_re "^ *$e .*exec-loop"
ok $? "alone: at 80x24 the tree shows forker ($f) and exec-loop ($e) without scrolling"
c=$(pid_named cpu-bound)
t0=$(cpu_time "$c")
i=0
while [ "$(cpu_time "$c")" -le "$t0" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cpu_time "$c")" -gt "$t0" ] && [ "$(stat_field "$c" 19)" = 19 ]
ok $? "alone: the kernel counts cpu-bound's ($c) CPU time, at nice $(stat_field "$c" 19)"
refilter cpu-bound && ok_re "^ *$c +[^ ]+ +[RS] +19 .*cpu-bound" "alone: the list shows cpu-bound at nice 19"

# The forker's child: held a zombie (the forker stopped while the kernel shows it so).
z=''
for try in 1 2 3; do
	i=0
	while z=$(zombie_of "$f") && [ -z "$z" ] && [ "$i" -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
	[ -n "$z" ] && kill -STOP "$f"
	stat_of "$z" && [ "$st_state" = Z ] && [ "$st_ppid" = "$f" ] && break
	kill -CONT "$f"
	z=''
done
[ -n "$z" ]; ok $? "alone: the kernel shows a zombie child (${z:-none}) of forker ($f), held so"
[ -z "$z" ] || demo_procs="$demo_procs $z:$(stat_field "$z" 22)"
refilter fork && ok_re "^ *$z +[^ ]+ +Z .*(└─|\`-)(\[new\] )?\[fork-child\]" \
	"alone: the list draws the zombie fork-child under forker, in state Z"
kill -CONT "$f"

# exec-loop's exec: the same process (pid and start time), a new command line.
s0=$(stat_field "$e" 22) c0=$(tr '\0' ' ' < "/proc/$e/cmdline")
i=0
while [ "$(tr '\0' ' ' < "/proc/$e/cmdline")" = "$c0" ] && [ "$i" -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
c1=$(tr '\0' ' ' < "/proc/$e/cmdline")
[ "$c1" != "$c0" ] && [ "$(stat_field "$e" 22)" = "$s0" ]
ok $? "alone: exec-loop ($e) execs: '$c0' became '$c1', same process"
refilter exec-loop && ok_re "^ *$e .*\[exec\] exec-loop" "alone: the list marks it [exec]"
T send-keys -t alone q
wait_gone 600 alone; ok $? "alone: q quits"
all_gone 50; ok $? "alone: no demo process (the forker's children too), janitor or object is left"
demo_cleanup
tap_done
