#!/usr/bin/env bash
# tools/deps.sh — install, with apt-get, what building and testing ipctop needs and is missing.
# Idempotent: installs nothing (and needs no network) when everything is there.
set -euo pipefail

build=(build-essential autoconf automake pkgconf libproc2-dev libmnl-dev libncurses-dev)
test=(python3 tmux graphviz util-linux iproute2 procps clang valgrind)
bench=(hyperfine lsof htop)
coverage=(lcov)   # make coverage only (configure --enable-coverage); CI does not need it

wanted=("${build[@]}" "${test[@]}")
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
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
