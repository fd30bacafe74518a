#include <gtest/gtest.h>

#include "live/trace_diff.h"

namespace pd {
namespace {

TEST(ObservableLines, DropTimesStepMarkersAndDrawnLatencies) {
  const std::string trace =
      "t=0 step=0 step | startup\n"
      "t=0 step=0 call PeerDistStartup\n"
      "t=10 step=1 peers | peer copy id=3 offset=0 length=256 latency=81037\n"
      "t=20 step=2 return PeerDistStartup code=ERROR_SUCCESS\n";
  EXPECT_EQ(ObservableLines(trace),
            (std::vector<std::string>{"step=0 call PeerDistStartup", "step=1 peers | peer copy id=3 offset=0 length=256",
                                      "step=2 return PeerDistStartup code=ERROR_SUCCESS"}));
}

TEST(ObservableLines, DeliveriesBetweenTwoHarnessEventsAreASet) {
  const std::string live = "t=1 step=3 signal ov=2\nt=1 step=3 packet ov=2\nt=2 step=4 call X\n";
  const std::string virtual_time = "t=7 step=3 packet ov=2\nt=9 step=3 signal ov=2\nt=9 step=4 call X\n";
  EXPECT_FALSE(FirstDifference(live, virtual_time).has_value());
  // ...but not across a call: the order of a delivery and a call is behaviour.
  const std::string late = "t=1 step=3 signal ov=2\nt=2 step=4 call X\nt=3 step=4 packet ov=2\n";
  const std::optional<TraceDifference> difference = FirstDifference(live, late);
  ASSERT_TRUE(difference.has_value());
  EXPECT_EQ(difference->line, 0u);  // sorted, the live run's first delivery is the packet
}

TEST(FirstDifference, AShorterTraceDiffersWhereItEnds) {
  const std::optional<TraceDifference> difference = FirstDifference("t=0 step=0 call A\nt=0 step=0 call B\n",
                                                                    "t=0 step=0 call A\n");
  ASSERT_TRUE(difference.has_value());
  EXPECT_EQ(difference->recorded, "step=0 call B");
  EXPECT_EQ(difference->replayed, "");
}

}  // namespace
}  // namespace pd
