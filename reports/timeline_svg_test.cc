#include "reports/timeline_svg.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"

namespace pd {
namespace {

int Count(const std::string& text, const std::string& needle) {
  int count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

const CounterexampleReport& Sample() {
  static const Report report = SampleReport();
  return *report.rules[1].counterexample;
}

TEST(TimelineSvg, FormatsVirtualTimeAndFunctionNames) {
  EXPECT_EQ(FormatVirtualTime(0), "0");
  EXPECT_EQ(FormatVirtualTime(750), "750 us");
  EXPECT_EQ(FormatVirtualTime(45706), "45.706 ms");
  EXPECT_EQ(FormatVirtualTime(45700), "45.7 ms");
  EXPECT_EQ(FormatVirtualTime(300000), "300 ms");
  EXPECT_EQ(FormatVirtualTime(2500000), "2.5 s");
  EXPECT_EQ(ShortFunctionName("PeerDistRegisterForStatusChangeNotificationEx"), "RegisterEx");
  EXPECT_EQ(ShortFunctionName("PeerDistUnregisterForStatusChangeNotification"), "Unregister");
  EXPECT_EQ(ShortFunctionName("PeerDistGetOverlappedResult"), "GetOvResult");
  EXPECT_EQ(ShortFunctionName("PeerDistClientBlockRead"), "ClientBlockRead");
}

TEST(TimelineSvg, IsWellFormedXml) {
  const std::string svg = RenderTimelineSvg("first-notify", Sample());
  EXPECT_EQ(CheckWellFormedXml(svg), "") << svg;
  EXPECT_EQ(svg.rfind("<svg class=\"timeline\" data-rule=\"first-notify\"", 0), 0u);
}

TEST(TimelineSvg, LanesForStepsServiceAndEachSession) {
  const std::string svg = RenderTimelineSvg("first-notify", Sample());
  EXPECT_EQ(Count(svg, "<g class=\"lane\""), 3) << svg;
  EXPECT_NE(svg.find("data-lane=\"steps\""), std::string::npos);
  EXPECT_NE(svg.find("data-lane=\"service\""), std::string::npos);
  EXPECT_NE(svg.find("data-lane=\"session-0\""), std::string::npos);
  // The status: disabled from the start, available at the end.
  EXPECT_NE(svg.find("<g class=\"status\" data-status=\"disabled\">"), std::string::npos);
  EXPECT_NE(svg.find("<g class=\"status\" data-status=\"available\">"), std::string::npos);
}

TEST(TimelineSvg, CallsSignalsPacketsAndTheViolatingStep) {
  const std::string svg = RenderTimelineSvg("first-notify", Sample());
  EXPECT_EQ(Count(svg, "<g class=\"call\""), 2);
  EXPECT_NE(svg.find("data-function=\"PeerDistRegisterForStatusChangeNotification\" data-code=\"ERROR_SUCCESS\""),
            std::string::npos);
  EXPECT_EQ(Count(svg, "<g class=\"signal\""), 1);
  EXPECT_EQ(Count(svg, "<g class=\"packet\""), 1);
  EXPECT_EQ(Count(svg, "<g class=\"overlapped-done\""), 1);
  EXPECT_EQ(Count(svg, "<rect class=\"violating-step\" data-step=\"1\""), 1);
  EXPECT_EQ(Count(svg, "<g class=\"step violating\" data-step=\"1\">"), 1);
  EXPECT_NE(svg.find("<g class=\"violation-marker\" data-step=\"1\">"), std::string::npos);
  // Tooltips carry the trace lines, escaped.
  EXPECT_NE(svg.find("status=disabled &lt;&amp;&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("t=1.5 ms"), std::string::npos);
}

TEST(TimelineSvg, SignalsGoToTheLaneOfTheRegistrationsSession) {
  CounterexampleReport counterexample = Sample();
  // A second session registers with OVERLAPPED 5; its completion carries only ov=5.
  TimelineEvent call = counterexample.timeline[5];
  call.session = 3;
  call.overlapped = 5;
  TimelineEvent signal = counterexample.timeline[6];
  signal.overlapped = 5;
  counterexample.timeline.push_back(call);
  counterexample.timeline.push_back(signal);
  const std::string svg = RenderTimelineSvg("x", counterexample);
  EXPECT_NE(svg.find("data-lane=\"session-3\""), std::string::npos);
  EXPECT_EQ(svg.find("data-lane=\"other\""), std::string::npos);
  // An OVERLAPPED nobody passed (a foreign pointer) has a lane of its own.
  signal.overlapped = -2;
  counterexample.timeline.push_back(signal);
  EXPECT_NE(RenderTimelineSvg("x", counterexample).find("data-lane=\"other\""), std::string::npos);
}

TEST(TimelineSvg, ALongTraceIsDrawnAroundTheViolation) {
  CounterexampleReport counterexample = Sample();
  // 3000 signals after the violating step: the drawing keeps 400 columns.
  const TimelineEvent signal = counterexample.timeline[6];
  TimelineEvent late = signal;
  late.step = 2;
  counterexample.timeline.insert(counterexample.timeline.end(), 3000, late);
  counterexample.violation.step = 2;
  const std::string svg = RenderTimelineSvg("x", counterexample);
  EXPECT_NE(svg.find("events 1 to 400 of 3012 drawn"), std::string::npos);
  EXPECT_LE(Count(svg, "<g class=\"signal\""), 400);
  EXPECT_NE(svg.find("<rect class=\"violating-step\" data-step=\"2\""), std::string::npos);
  // Far into the trace, the window moves and the status is carried in.
  counterexample.timeline.insert(counterexample.timeline.begin() + 10, 3000, signal);
  const std::string moved = RenderTimelineSvg("x", counterexample);
  EXPECT_NE(moved.find("events 2811 to 3210 of 6012 drawn"), std::string::npos) << moved.substr(0, 400);
  EXPECT_NE(moved.find("<g class=\"status\" data-status=\"disabled\">"), std::string::npos);
  EXPECT_EQ(CheckWellFormedXml(moved), "");
}

TEST(TimelineSvg, ACallThatNeverReturnedIsNotDrawnAsASuccess) {
  CounterexampleReport counterexample = Sample();
  // The implementation crashed in a last call: no return follows it.
  TimelineEvent call = counterexample.timeline[5];
  ASSERT_EQ(call.kind, "call");
  call.text = "t=9 step=1 call PeerDistRegisterForStatusChangeNotification";
  counterexample.timeline.push_back(call);
  const std::string svg = RenderTimelineSvg("no-crash", counterexample);
  EXPECT_EQ(Count(svg, "<g class=\"call no-return\""), 1) << svg;
  EXPECT_NE(svg.find("data-code=\"no-return\""), std::string::npos);
  EXPECT_NE(svg.find("never returned (the implementation crashed or hung in this call)</title>"), std::string::npos);
  EXPECT_EQ(svg.find("data-code=\"\""), std::string::npos) << "a call without a return drawn with no code";
  EXPECT_EQ(CheckWellFormedXml(svg), "");
}

TEST(TimelineSvg, NothingToDrawWithoutATimeline) {
  EXPECT_EQ(RenderTimelineSvg("x", CounterexampleReport{}), "");
}

}  // namespace
}  // namespace pd
