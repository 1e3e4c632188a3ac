#!/bin/sh
# meters_many.sh — the header's CPU meters on a machine of 16 CPUs: ipctop runs in a private
# mount namespace where a hand-built /proc/stat is bound over the kernel's (nothing outside it
# changes). A writer advances each CPU's counters by fixed steps, so that CPU n is busy
# 3n + 10% (user 3n, system 10, idle the rest, of 100 ticks a step). At 200x50 the screen shows
# an average bar above two columns of eight bars, CPUs 0-7 down the first and 8-15 down the
# second, each bar's figure within 0.2 of the writer's; then CPU 5 is taken offline between
# two samples and its bar says so; at 80x24 the bars do not fit and the average bar is alone.
# Root only (a mount namespace); runs on any number of real CPUs.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require python3
[ "$(id -u)" -eq 0 ] || skip_all "binding a file over /proc/stat needs root"
command -v unshare >/dev/null 2>&1 || ci_skip_all "unshare not found"
tmux_setup many writer

# The writer: every 0.2 s one more step of every CPU's counters, the file rewritten in place
# (ipctop keeps /proc/stat open and reads it again from offset 0). $tmp/offline makes it drop
# the cpu5 line from then on.
cat > "$tmp/writer.py" <<'PY'
import os, sys, time
path, flag = sys.argv[1], sys.argv[2]
fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
step = 1
while True:
    lines, tot = [], [0] * 10
    for n in range(16):
        if n == 5 and os.path.exists(flag):
            continue
        user, system = 3 * n * step, 10 * step
        idle = (100 - 3 * n - 10) * step
        f = [user, 0, system, idle, 0, 0, 0, 0, 0, 0]
        tot = [a + b for a, b in zip(tot, f)]
        lines.append("cpu%d %s" % (n, " ".join(str(v) for v in f)))
    data = ("cpu  %s\n" % " ".join(str(v) for v in tot) + "\n".join(lines) +
            "\nintr 0\nctxt 0\nbtime 0\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n").encode()
    os.pwrite(fd, data, 0)
    os.ftruncate(fd, len(data))
    step += 1
    time.sleep(0.2)
PY
: > "$tmp/stat"
"$PYTHON3" "$tmp/writer.py" "$tmp/stat" "$tmp/offline" &
writer=$!
i=0
while ! grep -q '^cpu15 ' "$tmp/stat" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
grep -q '^cpu15 ' "$tmp/stat"; ok $? "the writer wrote 16 cpu lines"

unshare --mount --propagation private true 2>/dev/null || ci_skip_all "no mount namespace here"
session=many
T new-session -d -s "$session" -x 200 -y 50 \
	"unshare --mount --propagation private sh -c 'mount --bind \"$tmp/stat\" /proc/stat && exec env XDG_CONFIG_HOME=\"$tmp/config\" LC_ALL=C.UTF-8 \"$IPCTOP\" --no-color -d 5'"

# value SCREEN N: the figure in the bar of CPU N ("12.0" or "offline"), empty when none.
value() {
	printf '%s\n' "$1" | grep -oE "(^| )$2\[[^]]*\]" | grep -oE '([0-9]+\.[0-9]+%|offline)\]$' | tr -d '%]'
}
want_of() { echo $((3 * $1 + 10)); }
# all_right SCREEN: every CPU's figure is the writer's (within 0.2)
all_right() {
	for n in $(seq 0 15); do
		v=$(value "$1" "$n")
		awk -v v="$v" -v w="$(want_of "$n")" 'BEGIN { exit !(v != "" && v - w <= 0.2 && w - v <= 0.2) }' || return 1
	done
}
wait_until all_right 150
ok $? "200x50: a bar for each of the 16 CPUs, busy 3n + 10% as written"
printf '%s\n' "$screen" | grep -q '^Avg\['
ok $? "an average bar above them"
avg=$(printf '%s\n' "$screen" | grep -oE '^Avg\[[^]]*\]' | grep -oE '[0-9]+\.[0-9]+%\]$' | tr -d '%]')
awk -v v="$avg" 'BEGIN { exit !(v != "" && v - 32.5 <= 0.2 && 32.5 - v <= 0.2) }'
ok $? "the average is the sum line's: 32.5% ($avg)"
good=0
for r in $(seq 0 7); do
	line=$(printf '%s\n' "$screen" | grep -E "^ *$r\[")
	case $line in *" $((r + 8))["*) ;; *) good=1; echo "#   row of CPU $r: $line" ;; esac
done
[ "$(printf '%s\n' "$screen" | grep -Ec '^ *[0-9]+\[')" = 8 ] || good=1
ok $good "two columns of eight rows: CPUs 0-7 down the first, 8-15 beside them"

: > "$tmp/offline"
off() { [ "$(value "$1" 5)" = offline ] && [ -n "$(value "$1" 6)" ]; }
wait_until off 100
ok $? "CPU 5 taken offline between two samples: its bar says offline, CPU 6 still drawn"

T resize-window -t "$session" -x 80 -y 24
alone() { printf '%s\n' "$1" | grep -q '^Avg\[' && ! printf '%s\n' "$1" | grep -Eq '(^| )[0-9]+\['; }
wait_until alone 100
ok $? "80x24: 16 bars do not fit, the average bar alone"
T send-keys -t "$session" q
wait_gone; ok $? "ipctop quits"
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null; writer=
grep -q "$tmp/stat" /proc/self/mountinfo; [ $? -ne 0 ]
ok $? "the bind mount stayed in ipctop's namespace"
tmux_finish
tap_done
