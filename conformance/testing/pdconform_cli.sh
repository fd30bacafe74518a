# Shared by the shell tests that drive the pdconform binary end to end
# (conformance/pdconform_e2e_test.sh, conformance/report_files_test.sh,
# adapters/external_impl_e2e_test.sh). Sourced, not run. The sourcing test
# sets `bin` (the pdconform binary) and `work` (a scratch directory) first.
#
#   fail MESSAGE                 counts a failure and says it on stderr
#   run DIR WANT_RC ARGS...      pdconform ARGS in DIR, output in DIR/{out,err};
#                                on another exit status: a failure, with the output
#   verdict DIR RULE             the rule's verdict word in DIR's console table
#   finish SUCCESS_LINE          exit 1 with the count if anything failed, else
#                                print SUCCESS_LINE

failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

run() {
  local dir=$1 want=$2
  shift 2
  mkdir -p "$dir"
  (cd "$dir" && "$bin" "$@" >out 2>err)
  local rc=$?
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
