// Writes junit.xml files of the sample report for junit_schema_test.sh:
// OUT/plain.xml (a violation), OUT/baseline.xml (a known violation and a
// fixed one), OUT/error.xml (a rule that could not be checked),
// OUT/not-checked.xml (a rule whose cases were mostly cut short).
#include <fstream>
#include <iostream>

#include "reports/baseline.h"
#include "reports/junit_report.h"
#include "reports/report_testing.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: junit_sample OUT_DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  pd::Report report = pd::SampleReport();
  std::ofstream(dir + "/plain.xml") << pd::RenderJunitReport(report);

  pd::Baseline baseline;
  baseline.entries.push_back({report.impl, "first-notify", "", 2});
  baseline.entries.push_back({report.impl, "change-only", "", 3});
  pd::ApplyBaseline(baseline, "known deviations.txt", report);
  std::ofstream(dir + "/baseline.xml") << pd::RenderJunitReport(report);

  report = pd::SampleReport();
  report.rules[1].verdict = pd::RuleVerdict::kError;
  report.rules[1].error = "RapidCheck gave up <after 10 tries>";
  pd::CountVerdicts(report);
  pd::ComputeGate(report);
  std::ofstream(dir + "/error.xml") << pd::RenderJunitReport(report);

  report = pd::SampleReport();
  report.rules[0].verdict = pd::RuleVerdict::kNotChecked;
  report.rules[0].cases = 3;
  report.rules[0].reached = 0;
  report.rules[0].skipped = 47;
  pd::CountVerdicts(report);
  pd::ComputeGate(report);
  std::ofstream(dir + "/not-checked.xml") << pd::RenderJunitReport(report);
  return 0;
}
