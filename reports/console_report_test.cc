#include "reports/console_report.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"

namespace pd {
namespace {

TEST(ConsoleReport, OneRowPerRuleWithReplayForViolations) {
  const std::string text = RenderConsoleReport(SampleReport(), {});
  EXPECT_NE(text.find("RULE          STRENGTH    VERDICT   CASES  REACHED  STEPS  REPLAY\n"), std::string::npos) << text;
  EXPECT_NE(text.find("change-only   documented  holds     50     50       -\n"), std::string::npos) << text;
  EXPECT_NE(text.find("first-notify  documented  VIOLATED  7      7        2      pdconform --impl "
                      "mutant:notify-every-registration --replay 'out dir/counterexamples/first-notify.pdscenario'\n"),
            std::string::npos)
      << text;
}

TEST(ConsoleReport, AmbiguitiesAndSummary) {
  ConsoleOptions options;
  options.wall_seconds = 2.0;
  const std::string text = RenderConsoleReport(SampleReport(), options);
  EXPECT_NE(text.find("second-registration-error  already-exists\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2 rules: 1 hold, 1 violated; 57 scenarios executed, 400 simulated API calls, 2.00 s wall, "
                      "200 calls/s\nrequirements: 2 of 3 testable statements checked\n"),
            std::string::npos)
      << text;
  // Only the count: the per-page table is not for the console.
  EXPECT_EQ(text.find("REGISTER-1"), std::string::npos) << text;
  Report report = SampleReport();
  report.requirements = RequirementsReport();
  EXPECT_EQ(RenderConsoleReport(report, options).find("requirements"), std::string::npos);
}

TEST(ConsoleReport, PairedScenarioUnderItsViolation) {
  const std::string text = RenderConsoleReport(PairedSampleReport(), {});
  EXPECT_NE(text.find("--replay 'out dir/counterexamples/first-notify.pdscenario' --paired "
                      "'out dir/counterexamples/first-notify.paired.pdscenario'\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    paired scenario out dir/counterexamples/first-notify.paired.pdscenario (1 steps): "
                      "unregister-when-idle: success at step 0"),
            std::string::npos)
      << text;
  EXPECT_EQ(RenderConsoleReport(SampleReport(), {}).find("paired"), std::string::npos);
}

TEST(ConsoleReport, CoverageAndInFlightTables) {
  Report report = SampleReport();
  report.coverage.rows = {"PeerDistClientBlockRead/content"};
  report.coverage.columns = {"available->disabled"};
  report.coverage.counts = {{3}};
  std::string text = RenderConsoleReport(report, {});
  EXPECT_NE(text.find("1/1 coverage cells exercised\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("IN FLIGHT"), std::string::npos) << text;
  report.coverage.in_flight.rows = {"PeerDistClientBlockRead/content with data"};
  report.coverage.in_flight.columns = {"available->unavailable", "available->disabled"};
  report.coverage.in_flight.counts = {{4, 0}};
  text = RenderConsoleReport(report, {});
  EXPECT_NE(text.find("IN FLIGHT AT THE MOVE"), std::string::npos) << text;
  EXPECT_NE(text.find("PeerDistClientBlockRead/content with data"), std::string::npos) << text;
  EXPECT_NE(text.find("1/2 in-flight cells exercised\n"), std::string::npos) << text;
}

TEST(ConsoleReport, NoEscapeCodesWithoutColor) {
  EXPECT_EQ(RenderConsoleReport(SampleReport(), {}).find('\x1b'), std::string::npos);
  ConsoleOptions color;
  color.color = true;
  EXPECT_NE(RenderConsoleReport(SampleReport(), color).find("\x1b[1;31mVIOLATED\x1b[0m"), std::string::npos);
}

TEST(ConsoleReport, BaselineColumnOnlyWithABaseline) {
  EXPECT_EQ(RenderConsoleReport(SampleReport(), {}).find("BASELINE"), std::string::npos);
  Report report = SampleReport();
  report.gate.baseline = "known.txt";
  report.rules[0].baseline = BaselineMark::kFixed;
  const std::string text = RenderConsoleReport(report, {});
  EXPECT_NE(text.find("RULE          STRENGTH    VERDICT   BASELINE  CASES"), std::string::npos) << text;
  EXPECT_NE(text.find("change-only   documented  holds     FIXED     50"), std::string::npos) << text;
  EXPECT_NE(text.find("first-notify  documented  VIOLATED  NEW       7"), std::string::npos) << text;
  report.rules[1].baseline = BaselineMark::kKnown;
  EXPECT_NE(RenderConsoleReport(report, {}).find("first-notify  documented  VIOLATED  known     7"), std::string::npos);
}

TEST(ConsoleReport, NotCheckedRowsSayHowManyCasesReachedTheirEnd) {
  Report report = SampleReport();
  report.rules[0].verdict = RuleVerdict::kNotChecked;
  report.rules[0].cases = 3;
  report.rules[0].reached = 1;
  report.rules[0].skipped = 47;
  CountVerdicts(report);
  const std::string text = RenderConsoleReport(report, {});
  EXPECT_NE(text.find("change-only   documented  NOT-CHECKED  3      1        -\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nnot checked (cases cut short by a crash or a hang, or skipped):\n"
                      "  change-only: 1 of 3 cases reached their end, 47 skipped (hang budget)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2 rules: 0 hold, 1 violated, 1 not checked (cases cut short); "), std::string::npos) << text;
  report.rules[0].cases = 0;
  report.rules[0].reached = 0;
  EXPECT_NE(RenderConsoleReport(report, {}).find("  change-only: no case ran, 47 skipped (hang budget)\n"),
            std::string::npos);
}

TEST(FormatThroughput, GuardsAgainstZeroTime) {
  EXPECT_EQ(FormatThroughput(100, 0.5), "0.50 s wall, 200 calls/s");
  EXPECT_EQ(FormatThroughput(100, 0.0), "0.00 s wall");
}

}  // namespace
}  // namespace pd
