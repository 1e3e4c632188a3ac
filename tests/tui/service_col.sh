#!/bin/sh
# service_col.sh — the SERVICE column (F2), the filter over it and --json's "service", for
# processes this test puts into cgroups of its own on the cgroup v2 hierarchy: one into
# "ipctPID.service" (a systemd-style unit), one into "ipctPID.slice/docker-ID.scope"
# (a container scope, ID 64 random hexadecimal digits). Where each process is comes from the
# kernel (/proc/PID/cgroup); the column, switched on in F2, must read the unit and "docker:"
# and the id's first 12 digits, the filter "docker:" must keep the second only; it is saved and
# read back after a restart. The cgroups are removed at the end.
# Root only (cgroups are made under /sys/fs/cgroup).
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ "$(id -u)" -eq 0 ] || skip_all "making cgroups needs root"
v2=$(grep ' - cgroup2 ' /proc/self/mountinfo | head -1 | cut -d' ' -f5)
[ -n "$v2" ] && [ -w "$v2/cgroup.procs" ] || ci_skip_all "no writable cgroup v2 hierarchy"
tmux_setup service unit box
unit_cg="$v2/ipct$$.service"
id=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
slice="$v2/ipct$$.slice"
box_cg="$slice/docker-$id.scope"
svc_cleanup() {
	tmux_cleanup
	rmdir "$box_cg" "$slice" "$unit_cg" 2>/dev/null
}
trap svc_cleanup EXIT

mkdir "$unit_cg" && mkdir -p "$box_cg" || ci_skip_all "cannot make cgroups under $v2"
sleep 600 </dev/null >/dev/null 2>&1 &
unit=$!
sleep 600 </dev/null >/dev/null 2>&1 &
box=$!
echo "$unit" > "$unit_cg/cgroup.procs" && echo "$box" > "$box_cg/cgroup.procs"
ok $? "the two sleeps moved into their cgroups"
grep -qx "0::/ipct$$.service" "/proc/$unit/cgroup" &&
	grep -qx "0::/ipct$$.slice/docker-$id.scope" "/proc/$box/cgroup"
ok $? "the kernel puts $unit in ipct$$.service and $box in the docker scope"
short=$(printf '%.12s' "$id")

rc="$tmp/config/ipctop/ipctoprc"
mkdir -p "$tmp/config/ipctop"
printf 'sort_column=pid\nsort_direction=asc\n' > "$rc"
row_of() { printf '%s\n' "$screen" | awk -v t="$1" '$1 == t { print; exit }'; }
start svc --no-color -p "$unit,$box"
wait_re "^ +$box " 150; ok $? "ipctop lists the two sleeps"
printf '%s\n' "$screen" | grep -q ' SERVICE '; [ $? -ne 0 ]; ok $? "no SERVICE column by default"
# F2: Home and as many Downs as SERVICE is below PID on the page (in one write: no guessing
# how fast ipctop follows), then Space shows the column.
T send-keys -t svc F2
wait_for "show column VIRT"
n=$(printf '%s\n' "$screen" | awk '/show column PID/ { p = NR } /show column SERVICE/ { print NR - p; exit }')
keys=Home
for _ in $(seq 1 "${n:-0}"); do keys="$keys Down"; done
T send-keys -t svc $keys
i=0
while ! sel_has "show column SERVICE$END" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sel_has "show column SERVICE$END" && T send-keys -t svc Space
wait_for "[x] show column SERVICE"; ok $? "F2: SERVICE switched on"
T send-keys -t svc Escape
both() { row_of "$unit" | grep -qF "ipct$$.service" && row_of "$box" | grep -qF "docker:$short"; }
wait_until both 150
ok $? "SERVICE: $unit in ipct$$.service, $box in docker:$short"
printf '%s\n' "$screen" | grep -q ' SERVICE '; ok $? "the column's title"
T send-keys -t svc '\'; wait_for "Filter: " 50
T send-keys -t svc -l "docker:$short"; T send-keys -t svc Enter
only_box() { [ -n "$(row_of "$box")" ] && [ -z "$(row_of "$unit")" ]; }
wait_until only_box 100
ok $? "the filter docker:$short keeps $box only"
T send-keys -t svc q
wait_gone; ok $? "ipctop quits"
grep -Eq '^columns=(.*,)?service(,|$)' "$rc"; ok $? "the settings file keeps SERVICE shown"
start svc2 --no-color -p "$unit,$box"
session=svc2
wait_until both 150; ok $? "after a restart SERVICE is back and filled"
T send-keys -t svc2 q
wait_gone; ok $? "ipctop quits again"

"$IPCTOP" --json -p "$unit,$box" > "$tmp/doc.json" 2>"$tmp/err"
ok $? "ipctop --json -p exits 0"
got=$("${PYTHON3:-python3}" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s=%s" % (p["pid"], p["service"]) for p in d["processes"] if p["pid"] in (int(sys.argv[2]), int(sys.argv[3]))))
' "$tmp/doc.json" "$unit" "$box")
[ "$got" = "$unit=ipct$$.service $box=docker:$short" ]
ok $? "--json: service of each ($got)"
kill "$unit" "$box"; wait "$unit" "$box" 2>/dev/null; unit= box=
rmdir "$box_cg" "$slice" "$unit_cg"
ok $? "the cgroups removed"
tmux_finish
tap_done
