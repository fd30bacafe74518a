#include "reports/progress.h"

#include <gtest/gtest.h>

namespace pd {
namespace {

TEST(Progress, Durations) {
  EXPECT_EQ(FormatDuration(0.04), "0.0 s");
  EXPECT_EQ(FormatDuration(12.34), "12.3 s");
  EXPECT_EQ(FormatDuration(245), "4 min 05 s");
  EXPECT_EQ(FormatDuration(3720), "1 h 02 min");
  EXPECT_EQ(FormatDuration(-1), "0.0 s");
}

TEST(Progress, EstimateFromTheShareOfCasesDone) {
  ProgressState state;
  state.cases_total = 1000;
  state.cases_done = 5;
  state.elapsed_seconds = 2;
  EXPECT_EQ(EstimateLeft(state), "");  // under 1%: no estimate
  state.cases_done = 250;
  EXPECT_EQ(EstimateLeft(state), "6.0 s");
  state.cases_done = 1000;
  EXPECT_EQ(EstimateLeft(state), "0.0 s");
}

TEST(Progress, Lines) {
  ProgressState state;
  state.rules_done = 3;
  state.rules_total = 14;
  state.rule = "first-notify";
  state.cases_done = 3000;
  state.cases_total = 14000;
  state.elapsed_seconds = 1.5;
  EXPECT_EQ(RenderProgressLine(state), "pdconform: 3/14 rules, 3000/14000 cases, 1.5 s, ~5.5 s left (first-notify)");
  state.verdict = "holds";
  EXPECT_EQ(RenderProgressLogLine(state),
            "pdconform: [3/14] first-notify: holds, 3000/14000 cases; 1.5 s elapsed, ~5.5 s left");
}

struct Fake {
  double now = 100;
  std::string written;
};

TEST(Progress, TerminalRedrawsInPlaceAtMostEvery100Ms) {
  Fake fake;
  ProgressReporter reporter(true, [&](const std::string& s) { fake.written += s; }, [&] { return fake.now; });
  ProgressState state;
  state.rules_total = 2;
  state.cases_total = 100;
  state.rule = "a";
  state.cases_done = 1;
  reporter.Update(state);
  EXPECT_EQ(fake.written, "\rpdconform: 0/2 rules, 1/100 cases, 0.0 s (a)\x1b[K");
  fake.now += 0.05;
  state.cases_done = 2;
  reporter.Update(state);  // too soon: not drawn
  EXPECT_EQ(fake.written.find("2/100"), std::string::npos);
  fake.now += 0.06;
  reporter.Update(state);
  EXPECT_NE(fake.written.find("2/100"), std::string::npos);
  // The last rule's end is always drawn, then Finish clears the line.
  state.rules_done = 2;
  state.verdict = "holds";
  state.cases_done = 100;
  reporter.Update(state);
  EXPECT_NE(fake.written.find("2/2 rules, 100/100 cases"), std::string::npos);
  reporter.Finish();
  EXPECT_EQ(fake.written.substr(fake.written.size() - 4), "\r\x1b[K");
  EXPECT_EQ(fake.written.find('\n'), std::string::npos);
}

TEST(Progress, LogGetsALinePerRuleAndAHeartbeat) {
  Fake fake;
  ProgressReporter reporter(false, [&](const std::string& s) { fake.written += s; }, [&] { return fake.now; });
  ProgressState state;
  state.rules_total = 2;
  state.cases_total = 100;
  state.rule = "a";
  for (int i = 1; i <= 50; ++i) {
    state.cases_done = static_cast<std::uint64_t>(i);
    fake.now += 0.01;
    reporter.Update(state);
  }
  EXPECT_EQ(fake.written, "");  // cases alone print nothing in a log
  state.rules_done = 1;
  state.verdict = "VIOLATED";
  reporter.Update(state);
  EXPECT_EQ(fake.written, "pdconform: [1/2] a: VIOLATED, 50/100 cases; 0.5 s elapsed, ~0.5 s left\n");
  fake.written.clear();
  state.verdict.clear();
  state.rule = "b";
  fake.now += 31;
  reporter.Update(state);  // a long rule: a heartbeat
  EXPECT_EQ(fake.written.rfind("pdconform: [1/2] b: running", 0), 0u) << fake.written;
  reporter.Finish();
  EXPECT_EQ(fake.written.find('\r'), std::string::npos);
}

}  // namespace
}  // namespace pd
