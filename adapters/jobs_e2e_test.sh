#!/usr/bin/env bash
# The bars of issue 13 that a test can hold, end to end through pdconform:
# plugin and exec: runs write the same console and report bytes for --jobs 1
# and --jobs 2 (a crashing plugin too: its job dies and the rule runs again
# with a fresh worker per case); a plugin whose pd_plugin_init leaves state
# behind gets an incomplete-reset finding whose replay command shows the case
# holding alone, and every VIOLATED row of that run replays.
#
# Arguments (runfiles paths): pdconform, the example plugin, its leaky
# variant, the segv plugin, example_impl.py.
set -uo pipefail

bin="$PWD/$1"
plugin="$PWD/$2"
leaky="$PWD/$3"
segv="$PWD/$4"
example_py="$PWD/$5"
work="${TEST_TMPDIR:-$(mktemp -d)}/jobs"
rm -rf "$work" && mkdir -p "$work"
source "$PWD/conformance/testing/pdconform_cli.sh"  # fail, run, verdict, finish

# same_for_jobs NAME WANT_RC ARGS...: --jobs 1 and --jobs 2 agree byte for
# byte (the console's summary line alone states a wall time).
same_for_jobs() {
  local name=$1 want=$2
  shift 2
  run "$work/$name-j1" "$want" --jobs 1 --report-dir report "$@" || return
  run "$work/$name-j2" "$want" --jobs 2 --report-dir report "$@" || return
  diff -r "$work/$name-j1/report" "$work/$name-j2/report" >/dev/null ||
    fail "$name: reports differ between --jobs 1 and --jobs 2"
  cmp -s <(grep -v ' s wall, ' "$work/$name-j1/out") <(grep -v ' s wall, ' "$work/$name-j2/out") ||
    fail "$name: console differs between --jobs 1 and --jobs 2"
}

echo "== the example plugin: every rule holds, the same bytes for --jobs 1 and 2"
same_for_jobs plugin 0 --impl "plugin:$plugin" --cases 200

echo "== example_impl.py (one process per job): the same bytes for --jobs 1 and 2"
same_for_jobs exec 0 --impl "exec:python3 $example_py" --cases 10

echo "== a plugin that crashes: its jobs die, the rules run again isolated; the same bytes"
same_for_jobs segv 1 --impl "plugin:$segv" --cases 5
[[ "$(verdict "$work/segv-j1" no-crash)" == VIOLATED ]] || fail "segv: no-crash is not VIOLATED"

echo "== a plugin that leaks state across cases: an incomplete-reset finding"
if run "$work/leak" 1 --impl "plugin:$leaky" --rules single-registration --cases 200 --report-dir report; then
  [[ "$(verdict "$work/leak" single-registration)" == ERROR ]] ||
    fail "leak: single-registration is $(verdict "$work/leak" single-registration), want ERROR"
  grep -q '^  single-registration: could not be checked: incomplete reset: ' "$work/leak/out" ||
    fail "leak: no incomplete-reset finding: $(grep single-registration "$work/leak/out")"
  # It says what the persistent process saw.
  grep -q '^  single-registration: could not be checked: incomplete reset: .*; in that process, step [0-9]*, t=[0-9]* us: .*expected' "$work/leak/out" ||
    fail "leak: the finding does not say what the persistent process saw: $(grep 'incomplete reset' "$work/leak/out")"
  replay=$(sed -n 's/^single-registration .*ERROR.*  \(pdconform --impl .*\)$/\1/p' "$work/leak/out")
  [[ -n "$replay" ]] || fail "leak: no replay command in the row"
  # Alone, in a fresh process, the case holds: that is what the finding says.
  (cd "$work/leak" && eval "\"\$bin\" ${replay#pdconform }" >replay.out 2>replay.err)
  rc=$?
  [[ $rc -eq 0 ]] || fail "leak: the lone replay exited $rc, want 0 (holds): $(tail -3 "$work/leak/replay.out")"
fi

echo "== every VIOLATED row of a persistent run replays alone"
if run "$work/leak-all" 1 --impl "plugin:$leaky" --cases 100 --report-dir report; then
  while read -r rule replay; do
    (cd "$work/leak-all" && eval "\"\$bin\" ${replay#pdconform }" >"replay-$rule.out" 2>&1)
    rc=$?
    [[ $rc -eq 1 ]] || fail "leak-all: $rule's counterexample does not replay (exit $rc)"
  done < <(sed -n 's/^\([a-z-]*\) .* VIOLATED .*  \(pdconform --impl .*\)$/\1 \2/p' "$work/leak-all/out")
fi

finish "jobs e2e: all checks passed"
