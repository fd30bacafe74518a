#!/usr/bin/env bash
# The body of every conformance_test target (conformance_test.bzl): runs
# pdconform on this Bazel test shard's part of the seed budget.
# Usage: conformance_test.sh PDCONFORM IMPL BASELINE|- [pdconform flags...]
set -uo pipefail
pdconform=$PWD/$1
impl=$2
baseline=$3
shift 3

# Tell Bazel this test shards itself (otherwise every shard would run all).
[[ -n "${TEST_SHARD_STATUS_FILE:-}" ]] && touch "$TEST_SHARD_STATUS_FILE"
index=${TEST_SHARD_INDEX:-0}
total=${TEST_TOTAL_SHARDS:-1}

out="${TEST_UNDECLARED_OUTPUTS_DIR:-${TEST_TMPDIR:-$(mktemp -d)}}/pdconform-shard-$index-of-$total"
flags=(--impl "$impl" --shard "$index/$total" --report-dir "$out")
[[ "$baseline" != "-" ]] && flags+=(--baseline "$PWD/$baseline")

"$pdconform" "${flags[@]}" "$@"
status=$?
# With check_report = True the checker is in the runfiles: the shard's
# report.json must match the schema, whatever the verdict.
if [[ -f reports/check_report_json.py && -f reports/report.schema.json ]]; then
  if ! python3 reports/check_report_json.py reports/report.schema.json "$out/report.json"; then
    echo "conformance_test: $out/report.json does not match reports/report.schema.json" >&2
    exit 1
  fi
fi
# Bazel's own test.xml then lists one test case per rule.
if [[ -n "${XML_OUTPUT_FILE:-}" && -s "$out/junit.xml" ]]; then
  cp "$out/junit.xml" "$XML_OUTPUT_FILE"
fi
exit "$status"
