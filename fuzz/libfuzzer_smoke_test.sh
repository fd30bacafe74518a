#!/usr/bin/env bash
# The libFuzzer smoke run (tagged manual; it needs the libFuzzer build):
#   bazel --output_base=... test --config=fuzz //fuzz:libfuzzer_smoke_test
# Every built-in implementation, one -seed, bounded in runs, starting from
# the checked-in seed corpus and dictionary (what a user's fuzzing starts
# from): the reference shows nothing in 50,000 runs; every mutant shows its
# own rule (PD_FUZZ_RULE, --own-rule) within 300,000. The empty-corpus hunt, the issue's bar, is
# fuzz/hunt_mutants.sh without --seed-corpus (figures in fuzz/README.md).
set -euo pipefail
fuzzer=$1
corpus=$2
dict=$3
hunt=fuzz/hunt_mutants.sh
# PD_FUZZ_IMPL=list makes a libFuzzer build print the catalog and exit 2.
listing=$(PD_FUZZ_IMPL=list "$fuzzer" -runs=0 2>&1 || true)
if ! grep -q '^  reference' <<<"$listing"; then
  echo "libfuzzer_smoke_test: $fuzzer is not a libFuzzer build; run with --config=fuzz" >&2
  exit 1
fi
exec "$hunt" --seeds 1 --runs 300000 --reference-runs 50000 --seed-corpus "$corpus" --dict "$dict" --own-rule \
  "$fuzzer"
