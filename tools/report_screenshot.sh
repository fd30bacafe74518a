#!/usr/bin/env bash
# Regenerates docs/report-screenshot.png, the README's picture of report.html:
# the report of a mutant run (one violation, drawn as a timeline) rendered by
# headless Chromium. Deterministic input; the PNG may differ by a few pixels
# between Chromium versions.
#   tools/report_screenshot.sh [MUTANT]   (default mutant:skip-event-when-port)
set -euo pipefail
cd "$(dirname "$0")/.."
mutant=${1:-mutant:skip-event-when-port}
tools/setup.sh
bazel build --noshow_progress --show_result=0 --ui_event_filters=-info //conformance:pdconform >&2
bin=$(bazel info --ui_event_filters=-info bazel-bin 2>/dev/null)/conformance/pdconform
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && PDCONFORM_COMMAND="./pd conform" "$bin" --impl "$mutant" --report-dir pdconform-report \
  >/dev/null 2>&1) || true  # a mutant run exits 1
[[ -s "$work/pdconform-report/report.html" ]] || { echo "no report.html" >&2; exit 1; }
mkdir -p docs
HOME=$work chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1000,930 --screenshot="$PWD/docs/report-screenshot.png" \
  "file://$work/pdconform-report/report.html" 2>/dev/null
ls -l docs/report-screenshot.png
