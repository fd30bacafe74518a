#!/usr/bin/env bash
# Runs the libFuzzer build of //fuzz:peerdist_fuzzer against every built-in
# implementation from an EMPTY corpus (or a copy of --seed-corpus), several
# times with different -seed, and prints how many executions each took to
# find something: the median over the seeds, each run, and the rule it
# found. The reference must find nothing in --runs executions; every mutant
# must be found in every run.
#
#   bazel --output_base=... build --config=fuzz //fuzz:peerdist_fuzzer
#   fuzz/hunt_mutants.sh [--seeds K] [--runs N] [--max-len BYTES] [--dict FILE]
#                        [--only NAME] [--seed-corpus DIR] [--own-rule] FUZZER
#
# --own-rule: a mutant's run aborts only on its own rule (the killed_by of
# its catalog entry, through PD_FUZZ_RULE), not on the first rule it breaks.
#
# Exit status: 0 when every mutant was found in every run and the reference
# in none; 1 otherwise; 2 on bad usage. Bounded in runs, never in time.
set -uo pipefail

seeds=5
runs=2000000
reference_runs=""
max_len=3081   # kMaxInputSize: up to kMaxSteps steps
dict=""
only=""
seed_corpus=""
own_rule=0
while (($# > 1)); do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --reference-runs) reference_runs=$2; shift 2 ;;
    --max-len) max_len=$2; shift 2 ;;
    --dict) dict=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --seed-corpus) seed_corpus=$2; shift 2 ;;
    --own-rule) own_rule=1; shift ;;
    *) echo "hunt_mutants: unknown flag $1" >&2; exit 2 ;;
  esac
done
if (($# != 1)) || [[ ! -x "$1" ]]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
fuzzer=$1
reference_runs=${reference_runs:-$runs}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "NAME RULE" per built-in implementation, from the fuzzer itself.
catalog=$(PD_FUZZ_IMPL=list "$fuzzer" -runs=0 -artifact_prefix="$work/" 2>&1 | awk '/^  [a-z]/ {print $1, $2}')
if [[ -z "$catalog" ]]; then
  echo "hunt_mutants: $fuzzer did not list the built-in implementations" >&2
  exit 2
fi

median() { sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR+1)/2]; else print int((v[NR/2]+v[NR/2+1])/2)}'; }

failed=0
printf '%-40s %-26s %-26s %10s  %s\n' IMPL "CAUGHT BY" "FOUND (first run)" MEDIAN "EXECUTIONS PER SEED"
while read -r name killed_by; do
  [[ -n "$only" && "$name" != "$only" ]] && continue
  execs=()
  found_rules=()
  budget=$runs
  [[ "$name" == reference ]] && budget=$reference_runs
  for ((seed = 1; seed <= seeds; ++seed)); do
    corpus="$work/corpus-$seed"
    rm -rf "$corpus" "$work/out"
    mkdir -p "$corpus"
    # A copy: libFuzzer adds what it finds to its first corpus directory.
    [[ -n "$seed_corpus" ]] && cp "$seed_corpus"/* "$corpus"/
    args=(-seed="$seed" -runs="$budget" -max_len="$max_len" -timeout=10 -detect_leaks=0
          -artifact_prefix="$work/" -print_final_stats=0)
    [[ -n "$dict" ]] && args+=(-dict="$dict")
    rule_filter=""
    ((own_rule)) && [[ "$killed_by" != - ]] && rule_filter=$killed_by
    PD_FUZZ_IMPL="$name" PD_FUZZ_RULE="$rule_filter" PD_FUZZ_OUT="$work/out" "$fuzzer" "${args[@]}" "$corpus" >"$work/log" 2>&1
    status=$?
    if [[ "$name" == reference ]]; then
      if ((status != 0)); then
        failed=1
        echo "hunt_mutants: reference: something found with -seed=$seed:" >&2
        grep -E '==pd-fuzz==|ERROR|SUMMARY' "$work/log" >&2
        found_rules+=("$(sed -n 's/^==pd-fuzz== rule \([^ ]*\) violated.*/\1/p' "$work/log" | head -1)")
      else
        execs+=("$budget")
      fi
      continue
    fi
    n=$(sed -n 's/^==pd-fuzz== found at execution \([0-9]*\).*/\1/p' "$work/log" | head -1)
    rule=$(sed -n 's/^==pd-fuzz== rule \([^ ]*\) violated.*/\1/p' "$work/log" | head -1)
    if ((status == 0)) || [[ -z "$n" ]]; then
      failed=1
      execs+=(">$budget")
      found_rules+=("none")
      echo "hunt_mutants: $name not found with -seed=$seed in $budget runs" >&2
    else
      execs+=("$n")
      found_rules+=("$rule")
    fi
  done
  if [[ "$name" == reference ]]; then
    shown="${found_rules[0]:-nothing}"
    med="-"
  else
    shown="${found_rules[0]:-none}"
    med=$(printf '%s\n' "${execs[@]}" | grep -v '>' | median)
  fi
  printf '%-40s %-26s %-26s %10s  %s\n' "$name" "$killed_by" "$shown" "$med" "${execs[*]}"
done <<<"$catalog"
exit $failed
