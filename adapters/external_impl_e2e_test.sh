#!/usr/bin/env bash
# The bars of plugin:/exec: implementations, through the pdconform binary:
#  - the example plugin (C) and the example program (Python) pass (exit 0);
#  - their wrong variants fail naming their rule (exit 1);
#  - plugins that segfault, abort or hang on their third call, and a program
#    that dies on it, each give a finding (no-crash / no-hang), a complete
#    report and a counterexample that replays to the same finding;
#  - cases cut short: with a plugin that segfaults on its third call of every
#    case, and with one that hangs on it under the default budget of cases,
#    every rule row says how many cases reached their end, rules whose cases
#    mostly did not are NOT-CHECKED (never holds), the gate fails, the report
#    is complete; the hang budget (--max-rule-hangs, --max-hangs) skips the
#    rest of a hanging run, so it ends in seconds and says what it skipped;
#  - a plugin built against another ABI version, or missing a function, is
#    refused with one line and exit 2;
#  - so is a plugin whose constructor exits (before: pdconform exited 0
#    without a word) or segfaults, whose pd_plugin_abi_version segfaults
#    (before: pdconform died, 139), or whose destructor exits (before: a run
#    that printed VIOLATED exited 0): plugin code runs in workers only.
# Arguments: runfiles paths of pdconform, the example plugin, its wrong
# variant, example_impl.py, the segv/abort/hang plugins, the ABI-mismatch
# plugin, the incomplete plugin, faulty_impl.py, the ctor_exit, ctor_segv,
# abi_segv and dtor_exit plugins.
set -uo pipefail

bin="$PWD/$1"
example_plugin="$PWD/$2"
example_plugin_bug="$PWD/$3"
example_py="$PWD/$4"
segv_plugin="$PWD/$5"
abort_plugin="$PWD/$6"
hang_plugin="$PWD/$7"
abi_plugin="$PWD/$8"
incomplete_plugin="$PWD/$9"
faulty_py="$PWD/${10}"
ctor_exit_plugin="$PWD/${11}"
ctor_segv_plugin="$PWD/${12}"
abi_segv_plugin="$PWD/${13}"
dtor_exit_plugin="$PWD/${14}"
python=/usr/bin/python3
work="${TEST_TMPDIR:-$(mktemp -d)}/external"
rm -rf "$work" && mkdir -p "$work"
source "$PWD/conformance/testing/pdconform_cli.sh"  # fail, run, verdict, finish

expect_violated() {  # expect_violated DIR RULE...: each of these rules is VIOLATED (others may be too)
  local dir=$1
  shift
  for rule in "$@"; do
    [[ "$(verdict "$dir" "$rule")" == VIOLATED ]] || fail "$dir: $rule is '$(verdict "$dir" "$rule")', want VIOLATED"
  done
}

# A complete report: report.json, junit.xml, and a counterexample for `rule`
# whose replay (the printed command's flags) reproduces the finding.
expect_report_with_replay() {  # DIR RULE IMPL
  local dir=$1 rule=$2 impl=$3
  [[ -s "$dir/report/report.json" ]] || fail "$dir: no report.json"
  [[ -s "$dir/report/junit.xml" ]] || fail "$dir: no junit.xml"
  local scenario="$dir/report/counterexamples/$rule.pdscenario"
  [[ -s "$scenario" ]] || { fail "$dir: no counterexample $rule.pdscenario"; return; }
  grep -q "\"$rule\"" "$dir/report/report.json" || fail "$dir: report.json does not name $rule"
  if run "$dir/replay" 1 --impl "$impl" --replay "$scenario" --timeout-ms 300; then
    [[ "$(verdict "$dir/replay" "$rule")" == VIOLATED ]] || fail "$dir: the replay does not reproduce $rule"
  fi
}

# cut_short DIR MIN_NOT_CHECKED: DIR/report/report.json, junit.xml and
# report.html are complete; every rule states its reached cases; a rule
# without violation is NOT-CHECKED exactly when fewer than half of its
# planned cases (run + skipped) reached their end (no-crash and no-hang,
# which judge the crashes and hangs themselves, excepted), and the console
# row says the same; at least MIN_NOT_CHECKED rules are not checked.
cut_short() {
  local dir=$1 min=$2
  [[ -s "$dir/report/report.html" && -s "$dir/report/junit.xml" ]] || fail "$dir: report.html or junit.xml missing"
  "$python" - "$dir/report/report.json" "$dir/out" "$dir/report/junit.xml" "$min" <<'PY' || fail "$dir: cut-short verdicts"
import json, re, sys
report = json.load(open(sys.argv[1]))
console = open(sys.argv[2]).read()
junit = open(sys.argv[3]).read()
minimum = int(sys.argv[4])
problems = []
not_checked = 0
for rule in report["rules"]:
    rid, verdict = rule["id"], rule["verdict"]
    cases, reached, skipped = rule["cases"], rule["reached"], rule["skipped"]
    if not 0 <= reached <= cases:
        problems.append(f"{rid}: reached {reached} of {cases}")
    cut = 2 * reached < cases + skipped
    exempt = rid in ("no-crash", "no-hang")
    if verdict == "holds" and cut and not exempt:
        problems.append(f"{rid}: holds with {reached} of {cases} reached, {skipped} skipped")
    if verdict == "not-checked":
        not_checked += 1
        if not cut or exempt:
            problems.append(f"{rid}: not checked with {reached} of {cases} reached, {skipped} skipped")
    row = re.search(r"^%s +\S+ +(\S+) +(\d+) +(\d+) " % re.escape(rid), console, re.M)
    want = {"holds": "holds", "violated": "VIOLATED", "error": "ERROR", "not-checked": "NOT-CHECKED"}[verdict]
    if not row or row.group(1) != want or int(row.group(2)) != cases or int(row.group(3)) != reached:
        problems.append(f"{rid}: console row does not say {want} {cases} {reached}")
if not_checked < minimum:
    problems.append(f"only {not_checked} rules not checked, want at least {minimum}")
if report["gate"]["passed"] or report["gate"]["not_checked"] != not_checked:
    problems.append(f"gate: {report['gate']}")
if report["totals"]["not_checked"] != not_checked:
    problems.append(f"totals: {report['totals']}")
if junit.count('type="not-checked"') != not_checked:
    problems.append("junit.xml: not one not-checked error per rule not checked")
if f", {not_checked} not checked (cases cut short);" not in console:
    problems.append("console summary does not count the rules not checked")
for line in problems:
    print("  " + line, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

# The examples implement the whole API and are judged by every rule.
echo "== the example plugin passes"
run "$work/plugin" 0 --impl "plugin:$example_plugin" --cases 60 --no-report &&
  grep -qE '^[0-9]+ rules: [0-9]+ hold, 0 violated' "$work/plugin/out" || fail "example plugin: no clean summary"

echo "== its wrong variant fails single-registration"
run "$work/plugin-bug" 1 --impl "plugin:$example_plugin_bug" --cases 60 --no-report &&
  expect_violated "$work/plugin-bug" single-registration

echo "== the Python example passes"
run "$work/python" 0 --impl "exec:$python $example_py" --cases 60 --no-report &&
  grep -qE '^[0-9]+ rules: [0-9]+ hold, 0 violated' "$work/python/out" || fail "Python example: no clean summary"

# The golden read outcomes (local hit, peer hit, timeout, local-cache-only
# miss, end of content) give the reference's trace byte for byte through
# both doors too: the peer network and the timeouts reach them alike.
echo "== the read goldens replay byte for byte through plugin: and exec:"
for scenario in "$PWD"/conformance/testdata/read_*.pdscenario; do
  name=$(basename "$scenario" .pdscenario)
  for impl in "plugin:$example_plugin" "exec:$python $example_py"; do
    dir="$work/golden-$name-${impl%%:*}"
    run "$dir" 0 --impl "$impl" --replay "$scenario" --trace-out "$dir/trace" &&
      { cmp -s "$dir/trace" "${scenario%.pdscenario}.trace" || fail "$name through ${impl%%:*}: the trace differs"; }
  done
done

echo "== its wrong variant fails event-and-port"
run "$work/python-bug" 1 --impl "exec:$python $example_py --bug=skip-event-when-port" --cases 60 --no-report &&
  expect_violated "$work/python-bug" event-and-port

echo "== a plugin that segfaults on its third call: a no-crash finding and a complete report"
impl="plugin:$segv_plugin"
if run "$work/segv" 1 --impl "$impl" --cases 5 --report-dir report; then
  expect_violated "$work/segv" no-crash
  grep -q 'SIGSEGV' "$work/segv/report/counterexamples/no-crash.pdscenario" ||
    fail "segv: the counterexample does not say SIGSEGV"
  # Run under the default bound: the replay command needs no --timeout-ms.
  grep -q '^# replay in the report directory: .*--timeout-ms' "$work/segv/report/counterexamples/no-crash.pdscenario" &&
    fail "segv: the replay command names a --timeout-ms the run did not set"
  expect_report_with_replay "$work/segv" no-crash "$impl"
  # Shrunk to the three calls it takes.
  [[ $(grep -cE '^(startup|shutdown|get-status|register|unregister|get-overlapped-result)' \
    "$work/segv/report/counterexamples/no-crash.pdscenario") -eq 3 ]] || fail "segv: not shrunk to 3 calls"
fi

echo "== a plugin that segfaults on the third call of every case: rules mostly cut short are NOT-CHECKED"
if run "$work/segv-cut" 1 --impl "plugin:$segv_plugin" --cases 20 --report-dir report; then
  cut_short "$work/segv-cut" 5
  expect_violated "$work/segv-cut" no-crash
  grep -q '^not checked (cases cut short by a crash or a hang, or skipped):$' "$work/segv-cut/out" ||
    fail "segv: no list of the rules not checked"
fi

echo "== a plugin that aborts on its third call: a no-crash finding"
run "$work/abort" 1 --impl "plugin:$abort_plugin" --cases 5 --no-report &&
  expect_violated "$work/abort" no-crash

echo "== a plugin that sleeps forever on its third call: a no-hang finding and a complete report"
impl="plugin:$hang_plugin"
start=$(date +%s)
# (3 cases: the third of no-hang's own scenarios is the first to make a third call.)
if run "$work/hang" 1 --impl "$impl" --cases 3 --timeout-ms 100 --report-dir report; then
  expect_violated "$work/hang" no-hang
  grep -q 'within 100 ms' "$work/hang/report/counterexamples/no-hang.pdscenario" ||
    fail "hang: the counterexample does not state the bound"
  # Its replay command keeps the bound the run had.
  grep -qE '^# replay in the report directory: .* --replay .* --timeout-ms 100$' "$work/hang/report/counterexamples/no-hang.pdscenario" ||
    fail "hang: the replay command does not carry --timeout-ms 100: $(grep '^# replay' "$work/hang/report/counterexamples/no-hang.pdscenario")"
  expect_report_with_replay "$work/hang" no-hang "$impl"
fi
echo "   ($(($(date +%s) - start)) s)"

echo "== the hanging plugin under the default budget of cases: the hang budget ends it in seconds"
# Without the budget: 28 rules x 1000 cases, most of them a 100 ms timeout
# (over 40 minutes). With it (defaults: 3 consecutive hangs per rule, 10 in
# the run): a few dozen hangs, shrinking no-hang's counterexample included.
start=$(date +%s)
if run "$work/hang-budget" 1 --impl "$impl" --timeout-ms 100 --report-dir report; then
  elapsed=$(($(date +%s) - start))
  echo "   ($elapsed s)"
  ((elapsed < 150)) || fail "hang budget: the run took $elapsed s"
  expect_violated "$work/hang-budget" no-hang
  cut_short "$work/hang-budget" 20
  skipped=$("$python" -c 'import json,sys; print(sum(r["skipped"] for r in json.load(open(sys.argv[1]))["rules"]))' \
    "$work/hang-budget/report/report.json")
  ((skipped > 20000)) || fail "hang budget: only $skipped cases skipped"
  grep -qE '^  [a-z-]+: no case ran, 1000 skipped \(hang budget\)$' "$work/hang-budget/out" ||
    fail "hang budget: no rule says its cases were skipped"
fi
echo "== --max-hangs 0 --max-rule-hangs 0: no budget, every case runs"
if run "$work/hang-nobudget" 1 --impl "$impl" --cases 2 --timeout-ms 100 --max-hangs 0 --max-rule-hangs 0 --no-report; then
  grep -q 'skipped (hang budget)' "$work/hang-nobudget/out" && fail "no budget: cases were skipped"
fi

echo "== the same in two shards, merged: the merged replay command keeps the bound"
if run "$work/hang-shards" 1 --impl "$impl" --cases 5 --timeout-ms 100 --rules no-hang --shard 0/2 --report-dir s0 &&
  run "$work/hang-shards" 1 --impl "$impl" --cases 5 --timeout-ms 100 --rules no-hang --shard 1/2 --report-dir s1 &&
  run "$work/hang-shards" 1 --merge s0 s1 --report-dir merged; then
  grep -qE '^# replay in the report directory: .* --replay .* --timeout-ms 100$' "$work/hang-shards/merged/counterexamples/no-hang.pdscenario" ||
    fail "merged hang: the replay command does not carry --timeout-ms 100"
fi

echo "== a program that dies on its third call: a no-crash finding"
run "$work/py-die" 1 --impl "exec:$python $faulty_py --fault=die" --cases 5 --no-report &&
  expect_violated "$work/py-die" no-crash

echo "== a program that writes garbage: a no-crash finding quoting it"
if run "$work/py-garbage" 1 --impl "exec:$python $faulty_py --fault=garbage" --cases 5 --report-dir report; then
  expect_violated "$work/py-garbage" no-crash
  grep -q 'this is not the protocol' "$work/py-garbage/report/counterexamples/no-crash.pdscenario" ||
    fail "garbage: the counterexample does not quote what was received"
fi

# usage_error EXPECTED_SUBSTRING ARGS...: exit 2, nothing on stdout, one line on stderr containing it.
usage_error() {
  local want=$1
  shift
  local dir="$work/usage-$RANDOM$RANDOM"
  run "$dir" 2 "$@" || return
  [[ -s "$dir/out" ]] && fail "pdconform $*: printed on stdout: $(cat "$dir/out")"
  [[ $(wc -l <"$dir/err") -eq 1 ]] || fail "pdconform $*: stderr is not one line: $(cat "$dir/err")"
  grep -qF -- "$want" "$dir/err" || fail "pdconform $*: stderr '$(cat "$dir/err")' lacks '$want'"
}

echo "== refusals: exit 2, one line"
usage_error "built against plugin ABI version 2, this harness speaks version 1" --impl "plugin:$abi_plugin"
usage_error "missing symbol PeerDistGetStatusEx" --impl "plugin:$incomplete_plugin"
usage_error "cannot load" --impl "plugin:$work/no-such-plugin.so"
usage_error "does not speak the harness protocol (version 1): it answered \`hello 99\`: it speaks protocol version 99, this harness speaks version 1" --impl "exec:$python $faulty_py --fault=hello"
usage_error "--timeout-ms: expected milliseconds" --impl "plugin:$example_plugin" --timeout-ms 0

echo "== plugins failing where they are loaded or unloaded: exit 2, one line naming where"
usage_error "plugin $ctor_exit_plugin: cannot load: the library's constructor exited with status 0" \
  --impl "plugin:$ctor_exit_plugin"
usage_error "plugin $ctor_segv_plugin: cannot load: the library's constructor was killed by signal 11 (SIGSEGV)" \
  --impl "plugin:$ctor_segv_plugin"
usage_error "plugin $abi_segv_plugin: cannot load: pd_plugin_abi_version was killed by signal 11 (SIGSEGV)" \
  --impl "plugin:$abi_segv_plugin"
# Its calls break rules (invalid-handle): the destructor's _exit(0) must not make that a pass.
usage_error "plugin $dtor_exit_plugin: cannot unload: the library's destructor exited with status 0" \
  --impl "plugin:$dtor_exit_plugin" --report-dir report
ls "$work"/usage-*/report/report.json >/dev/null 2>&1 && fail "a refused plugin wrote a report"

echo "== the same faults from the second load on, in the suite's workers: a no-crash finding, a complete report"
for plugin in "$ctor_exit_plugin" "$ctor_segv_plugin" "$abi_segv_plugin"; do
  dir="$work/mid-suite-$(basename "$plugin" .so)"
  if PD_TEST_PLUGIN_LOG="$dir.log" PD_TEST_FAULT_FROM_LOAD=2 \
    run "$dir" 1 --impl "plugin:$plugin" --cases 3 --rules no-crash,invalid-handle --report-dir report; then
    expect_violated "$dir" no-crash
    [[ -s "$dir/report/report.json" ]] || fail "$dir: no report.json"
    grep -q '(the worker was ' "$dir/report/counterexamples/no-crash.pdscenario" ||
      fail "$dir: the finding does not say what the worker was doing"
  fi
done

finish "all external implementation checks passed"
