#!/usr/bin/env bash
# The README's rules table lists every rule, in the program's order, with
# its strength: the rows of the "| rule | strength | checks |" table equal
# `pdconform --list-rules` (id and strength). A new rule without a row, or a
# row of a rule that is gone, fails here.
set -euo pipefail
pdconform=$1
readme=$2
expected=$("$pdconform" --list-rules | awk 'NR > 1 && /^[a-z]/ {print $1, $2}')
actual=$(sed -n '/^| rule | strength | checks |$/,/^$/p' "$readme" |
  awk -F' [|] ' 'NR > 1 && /^[|] [a-z]/ {sub(/^[|] /, "", $1); print $1, $2}')
if [[ "$expected" != "$actual" ]]; then
  echo "README.md's rules table differs from pdconform --list-rules (id and strength, in order):"
  diff <(echo "$actual") <(echo "$expected") || true
  exit 1
fi
echo "README rules table matches ($(echo "$expected" | wc -l) rules)"
