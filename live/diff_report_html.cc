// report.html of a differential replay: self-contained like the suite's
// (inline CSS, no script), one section per differing case.
#include <algorithm>

#include "live/diff_report.h"
#include "reports/html_page_style.h"
#include "reports/xml_escape.h"

namespace pd {
namespace {

std::string Esc(const std::string& text) { return XmlEscapeText(text); }
std::string Attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + XmlEscapeAttribute(value) + "\"";
}

// Case names come from file names: anything outside [A-Za-z0-9_-] becomes _.
std::string Anchor(const std::string& name) {
  std::string out = "case-";
  for (char c : name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    out += safe ? c : '_';
  }
  return out;
}

// What only the diff report needs, after the page style both reports share.
constexpr char kDiffStyle[] = R"(table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--bg2); font-weight: 600; }
.verdict { font-weight: 700; white-space: nowrap; }
.verdict.same { color: var(--green); }
.verdict.different { color: var(--red); }
article.difference { margin: 18px 0 28px; padding: 14px 16px; border: 1px solid var(--line); border-radius: 8px; }
table.side-by-side td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; white-space: pre-wrap; word-break: break-all; width: 50%; }
table.side-by-side td.n { width: auto; color: var(--muted); text-align: right; }
table.side-by-side tr.differs td { background: #ffebe9; }
table.side-by-side tr.first td { border-left: 3px solid var(--red); font-weight: 600; }
pre.scenario { max-height: 360px; overflow: auto; padding: 8px; background: var(--bg2); border-radius: 6px; }
details { margin: 6px 0; }
summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
)";

std::string Header(const DiffRun& run) {
  const int differences = run.Differences();
  std::string out = "<header>\n<h1>pdconform differential replay</h1>\n";
  out += "<p class=\"banner " + std::string(differences == 0 ? "pass" : "fail") + "\" id=\"gate\">" +
         (differences == 0 ? "PASS" : "FAIL") + ": " + std::to_string(run.cases.size()) +
         (run.cases.size() == 1 ? " recorded case, " : " recorded cases, ") +
         std::to_string(differences) + (differences == 1 ? " difference" : " differences") +
         " in what a caller observes</p>\n";
  out += "<dl class=\"run\"><dt>implementation</dt><dd><code>" + Esc(run.impl) + "</code></dd>";
  out += "<dt>recorded cases</dt><dd><code>" + Esc(run.recorded_dir) + "</code></dd>";
  out += "<dt>compared</dt><dd>return codes and out-values, completion codes, notified statuses, keys, bytes, "
         "their order and the step each happened in; not their times</dd>";
  if (differences > 0) out += "<dt>diff again</dt><dd><code>" + Esc(run.rediff) + "</code></dd>";
  out += "</dl>\n</header>\n";
  return out;
}

std::string CaseTable(const DiffRun& run) {
  std::string out = "<section id=\"cases\">\n<h2>Recorded cases</h2>\n<table class=\"cases\">\n<thead><tr>"
                    "<th>Case</th><th>Verdict</th><th>First difference</th></tr></thead>\n<tbody>\n";
  for (const DiffCase& diff_case : run.cases) {
    const bool same = !diff_case.difference;
    out += "<tr" + Attr("data-case", diff_case.name) + Attr("data-verdict", same ? "same" : "different") + "><td><code>";
    out += same ? Esc(diff_case.name) : "<a" + Attr("href", "#" + Anchor(diff_case.name)) + ">" + Esc(diff_case.name) + "</a>";
    out += "</code></td><td><span class=\"verdict " + std::string(same ? "same\">same" : "different\">DIFFERENT") +
           "</span></td><td>";
    if (!same) out += "observable line " + std::to_string(diff_case.difference->line + 1);
    out += "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string SideBySideTable(const DiffCase& diff_case) {
  const std::vector<std::string> recorded = ObservableLines(diff_case.recorded_trace);
  const std::vector<std::string> replayed = ObservableLines(diff_case.replayed_trace);
  std::string out =
      "<table class=\"side-by-side\">\n<thead><tr><th>#</th><th>recorded</th><th>replayed in virtual time</th></tr>"
      "</thead>\n<tbody>\n";
  for (std::size_t i = 0; i < std::max(recorded.size(), replayed.size()); ++i) {
    const std::string left = i < recorded.size() ? recorded[i] : "";
    const std::string right = i < replayed.size() ? replayed[i] : "";
    std::string css;
    if (left != right) css = i == diff_case.difference->line ? "differs first" : "differs";
    out += "<tr" + (css.empty() ? std::string() : Attr("class", css)) + "><td class=\"n\">" + std::to_string(i + 1) +
           "</td><td>" + Esc(left) + "</td><td>" + Esc(right) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string DifferenceArticle(const DiffCase& diff_case) {
  const TraceDifference& difference = *diff_case.difference;
  std::string out = "<article class=\"difference\"" + Attr("id", Anchor(diff_case.name)) + ">\n";
  out += "<h3><code>" + Esc(diff_case.name) + "</code></h3>\n";
  out += "<p>observable line " + std::to_string(difference.line + 1) + ": recorded <code>" +
         Esc(difference.recorded.empty() ? "(trace ended)" : difference.recorded) + "</code>, replayed <code>" +
         Esc(difference.replayed.empty() ? "(trace ended)" : difference.replayed) + "</code></p>\n";
  out += "<p>replay: <code>" + Esc(diff_case.replay) + "</code><br>files: <code>" +
         Esc(DiffScenarioFile(diff_case.name)) + "</code>, <code>" + Esc(DiffRecordedTraceFile(diff_case.name)) +
         "</code> (recorded), <code>" + Esc(DiffReplayedTraceFile(diff_case.name)) + "</code></p>\n";
  out += SideBySideTable(diff_case);
  out += "<details><summary>scenario</summary><pre class=\"scenario\">" + Esc(diff_case.scenario) +
         "</pre></details>\n";
  return out + "</article>\n";
}

}  // namespace

std::string RenderDiffHtml(const DiffRun& run) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>pdconform diff: " +
                    Esc(run.impl) + "</title>\n<style>\n" + kReportPageStyle + kDiffStyle + "</style>\n</head>\n<body>\n";
  out += Header(run);
  if (run.Differences() > 0) {
    out += "<section id=\"differences\">\n<h2>Differences</h2>\n";
    for (const DiffCase& diff_case : run.cases) {
      if (diff_case.difference) out += DifferenceArticle(diff_case);
    }
    out += "</section>\n";
  }
  out += CaseTable(run);
  out += "<footer>pdconform --diff: each recorded scenario replayed in virtual time; what the implementation "
         "delivers between two of the harness's own events is compared as a set.</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace pd
