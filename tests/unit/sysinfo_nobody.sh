#!/bin/sh
# sysinfo_nobody.sh — when run as root, run test_collect_sysinfo again as the unprivileged user
# nobody: /proc/stat and /proc/meminfo are readable by anyone, so the header meters must be.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/unit/nobody_lib.sh"
run_as_nobody test_collect_sysinfo
tap_done
