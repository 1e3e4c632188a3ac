#!/usr/bin/env bash
# tools/run.sh — install what is missing, build ipctop in build/, and start it with the given
# arguments (for example: tools/run.sh --demo).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# Everything but ipctop itself writes to stderr: `tools/run.sh --json > snapshot.json` works.
{
	./tools/deps.sh
	[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi
	mkdir -p build
	cd build
	[ -f Makefile ] || "$top/configure" -q CFLAGS="-O2 -g"
	make -s -j"$(nproc 2>/dev/null || echo 2)" ipctop ipctop-lesson-helper
} >&2
cd "$top/build"
exec ./ipctop "$@"
