#!/usr/bin/env bash
# The README's per-page requirement counts are the program's: the block
# between the requirements-counts markers equals the summary lines of
# `pdconform --list-requirements`. When the catalog or a rule's citations
# change, paste the new lines (the failure prints them).
set -euo pipefail
pdconform=$1
readme=$2
expected=$("$pdconform" --list-requirements | grep -E '^[A-Za-z_]+: [0-9]+ of [0-9]+ testable statements checked$|^all pages: ')
actual=$(sed -n '/<!-- requirements-counts/,/<!-- \/requirements-counts -->/p' "$readme" | grep -E ' testable statements checked$')
if [[ "$expected" != "$actual" ]]; then
  echo "README.md's requirement counts are stale; the block between the requirements-counts markers should read:"
  echo "$expected"
  diff <(echo "$actual") <(echo "$expected") || true
  exit 1
fi
lines=$(echo "$expected" | wc -l)
if ((lines != 36)); then
  echo "expected 35 pages and the total line, got $lines lines"
  exit 1
fi
echo "README requirement counts match ($lines lines)"
