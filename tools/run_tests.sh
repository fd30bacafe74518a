#!/usr/bin/env bash
# Runs every test target and ends with the plain line "N passed, N failed"
# (test targets), which CI reads instead of Bazel's own summary.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
bazel test //... "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Bazel's summary has one line per test target: "//pkg:target  PASSED in ..."
passed=$(grep -cE '^//[^ ]+ +(\(cached\) )?PASSED' "$log" || true)
failed=$(grep -cE '^//[^ ]+ +(\(cached\) )?(FAILED|TIMEOUT|FLAKY|INCOMPLETE|NO STATUS|FAILED TO BUILD)' "$log" || true)
if ((status != 0 && failed == 0)); then
  # The build broke before any test ran: count it, so nothing looks green.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
