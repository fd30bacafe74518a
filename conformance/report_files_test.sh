#!/usr/bin/env bash
# The report files of real pdconform runs, end to end:
#   - junit.xml validates against reports/junit.xsd (xmllint) and report.json
#     against reports/report.schema.json (python3-jsonschema), for a passing
#     run, a failing one, one with a baseline, and a merged one;
#   - the baseline bars: a mutant with a baseline listing its violations exits
#     0, without it 1, the reference with that baseline 1 (fixed); a baseline
#     missing one line exits 1 (new violation); a malformed baseline exits 2
#     with its line number; --write-baseline writes what the run expects;
#   - --merge joins shard reports: the whole budget, the union of verdicts,
#     replayable counterexamples; a missing shard is an error;
#   - a Bazel test shard (TEST_SHARD_INDEX/TEST_TOTAL_SHARDS through
#     conformance_test.sh) runs exactly what pdconform --shard I/N runs;
#   - progress: log lines when stderr is not a terminal, one line redrawn in
#     place when it is;
#   - a run killed midway leaves the previous reports intact.
# Usage: report_files_test.sh PDCONFORM JUNIT_XSD CONFORMANCE_TEST_SH
set -uo pipefail

bin=$PWD/$1
xsd=$PWD/$2
shard_runner=$3  # relative: conformance_test.sh resolves it against $PWD
runfiles=$PWD
work="${TEST_TMPDIR:-$(mktemp -d)}/report-files"
rm -rf "$work" && mkdir -p "$work"
mutant=mutant:notify-every-registration
source "$PWD/conformance/testing/pdconform_cli.sh"  # fail, run, verdict, finish
command -v xmllint >/dev/null || { echo "xmllint missing: install libxml2-utils (tools/setup.sh)" >&2; exit 1; }


# valid REPORT_DIR: both machine-readable reports validate against their schemas.
valid() {
  local dir=$1
  valid_json "$dir/report.json"
  xmllint --noout --schema "$xsd" "$dir/junit.xml" 2>"$dir/xsd.out" ||
    fail "$dir/junit.xml does not validate: $(head -5 "$dir/xsd.out")"
  [[ -s "$dir/report.html" ]] || fail "$dir: no report.html"
  for leftover in "$dir"/.*.tmp.* "$dir"/counterexamples/.*.tmp.*; do
    [[ -e "$leftover" ]] && fail "temporary file left behind: $leftover"
  done
}

echo "== reports of a passing and a failing run validate"
run "$work/ref" 0 --cases 50 --report-dir rep && valid "$work/ref/rep"
run "$work/mut" 1 --impl "$mutant" --cases 200 --report-dir rep && valid "$work/mut/rep"
grep -q '"passed": false' "$work/mut/rep/report.json" || fail "mutant report.json: gate passed"
grep -q '"passed": true' "$work/ref/rep/report.json" || fail "reference report.json: gate failed"

echo "== --write-baseline: the baseline that expects this run's violations"
if run "$work/write" 0 --impl "$mutant" --cases 200 --report-dir rep --write-baseline known.pdbaseline; then
  valid "$work/write/rep"
  baseline=$work/write/known.pdbaseline
  head -1 "$baseline" | grep -qx 'pdbaseline 1' || fail "written baseline has no header"
  listed=$(grep -c "^$mutant " "$baseline")
  violated=$(grep -c ' VIOLATED ' "$work/mut/out")
  [[ $listed -ge 1 && $listed -eq $violated ]] || fail "written baseline lists $listed violations, the run shows $violated"
  grep -q "^baseline known.pdbaseline: $listed known, 0 new, 0 fixed" "$work/write/out" ||
    fail "no baseline summary line: $(tail -2 "$work/write/out")"
  grep -q '<skipped message="known deviation: rule ' "$work/write/rep/junit.xml" || fail "junit.xml: no skipped known deviation"
fi

echo "== the bars: mutant + baseline 0, mutant alone 1, reference + baseline 1"
baseline=$work/write/known.pdbaseline
if run "$work/bar1" 0 --impl "$mutant" --cases 200 --report-dir rep --baseline "$baseline"; then
  valid "$work/bar1/rep"
  grep -qE '^RULE +STRENGTH +VERDICT +BASELINE +CASES' "$work/bar1/out" || fail "no BASELINE column"
  grep -qE ' VIOLATED +known ' "$work/bar1/out" || fail "known violation not marked in the table"
  grep -q '"known": '"$listed" "$work/bar1/rep/report.json" || fail "report.json gate.known"
fi
run "$work/bar2" 1 --impl "$mutant" --cases 200 --report-dir rep
# The fixed implementation (the reference stands for it) against the same
# baseline: the listed rules now hold, so the run fails until they go.
if run "$work/bar3" 1 --cases 200 --report-dir rep --baseline "$baseline"; then
  valid "$work/bar3/rep"
  grep -qE ' holds +FIXED ' "$work/bar3/out" || fail "fixed rule not marked FIXED"
  grep -q 'type="baseline-fixed"' "$work/bar3/rep/junit.xml" || fail "junit.xml: no baseline-fixed failure"
  grep -q "0 known, 0 new, $listed fixed" "$work/bar3/out" || fail "summary does not count the fixed rules"
  grep -q "^note: baseline .* was written for $mutant; judging reference against it" "$work/bar3/out" ||
    fail "no note that the baseline was written for another implementation"
fi

echo "== a violation missing from the baseline is new"
if ((listed >= 2)); then
  sed '$d' "$baseline" >"$work/short.pdbaseline"
  if run "$work/new" 1 --impl "$mutant" --cases 200 --report-dir rep --baseline ../short.pdbaseline; then
    grep -qE ' VIOLATED +NEW ' "$work/new/out" || fail "new violation not marked NEW"
  fi
else
  printf 'pdbaseline 1\n' >"$work/short.pdbaseline"
  run "$work/new" 1 --impl "$mutant" --cases 200 --report-dir rep --baseline ../short.pdbaseline
fi

echo "== a malformed baseline: exit 2, one line naming the line"
# bad_baseline EXPECTED_STDERR CONTENT
bad_baseline() {
  local dir="$work/bad-$RANDOM$RANDOM"
  mkdir -p "$dir"
  printf '%b' "$2" >"$dir/b.pdbaseline"
  run "$dir" 2 --impl "$mutant" --cases 5 --baseline b.pdbaseline || return
  [[ "$(cat "$dir/err")" == "$1" ]] || fail "stderr '$(cat "$dir/err")', want '$1'"
  [[ -e "$dir/pdconform-report/report.json" ]] && fail "a bad baseline still ran the suite"
}
bad_baseline "pdconform: b.pdbaseline:3: expected '<impl> <rule-id>' (then an optional '# comment'), got '$mutant'" \
  "pdbaseline 1\n# comment\n$mutant\n"
bad_baseline "pdconform: b.pdbaseline:2: unknown rule 'first-notfy' (see --list-rules)" "pdbaseline 1\n$mutant first-notfy\n"
bad_baseline "pdconform: b.pdbaseline:1: expected the header 'pdbaseline 1', got '$mutant first-notify'" \
  "$mutant first-notify\n"
bad_baseline "pdconform: b.pdbaseline:1: empty file; expected the header 'pdbaseline 1'" ""
dir="$work/missing-baseline"
run "$dir" 2 --baseline nowhere.pdbaseline &&
  [[ "$(cat "$dir/err")" == "pdconform: nowhere.pdbaseline: cannot read: No such file or directory" ]] ||
  fail "missing baseline: $(cat "$dir/err")"

echo "== --merge joins shard reports"
for i in 0 1 2; do
  (cd "$work" && "$bin" --impl "$mutant" --cases 90 --shard "$i/3" --report-dir "shard$i" >"shard$i.out" 2>&1)
  valid "$work/shard$i"
done
if run "$work" 1 --merge shard0 shard1/report.json shard2 --report-dir merged; then
  cp "$work/out" "$work/merged.out"
  valid "$work/merged"
  grep -q '"merged_shards": 3' "$work/merged/report.json" || fail "merged report does not say it merges 3 shards"
  grep -q '"count": 1' "$work/merged/report.json" || fail "merged report is not shard 0/1"
  holding=$(grep -c ' holds ' "$work/merged.out")
  whole=$(grep -cE '^[a-z-]+ +[a-z]+ +holds +90 ' "$work/merged.out")
  [[ $holding -ge 1 && $whole -eq $holding ]] || fail "merged holding rules do not show the whole budget of 90 cases"
  # Every shard's violation is in the merged report, with a replayable counterexample.
  for i in 0 1 2; do
    for rule in $(grep ' VIOLATED ' "$work/shard$i.out" | awk '{print $1}'); do
      grep -qE "^$rule +[a-z]+ +VIOLATED " "$work/merged.out" || fail "merged report lost $rule (violated in shard $i)"
    done
  done
  rule=$(grep -m1 ' VIOLATED ' "$work/merged.out" | awk '{print $1}')
  file=$work/merged/counterexamples/$rule.pdscenario
  [[ -s "$file" ]] || fail "merged report has no counterexample file for $rule"
  grep -q "^# replay in the report directory: pdconform --impl $mutant --replay counterexamples/$rule.pdscenario\$" "$file" ||
    fail "merged counterexample does not name its replay command: $(grep replay "$file")"
  (cd "$work" && "$bin" --impl "$mutant" --replay "merged/counterexamples/$rule.pdscenario" --trace-out replay.trace \
    >replay.out 2>&1)
  [[ $? -eq 1 ]] || fail "merged counterexample does not replay to a violation"
  cmp -s "$work/replay.trace" "$work/merged/counterexamples/$rule.trace" || fail "merged trace differs from the replay"
fi
run "$work" 0 --merge shard0 shard1 shard2 --report-dir merged-known --baseline write/known.pdbaseline &&
  valid "$work/merged-known"
run "$work" 2 --merge shard0 shard2 --report-dir merged-missing &&
  grep -qx "pdconform: --merge: shard 1/3 is missing" "$work/err" || fail "missing shard: $(cat "$work/err")"
run "$work" 2 --merge shard0 shard0 shard1 --report-dir merged-twice &&
  grep -q "is given twice" "$work/err" || fail "repeated shard: $(cat "$work/err")"
run "$work" 2 --merge ref/rep shard1 shard2 --report-dir merged-other &&
  grep -q "from another run" "$work/err" || fail "mixed runs: $(cat "$work/err")"

echo "== --merge keeps a violation across two scenarios with both files"
pair_mutant=mutant:unavailable-keeps-handles
# The first seed of 1..40 whose two shards' counterexamples are both pairs
# (the merge keeps the lowest shard's; with many seeds one trace shows both
# interpretations, and which ones changes with the generator).
pair_seed=""
for seed in $(seq 1 40); do
  for i in 0 1; do
    rm -rf "$work/pshard$i"
    (cd "$work" && "$bin" --impl "$pair_mutant" --rules consistent-interpretation --shard "$i/2" --seed "$seed" \
      --report-dir "pshard$i" >/dev/null 2>&1)
  done
  if [[ -s "$work/pshard0/counterexamples/consistent-interpretation.paired.pdscenario" &&
        -s "$work/pshard1/counterexamples/consistent-interpretation.paired.pdscenario" ]]; then
    pair_seed=$seed
    break
  fi
done
[[ -n "$pair_seed" ]] || fail "no seed of 1..40 gives both shards a pair"
for i in 0 1; do valid "$work/pshard$i"; done
if run "$work" 1 --merge pshard0 pshard1 --report-dir pmerged; then
  valid "$work/pmerged"
  dir=pmerged/counterexamples
  want="pdconform --impl $pair_mutant --replay $dir/consistent-interpretation.pdscenario --paired $dir/consistent-interpretation.paired.pdscenario"
  for f in consistent-interpretation.pdscenario consistent-interpretation.paired.pdscenario; do
    saved="pdconform --impl $pair_mutant --replay counterexamples/consistent-interpretation.pdscenario --paired counterexamples/consistent-interpretation.paired.pdscenario"
    grep -qF "# replay in the report directory: $saved" "$work/$dir/$f" ||
      fail "merged $f does not name the pair's replay: $(grep replay "$work/$dir/$f")"
  done
  (cd "$work" && eval "\"\$bin\" ${want#pdconform } --trace-out preplay.trace" >preplay.out 2>&1)
  [[ $? -eq 1 ]] || fail "the merged pair does not replay to a violation"
  cmp -s "$work/preplay.trace" "$work/$dir/consistent-interpretation.trace" || fail "merged pair's trace differs"
  (cd "$work" && "$bin" --impl "$pair_mutant" --replay "$dir/consistent-interpretation.paired.pdscenario" \
    --trace-out ppaired.trace >/dev/null 2>&1)
  cmp -s "$work/ppaired.trace" "$work/$dir/consistent-interpretation.paired.trace" ||
    fail "merged paired trace differs from its replay"
fi

echo "== shards run with a baseline merge with their marks"
for i in 0 1 2; do
  (cd "$work" && "$bin" --impl "$mutant" --cases 90 --shard "$i/3" --report-dir "bshard$i" \
    --baseline write/known.pdbaseline >/dev/null 2>&1) || fail "shard $i with the baseline failed"
done
run "$work" 0 --merge bshard0 bshard1 bshard2 --report-dir bmerged && valid "$work/bmerged"

echo "== a Bazel test shard runs what pdconform --shard I/N runs"
(cd "$runfiles" && TEST_SHARD_INDEX=1 TEST_TOTAL_SHARDS=3 TEST_SHARD_STATUS_FILE="$work/shard-status" \
  TEST_UNDECLARED_OUTPUTS_DIR="$work/bazel-shard" XML_OUTPUT_FILE="$work/bazel-shard.xml" \
  bash "$shard_runner" "${1}" reference - --cases 30 >"$work/bazel-shard.out" 2>&1) ||
  fail "conformance_test.sh on shard 1/3 failed: $(tail -5 "$work/bazel-shard.out")"
valid_json "$work/bazel-shard/pdconform-shard-1-of-3/report.json"
[[ -e "$work/shard-status" ]] || fail "conformance_test.sh does not touch TEST_SHARD_STATUS_FILE"
run "$work/cli-shard" 0 --cases 30 --shard 1/3 --report-dir rep
cmp -s "$work/bazel-shard/pdconform-shard-1-of-3/report.json" "$work/cli-shard/rep/report.json" ||
  fail "the Bazel shard's report.json differs from pdconform --shard 1/3's"
cmp -s "$work/bazel-shard/pdconform-shard-1-of-3/junit.xml" "$work/bazel-shard.xml" ||
  fail "junit.xml is not handed to Bazel as XML_OUTPUT_FILE"

echo "== progress: log lines off a terminal, a line redrawn in place on one"
grep -qE '^pdconform: \[1/[0-9]+\] first-notify: (holds|VIOLATED), [0-9]+/[0-9]+ cases; [0-9.]+ s elapsed' \
  "$work/mut/err" || fail "no progress log line: $(head -3 "$work/mut/err")"
if command -v script >/dev/null; then
  (cd "$work" && script -qec "'$bin' --cases 50 --no-report" /dev/null >tty.out 2>&1 </dev/null)
  grep -q $'\rpdconform: [0-9]*/[0-9]* rules, [0-9]*/[0-9]* cases, ' "$work/tty.out" ||
    fail "no in-place progress line on a terminal: $(head -c 300 "$work/tty.out" | od -c | head -5)"
  grep -q '^pdconform: \[' "$work/tty.out" && fail "log lines on a terminal"
fi

echo "== a run killed midway leaves the previous reports intact"
cp -r "$work/ref/rep" "$work/before"
(cd "$work/ref" && exec "$bin" --cases 1000000 --report-dir rep >kill.out 2>&1) &
pid=$!
sleep 1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
diff -r "$work/before" "$work/ref/rep" >/dev/null || fail "a killed run changed the report directory"

finish "all checks passed"
