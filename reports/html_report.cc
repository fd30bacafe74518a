#include "reports/html_report.h"

#include <algorithm>

#include "reports/html_page_style.h"
#include "reports/timeline_svg.h"
#include "reports/xml_escape.h"

namespace pd {
namespace {

std::string Esc(const std::string& text) { return XmlEscapeText(text); }
std::string Attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + XmlEscapeAttribute(value) + "\"";
}

// An id usable in a fragment link: rule ids are kebab-case already, but the
// page must not break on anything else.
std::string Anchor(const std::string& prefix, const std::string& id) {
  std::string out = prefix;
  for (char c : id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    out += safe ? c : '_';
  }
  return out;
}

// What only the suite report needs, after the page style both reports share.
constexpr char kSuiteStyle[] = R"(nav a { margin-right: 14px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--bg2); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.citation { margin: 0; color: var(--fg); }
.citation cite { display: block; color: var(--muted); font-style: normal; font-size: 12px; }
.verdict { font-weight: 700; white-space: nowrap; }
.verdict.holds { color: var(--green); }
.verdict.violated { color: var(--red); }
.verdict.error { color: #8250df; }
.verdict.not-checked { color: #8250df; }
table.rules tr.not-checked td:first-child { border-left: 3px solid #8250df; }
.tag { display: inline-block; margin-left: 4px; padding: 0 6px; border-radius: 10px; font-size: 11px; font-weight: 600; }
.tag.known { background: #fff8c5; color: var(--amber); }
.tag.fixed { background: #ffebe9; color: var(--red); }
.tag.not-seen { background: var(--bg2); color: var(--muted); }
tr.violated td:first-child { border-left: 3px solid var(--red); }
article.violation { margin: 18px 0 28px; padding: 14px 16px; border: 1px solid var(--line); border-radius: 8px; }
article.violation .message { margin: 4px 0; }
.timeline-wrap { overflow-x: auto; margin: 12px 0 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.timeline-wrap svg { display: block; }
.legend { color: var(--muted); font-size: 12px; }
.legend span { margin-right: 14px; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; border-radius: 2px; }
ol.steps { margin: 6px 0; padding-left: 0; list-style: none; }
ol.steps li { padding: 1px 6px; }
ol.steps li.violating { background: #ffebe9; border-left: 3px solid var(--red); font-weight: 600; }
pre.trace { max-height: 420px; overflow: auto; padding: 8px; background: var(--bg2); border-radius: 6px; }
pre.trace mark { background: #ffebe9; color: inherit; }
details { margin: 6px 0; }
summary { cursor: pointer; color: var(--muted); }
.followed { font-weight: 600; }
.inconsistent { color: var(--red); font-weight: 700; }
.scroll { overflow-x: auto; }
table.coverage th, table.coverage td { padding: 3px 8px; font-size: 12.5px; }
td.unexercised { background: #fff8c5; color: var(--amber); font-weight: 700; }
details.requirements { margin: 4px 0; border: 1px solid var(--line); border-radius: 6px; }
details.requirements > summary { padding: 6px 10px; color: var(--fg); }
details.requirements > summary h3 { display: inline; font-size: 14px; margin: 0; }
details.requirements > summary .legend { margin-left: 8px; }
details.requirements.incomplete > summary h3 .count { color: var(--amber); }
table.requirements th, table.requirements td { padding: 4px 8px; font-size: 12.5px; }
table.requirements tr.not-checked td:first-child { border-left: 3px solid var(--amber); }
table.requirements tr.caller-obligation, table.requirements tr.untestable-here { color: var(--muted); }
.not-checked-mark { color: var(--amber); font-weight: 700; white-space: nowrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
)";

std::string Verdict(const RuleReport& rule) {
  switch (rule.verdict) {
    case RuleVerdict::kHolds: return "<span class=\"verdict holds\">holds</span>";
    case RuleVerdict::kViolated: return "<span class=\"verdict violated\">VIOLATED</span>";
    case RuleVerdict::kError: return "<span class=\"verdict error\">ERROR</span>";
    case RuleVerdict::kNotChecked: return "<span class=\"verdict not-checked\">NOT CHECKED</span>";
  }
  return "";
}

std::string BaselineTag(BaselineMark mark) {
  switch (mark) {
    case BaselineMark::kNone: return "";
    case BaselineMark::kKnown: return "<span class=\"tag known\" title=\"listed in the baseline: expected\">known</span>";
    case BaselineMark::kFixed:
      return "<span class=\"tag fixed\" title=\"listed in the baseline but holds: remove the line\">fixed: "
             "remove from baseline</span>";
    case BaselineMark::kNotSeen:
      return "<span class=\"tag not-seen\" title=\"listed in the baseline; not seen in this shard\">listed, not "
             "seen in this shard</span>";
  }
  return "";
}

std::string Header(const Report& report) {
  std::string out = "<header>\n<h1>pdconform conformance report</h1>\n";
  const GateReport& gate = report.gate;
  std::string detail;
  auto part = [&](int count, const std::string& what) {
    if (count == 0) return;
    detail += (detail.empty() ? "" : ", ") + std::to_string(count) + " " + what;
  };
  part(gate.new_violations, gate.new_violations == 1 ? "new violation" : "new violations");
  part(gate.fixed, "fixed but still in the baseline");
  part(gate.errors, gate.errors == 1 ? "rule not checked (error)" : "rules not checked (error)");
  part(gate.not_checked,
       gate.not_checked == 1 ? "rule not checked (cases cut short)" : "rules not checked (cases cut short)");
  part(gate.known, gate.known == 1 ? "known violation (baseline)" : "known violations (baseline)");
  out += "<p class=\"banner " + std::string(gate.passed ? "pass" : "fail") + "\" id=\"gate\">" +
         (gate.passed ? "PASS" : "FAIL") + ": " + std::to_string(report.totals.held) + " of " +
         std::to_string(report.totals.rules) + " rules hold" + (detail.empty() ? "" : "; " + Esc(detail)) + "</p>\n";
  out += "<dl class=\"run\">";
  auto row = [&](const std::string& name, const std::string& value_html) {
    out += "<dt>" + name + "</dt><dd>" + value_html + "</dd>";
  };
  row("implementation", "<code>" + Esc(report.impl) + "</code>");
  row("seed", std::to_string(report.seed));
  row("cases per rule", std::to_string(report.cases));
  if (report.merged_shards > 0) {
    row("shards", "merged from " + std::to_string(report.merged_shards) + " shards");
  } else if (report.shard_count > 1) {
    row("shard", std::to_string(report.shard_index) + " of " + std::to_string(report.shard_count) + " (0-based)");
  }
  row("scenarios run", std::to_string(report.totals.scenarios) + " (shrinking included)");
  row("simulated API calls", std::to_string(report.totals.api_calls));
  row("baseline", gate.baseline.empty() ? "none" : "<code>" + Esc(gate.baseline) + "</code>");
  out += "</dl>\n";
  out += "<nav>";
  if (report.totals.violated + report.totals.errors > 0) out += "<a href=\"#violations\">Violations</a>";
  if (report.totals.not_checked > 0) out += "<a href=\"#not-checked\">Not checked</a>";
  out += "<a href=\"#rules\">Rules</a>";
  if (!report.left_out.empty()) out += "<a href=\"#left-out\">Not judged</a>";
  if (!report.coverage.rows.empty()) out += "<a href=\"#coverage\">Coverage</a>";
  if (!report.requirements.pages.empty()) out += "<a href=\"#requirements\">Requirements</a>";
  out += "<a href=\"#ambiguities\">Ambiguities</a></nav>\n</header>\n";
  return out;
}

std::string RuleTable(const Report& report) {
  std::string out = "<section id=\"rules\">\n<h2>Rules</h2>\n<table class=\"rules\">\n<thead><tr><th>Rule</th>"
                    "<th>Strength</th><th>Citation</th><th>Verdict</th><th>Cases</th>"
                    "<th title=\"cases that reached their end: no crash or hang cut them short\">Reached</th>"
                    "</tr></thead>\n<tbody>\n";
  for (const RuleReport& rule : report.rules) {
    const bool has_details = rule.counterexample.has_value() || !rule.error.empty() ||
                             rule.verdict == RuleVerdict::kNotChecked;
    out += "<tr" + Attr("id", Anchor("rule-", rule.id)) + Attr("class", RuleVerdictName(rule.verdict)) +
           Attr("data-rule", rule.id) + Attr("data-verdict", RuleVerdictName(rule.verdict)) + ">";
    out += "<td><code>";
    out += has_details ? "<a" + Attr("href", "#" + Anchor("violation-", rule.id)) + ">" + Esc(rule.id) + "</a>"
                       : Esc(rule.id);
    out += "</code><div class=\"legend\">" + Esc(rule.summary) + "</div></td>";
    out += "<td>" + Esc(rule.strength) + "</td>";
    out += "<td><blockquote class=\"citation\">" + Esc(rule.citation) + "<cite>" + Esc(rule.source) +
           "</cite></blockquote></td>";
    out += "<td>" + Verdict(rule) + BaselineTag(rule.baseline) + "</td>";
    out += "<td class=\"num\">" + std::to_string(rule.cases) + "</td>";
    out += "<td class=\"num\"" + Attr("title", DescribeReached(rule)) + ">" + std::to_string(rule.reached) +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
  return out;
}

// The rules this run did not judge (a live: run: those real time cannot),
// so a reader of a passing report knows what it does not say.
std::string LeftOutTable(const Report& report) {
  if (report.left_out.empty()) return "";
  std::string out = "<section id=\"left-out\">\n<h2>Rules not judged in this run</h2>\n<table class=\"left-out\">\n"
                    "<thead><tr><th>Rule</th><th>Why</th></tr></thead>\n<tbody>\n";
  for (const LeftOutRule& rule : report.left_out) {
    out += "<tr" + Attr("data-rule", rule.id) + "><td><code>" + Esc(rule.id) + "</code></td><td>" + Esc(rule.why) +
           "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string AmbiguityTable(const Report& report) {
  std::string out = "<section id=\"ambiguities\">\n<h2>Ambiguities: the interpretation followed</h2>\n";
  if (report.ambiguities.empty()) return out + "<p>None recorded.</p>\n</section>\n";
  out += "<table class=\"ambiguities\">\n<thead><tr><th>Ambiguity</th><th>Followed</th><th>Interpretations "
         "(occurrences)</th></tr></thead>\n<tbody>\n";
  for (const AmbiguityReport& ambiguity : report.ambiguities) {
    const bool inconsistent = ambiguity.verdict.rfind("inconsistent", 0) == 0;
    out += "<tr" + Attr("data-ambiguity", ambiguity.id) + "><td><code>" + Esc(ambiguity.id) +
           "</code><div class=\"legend\">" + Esc(ambiguity.question) + "</div></td>";
    out += "<td" + Attr("class", inconsistent ? "inconsistent" : "followed") + ">" + Esc(ambiguity.verdict) + "</td><td>";
    if (!ambiguity.interpretations.empty()) {
      out += "<ul>";
      for (const auto& [id, description] : ambiguity.interpretations) {
        const auto found = ambiguity.occurrences.find(id);
        const int count = found == ambiguity.occurrences.end() ? 0 : found->second;
        out += "<li" + std::string(count > 0 ? " class=\"followed\"" : "") + "><code>" + Esc(id) + "</code> (" +
               std::to_string(count) + "): " + Esc(description) + "</li>";
      }
      out += "</ul>";
    } else {
      for (const auto& [id, count] : ambiguity.occurrences) {
        out += "<code>" + Esc(id) + "</code> (" + std::to_string(count) + ") ";
      }
    }
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
  return out;
}

// The coverage matrix (when the run computed one): calls of a function on a
// handle of a kind (row) made after a status move (column) on a handle
// opened before it. An unexercised cell stands out.
std::string CoverageTable(const Report& report) {
  const CoverageReport& coverage = report.coverage;
  if (coverage.rows.empty()) return "";
  int cells = 0, exercised = 0;
  std::string body;
  for (std::size_t r = 0; r < coverage.rows.size(); ++r) {
    body += "<tr><th scope=\"row\"><code>" + Esc(coverage.rows[r]) + "</code></th>";
    for (std::size_t c = 0; c < coverage.columns.size(); ++c) {
      const std::uint64_t count = r < coverage.counts.size() && c < coverage.counts[r].size() ? coverage.counts[r][c] : 0;
      ++cells;
      exercised += count > 0 ? 1 : 0;
      body += count > 0 ? "<td class=\"num\">" + std::to_string(count) + "</td>"
                        : std::string("<td class=\"num unexercised\" title=\"never exercised\">-</td>");
    }
    body += "</tr>\n";
  }
  std::string out = "<section id=\"coverage\">\n<h2>Coverage</h2>\n<p>Calls of each function on a handle of each "
                    "kind, made after a status move on a handle opened before it: " +
                    std::to_string(exercised) + " of " + std::to_string(cells) + " cells exercised.</p>\n";
  out += "<div class=\"scroll\"><table class=\"coverage\">\n<thead><tr><th>function / handle</th>";
  for (const std::string& column : coverage.columns) out += "<th>" + Esc(column) + "</th>";
  out += "</tr></thead>\n<tbody>\n" + body + "</tbody>\n</table></div>\n";
  // The in-flight table, when recorded.
  const CoverageReport::InFlight& in_flight = coverage.in_flight;
  if (!in_flight.rows.empty()) {
    int in_flight_cells = 0, in_flight_exercised = 0;
    std::string rows;
    for (std::size_t r = 0; r < in_flight.rows.size(); ++r) {
      rows += "<tr><th scope=\"row\"><code>" + Esc(in_flight.rows[r]) + "</code></th>";
      for (std::size_t c = 0; c < in_flight.columns.size(); ++c) {
        const std::uint64_t count =
            r < in_flight.counts.size() && c < in_flight.counts[r].size() ? in_flight.counts[r][c] : 0;
        ++in_flight_cells;
        in_flight_exercised += count > 0 ? 1 : 0;
        rows += count > 0 ? "<td class=\"num\">" + std::to_string(count) + "</td>"
                          : std::string("<td class=\"num unexercised\" title=\"never exercised\">-</td>");
      }
      rows += "</tr>\n";
    }
    out += "<h3 id=\"in-flight\">In flight at the move</h3>\n<p>Asynchronous operations still pending on a handle "
           "when a status move invalidated it (reads with data to deliver counted once more): " +
           std::to_string(in_flight_exercised) + " of " + std::to_string(in_flight_cells) + " cells exercised.</p>\n";
    out += "<div class=\"scroll\"><table class=\"coverage in-flight\">\n<thead><tr><th>operation / handle</th>";
    for (const std::string& column : in_flight.columns) out += "<th>" + Esc(column) + "</th>";
    out += "</tr></thead>\n<tbody>\n" + rows + "</tbody>\n</table></div>\n";
  }
  out += "</section>\n";
  return out;
}

std::string CheckedCount(int checked, int testable) {
  return std::to_string(checked) + " of " + std::to_string(testable) + " testable statements checked";
}

// The rules that check a statement, each linked to its row of the rule
// table; NOT CHECKED for a testable statement no rule checks fully (nor all
// of its parts); the reason of an untestable one.
std::string RequirementCheckers(const RequirementEntryReport& entry) {
  std::vector<std::string> parts;
  if (entry.klass == "testable" && !entry.Checked()) {
    parts.push_back("<span class=\"not-checked-mark\">NOT CHECKED</span>");
  }
  auto rule = [](const std::string& id) {
    return "<code><a" + Attr("href", "#" + Anchor("rule-", id)) + ">" + Esc(id) + "</a></code>";
  };
  for (const std::string& id : entry.checked_by) parts.push_back(rule(id));
  for (const RequirementPartReport& part : entry.parts) {
    for (const std::string& id : part.checked_by) parts.push_back(rule(id) + " (part: " + Esc(part.part) + ")");
  }
  for (const std::string& id : entry.partly_by) parts.push_back(rule(id) + " (partly)");
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : ", ") + parts[i];
  if (!entry.reason.empty()) out += "<div class=\"legend\">" + Esc(entry.reason) + "</div>";
  return out.empty() ? "-" : out;
}

// Which documented statements the rules of the run check: one line for the
// whole catalog, then one collapsed block per page (~350 entries in all).
std::string RequirementsTable(const Report& report) {
  const RequirementsReport& requirements = report.requirements;
  if (requirements.pages.empty()) return "";
  std::string out = "<section id=\"requirements\">\n<h2>Requirements</h2>\n<p>The documented statements, one per "
                    "normative sentence of each page, and the rules of this run that check them: <strong "
                    "id=\"requirements-checked\">" +
                    CheckedCount(requirements.checked, requirements.testable) + "</strong>.</p>\n";
  for (const RequirementPageReport& page : requirements.pages) {
    const bool complete = page.checked >= page.testable;
    out += "<details" + Attr("class", complete ? "requirements" : "requirements incomplete") +
           Attr("id", Anchor("requirements-", page.page)) + Attr("data-page", page.page) + "><summary><h3><code>" +
           Esc(page.page) + "</code>: <span class=\"count\">" + CheckedCount(page.checked, page.testable) +
           "</span></h3><span class=\"legend\">" + Esc(page.file) + "</span></summary>\n";
    out += "<div class=\"scroll\"><table class=\"requirements\">\n<thead><tr><th>Id</th><th>Section</th>"
           "<th>Class</th><th>Statement</th><th>Checked by</th></tr></thead>\n<tbody>\n";
    for (const RequirementEntryReport& entry : page.entries) {
      const bool not_checked = entry.klass == "testable" && !entry.Checked();
      out += "<tr" + Attr("id", Anchor("req-", entry.id)) +
             Attr("class", not_checked ? entry.klass + " not-checked" : entry.klass) +
             Attr("data-requirement", entry.id) + "><td><code>" + Esc(entry.id) + "</code></td><td>" +
             Esc(entry.section) + "</td><td>" + Esc(entry.klass) + "</td><td>" + Esc(entry.quote) + "</td><td>" +
             RequirementCheckers(entry) + "</td></tr>\n";
    }
    out += "</tbody>\n</table></div>\n</details>\n";
  }
  return out + "</section>\n";
}

std::string Legend() {
  auto swatch = [](const char* color, const std::string& label) {
    return "<span><i class=\"swatch\" style=\"background:" + std::string(color) + "\"></i>" + label + "</span>";
  };
  return "<p class=\"legend\">" + swatch("#8d959e", "DISABLED") + swatch("#e39b2d", "UNAVAILABLE") +
         swatch("#2e8b57", "AVAILABLE") + swatch("#4a7fc1", "call returned ERROR_SUCCESS") +
         swatch("#7d6ac4", "call returned ERROR_IO_PENDING") + swatch("#c4473a", "call failed") +
         "<span>&#9679; event signalled</span><span>&#9670; completion packet</span>"
         "<span>&#9633; OVERLAPPED completed</span><span>hover any mark for its trace line</span></p>\n";
}

// The step list of a counterexample, from its step events.
std::string StepList(const CounterexampleReport& counterexample) {
  std::string out = "<ol class=\"steps\">";
  for (const TimelineEvent& event : counterexample.timeline) {
    if (event.kind != "step" || event.step < 0) continue;
    const std::size_t bar = event.text.find(" | ");
    const std::string text = bar == std::string::npos ? event.text : event.text.substr(bar + 3);
    const bool violating = event.step == counterexample.violation.step;
    const std::string label = event.step >= counterexample.steps ? "after" : "#" + std::to_string(event.step);
    out += "<li" + std::string(violating ? " class=\"violating\"" : "") + Attr("data-step", std::to_string(event.step)) +
           "><code>" + Esc(label) + "  t=" + Esc(FormatVirtualTime(event.time)) + "  " + Esc(text) + "</code></li>";
  }
  return out + "</ol>";
}

// The trace, its violating step marked; a long one is cut to the lines
// around the violation (the .trace file beside the scenario has them all).
std::string TraceListing(const CounterexampleReport& counterexample) {
  constexpr std::size_t kMaxLines = 2000;
  const std::vector<TimelineEvent>& events = counterexample.timeline;
  std::size_t begin = 0, end = events.size();
  if (events.size() > kMaxLines) {
    std::size_t violating = 0;
    while (violating < events.size() && events[violating].step != counterexample.violation.step) ++violating;
    if (violating == events.size()) violating = 0;
    begin = violating > kMaxLines / 2 ? violating - kMaxLines / 2 : 0;
    end = std::min(events.size(), begin + kMaxLines);
    begin = end - kMaxLines;
  }
  std::string out = "<pre class=\"trace\">";
  if (begin > 0) out += "... " + std::to_string(begin) + " earlier events (see " + Esc(counterexample.trace_file) + ")\n";
  for (std::size_t i = begin; i < end; ++i) {
    const TimelineEvent& event = events[i];
    const bool violating = event.step == counterexample.violation.step;
    out += violating ? "<mark>" + Esc(event.text) + "</mark>\n" : Esc(event.text) + "\n";
  }
  if (end < events.size()) out += "... " + std::to_string(events.size() - end) + " later events\n";
  if (counterexample.trace_truncated) out += "trace truncated\n";
  return out + "</pre>";
}

// The earlier scenario of a violation across two scenarios of a run, drawn
// like the counterexample: its interpretation's step marked.
std::string PairedScenario(const std::string& rule_id, const PairedScenarioReport& paired) {
  CounterexampleReport drawn;
  drawn.steps = paired.steps;
  drawn.trace_file = paired.trace_file;
  drawn.timeline = paired.timeline;
  drawn.trace_truncated = paired.trace_truncated;
  drawn.violation.step = paired.step;
  drawn.violation.time = paired.time;
  std::string out = "<section class=\"paired\">\n<h4>Paired scenario</h4>\n";
  out += "<p class=\"message\">Alone, each of the two scenarios follows one interpretation; this one, met earlier in "
         "the run, follows another than the counterexample above: " + Esc(paired.note) + "</p>\n";
  out += "<p>Shrunk to " + std::to_string(paired.steps) + " steps" +
         (paired.file.empty() ? std::string() : ", in <code>" + Esc(paired.file) + "</code>") +
         ". Replay it alone, in the report directory: <code class=\"replay\">" + Esc(paired.replay) + "</code></p>\n";
  const std::string svg = RenderTimelineSvg(rule_id + "-paired", drawn);
  if (!svg.empty()) out += "<div class=\"timeline-wrap\">\n" + svg + "\n</div>\n";
  out += "<details open=\"open\"><summary>Paired scenario (" + std::to_string(paired.steps) + " steps)</summary>" +
         StepList(drawn) + "</details>\n";
  out += "<details><summary>Its trace (" + std::to_string(paired.timeline.size()) + " events)</summary>" +
         TraceListing(drawn) + "</details>\n";
  return out + "</section>\n";
}

std::string Violations(const Report& report) {
  if (report.totals.violated + report.totals.errors == 0) return "";
  std::string out = "<section id=\"violations\">\n<h2>Violations</h2>\n";
  for (const RuleReport& rule : report.rules) {
    if (rule.verdict == RuleVerdict::kHolds || rule.verdict == RuleVerdict::kNotChecked) continue;
    out += "<article class=\"violation\"" + Attr("id", Anchor("violation-", rule.id)) + Attr("data-rule", rule.id) + ">\n";
    out += "<h3><code>" + Esc(rule.id) + "</code> " + Verdict(rule) + BaselineTag(rule.baseline) + "</h3>\n";
    out += "<blockquote class=\"citation\">" + Esc(rule.citation) + "<cite>" + Esc(rule.source) + " (" +
           Esc(rule.strength) + ")</cite></blockquote>\n";
    if (!rule.error.empty()) out += "<p class=\"message\">Could not be checked: " + Esc(rule.error) + "</p>\n";
    if (rule.counterexample) {
      const CounterexampleReport& counterexample = *rule.counterexample;
      const ViolationReport& violation = counterexample.violation;
      const std::string where = violation.step >= counterexample.steps ? "after the last step"
                                                                       : "at step " + std::to_string(violation.step);
      out += "<p class=\"message\"><strong>" + Esc(where) + ", t=" + Esc(FormatVirtualTime(violation.time)) +
             ":</strong> " + Esc(violation.message) + "</p>\n";
      out += "<p>Shrunk to " + std::to_string(counterexample.steps) + " steps. Replay, in the report directory: <code class=\"replay\">" +
             Esc(counterexample.replay) + "</code></p>\n";
      const std::string svg = RenderTimelineSvg(rule.id, counterexample);
      if (!svg.empty()) out += "<div class=\"timeline-wrap\">\n" + svg + "\n</div>\n" + Legend();
      out += "<details open=\"open\"><summary>Scenario (" + std::to_string(counterexample.steps) + " steps)</summary>" +
             StepList(counterexample) + "</details>\n";
      out += "<details><summary>Trace (" + std::to_string(counterexample.timeline.size()) + " events)</summary>" +
             TraceListing(counterexample) + "</details>\n";
      if (counterexample.paired) out += PairedScenario(rule.id, *counterexample.paired);
    }
    out += "</article>\n";
  }
  return out + "</section>\n";
}

// Rules with no violation whose cases were mostly cut short (or skipped):
// they say nothing about the implementation, and fail the run.
std::string NotChecked(const Report& report) {
  if (report.totals.not_checked == 0) return "";
  std::string out =
      "<section id=\"not-checked\">\n<h2>Not checked</h2>\n<p>No violation, but fewer than half of these rules' "
      "cases reached their end: a crash or a hang of the implementation cut them short, or the hang budget "
      "skipped them (see <code>no-crash</code> and <code>no-hang</code> for why).</p>\n<ul>\n";
  for (const RuleReport& rule : report.rules) {
    if (rule.verdict != RuleVerdict::kNotChecked) continue;
    out += "<li" + Attr("id", Anchor("violation-", rule.id)) + Attr("data-rule", rule.id) + "><code>" +
           Esc(rule.id) + "</code>: " + Esc(DescribeReached(rule)) + "</li>\n";
  }
  return out + "</ul>\n</section>\n";
}

}  // namespace

std::string RenderHtmlReport(const Report& report) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>pdconform: " + Esc(report.impl) + " \xE2\x80\x94 " + (report.gate.passed ? "PASS" : "FAIL") +
         "</title>\n";
  out += "<style>\n" + std::string(kReportPageStyle) + kSuiteStyle + "</style>\n</head>\n<body>\n";
  out += Header(report);
  // What broke comes first: the violations (when any), then the whole table.
  out += "<main>\n" + Violations(report) + NotChecked(report) + RuleTable(report) + LeftOutTable(report) + CoverageTable(report) + RequirementsTable(report) +
         AmbiguityTable(report) + "</main>\n";
  out += "<footer>report schema " + Esc(kReportSchema) +
         "; written by pdconform, self-contained (nothing is fetched); the same options give the same bytes.</footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace pd
