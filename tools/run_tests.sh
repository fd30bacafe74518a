#!/usr/bin/env bash
# Runs every test target and ends with the plain line "N passed, N failed"
# (test targets), which CI reads instead of Bazel's own summary. The libFuzzer
# tests (tagged manual, --config=fuzz) run when clang-14 is installed.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
bazel test //... "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The libFuzzer tests need clang-14 (fuzz/setup.sh) and --config=fuzz, which
# builds everything again under ASan in its own bazel-out directory (minutes
# on a cold cache): run where clang-14 is installed, otherwise say so by name.
fuzz_tests=(//fuzz:plugin_fuzz_test)
if command -v clang-14 >/dev/null && [[ -e "$(clang-14 -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]]; then
  bazel test --config=fuzz "${fuzz_tests[@]}" 2>&1 | tee -a "$log"
  fuzz_status=${PIPESTATUS[0]}
  ((status == 0)) && status=$fuzz_status
else
  for target in "${fuzz_tests[@]}"; do
    echo "$target SKIPPED: clang-14 with libFuzzer is not installed (fuzz/setup.sh installs it)"
  done
fi

# Bazel's summary has one line per test target: "//pkg:target  PASSED in ..."
passed=$(grep -cE '^//[^ ]+ +(\(cached\) )?PASSED' "$log" || true)
failed=$(grep -cE '^//[^ ]+ +(\(cached\) )?(FAILED|TIMEOUT|FLAKY|INCOMPLETE|NO STATUS|FAILED TO BUILD)' "$log" || true)
if ((status != 0 && failed == 0)); then
  # The build broke before any test ran: count it, so nothing looks green.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
