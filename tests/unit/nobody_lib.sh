# nobody_lib.sh — running C unit tests again as the unprivileged user nobody, from a root run:
# source it after tap.sh (it skips the whole test when not root, or without setpriv or nobody),
# then call run_as_nobody NAME for each TAP program of tests/unit; end with tap_done.
[ "$(id -u)" -eq 0 ] || skip_all "not root: the tests already ran unprivileged"
command -v setpriv >/dev/null 2>&1 || ci_skip_all "setpriv not installed"
id nobody >/dev/null 2>&1 || ci_skip_all "no user nobody"
group=nogroup
getent group nogroup >/dev/null 2>&1 || group=nobody

# Copies in a world-readable directory: nobody may not reach the build tree.
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"

# run_as_nobody NAME: run one TAP program as nobody and renumber its results into ours.
run_as_nobody() {
	cp "$TESTS_BIN/unit/$1" "$dir/$1" && chmod 755 "$dir/$1" || { ok 1 "copy $1"; return; }
	(cd "$dir" && setpriv --reuid=nobody --regid="$group" --clear-groups "./$1") >"$dir/out" 2>&1
	status=$?
	planned=
	while IFS= read -r line; do
		case $line in
		"ok "*"# SKIP"*) skip "$1 as nobody: ${line#*# SKIP }" ;;
		"ok "*) ok 0 "$1 as nobody: ${line#ok * - }" ;;
		"not ok "*) ok 1 "$1 as nobody: ${line#not ok * - }" ;;
		1..*) planned=${line#1..} ;;
		*) printf '%s\n' "$line" ;;
		esac
	done <"$dir/out"
	[ -n "$planned" ] && [ "$planned" -gt 0 ]
	ok $? "$1 as nobody printed its plan (${planned:-none})"
	ok "$status" "$1 as nobody exited 0"
}
