#!/usr/bin/env bash
# The suite's wall time per kind of implementation, in one run: the reference
# in process, the example plugin (plugin:), the example plugin served by
# pdplugin_host (exec:, a compiled program speaking adapters/PROTOCOL.md),
# and the example Python program (exec:), each at --jobs 1 and --jobs N
# (default: the number of cores), with each row's ratio to the in-process
# --jobs 1 row. Every run is the default suite (seed 1), --no-report.
#
#   bazel run -c opt //bench:impl_speed_bench [-- --cases N] [-- --jobs N] [-- --runs R]
#
# Each figure is the median of R runs (default 3) of the whole pdconform
# process, start-up included. Prints figures; gates nothing.
set -uo pipefail

pdconform="$PWD/$1"
plugin="$PWD/$2"
host="$PWD/$3"
example_py="$PWD/$4"
shift 4
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

# median_wall ARGS...: the median wall seconds of $runs runs of pdconform ARGS.
median_wall() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s.%N)
    "$pdconform" --no-report "${cases[@]}" "$@" >/dev/null 2>&1
    local rc=$?
    end=$(date +%s.%N)
    if ((rc != 0)); then
      echo "pdconform $* exited $rc" >&2
    fi
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p"
}

# Simulated calls per run: the same for every row (the same scenarios).
calls=$("$pdconform" --no-report "${cases[@]}" 2>/dev/null | sed -n 's/.* scenarios executed, \([0-9]*\) simulated API calls.*/\1/p')

printf '%-44s %6s %9s %14s %10s\n' implementation jobs "wall s" "calls/s" "x in-proc"
base=""
row() {
  local name=$1 jobs_flag=$2
  shift 2
  local wall
  wall=$(median_wall --jobs "$jobs_flag" "$@")
  [[ -n "$base" ]] || base=$wall
  awk -v name="$name" -v jobs="$jobs_flag" -v wall="$wall" -v calls="$calls" -v base="$base" \
    'BEGIN { printf "%-44s %6s %9.2f %14.0f %10.1f\n", name, jobs, wall, calls / wall, wall / base }'
}
for impl in reference "plugin:$plugin" "exec:$host $plugin" "exec:python3 $example_py"; do
  case $impl in
    reference) name="reference, in process" ;;
    plugin:*) name="example C plugin (plugin:)" ;;
    exec:python3*) name="example Python program (exec:)" ;;
    exec:*) name="example plugin under pdplugin_host (exec:)" ;;
  esac
  row "$name" 1 --impl "$impl"
  row "$name" "$jobs" --impl "$impl"
done
echo "($calls simulated API calls per run; median of $runs runs; $(nproc) cores, $(uptime | sed 's/.*load average: /load /'))"
