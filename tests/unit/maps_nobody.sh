#!/bin/sh
# maps_nobody.sh — when run as root, run test_collect_maps again as the unprivileged user
# nobody: the kernel refuses pid 1's maps to nobody, which must be read as denied, not gone.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/unit/nobody_lib.sh"
run_as_nobody test_collect_maps
tap_done
