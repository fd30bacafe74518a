# Shared by the shell tests that drive the pdconform binary end to end
# (conformance/pdconform_e2e_test.sh, conformance/report_files_test.sh,
# adapters/external_impl_e2e_test.sh). Sourced, not run. The sourcing test
# sets `bin` (the pdconform binary) and `work` (a scratch directory) first.
#
#   fail MESSAGE                 counts a failure and says it on stderr
#   run DIR WANT_RC ARGS...      pdconform ARGS in DIR, output in DIR/{out,err};
#                                on another exit status: a failure, with the output;
#                                every report.json the run wrote is validated
#   valid_json FILE...           report.json files against reports/report.schema.json
#                                (python3-jsonschema); a failure for each invalid one
#   verdict DIR RULE             the rule's verdict word in DIR's console table
#   finish SUCCESS_LINE          exit 1 with the count if anything failed, else
#                                print SUCCESS_LINE

failures=0

# The sourcing test has //reports:check_report_json.py and
# //reports:report.schema.json in its data.
report_schema=$PWD/reports/report.schema.json
report_checker=$PWD/reports/check_report_json.py

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

valid_json() {
  [[ -f "$report_checker" && -f "$report_schema" ]] ||
    { fail "report schema or checker missing from the test's data"; return 1; }
  local file
  for file in "$@"; do
    python3 "$report_checker" "$report_schema" "$file" >"$file.schema.out" 2>&1 ||
      fail "$file does not validate against report.schema.json: $(head -5 "$file.schema.out")"
    rm -f "$file.schema.out"
  done
}

run() {
  local dir=$1 want=$2
  shift 2
  mkdir -p "$dir"
  local started written=()
  started=$(mktemp)  # outside DIR: tests compare DIR's contents
  (cd "$dir" && "$bin" "$@" >out 2>err)
  local rc=$?
  mapfile -t written < <(find "$dir" -name report.json -newer "$started" 2>/dev/null)
  rm -f "$started"
  ((${#written[@]} == 0)) || valid_json "${written[@]}"
  if [[ $rc -ne $want ]]; then
    fail "pdconform $* (in $dir): exit $rc, want $want"
    sed 's/^/  stdout: /' "$dir/out" | tail -40 >&2
    sed 's/^/  stderr: /' "$dir/err" | tail -20 >&2
    return 1
  fi
  return 0
}

verdict() {
  awk -v rule="$2" '$1 == rule { print $3; exit }' "$1/out"
}

finish() {
  if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "$1"
}
