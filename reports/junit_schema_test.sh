#!/usr/bin/env bash
# junit.xml against reports/junit.xsd (xmllint, Debian libxml2-utils): the
# sample report as plain violation, with a baseline (skipped + fixed), and
# with a rule in error, with a rule not checked; then the counts XSD 1.0
# cannot relate, by XPath.
# Usage: junit_schema_test.sh JUNIT_SAMPLE_BINARY JUNIT_XSD
set -uo pipefail
sample=$1
xsd=$2
out="${TEST_TMPDIR:-$(mktemp -d)}/junit"
mkdir -p "$out"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
command -v xmllint >/dev/null || { echo "xmllint missing: install libxml2-utils (tools/setup.sh)" >&2; exit 1; }

"$sample" "$out" || fail "junit_sample failed"
# The schema itself is a valid XSD and rejects what it must.
printf '<testsuites><testsuite name="x" tests="-1" failures="0" errors="0"/></testsuites>\n' >"$out/bad-count.xml"
printf '<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase name="a"/></testsuite></testsuites>\n' \
  >"$out/no-classname.xml"
for bad in bad-count no-classname; do
  if xmllint --noout --schema "$xsd" "$out/$bad.xml" 2>/dev/null; then fail "$bad.xml validates"; fi
done

# check FILE TESTS FAILURES ERRORS SKIPPED
check() {
  local file=$out/$1
  xmllint --noout --schema "$xsd" "$file" 2>"$file.err" || fail "$1 does not validate: $(cat "$file.err")"
  local x
  x() { xmllint --xpath "$1" "$file" 2>/dev/null; }
  [[ $(x 'count(//testcase)') == "$2" ]] || fail "$1: $(x 'count(//testcase)') testcases, want $2"
  [[ $(x 'string(//testsuite/@tests)') == "$2" ]] || fail "$1: tests attribute"
  [[ $(x 'count(//testcase/failure)') == "$3" && $(x 'string(//testsuite/@failures)') == "$3" ]] ||
    fail "$1: failures $(x 'count(//testcase/failure)') / $(x 'string(//testsuite/@failures)'), want $3"
  [[ $(x 'count(//testcase/error)') == "$4" && $(x 'string(//testsuite/@errors)') == "$4" ]] || fail "$1: errors, want $4"
  [[ $(x 'count(//testcase/skipped)') == "$5" && $(x 'string(//testsuite/@skipped)') == "$5" ]] ||
    fail "$1: skipped $(x 'count(//testcase/skipped)') / $(x 'string(//testsuite/@skipped)'), want $5"
  [[ $(x 'string(/testsuites/@failures)') == "$3" ]] || fail "$1: testsuites failures"
}
check plain.xml 2 1 0 0
check baseline.xml 2 1 0 1
check error.xml 2 0 1 0
check not-checked.xml 2 1 1 0
grep -q 'type="baseline-fixed"' "$out/baseline.xml" || fail "baseline.xml: no baseline-fixed failure"
grep -q '<failure message="rule first-notify violated: ' "$out/plain.xml" || fail "plain.xml: failure message does not name the rule"

((failures == 0)) || exit 1
echo "all checks passed"
