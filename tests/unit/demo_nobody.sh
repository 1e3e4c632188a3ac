#!/bin/sh
# demo_nobody.sh — the demo works for an unprivileged user too: when run as root, run the demo
# tests (demo_reap and demo_stop, the janitor after a killed owner) again as user nobody,
# merging their TAP into ours.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/unit/nobody_lib.sh"
run_as_nobody test_demo_reap
run_as_nobody test_demo_janitor
tap_done
