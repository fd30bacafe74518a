#include "reports/console_report.h"

#include <cstdio>

#include "reports/text_table.h"

namespace pd {

namespace {

// A report-relative path as seen from where pdconform ran.
std::string Here(const ConsoleOptions& options, const std::string& path) {
  if (options.report_dir.empty() || path.empty()) return path;
  return options.report_dir.back() == '/' ? options.report_dir + path : options.report_dir + "/" + path;
}

// The console's replay command runs where pdconform ran; a report read back
// (--merge before it names the files anew) has only the saved one.
const std::string& ReplayFromHere(const CounterexampleReport& counterexample) {
  return counterexample.replay_here.empty() ? counterexample.replay : counterexample.replay_here;
}

}  // namespace

std::string FormatThroughput(std::uint64_t api_calls, double wall_seconds) {
  char buffer[96];
  if (wall_seconds > 0) {
    std::snprintf(buffer, sizeof buffer, "%.2f s wall, %.0f calls/s", wall_seconds,
                  static_cast<double>(api_calls) / wall_seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2f s wall", wall_seconds < 0 ? 0.0 : wall_seconds);
  }
  return buffer;
}

std::string RenderConsoleReport(const Report& report, const ConsoleOptions& options) {
  std::string out = "pdconform: impl " + report.impl + ", seed " + std::to_string(report.seed) + ", " +
                    std::to_string(report.cases) + " cases per rule";
  if (report.shard_count > 1) {
    out += ", shard " + std::to_string(report.shard_index) + "/" + std::to_string(report.shard_count);
  }
  out += "\n\n";

  // With a baseline, a BASELINE column says which violations are expected
  // (known), which listed rules now hold (fixed) and which are new.
  const bool baseline = !report.gate.baseline.empty();
  // REACHED: how many of the cases reached their end (no crash or hang cut
  // them short); a rule whose cases mostly did not is NOT-CHECKED.
  std::vector<TableCell> header = {"RULE", "STRENGTH", "VERDICT", "CASES", "REACHED", "STEPS", "REPLAY"};
  if (baseline) header.insert(header.begin() + 3, "BASELINE");
  TextTable rules(header);
  for (const RuleReport& rule : report.rules) {
    const bool violated = rule.verdict == RuleVerdict::kViolated;
    std::vector<TableCell> row = {
        rule.id,
        rule.strength,
        rule.verdict == RuleVerdict::kError        ? TableCell("ERROR", "1;35")
        : rule.verdict == RuleVerdict::kNotChecked ? TableCell("NOT-CHECKED", "1;35")
        : violated ? TableCell("VIOLATED", rule.baseline == BaselineMark::kKnown ? "33" : "1;31")
                   : TableCell("holds", "32"),
        std::to_string(rule.cases),
        std::to_string(rule.reached),
        rule.counterexample ? std::to_string(rule.counterexample->steps) : "-",
        rule.counterexample ? ReplayFromHere(*rule.counterexample) : "",
    };
    if (baseline) {
      const bool is_new = violated && rule.baseline != BaselineMark::kKnown;
      row.insert(row.begin() + 3, rule.baseline == BaselineMark::kFixed ? TableCell("FIXED", "1;31")
                                  : is_new                              ? TableCell("NEW", "1;31")
                                  : rule.baseline == BaselineMark::kNone ? TableCell("-")
                                                                        : TableCell(BaselineMarkName(rule.baseline)));
    }
    rules.AddRow(row);
  }
  out += rules.Render(options.color);

  bool any_violation_message = false;
  for (const RuleReport& rule : report.rules) {
    if (!rule.error.empty()) {
      if (!any_violation_message) out += "\nviolations:\n";
      any_violation_message = true;
      out += "  " + rule.id + ": could not be checked: " + rule.error + "\n";
    }
    if (!rule.counterexample) continue;
    if (!any_violation_message) out += "\nviolations:\n";
    any_violation_message = true;
    const ViolationReport& violation = rule.counterexample->violation;
    // Events after the last step happen while the runner drains time.
    const std::string where = violation.step >= rule.counterexample->steps
                                  ? "after the last step"
                                  : "step " + std::to_string(violation.step);
    out += "  " + rule.id + ": " + where + ", t=" + std::to_string(violation.time) + " us: " + violation.message + "\n";
    if (const auto& paired = rule.counterexample->paired) {
      out += "    paired scenario" + (paired->file.empty() ? std::string() : " " + Here(options, paired->file)) + " (" +
             std::to_string(paired->steps) + " steps): " + paired->note + "\n";
    }
  }
  bool any_not_checked = false;
  for (const RuleReport& rule : report.rules) {
    if (rule.verdict != RuleVerdict::kNotChecked) continue;
    if (!any_not_checked) out += "\nnot checked (cases cut short by a crash or a hang, or skipped):\n";
    any_not_checked = true;
    out += "  " + rule.id + ": " + DescribeReached(rule) + "\n";
  }

  if (!report.ambiguities.empty()) {
    out += "\n";
    TextTable ambiguities({"AMBIGUITY", "INTERPRETATION FOLLOWED"});
    for (const AmbiguityReport& ambiguity : report.ambiguities) {
      const bool inconsistent = ambiguity.verdict.rfind("inconsistent", 0) == 0;
      ambiguities.AddRow({ambiguity.id, inconsistent ? TableCell(ambiguity.verdict, "1;33") : ambiguity.verdict});
    }
    out += ambiguities.Render(options.color);
  }

  if (!report.coverage.rows.empty()) {
    // One column per status move; a cell is the number of calls seen, "-"
    // for a cell the run never exercised.
    out += "\n";
    std::vector<TableCell> header = {TableCell("COVERAGE (calls on a handle opened before the move, made after it)")};
    for (const std::string& column : report.coverage.columns) header.emplace_back(column);
    TextTable coverage(header);
    int exercised = 0, cells = 0;
    for (std::size_t r = 0; r < report.coverage.rows.size(); ++r) {
      std::vector<TableCell> cells_of_row = {TableCell(report.coverage.rows[r])};
      for (std::uint64_t count : report.coverage.counts[r]) {
        ++cells;
        exercised += count > 0 ? 1 : 0;
        cells_of_row.emplace_back(count > 0 ? std::to_string(count) : std::string("-"));
      }
      coverage.AddRow(cells_of_row);
    }
    out += coverage.Render(options.color);
    out += std::to_string(exercised) + "/" + std::to_string(cells) + " coverage cells exercised\n";
  }
  const CoverageReport::InFlight& in_flight = report.coverage.in_flight;
  if (!in_flight.rows.empty()) {
    // Operations still pending when their handle was invalidated.
    out += "\n";
    std::vector<TableCell> header = {TableCell("IN FLIGHT AT THE MOVE (operations pending when it invalidates their handle)")};
    for (const std::string& column : in_flight.columns) header.emplace_back(column);
    TextTable table(header);
    int exercised = 0, cells = 0;
    for (std::size_t r = 0; r < in_flight.rows.size(); ++r) {
      std::vector<TableCell> cells_of_row = {TableCell(in_flight.rows[r])};
      for (std::uint64_t count : in_flight.counts[r]) {
        ++cells;
        exercised += count > 0 ? 1 : 0;
        cells_of_row.emplace_back(count > 0 ? std::to_string(count) : std::string("-"));
      }
      table.AddRow(cells_of_row);
    }
    out += table.Render(options.color);
    out += std::to_string(exercised) + "/" + std::to_string(cells) + " in-flight cells exercised\n";
  }

  out += "\n";
  out += std::to_string(report.totals.rules) + " rules: " + std::to_string(report.totals.held) + " hold, " +
         std::to_string(report.totals.violated) + " violated" +
         (report.totals.errors > 0 ? ", " + std::to_string(report.totals.errors) + " not checked (error)" : "") +
         (report.totals.not_checked > 0
              ? ", " + std::to_string(report.totals.not_checked) + " not checked (cases cut short)"
              : "") +
         "; " + std::to_string(report.totals.scenarios) +
         " scenarios executed, " + std::to_string(report.totals.api_calls) + " simulated API calls";
  if (options.wall_seconds >= 0) out += ", " + FormatThroughput(report.totals.api_calls, options.wall_seconds);
  out += "\n";
  // The requirements catalog's count only; the per-page table is in
  // report.html and pdconform --list-requirements.
  if (!report.requirements.pages.empty()) {
    out += "requirements: " + std::to_string(report.requirements.checked) + " of " +
           std::to_string(report.requirements.testable) + " testable statements checked\n";
  }
  return out;
}

}  // namespace pd
