# fixture_lib.sh — sourced by the integration tests: start a fixture program (ipc_fixture,
# hostile_name) and wait for its manifest, stop it on exit, relay python checkers as TAP.
# Needs tap.sh sourced first. Every test gets a private directory $FX_TMP, removed on exit.

FX_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-it.XXXXXX") || exit 99
san_watch "$FX_TMP"   # the sanitizers' reports of ipctop and the fixtures: tap_done checks them
FX_PID=
FX_MANIFEST=

# fx_stop [term|int|eof]: end the running fixture by SIGTERM (default), SIGINT or only EOF on
# its stdin, and reap it; its exit status is left in FX_STATUS.
FX_STATUS=
fx_stop() {
	[ -n "$FX_PID" ] || return 0
	case ${1:-term} in
	term) kill -TERM "$FX_PID" 2>/dev/null ;;
	int) kill -INT "$FX_PID" 2>/dev/null ;;
	esac
	exec 9>&-
	wait "$FX_PID" 2>/dev/null
	FX_STATUS=$?
	FX_PID=
}

# fx_stop_check NAME [term|int|eof]: fx_stop, and one TAP result: the fixture exited 0 (under
# the sanitizers this also catches its leaks and memory errors).
fx_stop_check() {
	fx_stop "$2"
	ok "$FX_STATUS" "$1 stops cleanly on ${2:-term} (exit $FX_STATUS)"
	[ "$FX_STATUS" -eq 0 ] || sed 's/^/#   /' "$FX_TMP/$1.stderr" | cat -v
}

fx_cleanup() {
	fx_stop
	[ -n "$FX_PRIV" ] && rm -rf "$FX_PRIV"
	rm -rf "$FX_TMP"
}
trap 'fx_cleanup' EXIT
trap 'exit 130' INT TERM HUP

# fx_start NAME COMMAND...: run COMMAND with stdin from a FIFO this shell holds open (fd 9),
# its manifest in $FX_TMP/NAME.manifest; wait for "ready". Fails if it exits first.
fx_start() {
	local name=$1; shift
	FX_MANIFEST=$FX_TMP/$name.manifest
	rm -f "$FX_TMP/ctl"
	mkfifo "$FX_TMP/ctl" || return 1
	"$@" <"$FX_TMP/ctl" >"$FX_MANIFEST" 2>"$FX_TMP/$name.stderr" &
	FX_PID=$!
	exec 9>"$FX_TMP/ctl"
	local tries=0
	while ! grep -q '^ready$' "$FX_MANIFEST" 2>/dev/null; do
		if ! kill -0 "$FX_PID" 2>/dev/null || [ $tries -ge 600 ]; then
			echo "# fixture $name did not become ready:"
			sed 's/^/#   /' "$FX_TMP/$name.stderr" "$FX_MANIFEST" | cat -v
			fx_stop
			return 1
		fi
		tries=$((tries + 1))
		sleep 0.1
	done
	return 0
}

# fx_py SCRIPT ARGS...: run a python checker from tests/integration; its "ok - ...",
# "not ok - ..." and "skip - ..." lines become TAP results here; a crash (an exit other than 0,
# or 1 without a failed check) is one more failure.
fx_py() {
	local script=$1; shift
	local out=$FX_TMP/py.out line st failed=0
	PYTHONDONTWRITEBYTECODE=1 "$PYTHON3" "$TESTS_SRC/integration/$script" "$@" >"$out" 2>&1
	st=$?
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok 0 "${line#ok - }" ;;
		"not ok - "*) ok 1 "${line#not ok - }"; failed=1 ;;
		"skip - "*) skip "${line#skip - }" ;;
		"#"*) printf '%s\n' "$line" ;;
		*) printf '# %s\n' "$line" ;;
		esac
	done <"$out"
	# Exit 1 is the checker's "a check failed"; without a failed check it is an uncaught
	# exception (Python exits 1 then too), and the checks after it never ran.
	[ "$st" -eq 0 ] || { [ "$st" -eq 1 ] && [ "$failed" -eq 1 ]; } ||
		ok 1 "$script ran to the end (exit $st)"
}

# fx_need: skip the whole test when its tools are missing.
fx_need() {
	[ -n "$PYTHON3" ] || skip_all "python3 not found"
	[ -x "$IPCTOP" ] || skip_all "ipctop not built"
	[ -x "$TESTS_BIN/fixture/ipc_fixture" ] || skip_all "fixture not built"
}

# fx_nobody_setup: when root (and setpriv exists), copy the binaries into $FX_PRIV, a directory
# user nobody can read (the build directory may not be); fails when not root. A second call
# reuses the directory (fx_cleanup removes the one it knows).
FX_PRIV=
fx_nobody_setup() {
	[ "$(id -u)" -eq 0 ] || return 1
	command -v setpriv >/dev/null 2>&1 || return 1
	if [ -z "$FX_PRIV" ] || [ ! -d "$FX_PRIV" ]; then
		FX_PRIV=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-priv.XXXXXX") || return 1
	fi
	chmod 755 "$FX_PRIV"
	cp "$IPCTOP" "$TESTS_BIN/fixture/ipc_fixture" "$TESTS_BIN/fixture/hostile_name" "$FX_PRIV/" || return 1
	chmod 755 "$FX_PRIV/${IPCTOP##*/}" "$FX_PRIV/ipc_fixture" "$FX_PRIV/hostile_name"
	[ -d "$FX_PRIV/tmp" ] || mkdir -m 1777 "$FX_PRIV/tmp" || return 1   # TMPDIR for the fixture: nobody may not write ours
	return 0
}
FX_NOBODY_GROUP=$(getent group nogroup >/dev/null 2>&1 && echo nogroup || echo 65534)

# fx_none_left WHO PATTERN PID...: one TAP result: none of the PIDs is still a process whose
# comm matches the case PATTERN (a fixture's own processes, after it stopped).
fx_none_left() {
	local who=$1 pat=$2 left= pid
	shift 2
	for pid in "$@"; do
		case $(cat "/proc/$pid/comm" 2>/dev/null) in
		$pat) left="$left $pid" ;;
		esac
	done
	[ -z "$left" ]
	ok $? "no fixture process is left ($who:${left:- none})"
}

# fx_each_user_of FIXTURE SUITE: as fx_each_user, for the fixture program FIXTURE (a name in
# tests/fixture) instead of ipc_fixture.
fx_each_user_of() {
	"$2" "$(id -un)" "$IPCTOP" "$TESTS_BIN/fixture/$1"
	if fx_nobody_setup; then
		cp "$TESTS_BIN/fixture/$1" "$FX_PRIV/" && chmod 755 "$FX_PRIV/$1"
		"$2" nobody "$FX_PRIV/ipctop" "$FX_PRIV/$1" \
			env TMPDIR="$FX_PRIV/tmp" setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups
	else
		skip "run as nobody: not root (the run above was already unprivileged)"
	fi
}

# fx_each_user SUITE: run "SUITE WHO IPCTOP FIXTURE [PREFIX...]" as this user, then (root only)
# as nobody on copies of the binaries, with the PREFIX that drops to nobody; each suite ends
# with the fixture stopped (fx_stop_check) and its clean-up checked.
fx_each_user() {
	"$1" "$(id -un)" "$IPCTOP" "$TESTS_BIN/fixture/ipc_fixture"
	if fx_nobody_setup; then
		"$1" nobody "$FX_PRIV/ipctop" "$FX_PRIV/ipc_fixture" \
			env TMPDIR="$FX_PRIV/tmp" setpriv --reuid=nobody --regid="$FX_NOBODY_GROUP" --clear-groups
	else
		skip "run as nobody: not root (the run above was already unprivileged)"
	fi
}
