// Writes report.json files of the sample report for report_schema_test.py:
// OUT/sample.json, OUT/full.json (every optional part at once: a baseline,
// the largest seed, the in-flight table, a rule in error and one not
// checked), OUT/paired.json (a violation across two scenarios) and
// OUT/no-requirements.json (a run that recorded none).
#include <fstream>
#include <iostream>

#include "reports/baseline.h"
#include "reports/json_report.h"
#include "reports/report_testing.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: json_sample OUT_DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::ofstream(dir + "/sample.json") << pd::RenderJsonReport(pd::SampleReport());
  std::ofstream(dir + "/paired.json") << pd::RenderJsonReport(pd::PairedSampleReport());

  pd::Report report = pd::SampleReport();
  pd::Baseline baseline;
  baseline.entries.push_back({report.impl, "first-notify", "", 2});
  baseline.entries.push_back({report.impl, "change-only", "", 3});
  pd::ApplyBaseline(baseline, "known.txt", report);
  report.seed = 18446744073709551615ull;
  report.coverage.rows = {"PeerDistClientBlockRead/content"};
  report.coverage.columns = {"available->disabled"};
  report.coverage.counts = {{7}};
  report.coverage.in_flight.rows = {"PeerDistClientBlockRead/content with data"};
  report.coverage.in_flight.columns = {"available->unavailable", "available->disabled"};
  report.coverage.in_flight.counts = {{2, 0}};
  report.rules.push_back(report.rules[0]);
  report.rules.back().id = "one-shot";
  report.rules.back().verdict = pd::RuleVerdict::kError;
  report.rules.back().error = "RapidCheck gave up";
  report.rules.push_back(report.rules[0]);
  report.rules.back().id = "no-hang";
  report.rules.back().verdict = pd::RuleVerdict::kNotChecked;
  report.rules.back().cases = 3;
  report.rules.back().reached = 0;
  report.rules.back().skipped = 47;
  pd::CountVerdicts(report);
  pd::ComputeGate(report);
  std::ofstream(dir + "/full.json") << pd::RenderJsonReport(report);

  report.requirements = pd::RequirementsReport();
  std::ofstream(dir + "/no-requirements.json") << pd::RenderJsonReport(report);
  return 0;
}
