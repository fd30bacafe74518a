#!/usr/bin/env bash
# report.html in a real headless Chromium (Debian package chromium): the report
# of a mutant run must render with its rule ids and verdicts, and a visible
# timeline (lanes, call bars, completion marks, the violating step
# highlighted), fetching nothing. A copy of the page gets a probe script that
# measures the rendered elements and writes what it saw into the DOM, which
# --dump-dom prints. A screenshot goes to the test's undeclared outputs
# (tools/report_screenshot.sh makes the README's).
# Usage: html_chromium_test.sh PDCONFORM
set -uo pipefail
bin=$PWD/$1
work="${TEST_TMPDIR:-$(mktemp -d)}/html-chromium"
outputs="${TEST_UNDECLARED_OUTPUTS_DIR:-$work}"
rm -rf "$work" && mkdir -p "$work" "$outputs"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "chromium missing: install the Debian package chromium (tools/setup.sh does)" >&2
  exit 1
fi
# Chromium wants a writable home for its profile and caches.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
mkdir -p "$HOME"
browse() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$work/profile-$RANDOM$RANDOM" "$@" 2>>"$work/chromium.err"
}

mutant=mutant:skip-event-when-port
(cd "$work" && "$bin" --impl "$mutant" --report-dir rep >run.out 2>&1)
[[ $? -eq 1 ]] || { fail "pdconform on $mutant did not exit 1: $(tail -5 "$work/run.out")"; exit 1; }
python3 reports/check_report_json.py reports/report.schema.json "$work/rep/report.json" ||
  fail "the run's report.json does not match reports/report.schema.json"
rules=$(sed -n 's/^\([a-z-]*\)  .* \(holds\|VIOLATED\|ERROR\) .*/\1/p' "$work/run.out")
violated=$(grep ' VIOLATED ' "$work/run.out" | awk '{print $1}')
[[ -n "$violated" ]] || fail "the run shows no violation"

# The probe: what the browser rendered, one "key=value" per line.
cat >"$work/probe.js" <<'JS'
(function () {
  const out = [];
  const box = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const visible = (el) => box(el) && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
  out.push('resources=' + performance.getEntriesByType('resource').length);
  out.push('title=' + document.title);
  out.push('gate=' + (document.getElementById('gate') || {textContent: ''}).textContent);
  document.querySelectorAll('table.rules tbody tr').forEach((tr) => {
    out.push('rule=' + tr.dataset.rule + ' ' + tr.querySelector('.verdict').textContent + ' visible=' + visible(tr));
  });
  document.querySelectorAll('svg.timeline').forEach((svg) => {
    const r = svg.getBoundingClientRect();
    const count = (sel) => svg.querySelectorAll(sel).length;
    const shown = (sel) => Array.from(svg.querySelectorAll(sel)).filter(visible).length;
    out.push('timeline=' + svg.dataset.rule + ' width=' + Math.round(r.width) + ' height=' + Math.round(r.height) +
             ' visible=' + visible(svg) + ' lanes=' + count('g.lane') + ' status-lane=' + shown('g.lane[data-lane="service"]') +
             ' session-lanes=' + shown('g.lane[data-lane^="session-"]') + ' calls=' + shown('g.call rect') +
             ' signals=' + shown('g.signal circle') + ' packets=' + shown('g.packet path') +
             ' statuses=' + shown('g.status rect') + ' violating-step=' + shown('rect.violating-step') +
             ' marker=' + shown('g.violation-marker rect'));
  });
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = '\n' + out.join('\n') + '\n';
  document.body.appendChild(pre);
})();
JS
{ sed 's#</body>##; s#</html>##' "$work/rep/report.html"; echo "<script>"; cat "$work/probe.js"; echo "</script></body></html>"; } \
  >"$work/probed.html"
browse --dump-dom "file://$work/probed.html" >"$work/dom.html"
sed -n '/<pre id="probe">/,/<\/pre>/p' "$work/dom.html" >"$work/probe.txt"
cp "$work/probe.txt" "$outputs/probe.txt" 2>/dev/null
[[ -s "$work/probe.txt" ]] || { fail "no probe output from Chromium: $(tail -5 "$work/chromium.err")"; exit 1; }

grep -qx 'resources=0' "$work/probe.txt" || fail "the page fetched resources: $(grep resources "$work/probe.txt")"
grep -q "^title=pdconform: $mutant .* FAIL" "$work/probe.txt" || fail "title: $(grep title= "$work/probe.txt")"
grep -q '^gate=FAIL: ' "$work/probe.txt" || fail "no FAIL banner"
for rule in $rules; do
  grep -qE "^rule=$rule (holds|VIOLATED|ERROR) visible=true$" "$work/probe.txt" || fail "rule $rule not in the rendered table"
done
for rule in $violated; do
  grep -qx "rule=$rule VIOLATED visible=true" "$work/probe.txt" || fail "rule $rule not shown VIOLATED"
  line=$(grep "^timeline=$rule " "$work/probe.txt")
  [[ -n "$line" ]] || { fail "no timeline for $rule"; continue; }
  [[ $line =~ width=([0-9]+)\ height=([0-9]+) ]] && ((BASH_REMATCH[1] >= 200 && BASH_REMATCH[2] >= 100)) ||
    fail "timeline of $rule too small: $line"
  for want in visible=true status-lane=1 violating-step=1 marker=1; do
    [[ " $line " == *" $want "* ]] || fail "timeline of $rule: want $want: $line"
  done
  [[ $line =~ session-lanes=([0-9]+) ]] && ((BASH_REMATCH[1] >= 1)) || fail "timeline of $rule: no session lane: $line"
  [[ $line =~ calls=([0-9]+) ]] && ((BASH_REMATCH[1] >= 1)) || fail "timeline of $rule: no call bar: $line"
  [[ $line =~ statuses=([0-9]+) ]] && ((BASH_REMATCH[1] >= 1)) || fail "timeline of $rule: no status band: $line"
done
# The mutant skips the event when a port is given: its counterexample shows a
# completion packet and no signal.
grep -q '^timeline=event-and-port .* packets=[1-9]' "$work/probe.txt" || fail "no completion packet drawn for event-and-port"

# The unmodified page renders too (no script needed), and a screenshot of it.
browse --window-size=1100,1000 --screenshot="$work/report.png" "file://$work/rep/report.html" >/dev/null
if [[ "$(head -c 8 "$work/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]]; then
  fail "no PNG screenshot: $(tail -3 "$work/chromium.err")"
elif (($(stat -c %s "$work/report.png") < 20000)); then
  fail "the screenshot is nearly empty ($(stat -c %s "$work/report.png") bytes)"
fi
cp "$work/report.png" "$outputs/report.png" 2>/dev/null

if ((failures > 0)); then
  sed 's/^/  probe: /' "$work/probe.txt" >&2
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all checks passed"
