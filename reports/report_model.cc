#include "reports/report_model.h"

namespace pd {

const char* RuleVerdictName(RuleVerdict verdict) {
  switch (verdict) {
    case RuleVerdict::kHolds: return "holds";
    case RuleVerdict::kViolated: return "violated";
    case RuleVerdict::kError: return "error";
    case RuleVerdict::kNotChecked: return "not-checked";
  }
  return "?";
}

const char* BaselineMarkName(BaselineMark mark) {
  switch (mark) {
    case BaselineMark::kNone: return "none";
    case BaselineMark::kKnown: return "known";
    case BaselineMark::kFixed: return "fixed";
    case BaselineMark::kNotSeen: return "not-seen";
  }
  return "?";
}

bool MostlyCutShort(int cases, int reached, int skipped) {
  const long long planned = static_cast<long long>(cases) + skipped;
  return planned > 0 && 2LL * reached < planned;
}

std::string DescribeReached(const RuleReport& rule) {
  if (rule.cases == 0 && rule.skipped > 0) return "no case ran, " + std::to_string(rule.skipped) + " skipped (hang budget)";
  std::string out = std::to_string(rule.reached) + " of " + std::to_string(rule.cases) +
                    (rule.cases == 1 ? " case" : " cases") + " reached " + (rule.cases == 1 ? "its" : "their") +
                    " end";
  if (rule.skipped > 0) out += ", " + std::to_string(rule.skipped) + " skipped (hang budget)";
  return out;
}

void CountVerdicts(Report& report) {
  report.totals.rules = static_cast<int>(report.rules.size());
  report.totals.held = 0;
  report.totals.violated = 0;
  report.totals.errors = 0;
  report.totals.not_checked = 0;
  for (const RuleReport& rule : report.rules) {
    switch (rule.verdict) {
      case RuleVerdict::kHolds: ++report.totals.held; break;
      case RuleVerdict::kViolated: ++report.totals.violated; break;
      case RuleVerdict::kError: ++report.totals.errors; break;
      case RuleVerdict::kNotChecked: ++report.totals.not_checked; break;
    }
  }
}

void ComputeGate(Report& report) {
  GateReport& gate = report.gate;
  gate.new_violations = gate.known = gate.fixed = gate.errors = gate.not_checked = 0;
  for (const RuleReport& rule : report.rules) {
    if (rule.verdict == RuleVerdict::kError) {
      ++gate.errors;
    } else if (rule.verdict == RuleVerdict::kNotChecked) {
      ++gate.not_checked;
    } else if (rule.verdict == RuleVerdict::kViolated) {
      if (rule.baseline == BaselineMark::kKnown) {
        ++gate.known;
      } else {
        ++gate.new_violations;
      }
    } else if (rule.baseline == BaselineMark::kFixed) {
      ++gate.fixed;
    }
  }
  gate.passed = gate.new_violations == 0 && gate.fixed == 0 && gate.errors == 0 && gate.not_checked == 0;
}

}  // namespace pd
