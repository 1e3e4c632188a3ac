#!/usr/bin/env bash
# tools/deps.sh — install, with apt-get, what building and testing ipctop needs and is missing.
# Idempotent: installs nothing (and needs no network) when everything is there.
set -euo pipefail

build=(build-essential autoconf automake pkgconf libmnl-dev libncurses-dev
       libmicrohttpd-dev   # libmicrohttpd: the HTTP server of ipctop --serve
       libjansson-dev      # jansson: the reader of --json snapshots for --merge
       libsqlite3-dev)     # SQLite: the file of --record and --replay
test=(python3 python3-jsonschema tmux graphviz util-linux iproute2 procps clang valgrind lsof
      prometheus curl    # promtool, and the server that scrapes ipctop --serve in tests
      python3-prometheus-client)   # a strict OpenMetrics parser for the --openmetrics tests
bench=(hyperfine htop)
coverage=(lcov)   # make coverage only (configure --enable-coverage); CI does not need it
# Real servers the tests in tests/servers start in their own directories and ports.
servers=(postgresql-15 nginx redis-server)

wanted=("${build[@]}" "${test[@]}" "${servers[@]}")
for opt in "$@"; do
	case $opt in
	--bench) wanted+=("${bench[@]}") ;;
	--coverage) wanted+=("${coverage[@]}") ;;
	*) echo "usage: deps.sh [--bench] [--coverage]" >&2; exit 2 ;;
	esac
done

missing=()
for p in "${wanted[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "deps.sh: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
	sudo=sudo
fi
echo "deps.sh: installing ${missing[*]}" >&2
# Installing a server package must not start the machine's own PostgreSQL or nginx service:
# while apt-get runs, a policy-rc.d (invoke-rc.d's hook) refuses every start, unless the
# machine already has one of its own (containers usually do).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\n# tools/deps.sh (ipctop): no service starts while it installs\nexit 101\n' |
		$sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy" &&
		trap '$sudo rm -f "$policy"' EXIT
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
