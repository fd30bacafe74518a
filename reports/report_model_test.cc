#include "reports/report_model.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"

namespace pd {
namespace {

// The documented threshold: fewer than half of the planned cases (run +
// skipped) reached their end.
TEST(ReportModel, MostlyCutShortIsFewerThanHalfOfThePlannedCasesReached) {
  EXPECT_FALSE(MostlyCutShort(0, 0, 0));  // nothing planned (a shard with no share)
  EXPECT_FALSE(MostlyCutShort(10, 10, 0));
  EXPECT_FALSE(MostlyCutShort(10, 5, 0));  // half is enough
  EXPECT_TRUE(MostlyCutShort(10, 4, 0));
  EXPECT_TRUE(MostlyCutShort(5, 2, 0));
  EXPECT_FALSE(MostlyCutShort(5, 3, 0));
  EXPECT_TRUE(MostlyCutShort(3, 3, 997));  // skipped cases count as not reached
  EXPECT_TRUE(MostlyCutShort(0, 0, 5));
  EXPECT_FALSE(MostlyCutShort(1000000, 1000000, 1000000));
  EXPECT_TRUE(MostlyCutShort(1000000, 999999, 1000000));
}

TEST(ReportModel, NotCheckedIsCountedAndFailsTheGate) {
  Report report = SampleReport();
  report.rules.pop_back();  // only change-only, which holds
  CountVerdicts(report);
  ComputeGate(report);
  EXPECT_TRUE(report.gate.passed);
  EXPECT_TRUE(report.AllHold());
  report.rules[0].verdict = RuleVerdict::kNotChecked;
  CountVerdicts(report);
  ComputeGate(report);
  EXPECT_EQ(report.totals.held, 0);
  EXPECT_EQ(report.totals.not_checked, 1);
  EXPECT_EQ(report.gate.not_checked, 1);
  EXPECT_FALSE(report.gate.passed);
  EXPECT_FALSE(report.AllHold());
  EXPECT_STREQ(RuleVerdictName(RuleVerdict::kNotChecked), "not-checked");
}

TEST(ReportModel, DescribeReached) {
  RuleReport rule;
  rule.cases = 1;
  EXPECT_EQ(DescribeReached(rule), "0 of 1 case reached its end");
  rule.cases = 5;
  rule.reached = 2;
  EXPECT_EQ(DescribeReached(rule), "2 of 5 cases reached their end");
  rule.skipped = 995;
  EXPECT_EQ(DescribeReached(rule), "2 of 5 cases reached their end, 995 skipped (hang budget)");
  rule.cases = rule.reached = 0;
  EXPECT_EQ(DescribeReached(rule), "no case ran, 995 skipped (hang budget)");
}

}  // namespace
}  // namespace pd
