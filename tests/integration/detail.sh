#!/bin/sh
# detail.sh — `ipctop --json -p PID` for several ipc_fixture children: full detail (maps, fds,
# sched, signals) for PID only, its peer without detail, and only PID's channels.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/integration/fixture_lib.sh"
fx_need

# pid_of KIND VARIANT SIDE: the pid of side a or b of a manifest channel.
pid_of() {
	awk -v k="$1" -v v="$2" -v s="$3" \
		'$1 == k && (v == "" || $4 == "variant=" v) { print (s == "a") ? $2 : $3; exit }' \
		"$FX_MANIFEST"
}

fx_start fixture "$TESTS_BIN/fixture/ipc_fixture" || { ok 1 "ipc_fixture starts"; tap_done; exit; }
ok 0 "ipc_fixture starts"
for spec in pipe:a pipe:b unix/stream:a memfd:b posix_shm:a pty:b posix_mq:b; do
	chan=${spec%:*} side=${spec#*:}
	pid=$(pid_of "${chan%%/*}" "$(echo "$chan" | sed -n 's|.*/||p')" "$side")
	if [ -z "$pid" ]; then
		skip "$spec: not in the manifest"
		continue
	fi
	"$IPCTOP" --json -p "$pid" >"$FX_TMP/detail.json" 2>"$FX_TMP/detail.err" 9>&-
	st=$?
	ok $st "ipctop --json -p $pid exits 0 ($spec)"
	[ $st -eq 0 ] || sed 's/^/#   /' "$FX_TMP/detail.err"
	fx_py check_detail.py "$FX_MANIFEST" "$FX_TMP/detail.json" "$chan" "$side"
done
fx_stop_check fixture eof
fx_py check_cleanup.py "$FX_MANIFEST"
tap_done
