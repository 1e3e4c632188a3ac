#!/bin/sh
# demo_nobody.sh — the demo works for an unprivileged user too: when run as root, run the demo
# tests (demo_reap and demo_stop, the janitor after a killed owner) again as user nobody,
# merging their TAP into ours. The demo runs ipctop-lesson-helper: nobody gets a copy too.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/unit/nobody_lib.sh"
IPCTOP_LESSON_HELPER=$dir/ipctop-lesson-helper
export IPCTOP_LESSON_HELPER
cp "$(dirname "$IPCTOP")/ipctop-lesson-helper" "$IPCTOP_LESSON_HELPER" && chmod 755 "$IPCTOP_LESSON_HELPER"
ok $? "a copy of the helper nobody may run"
run_as_nobody test_demo_reap
run_as_nobody test_demo_janitor
tap_done
