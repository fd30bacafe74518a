#include "scenario/scenario_runner.h"

#include <gtest/gtest.h>

#include <variant>

#include "impls/impl_catalog.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

ImplFactory Reference() {
  return [](HostServices& host) { return MakeBuiltInImpl(*FindBuiltInImpl("reference"), host); };
}

Scenario Parse(const std::string& text) {
  auto parsed = ParseScenario(text);
  EXPECT_TRUE(std::holds_alternative<Scenario>(parsed));
  return std::get<Scenario>(parsed);
}

const char kBasic[] =
    "pdscenario 1\n"
    "seed 7\n"
    "startup s0\n"
    "register s0 port=new key=9\n"
    "env enable\n"
    "advance 100000\n"
    "get-overlapped-result r0\n";

TEST(ScenarioRunner, NotificationCompletesWithEventAndPacket) {
  const Trace trace = RunScenario(Parse(kBasic), Reference());
  std::cout << trace.Render();
  int signals = 0, packets = 0;
  for (const TraceEvent& event : trace.events()) {
    if (event.kind == TraceKind::kEventSignal) ++signals;
    if (event.kind == TraceKind::kPacket) {
      ++packets;
      EXPECT_EQ(event.key, 9);
      EXPECT_EQ(event.status, PEERDIST_STATUS_AVAILABLE);
    }
  }
  EXPECT_EQ(signals, 1);
  EXPECT_EQ(packets, 1);
}

TEST(ScenarioRunner, SameScenarioGivesByteIdenticalTrace) {
  EXPECT_EQ(RunScenario(Parse(kBasic), Reference()).Render(), RunScenario(Parse(kBasic), Reference()).Render());
}

}  // namespace
}  // namespace pd
