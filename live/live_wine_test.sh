#!/usr/bin/env bash
# The live adapter end to end under Wine: the example implementation built
# as a real Win32 peerdist.dll (live/build_win32.sh, mingw-w64), driven by
# pdlive.exe through `pdconform --impl live:...` in real time:
#   1. every rule a live run judges holds against peerdist.dll, and the run
#      names the rules real time cannot judge;
#   2. the wrong variant (peerdist_bug.dll) is caught by single-registration.
# Without wine64 or the cross compiler the test says so, names itself as
# skipped (a SKIPPED line, and SKIPPED in its outputs) and passes.
#
# Usage: live_wine_test.sh PDCONFORM   (from the workspace root: runfiles)
set -uo pipefail
pdconform=$PWD/$1
root=$PWD
work="${TEST_TMPDIR:-$(mktemp -d)}/live-wine"
outputs="${TEST_UNDECLARED_OUTPUTS_DIR:-$work}"
rm -rf "$work" && mkdir -p "$work" "$outputs"
wine=${PD_WINE:-/usr/lib/wine/wine64}
wineserver=${PD_WINESERVER:-/usr/lib/wine/wineserver}

skip() {
  echo "SKIPPED: live_wine_test: $* (tools/setup.sh installs wine64 and gcc-mingw-w64-x86-64)" | tee "$outputs/SKIPPED" >&2
  exit 0
}
[[ -x "$wine" ]] || skip "$wine not installed"
command -v x86_64-w64-mingw32-gcc >/dev/null || skip "x86_64-w64-mingw32-gcc not installed"

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

out=$work/win32
"$root/live/build_win32.sh" "$root" "$out" || { echo "FAIL: cross build" >&2; exit 1; }

# A prefix of our own; a persistent wineserver so pdlive.exe starts in
# under a second after the prefix exists (the first start builds it).
export WINEPREFIX=$work/prefix WINEDEBUG=-all HOME=$work/home
mkdir -p "$HOME"
trap '"$wineserver" -k 2>/dev/null || true' EXIT
echo "hello 1" | timeout 300 "$wine" "$out/pdlive.exe" "$out/peerdist.dll" >"$work/hello.txt" 2>"$work/hello.err"
grep -qx "hello 1" "$work/hello.txt" || { cat "$work/hello.err" >&2; echo "FAIL: pdlive.exe does not start" >&2; exit 1; }
"$wineserver" -p

live() { echo "live:$wine $out/pdlive.exe $out/$1"; }

# 1. Every rule a live run judges holds.
"$pdconform" --impl "$(live peerdist.dll)" --cases 1 --report-dir "$work/report" >"$work/run.txt" 2>&1
status=$?
cp "$work/run.txt" "$outputs/live_run.txt"
[[ $status -eq 0 ]] || fail "live run against peerdist.dll exits $status (expected 0; see live_run.txt)"
grep -q "rules: [0-9]* hold, 0 violated" "$work/run.txt" || fail "live run: not every rule holds"
for rule in no-hang consistent-interpretation; do
  grep -q "^live: rule $rule not judged in real time: " "$work/run.txt" || fail "live run does not name $rule as not judged"
  # ...and so do the reports: a section of report.html, a skipped test case.
  grep -q "<tr data-rule=\"$rule\"><td><code>$rule</code></td><td>a live run, in real time: " "$work/report/report.html" ||
    fail "report.html does not name $rule as not judged"
  grep -q "<skipped message=\"rule $rule not judged in this run: a live run, in real time: " "$work/report/junit.xml" ||
    fail "junit.xml does not name $rule as skipped"
  grep -q "\"id\": \"$rule\"" "$work/report/report.json" || fail "report.json does not name $rule as left out"
done

# 2. The wrong variant is caught, by its rule.
"$pdconform" --impl "$(live peerdist_bug.dll)" --cases 3 --rules single-registration --report-dir "$work/bug" \
  >"$work/bug.txt" 2>&1
status=$?
cp "$work/bug.txt" "$outputs/live_bug.txt"
[[ $status -eq 1 ]] || fail "live run against peerdist_bug.dll exits $status (expected 1: a violation)"
grep -q "^single-registration .* VIOLATED" "$work/bug.txt" || fail "single-registration does not catch peerdist_bug.dll"

# 3. Recording works live, and a fresh recording of a timing-robust scenario
# diffs clean against the reference (the checked-in set: trace_diff_test).
"$pdconform" --record "$work/recorded" --impl "$(live peerdist.dll)" \
  "$root/conformance/testdata/first_notify_after_enable.pdscenario" >"$work/record.txt" 2>&1 ||
  fail "pdconform --record failed: $(cat "$work/record.txt")"
"$pdconform" --diff "$work/recorded" --impl reference --no-report >"$work/diff.txt" 2>&1 ||
  fail "fresh live recording differs from the reference: $(cat "$work/diff.txt")"

if ((failures > 0)); then
  tail -n 40 "$work/run.txt" "$work/bug.txt" >&2
  exit 1
fi
echo "PASS: live adapter under Wine"
