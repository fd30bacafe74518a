#!/usr/bin/env bash
# Turns a fuzzer finding into the smallest scenario that still breaks the
# same rule, written as a scenario file `./pd conform --replay` reads.
#
#   fuzz/minimize.sh [--impl NAME] [--fuzzer FUZZER] INPUT
#
# INPUT: libFuzzer's crash-* file (raw bytes) or the .pdscenario finding the
# fuzzer wrote. With --fuzzer (the libFuzzer build of //fuzz:peerdist_fuzzer),
# a crash input is first shrunk by libFuzzer itself (-minimize_crash=1);
# then //fuzz:minimize_finding drops steps and lowers fields until nothing
# more can go. The result lands in $PD_FUZZ_OUT (default ./fuzz-findings)
# and is printed. --impl defaults to $PD_FUZZ_IMPL, else the finding's
# "# impl:" line, else reference. Extra bazel startup options (say an
# --output_base) can be given in $PD_BAZEL_STARTUP.
set -euo pipefail

impl=""
fuzzer=""
while (($# > 1)); do
  case "$1" in
    --impl) impl=$2; shift 2 ;;
    --fuzzer) fuzzer=$2; shift 2 ;;
    *) echo "minimize.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
if (($# != 1)) || [[ ! -f "$1" ]]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
input=$(realpath "$1")
[[ -n "$impl" ]] && export PD_FUZZ_IMPL="$impl"
export PD_FUZZ_OUT=$(realpath -m "${PD_FUZZ_OUT:-fuzz-findings}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -n "$fuzzer" ]] && ! head -c 4096 "$input" | grep -q '^pdscenario'; then
  # libFuzzer shrinks the bytes while the target still aborts; findings of
  # the intermediate runs go to a scratch directory.
  PD_FUZZ_OUT="$work/scratch" "$fuzzer" -minimize_crash=1 -runs=20000 -exact_artifact_path="$work/minimized" \
    "$input" >"$work/libfuzzer.log" 2>&1 || true
  [[ -s "$work/minimized" ]] && input="$work/minimized"
fi

cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
exec bazel ${PD_BAZEL_STARTUP:-} run --noshow_progress --ui_event_filters=-info //fuzz:minimize_finding -- "$input"
