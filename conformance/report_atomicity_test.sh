#!/usr/bin/env bash
# The report directory changes as a whole (reports/report_dir.h), end to end,
# in both layouts (a directory of its own: plain files swapped by
# RENAME_EXCHANGE; ".", shared with a file of the user's: links through
# .pdconform-current):
#   - a run killed at every step of writing its report
#     (PDCONFORM_TEST_KILL_AT=N) leaves the previous complete report or the
#     new complete one, byte for byte what an undisturbed run writes, and
#     every counterexample report.json names exists; the next run leaves
#     nothing of the killed one behind;
#   - a full disk: RLIMIT_FSIZE (`ulimit -f`, with SIGXFSZ ignored, so writes
#     past the limit fail with EFBIG as they would with ENOSPC; no root, no
#     tmpfs) makes report.html unwritable: the console table is still printed,
#     one line on stderr says what was not written, the exit status is the
#     verdict's (1 for a violation, 2 for a passing run), the previous report
#     stays, nothing is left behind;
#   - an unwritable --write-baseline file: the same policy.
# Usage: report_atomicity_test.sh PDCONFORM
set -uo pipefail

bin=$PWD/$1
work="${TEST_TMPDIR:-$(mktemp -d)}/report-atomicity"
rm -rf "$work" && mkdir -p "$work"
source "$PWD/conformance/testing/pdconform_cli.sh"  # fail, run, verdict, finish

# Two runs whose reports differ in every file, counterexamples included.
run_a=(--impl mutant:notify-every-registration --cases 100)
run_b=(--impl mutant:accept-second-registration --cases 100)

# view DIR OUT: the report in DIR as a reader sees it (links followed), as
# plain files in OUT.
view() {
  rm -rf "$2" && mkdir -p "$2"
  local name
  for name in report.json report.html junit.xml; do
    [[ -e "$1/$name" ]] && cp -L "$1/$name" "$2/"
  done
  [[ -d "$1/counterexamples" ]] && cp -rL "$1/counterexamples" "$2/"
}

# same A B: two views hold the same files, byte for byte.
same() { diff -r "$1" "$2" >/dev/null 2>&1; }

# named_exist CWD REPORT_DIR: every counterexample file report.json names
# exists (the paths are relative to the report directory).
named_exist() {
  local cwd=$1 dir=$2 file
  [[ -e "$cwd/$dir/report.json" ]] || return 0
  # (The requirements section's "file" is a documentation page, not a path.)
  for file in $(grep -o '"\(file\|trace\)": "[^"]*"' "$cwd/$dir/report.json" | sed 's/^"[a-z]*": "//; s/"$//' |
                grep -v '^n[efs]-peerdist-.*\.md$'); do
    [[ -s "$cwd/$dir/$file" ]] || fail "report.json names $file, which is missing"
  done
}

# no_leftovers LAYOUT CWD: only the report's own entries remain.
no_leftovers() {
  local layout=$1 cwd=$2
  if [[ $layout == whole ]]; then
    local entries
    entries=$(cd "$cwd/rep" && ls -A | tr '\n' ' ')
    [[ "$entries" == "counterexamples junit.xml report.html report.json " ]] || fail "whole: rep holds $entries"
    ls -A "$cwd" | grep -q '^\.rep\.pdconform-run\.' && fail "whole: a sibling directory is left: $(ls -A "$cwd")"
  else
    [[ $(ls -A "$cwd" | grep -c '^\.pdconform-run\.') -eq 1 ]] || fail "linked: not exactly one run directory: $(ls -A "$cwd")"
    [[ -L "$cwd/report.json" && -L "$cwd/counterexamples" ]] || fail "linked: report.json or counterexamples is no link"
    [[ "$(cat "$cwd/notes.txt")" == mine ]] || fail "linked: the user's file changed"
  fi
  ls -A "$cwd" "$cwd"/counterexamples/ 2>/dev/null | grep -q '\.tmp\.' && fail "$layout: a temporary file is left"
}

# setup LAYOUT: $work/LAYOUT holds run A's report; $work/LAYOUT.A is a copy,
# $work/LAYOUT.viewA and .viewB what runs A and B write, undisturbed.
setup() {
  local layout=$1 dir=rep
  [[ $layout == linked ]] && dir=.
  for run in A B; do
    local cwd="$work/$layout.fresh$run"
    mkdir -p "$cwd"
    [[ $layout == linked ]] && echo mine >"$cwd/notes.txt"
    local flags=("${run_a[@]}")
    [[ $run == B ]] && flags=("${run_b[@]}")
    (cd "$cwd" && "$bin" "${flags[@]}" --report-dir "$dir" >../"$layout.out$run" 2>&1)
    [[ $? -eq 1 ]] || fail "$layout: run $run did not exit 1: $(tail -3 "$work/$layout.out$run")"
    view "$cwd/$dir" "$work/$layout.view$run"
    # Every report below is compared with these, byte for byte.
    valid_json "$work/$layout.view$run/report.json"
  done
  same "$work/$layout.viewA" "$work/$layout.viewB" && fail "$layout: runs A and B write the same report"
  cp -a "$work/$layout.freshA" "$work/$layout.A"
}

for layout in whole linked; do
  dir=rep
  [[ $layout == linked ]] && dir=.
  echo "== $layout: a run killed at every step leaves one complete report"
  setup "$layout"
  cwd="$work/$layout"
  seen_a=0 seen_b=0 completed=0
  for ((n = 1; n <= 200; n++)); do
    rm -rf "$cwd" && cp -a "$work/$layout.A" "$cwd"
    # (The outer subshell keeps bash's "Killed" notice out of the log.)
    ( (cd "$cwd" && PDCONFORM_TEST_KILL_AT=$n exec "$bin" "${run_b[@]}" --report-dir "$dir" >"$work/killed.out" 2>&1) ) \
      2>/dev/null
    rc=$?
    view "$cwd/$dir" "$work/seen"
    if same "$work/seen" "$work/$layout.viewA"; then
      seen_a=$((seen_a + 1))
    elif same "$work/seen" "$work/$layout.viewB"; then
      seen_b=$((seen_b + 1))
    else
      fail "$layout: killed at step $n: neither the previous report nor the new one:" \
        "$(diff -rq "$work/seen" "$work/$layout.viewB" | head -5)"
    fi
    named_exist "$cwd" "$dir"
    if [[ $rc -ne 137 ]]; then
      [[ $rc -eq 1 ]] || fail "$layout: the run not killed exited $rc: $(tail -3 "$work/killed.out")"
      same "$work/seen" "$work/$layout.viewB" || fail "$layout: the complete run did not write its report"
      no_leftovers "$layout" "$cwd"
      completed=$n
      break
    fi
    # The next run, undisturbed, writes its report and removes the killed one's leftovers.
    (cd "$cwd" && "$bin" "${run_b[@]}" --report-dir "$dir" >"$work/next.out" 2>&1)
    [[ $? -eq 1 ]] || fail "$layout: the run after a kill at step $n: $(tail -3 "$work/next.out")"
    view "$cwd/$dir" "$work/seen"
    same "$work/seen" "$work/$layout.viewB" || fail "$layout: the run after a kill at step $n wrote another report"
    no_leftovers "$layout" "$cwd"
  done
  echo "   $((completed - 1)) steps; killed runs left the previous report $seen_a times, the new one $((seen_b - 1)) times"
  ((completed > 5)) || fail "$layout: the run never completed, or in too few steps ($completed)"
  ((seen_a >= 3 && seen_b >= 2)) || fail "$layout: kills never left the new report before the old one went"
done

echo "== linked, taking over an earlier version's plain files: killed at every step, never a mixed report"
# The earlier scheme renamed plain files into place, report.json last; here
# its report is removed report.json first, so a reader may also find no
# report.json (no report) while the links are made, never files of two runs.
legacy="$work/legacy.A"
mkdir -p "$legacy" && echo mine >"$legacy/notes.txt" && cp -r "$work/linked.viewA/." "$legacy/"
echo stale >"$legacy/.report.json.tmp.Ab12Cd"
completed=0
for ((n = 1; n <= 200; n++)); do
  cwd="$work/legacy"
  rm -rf "$cwd" && cp -a "$legacy" "$cwd"
  ( (cd "$cwd" && PDCONFORM_TEST_KILL_AT=$n exec "$bin" "${run_b[@]}" --report-dir . >"$work/killed.out" 2>&1) ) 2>/dev/null
  rc=$?
  view "$cwd" "$work/seen"
  if [[ -e "$cwd/report.json" ]]; then
    same "$work/seen" "$work/linked.viewA" || same "$work/seen" "$work/linked.viewB" ||
      fail "legacy: killed at step $n: a report.json with files of another run"
    named_exist "$cwd" .
  fi
  if [[ $rc -ne 137 ]]; then
    [[ $rc -eq 1 ]] && same "$work/seen" "$work/linked.viewB" || fail "legacy: the complete run: exit $rc"
    no_leftovers linked "$cwd"
    completed=$n
    break
  fi
  (cd "$cwd" && "$bin" "${run_b[@]}" --report-dir . >"$work/next.out" 2>&1)
  view "$cwd" "$work/seen"
  same "$work/seen" "$work/linked.viewB" || fail "legacy: the run after a kill at step $n wrote another report"
  no_leftovers linked "$cwd"
done
echo "   $((completed - 1)) steps"
((completed > 20)) || fail "legacy: too few steps ($completed): no take-over, no links?"

# full LAYOUT NAME WANT_RC FLAGS...: run with files limited to 24 KiB
# (report.html is larger), from a copy of run A's report.
full() {
  local layout=$1 name=$2 want=$3 dir=rep
  shift 3
  [[ $layout == linked ]] && dir=.
  local cwd="$work/full-$layout-$name"
  rm -rf "$cwd" && cp -a "$work/$layout.A" "$cwd"
  # The console goes through a pipe: the file size limit does not apply to it.
  (cd "$cwd" && trap '' XFSZ && ulimit -f 24 && exec "$bin" "$@" --report-dir "$dir") 2>"$work/full.err" |
    cat >"$work/full.out"
  local rc=${PIPESTATUS[0]}
  [[ $rc -eq $want ]] || fail "$layout $name with a full disk: exit $rc, want $want: $(cat "$work/full.err" | tail -3)"
  grep -qE '^[0-9]+ rules: ' "$work/full.out" || fail "$layout $name with a full disk: no console table"
  grep -q '^reports: ' "$work/full.out" && fail "$layout $name with a full disk: claims the reports were written"
  local line="pdconform: reports not written ($dir holds the previous report, if any): $dir/report.html: cannot write: File too large"
  grep -qxF "$line" "$work/full.err" || fail "$layout $name with a full disk: stderr lacks '$line': $(grep -v '^pdconform: \[' "$work/full.err")"
  [[ $(grep -v '^pdconform: \[' "$work/full.err" | wc -l) -eq 1 ]] ||
    fail "$layout $name with a full disk: not one line: $(grep -v '^pdconform: \[' "$work/full.err")"
  view "$cwd/$dir" "$work/seen"
  same "$work/seen" "$work/$layout.viewA" || fail "$layout $name with a full disk: the previous report changed"
  no_leftovers "$layout" "$cwd"
}

for layout in whole linked; do
  echo "== $layout: a full disk keeps the previous report, prints the table, exits with the verdict"
  full "$layout" violated 1 "${run_b[@]}"
  full "$layout" passing 2 --cases 100
done

echo "== an unwritable --write-baseline file: the table, one line, and exit 2 for a run that passes"
cwd="$work/baseline"
mkdir -p "$cwd"
(cd "$cwd" && "$bin" "${run_a[@]}" --write-baseline no-such-dir/known.pdbaseline --report-dir rep >out 2>err)
rc=$?
[[ $rc -eq 2 ]] || fail "unwritable baseline: exit $rc, want 2"
grep -qE '^[0-9]+ rules: ' "$cwd/out" || fail "unwritable baseline: no console table"
grep -q '^baseline written' "$cwd/out" && fail "unwritable baseline: claims it was written"
grep -qx 'pdconform: baseline not written: no-such-dir/known.pdbaseline: cannot create a temporary file: No such file or directory' \
  "$cwd/err" || fail "unwritable baseline: stderr: $(grep -v '^pdconform: \[' "$cwd/err")"
[[ -s "$cwd/rep/report.json" ]] || fail "unwritable baseline: the reports were not written"

finish "all report atomicity checks passed"
