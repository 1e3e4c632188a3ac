#!/bin/sh
# smoke.sh — the make check entry for fuzzing: every target for a short bounded time
# (FUZZ_SECONDS, default 5 s each). TAP from run.sh; crashing inputs are kept in ./fuzz-out/.
FUZZ_SECONDS=${FUZZ_SECONDS:-5}
export FUZZ_SECONDS
exec sh "$(dirname "$0")/run.sh"
