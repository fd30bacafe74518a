// The data every report writer renders: one suite run, already judged. It is
// a plain value with no link to the checker, so writers are tested without a
// suite and stay byte-for-byte deterministic: nothing here is wall time, and
// every path is the one the user gave.
#ifndef REPORTS_REPORT_MODEL_H_
#define REPORTS_REPORT_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pd {

// The version of report.json's layout; bump it when a field changes meaning
// or disappears (adding a field keeps the version).
constexpr char kReportSchema[] = "pdconform-report/1";

struct ViolationReport {
  int step = -1;               // scenario step at which the rule broke
  std::uint64_t time = 0;      // virtual time, microseconds
  std::string message;
};

struct CounterexampleReport {
  int steps = 0;               // length of the shrunk scenario
  std::string file;            // the scenario file, as a path relative to the user's directory
  std::string trace_file;      // its rendered trace, beside it
  std::string replay;          // the exact command that replays it
  ViolationReport violation;
};

// kError: the rule could not be checked (the property engine gave up or
// failed, or a counterexample did not reproduce); such a rule does not hold.
enum class RuleVerdict { kHolds, kViolated, kError };

const char* RuleVerdictName(RuleVerdict verdict);  // "holds" / "violated" / "error"

struct RuleReport {
  std::string id;
  std::string strength;        // StrengthName()
  std::string source;          // documentation page
  std::string citation;        // the sentence(s) of that page
  std::string summary;         // the rule as checked
  RuleVerdict verdict = RuleVerdict::kHolds;
  int cases = 0;               // scenarios run for this rule
  std::optional<CounterexampleReport> counterexample;  // when violated
  std::string error;           // kError: what went wrong, one line
};

struct AmbiguityReport {
  std::string id;
  std::string question;
  std::string verdict;                     // AmbiguityObservation::Verdict()
  std::map<std::string, int> occurrences;  // interpretation id -> count
};

struct ReportTotals {
  int rules = 0;
  int held = 0;
  int violated = 0;
  int errors = 0;    // rules that could not be checked
  std::uint64_t scenarios = 0;  // scenarios executed, shrinking included
  std::uint64_t api_calls = 0;  // simulated API calls
};

struct Report {
  std::string impl;
  std::uint64_t seed = 0;
  int cases = 0;  // requested scenarios per rule
  int shard_index = 0;
  int shard_count = 1;
  std::vector<RuleReport> rules;
  std::vector<AmbiguityReport> ambiguities;
  ReportTotals totals;

  bool AllHold() const { return totals.violated == 0 && totals.errors == 0; }
};

// Fills report.totals.rules/held/violated from report.rules.
void CountVerdicts(Report& report);

}  // namespace pd

#endif  // REPORTS_REPORT_MODEL_H_
