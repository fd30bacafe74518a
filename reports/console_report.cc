#include "reports/console_report.h"

#include <cstdio>

#include "reports/text_table.h"

namespace pd {

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

  TextTable rules({"RULE", "STRENGTH", "VERDICT", "CASES", "STEPS", "REPLAY"});
  for (const RuleReport& rule : report.rules) {
    const bool violated = rule.verdict == RuleVerdict::kViolated;
    rules.AddRow({
        rule.id,
        rule.strength,
        rule.verdict == RuleVerdict::kError ? TableCell("ERROR", "1;35")
        : violated                          ? TableCell("VIOLATED", "1;31")
                                            : TableCell("holds", "32"),
        std::to_string(rule.cases),
        rule.counterexample ? std::to_string(rule.counterexample->steps) : "-",
        rule.counterexample ? rule.counterexample->replay : "",
    });
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

  out += "\n";
  out += std::to_string(report.totals.rules) + " rules: " + std::to_string(report.totals.held) + " hold, " +
         std::to_string(report.totals.violated) + " violated" +
         (report.totals.errors > 0 ? ", " + std::to_string(report.totals.errors) + " not checked (error)" : "") + "; " + std::to_string(report.totals.scenarios) +
         " scenarios executed, " + std::to_string(report.totals.api_calls) + " simulated API calls";
  if (options.wall_seconds >= 0) out += ", " + FormatThroughput(report.totals.api_calls, options.wall_seconds);
  out += "\n";
  return out;
}

}  // namespace pd
