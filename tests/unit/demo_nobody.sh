#!/bin/sh
# demo_nobody.sh — the demo works for an unprivileged user too: when run as root, run the demo
# tests (demo_reap and demo_stop, the janitor after a killed owner) again as user nobody,
# merging their TAP into ours.
. "$TESTS_SRC/tap.sh"

[ "$(id -u)" -eq 0 ] || skip_all "not root: the demo tests already ran unprivileged"
command -v setpriv >/dev/null 2>&1 || skip_all "setpriv not installed"
id nobody >/dev/null 2>&1 || skip_all "no user nobody"
group=nogroup
getent group nogroup >/dev/null 2>&1 || group=nobody

# Copies in a world-readable directory: nobody may not reach the build tree.
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"

# as_nobody NAME: run the TAP program NAME as nobody; its results become ours.
as_nobody() {
	cp "$TESTS_BIN/unit/$1" "$dir/$1" && chmod 755 "$dir/$1" || { ok 1 "copy $1"; return; }
	(cd "$dir" && setpriv --reuid=nobody --regid="$group" --clear-groups "./$1") >"$dir/out" 2>&1
	status=$?
	plan=
	while IFS= read -r line; do
		case $line in
		"ok "*"# SKIP"*) skip "$1: ${line#*# SKIP }" ;;
		"ok "*) ok 0 "$1 as nobody: ${line#ok * - }" ;;
		"not ok "*) ok 1 "$1 as nobody: ${line#not ok * - }" ;;
		1..*) plan=${line#1..} ;;
		*) printf '%s\n' "$line" ;;
		esac
	done <"$dir/out"
	[ -n "$plan" ] && [ "$plan" -gt 0 ]
	ok $? "$1 as nobody printed its plan (${plan:-none})"
	ok "$status" "$1 as nobody exited 0"
}

as_nobody test_demo_reap
as_nobody test_demo_janitor
tap_done
