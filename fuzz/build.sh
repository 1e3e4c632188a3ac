#!/bin/sh
# build.sh — build the fuzz targets with clang, linking the parser sources directly.
# Usage: build.sh MODE OUTDIR [TARGET...]
#   MODE fuzz:   libFuzzer binaries (-fsanitize=fuzzer,address,undefined)
#   MODE replay: the same targets with replay_main.c instead of libFuzzer (ASan+UBSan only)
# TARGET is a name such as "status" (fuzz/fuzz_status.c); default: every fuzz/fuzz_*.c.
# Binaries land in OUTDIR/MODE/TARGET. CLANG overrides the compiler (default: clang);
# FUZZ_CFLAGS adds compiler flags (e.g. -DFUZZ_NLMSG_ALIGNED, see fuzz_nlmsg.h).
set -eu
mode=$1; out=$2; shift 2
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$fuzz_dir")
cc=${CLANG:-clang}

case $mode in
fuzz)   san_obj="-fsanitize=fuzzer-no-link,address,undefined"
        san_link="-fsanitize=fuzzer,address,undefined"; extra= ;;
replay) san_obj="-fsanitize=address,undefined"
        san_link=$san_obj; extra=$fuzz_dir/replay_main.c ;;
*)      echo "build.sh: MODE must be fuzz or replay" >&2; exit 2 ;;
esac

targets=$*
if [ -z "$targets" ]; then
	for f in "$fuzz_dir"/fuzz_*.c; do
		n=${f##*/fuzz_}; targets="$targets ${n%.c}"
	done
fi

cflags="-std=gnu11 -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
	-D_GNU_SOURCE -I$top/src -I$fuzz_dir $(pkg-config --cflags libmnl)
	$(pkg-config --cflags-only-I ncursesw) $(pkg-config --cflags jansson) ${FUZZ_CFLAGS:-}"
libs="$(pkg-config --libs libmnl) $(pkg-config --libs jansson)"

# The parsers, the sock_diag collector (its replies come from the input: sockdiag_io), the
# terminal input decoder (it needs curses.h for the KEY_* codes only) and the utilities they
# use, compiled once per mode.
parser_srcs="collect/parse_status.c collect/parse_maps.c collect/maps_classify.c
	collect/parse_smaps.c collect/parse_fdinfo.c collect/parse_sysvipc.c
	collect/parse_schedstat.c collect/parse_fdlink.c model/signal_names.c
	collect/sockdiag_parse.c collect/collect_sockdiag.c collect/sockdiag_io.c
	model/snapshot.c util/kept_fds.c util/u64map.c
	util/arena.c util/xalloc.c util/strbuf.c util/text_escape.c
	view/term_input.c view/term_input_seq.c
	source/snap_json_read.c source/snap_json_chan.c source/snap_json_get.c source/snap_json_marks.c
	source/snap_json_wait.c model/restricted_names.c model/wait_decode.c
	model/state_names.c"
obj_dir=$out/obj-$mode
mkdir -p "$obj_dir" "$out/$mode"
# Compile (and then link) in parallel: each job's status is checked by wait.
pids=
objs=
for s in $parser_srcs; do
	o=$obj_dir/$(echo "$s" | tr / _).o
	objs="$objs $o"
	[ -f "$o" ] && continue
	# shellcheck disable=SC2086
	$cc $cflags $san_obj -c "$top/src/$s" -o "$o" & pids="$pids $!"
done
failed=0
for p in $pids; do wait "$p" || failed=1; done
[ "$failed" -eq 0 ] || { echo "build.sh: compiling the parsers failed" >&2; exit 1; }

pids=
for t in $targets; do
	# shellcheck disable=SC2086
	$cc $cflags $san_link "$fuzz_dir/fuzz_$t.c" $extra $objs $libs -o "$out/$mode/$t" &
	pids="$pids $!"
done
for p in $pids; do wait "$p" || failed=1; done
[ "$failed" -eq 0 ] || { echo "build.sh: building a fuzz target failed" >&2; exit 1; }
