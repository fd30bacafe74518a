#include "reports/junit_report.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"
#include "reports/xml_escape.h"

namespace pd {
namespace {

TEST(JunitReport, IsWellFormed) {
  const std::string xml = RenderJunitReport(SampleReport());
  EXPECT_EQ(CheckWellFormedXml(xml), "") << xml;
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0), 0u);
}

TEST(JunitReport, OneTestcasePerRuleAndCounts) {
  const std::string xml = RenderJunitReport(SampleReport());
  std::size_t testcases = 0;
  for (std::size_t pos = 0; (pos = xml.find("<testcase ", pos)) != std::string::npos; ++pos) ++testcases;
  EXPECT_EQ(testcases, 2u);
  EXPECT_NE(xml.find("<testsuite name=\"pdconform.mutant:notify-every-registration\" tests=\"2\" failures=\"1\""),
            std::string::npos)
      << xml;
  // Every test case says how many of its cases reached their end.
  EXPECT_NE(xml.find("<testcase name=\"change-only\" classname=\"pdconform.mutant:notify-every-registration\" "
                     "assertions=\"50\">\n      <system-out>cases:    50 of 50 cases reached their end\n</system-out>\n"
                     "    </testcase>\n"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("cases:    7 of 7 cases reached their end\n"), std::string::npos) << xml;
}

// A rule a live run leaves out is a skipped test case saying why.
TEST(JunitReport, RulesLeftOutAreSkippedTestCases) {
  Report report = SampleReport();
  report.left_out = {{"no-hang", "a live run, in real time: polling"}};
  const std::string xml = RenderJunitReport(report);
  EXPECT_EQ(CheckWellFormedXml(xml), "") << xml;
  EXPECT_NE(xml.find("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase name=\"no-hang\" classname=\"pdconform.mutant:notify-every-registration\">\n"
                     "      <skipped message=\"rule no-hang not judged in this run: a live run, in real time: "
                     "polling\"/>"),
            std::string::npos)
      << xml;
}

TEST(JunitReport, FailureNamesRuleCitationAndReplayCommand) {
  const Report report = SampleReport();
  const RuleReport& rule = report.rules[1];
  const std::string xml = RenderJunitReport(report);
  const std::size_t failure = xml.find("<failure message=\"");
  ASSERT_NE(failure, std::string::npos) << xml;
  const std::size_t end = xml.find('"', failure + 18);
  const std::string message = xml.substr(failure + 18, end - failure - 18);
  EXPECT_NE(message.find("rule first-notify violated"), std::string::npos) << message;
  EXPECT_NE(message.find(XmlEscapeAttribute(rule.citation)), std::string::npos) << message;
  EXPECT_NE(message.find(XmlEscapeAttribute(rule.counterexample->replay)), std::string::npos) << message;
  // The body repeats it for readers that show only the element text.
  EXPECT_NE(xml.find("replay in the report directory: pdconform --impl mutant:notify-every-registration --replay 'out "
                     "dir/counterexamples/first-notify.pdscenario'\n</failure>"),
            std::string::npos)
      << xml;
}

TEST(JunitReport, PairedScenarioInTheFailureBody) {
  const std::string xml = RenderJunitReport(PairedSampleReport());
  EXPECT_NE(xml.find("paired:   1 steps in out dir/counterexamples/first-notify.paired.pdscenario: "
                     "unregister-when-idle: success at step 0"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("--paired 'out dir/counterexamples/first-notify.paired.pdscenario'\n</failure>"),
            std::string::npos)
      << xml;
  EXPECT_EQ(CheckWellFormedXml(xml), "");
}

TEST(JunitReport, NoWallTime) {
  const std::string xml = RenderJunitReport(SampleReport());
  EXPECT_EQ(xml.find("time="), std::string::npos);
  EXPECT_EQ(xml.find("timestamp"), std::string::npos);
}

TEST(JunitReport, AllHoldMeansNoFailure) {
  Report report = SampleReport();
  report.rules.pop_back();
  CountVerdicts(report);
  const std::string xml = RenderJunitReport(report);
  EXPECT_EQ(CheckWellFormedXml(xml), "");
  EXPECT_EQ(xml.find("<failure"), std::string::npos);
  EXPECT_NE(xml.find("failures=\"0\""), std::string::npos);
}

TEST(JunitReport, CheckerErrorIsAnErrorElement) {
  Report report = SampleReport();
  report.rules[0].verdict = RuleVerdict::kError;
  report.rules[0].error = "RapidCheck gave up: <too many discards>";
  CountVerdicts(report);
  const std::string xml = RenderJunitReport(report);
  EXPECT_EQ(CheckWellFormedXml(xml), "") << xml;
  EXPECT_NE(xml.find("errors=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<error message=\"rule change-only could not be checked: RapidCheck gave up: &lt;too many "
                     "discards&gt;\" type=\"checker-error\">"),
            std::string::npos)
      << xml;
  EXPECT_FALSE(report.AllHold());
}

TEST(JunitReport, NotCheckedIsAnErrorElementWithTheReachedCount) {
  Report report = SampleReport();
  report.rules[0].verdict = RuleVerdict::kNotChecked;
  report.rules[0].cases = 3;
  report.rules[0].reached = 1;
  report.rules[0].skipped = 47;
  CountVerdicts(report);
  const std::string xml = RenderJunitReport(report);
  EXPECT_EQ(CheckWellFormedXml(xml), "") << xml;
  EXPECT_NE(xml.find("errors=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<error message=\"rule change-only not checked: 1 of 3 cases reached their end, 47 skipped "
                     "(hang budget) (a crash or a hang cut most cases short; see no-crash and no-hang)\" "
                     "type=\"not-checked\">"),
            std::string::npos)
      << xml;
  EXPECT_FALSE(report.AllHold());
}

}  // namespace
}  // namespace pd
