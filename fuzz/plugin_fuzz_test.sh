#!/usr/bin/env bash
# A plugin fuzzed in process (PD_FUZZ_IMPL=plugin:PATH.so), end to end with
# the commands fuzz/README.md gives a plugin author: the example C plugin
# built with plain clang-14 and -fsanitize=fuzzer-no-link,address,undefined,
# then libFuzzer from the seed corpus and dictionary, bounded in runs:
#   - the example fuzzes clean;
#   - -DEXAMPLE_BUG_STATUS_INFO_OVERRUN (PeerDistGetStatusEx writes 4 bytes
#     past the PEERDIST_STATUS_INFO) is stopped by AddressSanitizer, reported
#     as buffer-bounds, and its scenario replays in pdconform to the same rule;
#   - -DEXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION is reported with its rule id
#     (single-registration), and its scenario replays to it;
#   - a path that is no plugin stops the fuzzer with one line, status 2;
#   - PD_FUZZ_IMPL=exec:COMMAND: the Python example fuzzes clean; a process
#     that dies is reported as no-crash, one that stops answering as no-hang.
# Needs the libFuzzer build (--config=fuzz) and clang-14: without clang-14 it
# says so and skips (tools/run_tests.sh runs it when clang-14 is there).
#
#   plugin_fuzz_test.sh FUZZER PDCONFORM CORPUS_DIR DICT FAULTY_IMPL_PY PLUGIN_HEADER EXAMPLE_SOURCES...
set -euo pipefail
fuzzer=$1 pdconform=$2 corpus=$3 dict=$4 faulty_impl=$5 header=$6
shift 6
example_impl=''
for file in "$@"; do [[ "$file" == *example_impl.py ]] && example_impl=$file; done
sources=()
for file in "$@"; do [[ "$file" == *.c ]] && sources+=("$file"); done

if ! command -v clang-14 >/dev/null; then
  echo "plugin_fuzz_test: SKIPPED: clang-14 is not installed (fuzz/setup.sh installs it)"
  exit 0
fi
# PD_FUZZ_IMPL=list makes a libFuzzer build print the catalog and exit 2.
listing=$(PD_FUZZ_IMPL=list "$fuzzer" -runs=0 2>&1 || true)
if ! grep -q '^  reference' <<<"$listing"; then
  echo "plugin_fuzz_test: $fuzzer is not a libFuzzer build; run with --config=fuzz" >&2
  exit 1
fi

work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/plugin_fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
  echo "plugin_fuzz_test: FAIL: $*" >&2
  [[ -f "$work/log" ]] && tail -40 "$work/log" >&2
  exit 1
}

# The README's build command, with a -D switch for the broken variants.
build_plugin() {  # build_plugin OUT [-DSWITCH]
  local out=$1
  shift
  clang-14 -shared -fPIC -O1 -g -fno-omit-frame-pointer \
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
    -fvisibility=hidden -I "$(dirname "$header")" "$@" "${sources[@]}" -o "$out"
}

runs=${PD_PLUGIN_FUZZ_RUNS:-10000}
# The README's fuzz command, bounded: `fuzz_impl SPEC [RUNS]` -> status, log in $work/log.
fuzz_impl() {
  local spec=$1 bound=${2:-$runs}
  rm -rf "$work/corpus" "$work/findings" "$work"/crash-*
  mkdir -p "$work/corpus"
  set +e
  (cd "$work" && PD_FUZZ_IMPL="$spec" PD_FUZZ_OUT="$work/findings" \
    "$fuzzer" corpus "$corpus" -dict="$dict" -max_len=3081 -seed=1 -runs="$bound" \
    -print_final_stats=1) >"$work/log" 2>&1
  local status=$?
  set -e
  return $status
}

# The scenario file a finding wrote replays in pdconform to `rule`.
check_replay() {  # check_replay PLUGIN RULE
  local finding
  finding=$(sed -n 's/^==pd-fuzz== scenario written to //p' "$work/log" | head -1)
  [[ -f "$finding" ]] || fail "no scenario file written for $2"
  set +e
  "$pdconform" --impl "plugin:$1" --replay "$finding" >"$work/replay" 2>&1
  set -e
  grep -q "$2" "$work/replay" || { cat "$work/replay" >&2; fail "the replay of $finding does not show $2"; }
}

fuzzer=$(realpath "$fuzzer") pdconform=$(realpath "$pdconform")
corpus=$(realpath "$corpus") dict=$(realpath "$dict")
faulty_impl=$(realpath "$faulty_impl") example_impl=$(realpath "$example_impl")

build_plugin "$work/libexample_fuzz.so"
build_plugin "$work/libexample_fuzz_overrun.so" -DEXAMPLE_BUG_STATUS_INFO_OVERRUN
build_plugin "$work/libexample_fuzz_bug.so" -DEXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION

start=$SECONDS
fuzz_impl "plugin:$work/libexample_fuzz.so" || fail "the example plugin did not fuzz clean for $runs runs"
grep -q '^==pd-fuzz==' "$work/log" && fail "the example plugin has a finding"
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
[[ "$execs" -ge "$runs" ]] || fail "the example ran $execs inputs, fewer than $runs"
# The plugin's own edges count: its coverage counters joined libFuzzer's.
grep -qE 'INFO: Loaded [0-9]+ modules' "$work/log" || fail "no coverage modules reported"
modules=$(sed -n 's/^INFO: Loaded \([0-9]*\) modules.*/\1/p' "$work/log" | head -1)
[[ "$modules" -ge 2 ]] || fail "libFuzzer counted $modules module(s): the plugin's edges are not seen"
echo "plugin_fuzz_test: example clean in $execs runs ($((SECONDS - start)) s)"

start=$SECONDS
fuzz_impl "plugin:$work/libexample_fuzz_overrun.so" && fail "the overrun variant was not found in $runs runs"
grep -q 'ERROR: AddressSanitizer: heap-buffer-overflow' "$work/log" || fail "AddressSanitizer did not report the overrun"
grep -q '^==pd-fuzz== rule buffer-bounds violated' "$work/log" || fail "the overrun is not reported as buffer-bounds"
check_replay "$work/libexample_fuzz_overrun.so" buffer-bounds
echo "plugin_fuzz_test: overrun found: $(sed -n 's/^==pd-fuzz== \(found at execution [0-9]*\).*/\1/p' "$work/log") ($((SECONDS - start)) s)"

start=$SECONDS
fuzz_impl "plugin:$work/libexample_fuzz_bug.so" && fail "the rule-violating variant was not found in $runs runs"
grep -q '^==pd-fuzz== rule single-registration violated' "$work/log" || fail "single-registration is not reported"
check_replay "$work/libexample_fuzz_bug.so" single-registration
echo "plugin_fuzz_test: rule violation found: $(sed -n 's/^==pd-fuzz== \(found at execution [0-9]*\).*/\1/p' "$work/log") ($((SECONDS - start)) s)"

set +e
PD_FUZZ_IMPL="plugin:$work/no-such-plugin.so" "$fuzzer" -runs=10 >"$work/log" 2>&1
status=$?
set -e
[[ $status -eq 2 ]] || fail "a missing plugin exited with $status, not 2"
[[ $(grep -c . "$work/log") -eq 1 ]] || fail "a missing plugin printed more than one line"
grep -q 'cannot be fuzzed' "$work/log" || fail "a missing plugin's line does not say so"
echo "plugin_fuzz_test: a missing plugin: $(cat "$work/log")"
exec_runs=${PD_EXEC_FUZZ_RUNS:-500}
start=$SECONDS
fuzz_impl "exec:python3 $example_impl" "$exec_runs" || fail "the Python example did not fuzz clean for $exec_runs runs"
grep -q '^==pd-fuzz==' "$work/log" && fail "the Python example has a finding"
echo "plugin_fuzz_test: exec: example clean in $exec_runs runs ($((SECONDS - start)) s)"
for fault in die:no-crash hang:no-hang; do
  fuzz_impl "exec:python3 $faulty_impl --fault=${fault%%:*}" "$exec_runs" &&
    fail "exec: --fault=${fault%%:*} was not found in $exec_runs runs"
  grep -q "^==pd-fuzz== rule ${fault#*:} violated" "$work/log" || fail "exec: --fault=${fault%%:*} is not reported as ${fault#*:}"
  echo "plugin_fuzz_test: exec: --fault=${fault%%:*} found as ${fault#*:}"
done
echo "plugin_fuzz_test: PASS"
