#!/bin/sh
# cli.sh — the command line of ipctop (src/ipctop.c, man/ipctop.1 OPTIONS and EXIT STATUS):
# each bad value, unknown option, missing argument and conflicting pair gives status 2, a
# message that names it, and nothing on stdout; accepted values get past the parser (an
# interactive run without a terminal then stops with status 1 and "not a terminal"); --help
# and -V print what the man page and configure.ac say; a write error (/dev/full) is status 1
# with a message. Run as the caller and, when root, again as nobody.
# -u and -p together with --json/--dot are left alone here (their meaning is being extended).
. "$TESTS_SRC/tap.sh"
[ -x "$IPCTOP" ] || skip_all "ipctop not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ipctop-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP
chmod 755 "$tmp"
san_watch "$tmp"   # reports of the sanitizer build's ipctop (as nobody too): tap_done checks them
cp "$IPCTOP" "$tmp/ipctop" && chmod 755 "$tmp/ipctop" || { ok 1 "copy ipctop"; tap_done; exit; }

# The version configure.ac gives (not ipctop's own word for it).
version=$(sed -n 's/^AC_INIT(\[ipctop\], \[\([^]]*\)\].*/\1/p' "$TESTS_SRC/../configure.ac")
[ -n "$version" ] || { ok 1 "read the version from configure.ac"; tap_done; exit; }

as=          # the user the cases run as: empty (the caller) or nobody
who=caller

# run ARGS...: run the copy with stdin /dev/null, stdout and stderr into files; sets st
run() {
	if [ -n "$as" ]; then
		setpriv --reuid=nobody --regid="$group" --clear-groups "$tmp/ipctop" "$@" \
			</dev/null >"$tmp/out" 2>"$tmp/err"
	else
		"$tmp/ipctop" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	fi
	st=$?
}

# expect STATUS MESSAGE ARGS...: ipctop ARGS exits STATUS, its stderr holds MESSAGE (fixed
# text); when STATUS is 2 it also names the help and writes nothing on stdout.
expect() {
	want=$1 msg=$2; shift 2
	run "$@"
	good=0
	[ "$st" -eq "$want" ] || good=1
	grep -qF -- "$msg" "$tmp/err" || good=1
	if [ "$want" -eq 2 ]; then
		grep -qF "Try 'ipctop --help'." "$tmp/err" || good=1
		[ -s "$tmp/out" ] && good=1
	fi
	ok $good "$who: ipctop $* -> status $want, '$msg'"
	[ $good -eq 0 ] || { echo "#   status $st; stderr:"; sed 's/^/#   /' "$tmp/err" | head -5; }
}

tty="stdout is not a terminal"   # the parser let the line through to the interactive run

cases() {
	# -p: decimal PIDs 1..INT_MAX, comma separated, no empty item
	for bad in abc 0 -5 1x +5 " 7" 2147483648 99999999999; do
		expect 2 "invalid pid '$bad'" -p "$bad"
	done
	for bad in "" , 1,,2 ,5 5,; do
		expect 2 "invalid pid list '$bad'" -p "$bad"
	done
	expect 2 "invalid pid 'x'" --pid=1,x
	expect 1 "$tty" -p 1,2 -p 2147483647
	# -d: tenths of a second, 1..36000
	for bad in 0 36001 -1 x 1.5 " 5" ""; do
		expect 2 "invalid delay '$bad' (tenths of a second, 1-36000)" -d "$bad"
	done
	expect 1 "$tty" -d 1
	expect 1 "$tty" --delay=36000
	# --interval: milliseconds, 1..600000, and only for --json and --dot
	for bad in 0 600001 -1 5x " 5" ""; do
		expect 2 "invalid interval '$bad' (milliseconds, 1-600000)" --json --interval "$bad"
	done
	expect 2 "--interval applies to --json and --dot only" --interval 500
	# -u: a known name or a numeric UID below 2^32-1 (which may have no name)
	for bad in no-such-user-ipctop 1abc 4294967295 -1 ""; do
		expect 2 "unknown user '$bad'" -u "$bad"
	done
	expect 1 "$tty" -u root
	expect 1 "$tty" --user=0
	expect 1 "$tty" -u 4294967294
	# unknown options, missing arguments, stray arguments
	expect 2 "unknown option '-z'" -z
	expect 2 "unknown option '-z'" --readonly -z
	expect 2 "unknown or ambiguous option '--bogus'" --bogus
	expect 2 "unknown or ambiguous option '--bogus'" --bogus=1
	expect 2 "unknown or ambiguous option '--d'" --d
	expect 2 "option '--json' takes no argument" --json=yes
	expect 2 "option '--demo' takes no argument" --demo=1
	for o in -p -u -d; do
		expect 2 "option '$o' needs an argument" $o
	done
	for o in --pid --user --delay; do
		expect 2 "option '$o' needs an argument" $o
	done
	expect 2 "unexpected argument 'extra'" extra
	expect 2 "unexpected argument 'extra'" --json extra
	# options that belong to another mode
	expect 2 "--json, --dot, --openmetrics, --serve and --record cannot be used together" --json --dot
	expect 2 "--json, --dot, --openmetrics, --serve and --record cannot be used together" --dot --json
	expect 2 "--json, --dot, --openmetrics, --serve and --record cannot be used together" --openmetrics --json
	expect 2 "--json, --dot, --openmetrics, --serve and --record cannot be used together" --prometheus --json
	expect 2 "--metrics-pids applies to --openmetrics and --serve only" --json --metrics-pids
	expect 2 "--json, --dot, --openmetrics, --serve and --record cannot be used together" --serve 0 --dot
	expect 2 "--demo is interactive; it cannot be used with --serve" --serve 0 --demo
	for a in "" x 65536 1.2.3:80 "1.2.3.4:" "[::1]" "[::1]80" "::1:80" "localhost:80" "-1"; do
		expect 2 "invalid address '$a' for --serve" --serve "$a"
	done
	expect 2 "--pretty applies to --json only" --dot --pretty
	expect 2 "--pretty applies to --json only" --pretty
	expect 2 "--demo is interactive; it cannot be used with --json, --dot or --openmetrics" --json --demo
	expect 2 "--demo is interactive; it cannot be used with --json, --dot or --openmetrics" --demo --dot
	expect 2 "--demo is interactive; it cannot be used with --json, --dot or --openmetrics" --demo --openmetrics
	expect 2 "-d applies to the interactive screens only" --json -d 5
	expect 2 "-d applies to the interactive screens only" --dot --delay=5
	expect 2 "-d applies to the interactive screens only" --openmetrics -d 5
	expect 2 "--demo shows its own processes; it cannot be used with -p" --demo -p 1
	# flags that take nothing get through to the interactive run
	expect 1 "$tty" --ascii --no-color --no-colour --readonly
	expect 1 "stdout is not a terminal; --demo is interactive" --demo

	# --help: status 0, nothing on stderr, every option of the man page named
	run --help
	[ "$st" -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q '^Usage: ipctop ' "$tmp/out"
	ok $? "$who: --help exits 0 with the usage on stdout"
	missing=
	for o in --json --pretty --dot --openmetrics --prometheus --serve --metrics-pids -p --pid -u --user -d --delay --interval \
		--ascii --no-color --services --demo --lesson --readonly -h --help -V --version; do
		grep -qE -- "(^|[ ,])$o([ ,]|\$)" "$tmp/out" || missing="$missing $o"
	done
	[ -z "$missing" ]
	ok $? "$who: --help names every option${missing:+ (missing:$missing)}"
	run -h
	grep -q '^Usage: ipctop ' "$tmp/out" && [ "$st" -eq 0 ]
	ok $? "$who: -h is --help"
	# -V / --version: exactly "ipctop VERSION" with configure.ac's version
	for o in -V --version; do
		run $o
		[ "$st" -eq 0 ] && [ "$(cat "$tmp/out")" = "ipctop $version" ] && [ ! -s "$tmp/err" ]
		ok $? "$who: $o prints 'ipctop $version' and exits 0"
	done
}

# write_errors: each output to /dev/full is status 1 with a message (the kernel's ENOSPC)
write_errors() {
	for args in --json "--json --pretty" --dot --openmetrics --help -V; do
		# shellcheck disable=SC2086
		"$tmp/ipctop" $args </dev/null >/dev/full 2>"$tmp/err"
		st=$?
		[ "$st" -eq 1 ] && grep -q "^ipctop: write error: No space left on device" "$tmp/err"
		ok $? "ipctop $args >/dev/full -> status 1 and 'write error' (status $st)"
	done
}

cases
write_errors
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	group=nogroup
	getent group nogroup >/dev/null 2>&1 || group=nobody
	as=nobody who=nobody
	cases
else
	skip "not root (or no setpriv/nobody): the cases ran unprivileged already"
fi
tap_done
