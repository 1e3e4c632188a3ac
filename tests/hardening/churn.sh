#!/bin/sh
# churn.sh — ipctop --json while processes holding pipes, socketpairs and TCP loopback
# connections are forked and killed hundreds of times a second (churner): every snapshot
# exits 0, is valid JSON, and names no endpoint pid that its own process list lacks.
# Bounded: at most 500 snapshots or 40 s, whichever comes first; then the churner is stopped.
# How many fit in that time depends on the machine (a sanitizer build is slow), and so does the
# churn rate the churner reaches (it aims at 600 new processes a second, 128 pairs alive at a
# time, half started by fork() and half by clone() with a shared address space, which stays
# cheap when the machine is busy: see sleeper.h): both are reported as TAP comments, never
# asserted.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/hardening/churn_lib.sh"

[ -x "$churner" ] || skip_all "churner not built"
[ -n "$PYTHON3" ] || skip_all "python3 not found"
check=$TESTS_SRC/hardening/check_snapshot.py

work=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-churn.XXXXXX") || exit 1
churn_pid=
cleanup() {
	[ -n "$churn_pid" ] && kill "$churn_pid" 2>/dev/null && wait "$churn_pid"
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

name=hc$$   # this run's processes only, even when another build runs the same test
machine_lock   # not beside scale_procs.sh: its 10000 processes slow every snapshot
churn_start "$work/churner.out" 300 128 "$name" 600 2
ok $? "churner is forking and killing channel-holding processes"

# Snapshots are checked in batches of 10 and deleted, to keep /tmp small. A pair lives about
# 0.4 s (128 pairs, 300 new ones a second): a snapshot taken in under 0.3 s (named .q) must
# list some; a slower one (a machine loaded by other tests) may find every pair it listed
# gone by the time it reads them.
taken=0 failed_runs=0 bad_batches=0 joined=0 quick=0 unseen_quick=0 churn_gone=
check_batch() {
	out=$("$PYTHON3" "$check" --comm "$name" "$work"/snap.*) || bad_batches=$((bad_batches + 1))
	printf '%s\n' "$out" | grep '^#' | head -10
	joined=$((joined + $(printf '%s\n' "$out" | sed -n 's/^joined //p')))
	unseen_quick=$((unseen_quick + $(printf '%s\n' "$out" | grep -c '^unseen .*\.q$')))
	rm -f "$work"/snap.* "$work"/err.*
}
ms() { echo $(( $(date +%s%N) / 1000000 )); }
start=$(date +%s)
while [ "$taken" -lt 500 ] && [ $(( $(date +%s) - start )) -lt 40 ]; do
	taken=$((taken + 1))
	t0=$(ms)
	if ! "$IPCTOP" --json > "$work/snap.$taken" 2> "$work/err.$taken"; then
		failed_runs=$((failed_runs + 1))
		echo "# snapshot $taken: exit status not 0:"
		head -5 "$work/err.$taken" | sed 's/^/#   /'
	fi
	if [ $(( $(ms) - t0 )) -lt 300 ]; then
		mv "$work/snap.$taken" "$work/snap.$taken.q"
		quick=$((quick + 1))
	fi
	kill -0 "$churn_pid" 2>/dev/null || [ -n "$churn_gone" ] || churn_gone=$taken
	[ $((taken % 10)) -eq 0 ] && check_batch
done
ls "$work"/snap.* >/dev/null 2>&1 && check_batch
# The churner runs far longer (300 s) than the loop (40 s): alive after every snapshot, it
# churned throughout. (Checked after each snapshot, not at the end: a batch's schema checks can
# take minutes on a machine loaded with other tests' thousands of processes.)
[ -z "$churn_gone" ]
ok $? "the churner was running when each snapshot was taken${churn_gone:+ (not after snapshot $churn_gone)}"
echo "# $taken snapshots taken under churn"

echo "# $quick of them in under 0.3 s"
if [ "$quick" -gt 0 ]; then
	[ "$unseen_quick" -eq 0 ]
	ok $? "every snapshot taken in under 0.3 s lists churned processes ($unseen_quick of $quick do not)"
else
	skip "no snapshot took under 0.3 s (a loaded machine): churned processes may all be gone by the time they are read"
fi
[ "$failed_runs" -eq 0 ]
ok $? "every ipctop --json run exited 0 ($failed_runs of $taken did not)"
[ "$bad_batches" -eq 0 ]
ok $? "every snapshot is valid JSON, valid against the schema, and lists the process of every endpoint"
# A pair lives a fraction of a second: a slow snapshot (sanitizers) may never catch one whole.
if [ "$taken" -ge 20 ]; then
	[ "$joined" -gt 0 ]
	ok $? "churned channels were seen joining two churned processes ($joined)"
else
	skip "too few snapshots ($taken) to expect a churned pair caught whole"
fi

churn_stop
i=0
while left=$(ps -e -o comm= | grep -c "^$name\$") && [ "$left" -gt 0 ] && [ "$i" -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
[ "$left" -eq 0 ]
ok $? "no churned process is left behind ($left)"
tap_done
