#!/bin/sh
# sockdiag_nobody.sh — when run as root, run the live sock_diag tests again as the unprivileged
# user nobody (dump_current must work, dump_in must be refused cleanly), merging their TAP.
. "$TESTS_SRC/tap.sh"
. "$TESTS_SRC/unit/nobody_lib.sh"
run_as_nobody test_sockdiag_live
run_as_nobody test_sockdiag_ns
tap_done
