#!/usr/bin/env bash
# The suite's wall time per kind of implementation, in one run: the reference
# in process, the example plugin (plugin:), bench/minimal_exec.c (exec:, the
# least C program that speaks adapters/PROTOCOL.md: the harness's own cost),
# the example plugin served by pdplugin_host (exec:, a compiled program
# speaking the protocol for a real implementation), and the example Python
# program (exec:), each at --jobs 1 and --jobs N (default: the number of
# cores), with each row's ratio to the in-process --jobs 1 row. Every run is
# the default suite (seed 1), --no-report.
#
#   bazel run -c opt //bench:impl_speed_bench [-- --cases N] [-- --jobs N] [-- --runs R]
#
# minimal_exec answers every call ERROR_CALL_NOT_IMPLEMENTED, so it runs
# without the rules that such an implementation violates (invalid-handle,
# null-argument: a violation would add shrinking to the figure); its row
# counts its own calls, and the last line states the harness's own cost per
# exec: call: (its wall - the reference's wall over the same rules) / calls.
#
# Each figure is the median of R runs (default 3) of the whole pdconform
# process, start-up included. Prints figures; gates nothing.
set -uo pipefail

pdconform="$PWD/$1"
plugin="$PWD/$2"
host="$PWD/$3"
example_py="$PWD/$4"
minimal="$PWD/$5"
shift 5
cases=()
jobs=$(nproc)
runs=3
while (($#)); do
  case $1 in
    --cases) cases=(--cases "$2"); shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: impl_speed_bench [--cases N] [--jobs N] [--runs R]" >&2; exit 2 ;;
  esac
done

# The rules an implementation that implements nothing holds.
minimal_rules=$("$pdconform" --list-rules | awk 'NR > 1 && /^[a-z]/ { print $1 }' |
  grep -vx -e invalid-handle -e null-argument | paste -sd, -)
minimal_name="minimal C program (exec:, $(tr , '\n' <<<"$minimal_rules" | wc -l) rules)"

# measure ARGS...: "WALL CALLS VIOLATED" of pdconform ARGS: the median wall
# seconds of $runs runs, the simulated calls and violated rules of the last.
measure() {
  local times=() out=""
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s.%N)
    out=$("$pdconform" --no-report "${cases[@]}" "$@" 2>/dev/null)
    local rc=$?
    end=$(date +%s.%N)
    if ((rc > 1)); then
      echo "pdconform $* exited $rc" >&2
    fi
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
  done
  local calls violated
  calls=$(sed -n 's/.* scenarios executed, \([0-9]*\) simulated API calls.*/\1/p' <<<"$out")
  violated=$(sed -n 's/^[0-9]* rules: [0-9]* hold, \([0-9]*\) violated.*/\1/p' <<<"$out")
  echo "$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p") ${calls:-0} ${violated:-0}"
}

printf '%-46s %5s %8s %9s %10s %8s %10s\n' implementation jobs "wall s" calls "calls/s" "us/call" "x in-proc"
base=""
# row NAME JOBS ARGS...: one line of the table; sets $wall and $calls.
row() {
  local name=$1 jobs_flag=$2 violated
  shift 2
  read -r wall calls violated < <(measure --jobs "$jobs_flag" "$@")
  [[ -n "$base" ]] || base=$wall
  ((violated == 0)) || name="$name [$violated violated]"
  awk -v name="$name" -v jobs="$jobs_flag" -v wall="$wall" -v calls="$calls" -v base="$base" \
    'BEGIN { printf "%-46s %5s %8.2f %9d %10.0f %8.1f %10.2f\n", name, jobs, wall, calls, calls / wall,
             wall * 1e6 / calls, wall / base }'
}
row "reference, in process" 1
row "reference, in process" "$jobs"
row "example C plugin (plugin:)" 1 --impl "plugin:$plugin"
row "example C plugin (plugin:)" "$jobs" --impl "plugin:$plugin"
row "$minimal_name" 1 --impl "exec:$minimal" --rules "$minimal_rules"
minimal_wall=$wall minimal_calls=$calls
row "$minimal_name" "$jobs" --impl "exec:$minimal" --rules "$minimal_rules"
row "example plugin under pdplugin_host (exec:)" 1 --impl "exec:$host $plugin"
row "example plugin under pdplugin_host (exec:)" "$jobs" --impl "exec:$host $plugin"
row "example Python program (exec:)" 1 --impl "exec:python3 $example_py"
row "example Python program (exec:)" "$jobs" --impl "exec:python3 $example_py"
read -r reference_wall _ < <(measure --jobs 1 --rules "$minimal_rules")
awk -v m="$minimal_wall" -v r="$reference_wall" -v calls="$minimal_calls" \
  'BEGIN { printf "harness cost per exec: call, --jobs 1: %.1f us (minimal C program %.2f s - reference %.2f s over the same rules, / %d calls)\n",
           (m - r) * 1e6 / calls, m, r, calls }'
echo "(median of $runs runs; $(nproc) cores, $(uptime | sed 's/.*load average: /load /'))"
