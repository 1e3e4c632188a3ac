# tap.sh — TAP helpers for shell tests: source it, call ok/skip/ci_skip, end with tap_done;
# san_watch collects the sanitizers' reports of the programs a test runs.
tap_n=0
tap_failed=0

# ok CONDITION-EXIT-STATUS DESCRIPTION: pass when the previous command's status is 0; returns
# 0 when it passed, 1 when not, so that `ok $? "..." || show what failed` works
ok() {
	local st=$1; shift
	tap_n=$((tap_n + 1))
	if [ "$st" -eq 0 ]; then
		echo "ok $tap_n - $*"
		return 0
	fi
	echo "not ok $tap_n - $*"
	tap_failed=$((tap_failed + 1))
	return 1
}

# check DESCRIPTION -- COMMAND...: run COMMAND, pass when it succeeds; print its output on failure
check() {
	local desc=$1; shift
	[ "$1" = "--" ] && shift
	local out
	out=$("$@" 2>&1)
	local st=$?
	ok "$st" "$desc"
	[ "$st" -ne 0 ] && printf '%s\n' "$out" | sed 's/^/#   /'
	return 0
}

# schema_ok DESCRIPTION FILE...: pass when every FILE is a JSON document valid against the
# snapshot schema (data/ipctop-snapshot.schema.json); the errors are printed on failure
schema_ok() {
	local desc=$1; shift
	check "$desc" -- "${PYTHON3:-python3}" "$TESTS_SRC/schema_check.py" \
		"$TESTS_SRC/../data/ipctop-snapshot.schema.json" "$@"
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $*"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# machine_lock: wait until no other test that fills the whole machine runs (scale_procs.sh
# starts 10000 processes; churn.sh snapshots the whole machine hundreds of times and would then
# check 10000-process documents), and hold that turn until this test's shell ends (on fd 6,
# which the processes it starts inherit and give up when they end). make check -j runs tests
# side by side; these few take turns.
machine_lock() {
	command -v flock >/dev/null 2>&1 || return 0
	exec 6>>"$TESTS_BIN/machine.lock"   # the build's own (make clean removes it)
	flock 6
}

# ci_skip REASON / ci_skip_all REASON: for a set-up that must work on CI's machine (root,
# Debian 12): a skip normally, a failure when CI=true (.ci/run exports it), so that a broken
# set-up cannot pass there as a skip.
ci_skip() {
	if [ "${CI:-}" = true ]; then
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - set-up failed, not skipped on CI: $*"
		tap_failed=$((tap_failed + 1))
	else
		skip "$*"
	fi
}

ci_skip_all() {
	if [ "${CI:-}" = true ]; then
		echo "not ok 1 - set-up failed, not skipped on CI: $*"
		echo "1..1"
		exit 1
	fi
	skip_all "$*"
}

# san_watch DIR: programs built with the sanitizers (ASan with LSan, UBSan) that this test
# starts from now on write their reports into DIR/san instead of stderr, where a tmux pane or
# a captured stream would lose them (DIR is made traversable and san world-writable, so that a
# run as nobody can write there too). tap_done then adds one result, which fails with the text
# of every report found: in the sanitizer build always (make check sets IPCTOP_SANITIZERS=yes
# there), elsewhere only when a report appeared. A test may set tap_done_hook to a command that
# ends what it still runs first (so that their exit reports come in).
san_watch() {
	tap_san=$1/san
	chmod go+x "$1" && mkdir -p -m 1777 "$tap_san" ||
		{ echo "Bail out! san_watch: cannot make $tap_san"; exit 1; }
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$tap_san/asan:halt_on_error=1"
	UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$tap_san/ubsan:halt_on_error=1:print_stacktrace=1"
	export ASAN_OPTIONS UBSAN_OPTIONS
}

# san_check: the result san_watch promises (a no-op without san_watch).
san_check() {
	[ -n "${tap_san:-}" ] || return 0
	[ -z "${tap_done_hook:-}" ] || $tap_done_hook
	set -- "$tap_san"/*
	if [ -e "$1" ]; then
		ok 1 "no sanitizer report from the programs this test ran"
		for f; do
			echo "# ${f##*/}:"
			head -n 80 "$f" | sed 's/^/#   /'
		done
	elif [ "${IPCTOP_SANITIZERS:-}" = yes ]; then
		ok 0 "no sanitizer report from the programs this test ran"
	fi
}

# refuses_in DIR STATUS WANT DESC -- ARGS...: $IPCTOP ARGS exits STATUS ("any": any but 0),
# its stderr has WANT and its stdout is empty (both kept in DIR); when not, the status and the
# stderr are printed as "#" lines.
refuses_in() {
	ri_dir=$1 ri_st=$2 ri_want=$3 ri_desc=$4; shift 5
	"$IPCTOP" "$@" >"$ri_dir/out" 2>"$ri_dir/err" </dev/null
	st=$?
	case $ri_st in any) [ $st -ne 0 ] ;; *) [ $st -eq "$ri_st" ] ;; esac &&
		grep -qF -- "$ri_want" "$ri_dir/err" && [ ! -s "$ri_dir/out" ]
	ri_r=$?
	ok $ri_r "$ri_desc"
	[ $ri_r -eq 0 ] || { echo "#   exit $st"; sed 's/^/#   /' "$ri_dir/err"; }
}

tap_done() {
	san_check
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
