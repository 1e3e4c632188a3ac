#!/bin/sh
# om_cgroup.sh — the pair metrics name a process in a systemd service's cgroup by the service.
# A real cgroup2 directory is made (/sys/fs/cgroup/unified, or /sys/fs/cgroup when that is the
# cgroup2 mount): ipctop-test-PID.service, and a child cgroup "worker" of it. The writer of
# ipc_fixture's pipe pair is moved into the service, the reader into its child; the kernel's
# /proc/PID/cgroup must say so, and ipctop --openmetrics --metrics-pids must give the pipe's
# ipctop_pair_channels series from="ipctop-test-PID.service" to="ipctop-test-PID.service"
# (the deepest .service component, not the child's name nor the program), and --json's
# "service" (the SERVICE column) must name the same for both. Moved back to their
# own cgroups afterwards and both directories removed. Root only; a set-up failure is a skip,
# a failure under CI=true.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need
[ "$(id -u)" -eq 0 ] || skip_all "needs root (writes a cgroup)"

CG=
for d in /sys/fs/cgroup/unified /sys/fs/cgroup; do
	[ "$(stat -f -c %T "$d" 2>/dev/null)" = cgroup2fs ] && { CG=$d; break; }
done
[ -n "$CG" ] || ci_skip_all "no cgroup2 hierarchy mounted"
UNIT=ipctop-test-$$.service
DIR=$CG/$UNIT
MOVED=   # "PID CGROUP-PATH" pairs to move back

# cg_path PID: the process's cgroup2 path (the "0::" line of /proc/PID/cgroup).
cg_path() {
	sed -n 's/^0::\(.*\)$/\1/p' "/proc/$1/cgroup" 2>/dev/null
}

cg_cleanup() {
	# shellcheck disable=SC2086
	set -- $MOVED
	while [ $# -ge 2 ]; do
		echo "$1" >"$CG$2/cgroup.procs" 2>/dev/null
		shift 2
	done
	MOVED=
	fx_stop
	rmdir "$DIR/worker" "$DIR" 2>/dev/null
}
trap 'cg_cleanup; fx_cleanup' EXIT

mkdir "$DIR" 2>"$FX_TMP/mkdir.err" && mkdir "$DIR/worker" 2>>"$FX_TMP/mkdir.err" ||
	ci_skip_all "cannot make $DIR: $(cat "$FX_TMP/mkdir.err")"

if ! fx_start fixture "$TESTS_BIN/fixture/ipc_fixture"; then
	ok 1 "ipc_fixture starts"
	tap_done
	exit
fi
# shellcheck disable=SC2046
set -- $(sed -n 's/^pipe \([0-9]*\) \([0-9]*\) .*/\1 \2/p' "$FX_MANIFEST")
W=$1 R=$2
[ -n "$W" ] && [ -n "$R" ]
ok $? "the fixture made a pipe pair (writer $W, reader $R)"

# move PID CGROUP-DIR: into it, remembering where it was.
move() {
	local old
	old=$(cg_path "$1")
	[ -n "$old" ] || return 1
	MOVED="$MOVED $1 $old"
	echo "$1" >"$2/cgroup.procs"
}
move "$W" "$DIR" && move "$R" "$DIR/worker"
ok $? "the writer moved into $UNIT, the reader into $UNIT/worker"
base=${DIR#"$CG"}
[ "$(cg_path "$W")" = "$base" ] && [ "$(cg_path "$R")" = "$base/worker" ]
ok $? "the kernel's /proc/PID/cgroup: $(cg_path "$W") and $(cg_path "$R")"

"$IPCTOP" --openmetrics --metrics-pids >"$FX_TMP/om" 2>"$FX_TMP/om.err" 9>&-
ok $? "ipctop --openmetrics --metrics-pids exits 0"
want="ipctop_pair_channels{kind=\"pipe\",from=\"$UNIT\",to=\"$UNIT\",from_pid=\"$W\",to_pid=\"$R\"} 1"
got=$(grep "^ipctop_pair_channels{kind=\"pipe\",.*from_pid=\"$W\",to_pid=\"$R\"}" "$FX_TMP/om")
[ "$got" = "$want" ]
ok $? "the pipe's pair series is named by the service at both ends"
[ "$got" = "$want" ] || printf '#   want %s\n#   got  %s\n' "$want" "$got"
# The SERVICE column's value (--json "service", model/cgroup_service.h like the labels) names
# the same service for each end.
"$IPCTOP" --json -p "$W,$R" >"$FX_TMP/json" 2>"$FX_TMP/json.err" 9>&-
svc=$("$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
svc = {str(p["pid"]): p["service"] for p in d["processes"]}
print(" ".join("%s=%s" % (pid, svc.get(pid)) for pid in sys.argv[2:]))
' "$FX_TMP/json" "$W" "$R")
[ "$svc" = "$W=$UNIT $R=$UNIT" ]
ok $? "--json: the service of each is $UNIT too ($svc)"

cg_cleanup
[ ! -e "$DIR" ]
ok $? "the processes moved back, $DIR removed"
[ "$FX_STATUS" -eq 0 ]
ok $? "ipc_fixture stops cleanly (exit $FX_STATUS)"
tap_done
