#!/usr/bin/env bash
# pdconform --diff of the live traces recorded under Wine: the reference
# observes the same (exit 0, no difference); mutant:accept-second-registration
# differs in exactly one recorded case, second_registration (exit 1).
# Usage: trace_diff_test.sh PDCONFORM
set -uo pipefail
pdconform=$PWD/$1
recorded=live/testdata/wine
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
out=$("$pdconform" --diff "$recorded" --impl reference 2>&1)
status=$?
[[ $status -eq 0 ]] || fail "--diff against the reference exits $status (expected 0)"
grep -q "^8 recorded cases against reference: 0 differences in what a caller observes$" <<<"$out" ||
  fail "--diff against the reference: $(tail -n 1 <<<"$out")"
out=$("$pdconform" --diff "$recorded" --impl mutant:accept-second-registration 2>&1)
status=$?
[[ $status -eq 1 ]] || fail "--diff against the mutant exits $status (expected 1)"
grep -q ": 1 difference in what a caller observes$" <<<"$out" || fail "--diff against the mutant: $(tail -n 1 <<<"$out")"
grep -q "^DIFFERENT  second_registration: observable line" <<<"$out" || fail "the difference is not in second_registration"
grep -q "RECORDED (live)" <<<"$out" || fail "no side-by-side traces"
# A directory without recordings is an error, not "no difference".
empty=${TEST_TMPDIR:-$(mktemp -d)}/empty
mkdir -p "$empty"
"$pdconform" --diff "$empty" --impl reference >/dev/null 2>&1
[[ $? -eq 2 ]] || fail "--diff of an empty directory does not exit 2"
((failures == 0)) || exit 1
echo "PASS: differential replay"
