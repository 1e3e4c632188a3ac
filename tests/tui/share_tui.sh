#!/bin/sh
# share_tui.sh — end-to-end in tmux against share_fixture: the Memory tab of a holder of the
# shared anonymous region marks that mapping shared and names the other holders (pid and name,
# from the fixture's record), and the IPC tab and the channel table call it "shared anon SIZE"
# (the record's size), the channel table's state of the writer-only pipe is one-ended; the IPC
# tab of a writer of that pipe names the other writer as a holder, not a peer; the graph hides the writer-only pipe at first, o shows it as a
# node of its own joined to both writers (never a line between them), o again hides it.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/tui/tmux_lib.sh"
tmux_require
[ -x "$TESTS_BIN/fixture/share_fixture" ] || skip_all "share_fixture not built"
export LC_ALL=C.UTF-8
tmux_setup share fixture_pid ctl_pid

# The fixture, its stdin a FIFO held open by a sleep of ours until the end (never by this
# shell: the tmux server it starts would inherit the descriptor and keep the fixture from EOF).
mkfifo "$tmp/ctl" || exit 1
"$TESTS_BIN/fixture/share_fixture" 2 <"$tmp/ctl" >"$tmp/record" 2>"$tmp/fixture.err" &
fixture_pid=$!
sleep 3600 >"$tmp/ctl" &
ctl_pid=$!
i=0
while ! grep -q '^ready$' "$tmp/record" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
grep -q '^ready$' "$tmp/record" || { echo "Bail out! share_fixture did not start"; cat "$tmp/fixture.err"; exit 1; }
field() {   # field COMM KEY: KEY's value on the record's shm line of COMM
	sed -n "s/^shm .*comm=$1\$/&/p" "$tmp/record" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
parent=$(field share_fixture pid) holder1=$(field shm_holder1 pid) holder2=$(field shm_holder2 pid)
addr=$(field shm_holder2 addr | sed 's/^0x//')
set -- $(sed -n 's/^oe_pipe .*writer=\([0-9]*\) writer=\([0-9]*\)$/\1 \2/p' "$tmp/record")
wa=$1 wb=$2
# Only the fixture's processes (-p): another test's share_fixture may run beside this one.
ours="$parent,$holder1,$holder2,$wa,$wb"

# --- Memory tab of shm_holder2 ---
start main -d 10 -p "$ours"
wait_re "Command" 150 || { echo "Bail out! ipctop did not start"; exit 1; }
T send-keys -t main / shm_holder2
wait_re "shm_holder2"
T send-keys -t main Enter Enter
wait_re "Parent PID"; ok $? "Enter opens the holder's detail"
T resize-window -t main -x 220 -y 50   # the table's path column, with the holders, in full
T send-keys -t main 3
wait_re "mappings"
n=0   # page down until the region's row is on the screen (a sanitizer build maps far more);
# each page drawn (keys_done) before the next: a second PgDn sent early would skip the row
until wait_re "$addr .* rw-s .* shm +/dev/zero \(deleted\)" 20 >/dev/null || [ "$n" -ge 8 ]; do
	T send-keys -t main NPage
	keys_done >/dev/null
	n=$((n + 1))
done
wait_re "$addr .* rw-s .* shm +/dev/zero \(deleted\)" 20
ok $? "Memory tab: the region at the recorded address, rw-s, segment shm"
line=$(printf '%s\n' "$screen" | grep -E "$addr .*/dev/zero")
case $line in
*"shared anon with "*"$parent (share_fixture)"*) r=0 ;; *) r=1 ;;
esac
ok $r "...marked shared, naming the parent $parent (share_fixture)"
case $line in *"$holder1 (shm_holder1)"*) r=0 ;; *) r=1 ;; esac
ok $r "...and the other holder $holder1 (shm_holder1)"
case $line in *"$holder2 (shm_holder2)"*) r=1 ;; *) r=0 ;; esac
ok $r "...but not itself"
[ $r -eq 0 ] && [ -n "$line" ] || printf '#   | %s\n' "$line"
# the region by its size (the record's, in binary units as the screens write sizes)
hsize=$(field shm_holder2 size | awk '{ u = "B KiB MiB GiB"; n = split(u, us, " "); v = $1; i = 1
	while (v >= 1024 && i < n) { v /= 1024; i++ } printf(i == 1 ? "%d %s" : "%.1f %s", v, us[i]) }')
T send-keys -t main 4
wait_re "anon_shm +rw? +shared anon $hsize .*$parent \(share_fixture\)"
r=$?; ok $r "IPC tab: the region is \"shared anon $hsize\", with the parent $parent as a holder"
[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
T send-keys -t main Escape
wait_re "Command" && T send-keys -t main c
wait_re "anon_shm .*$holder2 \(shm_holder2\).* shared anon $hsize"
r=$?; ok $r "channel table: the anon_shm row of the holders is \"shared anon $hsize\""
[ $r -eq 0 ] || printf '%s\n' "$screen" | sed 's/^/# /'
ok_re "^pipe +one-ended .*$wa \(oe_writer_a\) fd [0-9]+ write ↔ $wb \(oe_writer_b\) fd [0-9]+ write" \
	"channel table: the writer-only pipe's state is one-ended, both writers its ends"
T kill-session -t main

# --- the graph and the writer-only pipe ---
start graph -d 10 -p "$ours"
wait_re "Command" 150 || { echo "Bail out! ipctop did not start"; exit 1; }
T send-keys -t graph / oe_writer_a
wait_re "oe_writer_a"
T send-keys -t graph Enter Enter
wait_re "Parent PID" && T send-keys -t graph 4
wait_re "pipe.*one-ended, also held by $wb \(oe_writer_b\)"
ok $? "IPC tab: the other writer is named as a holder of the one-ended pipe, not as a peer"
printf '%s\n' "$screen" | grep -q "→ $wb (oe_writer_b)"
[ $? -ne 0 ]; ok $? "...no arrow to it"
T send-keys -t graph Escape
wait_re "Command"
T send-keys -t graph g
wait_for "pid $wa shares no channel with another process (shown: all; o: one-ended too)"
ok $? "graph: the writer shares no channel while one-ended pipes are hidden, and o is offered"
T send-keys -t graph o
wait_re "Graph: oe_writer_a\($wa\)  1 edge"; ok $? "o: the writer now has a channel and is focused"
wait_re "oe_writer_a $wa ├─+┤ pipe ×2 │"; ok $? "...its one edge goes to a node of the pipe, held by 2"
wait_re "[0-9]+ one-ended shown \(o\)"; ok $? "...the status line says one-ended channels are shown"
T send-keys -t graph +
wait_re "oe_writer_b $wb "; ok $? "one hop more: the other writer, beyond the pipe's node"
printf '%s\n' "$screen" | grep -Eq "oe_writer_[ab] [0-9]+ ├─*→?┤ oe_writer_[ab]"
[ $? -ne 0 ]; ok $? "...and no line joins the two writers' boxes directly"
T send-keys -t graph Tab
wait_re "pipe .*oe_writer_[ab]\(($wa|$wb)\)"; ok $? "Tab: the selected edge joins a writer and the pipe"
case $screen in *"oe_writer_a($wa)"*"oe_writer_b($wb)"*|*"oe_writer_b($wb)"*"oe_writer_a($wa)"*) r=1 ;; *) r=0 ;; esac
ok $r "...not the two writers"
T send-keys -t graph o
wait_absent "oe_writer_b $wb "; ok $? "o again hides it"
T send-keys -t graph q
wait_gone; ok $? "q quits"

kill "$ctl_pid"
wait "$ctl_pid" 2>/dev/null
ctl_pid=
wait "$fixture_pid"; ok $? "share_fixture stops cleanly on EOF"
fixture_pid=
tap_done
