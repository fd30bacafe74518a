#include "reports/report_model.h"

namespace pd {

const char* RuleVerdictName(RuleVerdict verdict) {
  switch (verdict) {
    case RuleVerdict::kHolds: return "holds";
    case RuleVerdict::kViolated: return "violated";
    case RuleVerdict::kError: return "error";
  }
  return "?";
}

void CountVerdicts(Report& report) {
  report.totals.rules = static_cast<int>(report.rules.size());
  report.totals.held = 0;
  report.totals.violated = 0;
  report.totals.errors = 0;
  for (const RuleReport& rule : report.rules) {
    switch (rule.verdict) {
      case RuleVerdict::kHolds: ++report.totals.held; break;
      case RuleVerdict::kViolated: ++report.totals.violated; break;
      case RuleVerdict::kError: ++report.totals.errors; break;
    }
  }
}

}  // namespace pd
