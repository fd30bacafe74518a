#!/usr/bin/env bash
# Differential replay end to end:
#   1. pdconform --diff of the live traces recorded under Wine: the reference
#      observes the same (exit 0); mutant:accept-second-registration differs
#      in exactly one case, second_registration (exit 1), reported on the
#      console and in the report directory (report.html side by side,
#      report.json, junit.xml, the case's files, which --diff reads again);
#   2. pdconform --record: the corpus recorded against one implementation
#      diffs clean against itself and not against a mutant; bad input is one
#      line and exit 2.
# Usage: trace_diff_test.sh PDCONFORM
set -uo pipefail
pdconform=$PWD/$1
recorded=live/testdata/wine
tmp=${TEST_TMPDIR:-$(mktemp -d)}
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
cases=$(ls "$recorded"/*.pdscenario | wc -l)

# 1. The checked-in live recordings.
out=$("$pdconform" --diff "$recorded" --impl reference --report-dir "$tmp/same" 2>&1)
status=$?
[[ $status -eq 0 ]] || fail "--diff against the reference exits $status (expected 0): $out"
grep -q "^$cases recorded cases against reference: 0 differences in what a caller observes$" <<<"$out" ||
  fail "--diff against the reference: $(tail -n 2 <<<"$out")"
grep -q "PASS: $cases recorded cases, 0 differences" "$tmp/same/report.html" || fail "report.html does not say PASS"
[[ -z "$(ls -A "$tmp/same/counterexamples" 2>/dev/null)" ]] || fail "a clean diff wrote counterexamples"

out=$("$pdconform" --diff "$recorded" --impl mutant:accept-second-registration --report-dir "$tmp/mutant" 2>&1)
status=$?
[[ $status -eq 1 ]] || fail "--diff against the mutant exits $status (expected 1)"
grep -q ": 1 difference in what a caller observes$" <<<"$out" || fail "--diff against the mutant: $(tail -n 2 <<<"$out")"
grep -q "^DIFFERENT  second_registration: observable line" <<<"$out" || fail "the difference is not in second_registration"
grep -q "RECORDED (live)" <<<"$out" || fail "no side-by-side traces on the console"
report=$tmp/mutant
grep -q 'FAIL: [0-9]* recorded cases, 1 difference' "$report/report.html" || fail "report.html does not say FAIL"
grep -q '<tr class="differs first">' "$report/report.html" || fail "report.html has no side-by-side table with the first difference marked"
grep -q 'id="case-second_registration"' "$report/report.html" || fail "report.html has no section for second_registration"
grep -q '"schema": "pdconform-diff/1"' "$report/report.json" || fail "report.json is not a diff report"
grep -q '"differences": 1' "$report/report.json" || fail "report.json does not count one difference"
grep -q 'failures="1"' "$report/junit.xml" || fail "junit.xml does not count one failure"
grep -q '<testcase name="second_registration" classname="pdconform.diff.mutant:accept-second-registration">' \
  "$report/junit.xml" || fail "junit.xml has no test case for second_registration"
for file in second_registration.pdscenario second_registration.trace second_registration.replayed.trace; do
  [[ -s "$report/counterexamples/$file" ]] || fail "counterexamples/$file missing"
done
cmp -s "$report/counterexamples/second_registration.pdscenario" "$recorded/second_registration.pdscenario" ||
  fail "the saved scenario is not the recorded one"
# The command the report prints diffs the differing case again, from the report directory.
rediff=$(cd "$report" && "$pdconform" --diff counterexamples --impl mutant:accept-second-registration --no-report 2>&1)
grep -q "^1 recorded cases against mutant:accept-second-registration: 1 difference" <<<"$rediff" ||
  fail "--diff counterexamples in the report directory: $(tail -n 1 <<<"$rediff")"
# A diff report is no shard report: --merge names the schema.
out=$("$pdconform" --merge "$report" --report-dir "$tmp/merged" 2>&1)
[[ $? -eq 2 ]] && grep -q 'unsupported report schema "pdconform-diff/1"' <<<"$out" ||
  fail "--merge of a diff report: $out"

# A directory without recordings is an error, not "no difference".
mkdir -p "$tmp/empty"
"$pdconform" --diff "$tmp/empty" --impl reference --no-report >/dev/null 2>&1
[[ $? -eq 2 ]] || fail "--diff of an empty directory does not exit 2"

# 2. --record.
corpus=conformance/testdata
out=$("$pdconform" --record "$tmp/rec" --impl reference "$corpus" 2>&1)
[[ $? -eq 0 ]] || fail "--record of the corpus exits non-zero: $(tail -n 2 <<<"$out")"
n=$(ls "$corpus"/*.pdscenario | wc -l)
grep -q "^$n scenarios recorded against reference in $tmp/rec" <<<"$out" || fail "--record: $(tail -n 1 <<<"$out")"
for scenario in "$corpus"/*.pdscenario; do
  name=$(basename "$scenario" .pdscenario)
  cmp -s "$scenario" "$tmp/rec/$name.pdscenario" || fail "--record: $name.pdscenario is not the scenario"
  # The reference's recording is its golden trace: same scenario, same bytes.
  cmp -s "$corpus/$name.trace" "$tmp/rec/$name.trace" || fail "--record: $name.trace differs from the golden trace"
done
"$pdconform" --diff "$tmp/rec" --impl reference --no-report >/dev/null 2>&1 || fail "the reference differs from its own recording"
out=$("$pdconform" --diff "$tmp/rec" --impl mutant:accept-second-registration --no-report 2>&1)
[[ $? -eq 1 ]] || fail "a mutant does not differ from the reference's recording"
# A recording keeps a scenario the implementation fails: it is still what it did.
out=$("$pdconform" --record "$tmp/rec-mutant" --impl mutant:accept-second-registration \
  "$corpus/second_registration.pdscenario" 2>&1)
[[ $? -eq 0 ]] || fail "--record against a mutant exits non-zero"
grep -q "^recorded   second_registration ([0-9]* steps): violated: single-registration" <<<"$out" ||
  fail "--record does not say which rules the recorded run violated: $out"

# Bad input: one line, exit 2, nothing recorded.
printf 'not a scenario\n' >"$tmp/bad.pdscenario"
out=$("$pdconform" --record "$tmp/rec-bad" --impl reference "$tmp/bad.pdscenario" 2>&1)
[[ $? -eq 2 && $(wc -l <<<"$out") -eq 1 ]] || fail "--record of a malformed scenario: $out"
[[ ! -e "$tmp/rec-bad" ]] || fail "--record of a malformed scenario created its directory"
mkdir -p "$tmp/other"
cp "$corpus/second_registration.pdscenario" "$tmp/other/"
out=$("$pdconform" --record "$tmp/rec-dup" --impl reference "$corpus" "$tmp/other" 2>&1)
[[ $? -eq 2 ]] && grep -q "same name as" <<<"$out" || fail "--record of two scenarios with one name: $out"
out=$("$pdconform" --record "$tmp/rec-none" --impl reference "$tmp/empty" 2>&1)
[[ $? -eq 2 ]] && grep -q "no .pdscenario files" <<<"$out" || fail "--record of an empty directory: $out"

((failures == 0)) || exit 1
echo "PASS: differential replay"
