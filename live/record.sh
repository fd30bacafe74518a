#!/usr/bin/env bash
# Records live traces for differential replay (pdconform --diff): replays
# each scenario against a live implementation and keeps, in OUT_DIR, the
# scenario (NAME.pdscenario) and the trace the live run gave (NAME.trace).
#
#   live/record.sh PDCONFORM 'live:COMMAND' OUT_DIR SCENARIO...
#
# e.g. under Wine, with live/build_win32.sh's output in OUT:
#   live/record.sh bazel-bin/conformance/pdconform \
#     "live:/usr/lib/wine/wine64 $OUT/pdlive.exe $OUT/peerdist.dll" \
#     live/testdata/wine conformance/testdata/*.pdscenario
# Exit 0 when every scenario was recorded (whatever its rules said).
set -uo pipefail
pdconform=${1:?pdconform binary}
impl=${2:?live:COMMAND}
out=${3:?output directory}
shift 3
mkdir -p "$out"
status=0
for scenario in "$@"; do
  name=$(basename "$scenario" .pdscenario)
  cp "$scenario" "$out/$name.pdscenario"
  "$pdconform" --impl "$impl" --replay "$scenario" --trace-out "$out/$name.trace" >"$out/$name.log" 2>&1
  # 0: every rule held; 1: a rule broke (still a recording); else: none.
  if [[ $? -gt 1 ]]; then
    echo "record: $scenario: no trace (see $out/$name.log)" >&2
    status=1
  fi
  rm -f "$out/$name.log"
done
exit $status
