#include "conformance/scenario_gen.h"

#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <algorithm>
#include <rapidcheck.h>

#include "scenario/scenario_text.h"

namespace pd {
namespace {

// Draws `count` scenarios the way a property run would: one random stream,
// sizes cycling over 0..99.
std::vector<Scenario> Sample(int count, std::uint64_t seed) {
  const rc::Gen<Scenario> gen = GenScenario();
  rc::Random random(seed);
  std::vector<Scenario> out;
  for (int i = 0; i < count; ++i) out.push_back(gen(random.split(), i % 100).value());
  return out;
}

TEST(ScenarioGenTest, RoundTripsThroughTheTextForm) {
  for (const Scenario& scenario : Sample(300, 11)) {
    const std::string text = RenderScenario(scenario);
    const auto parsed = ParseScenario(text);
    ASSERT_TRUE(std::holds_alternative<Scenario>(parsed))
        << std::get<ScenarioParseError>(parsed).message << "\n" << text;
    EXPECT_EQ(std::get<Scenario>(parsed), scenario) << text;
    EXPECT_EQ(RenderScenario(std::get<Scenario>(parsed)), text);
  }
}

// RapidCheck shows a scenario in its text form (the suite cross-checks the
// shrunk counterexample RapidCheck reports against its own record).
TEST(ScenarioGenTest, RapidCheckShowsTheTextForm) {
  for (const Scenario& scenario : Sample(20, 21)) EXPECT_EQ(rc::toString(scenario), RenderScenario(scenario));
}

TEST(ScenarioGenTest, LengthsStayWithinBounds) {
  std::size_t longest = 0;
  for (const Scenario& scenario : Sample(500, 12)) {
    EXPECT_GE(scenario.steps.size(), 1u);
    EXPECT_LE(scenario.steps.size(), static_cast<std::size_t>(kMaxGeneratedSteps));
    EXPECT_LE(scenario.steps.size(), static_cast<std::size_t>(kMaxSteps));
    for (const Step& step : scenario.steps) {
      EXPECT_GE(step.session, 0);
      EXPECT_LT(step.session, kMaxSessions);
      EXPECT_LE(step.advance, kMaxAdvance);
      EXPECT_LE(step.registration, kMaxSteps);
    }
    longest = std::max(longest, scenario.steps.size());
  }
  // Large sizes reach (close to) the bound.
  EXPECT_GE(longest, static_cast<std::size_t>(kMaxGeneratedCommands) - 5);
}

TEST(ScenarioGenTest, SameRandomSameScenario) {
  const std::vector<Scenario> a = Sample(50, 99);
  const std::vector<Scenario> b = Sample(50, 99);
  EXPECT_EQ(a, b);
  const std::vector<Scenario> c = Sample(50, 100);
  EXPECT_NE(a, c);
}

// The shape of a step, as named in the generator's weighting.
std::set<std::string> ShapesOf(const Step& step) {
  std::set<std::string> shapes;
  const std::string text = RenderStep(step);
  auto has = [&](const char* token) { return text.find(token) != std::string::npos; };
  if (has("handle=bogus")) shapes.insert("handle=bogus");
  if (has("out=null")) shapes.insert("out=null");
  if (has("bytes=null")) shapes.insert("bytes=null");
  if (has("overlapped=null")) shapes.insert("overlapped=null");
  if (has("port=bogus")) shapes.insert("port=bogus");
  if (has("port=new")) shapes.insert("port=new");
  if (has("port=last")) shapes.insert("port=last");
  if (step.kind == StepKind::kRegister && step.port == PortArg::kNone) shapes.insert("port=none");
  if (has("event=none")) shapes.insert("event=none");
  if (step.kind == StepKind::kRegister && step.key != 0) shapes.insert("key!=0");
  if (step.kind == StepKind::kRegister && step.key == 0) shapes.insert("key=0");
  if (step.kind == StepKind::kRegister && step.ex) shapes.insert("register ex");
  if (step.kind == StepKind::kGetStatus && step.ex) shapes.insert("get-status ex");
  if (step.kind == StepKind::kGetStatus && !step.ex) shapes.insert("get-status");
  if (has("version=0")) shapes.insert("version=0");
  if (has("wait")) shapes.insert("wait");
  if (step.kind == StepKind::kEnvironment) shapes.insert(std::string("env ") + EnvActionName(step.action));
  if (step.kind == StepKind::kAdvance) {
    if (step.advance <= 20 * kMillisecond) shapes.insert("advance short");
    else if (step.advance <= 150 * kMillisecond) shapes.insert("advance medium");
    else shapes.insert("advance long");
  }
  return shapes;
}

TEST(ScenarioGenTest, EveryKindAndShapeAppears) {
  const std::vector<Scenario> sample = Sample(400, 13);
  std::map<StepKind, int> kinds;
  std::map<std::string, int> shapes;
  std::map<PEERDIST_STATUS, int> initial;
  int steps = 0, calls_on_closed = 0, beyond_range = 0, multi_session = 0;
  for (const Scenario& scenario : sample) {
    ++initial[scenario.initial_status];
    GenModel model(scenario.initial_status);
    int opened = 0;
    // The read prefix's fixed steps are not drawn: they do not count in the shares.
    const auto starts_with = [&scenario](const std::vector<Step>& prefix) {
      return scenario.steps.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), scenario.steps.begin());
    };
    const bool prefixed = starts_with(ReadsPrefix()) || starts_with(RangedReadsPrefix());
    for (const Step& step : scenario.steps) {
      if (prefixed && &step - scenario.steps.data() < static_cast<std::ptrdiff_t>(ReadsPrefix().size())) continue;
      ++steps;
      ++kinds[step.kind];
      for (const std::string& shape : ShapesOf(step)) ++shapes[shape];
      const bool takes_handle = step.kind == StepKind::kShutdown || step.kind == StepKind::kGetStatus ||
                                step.kind == StepKind::kRegister || step.kind == StepKind::kUnregister;
      if (takes_handle && step.handle == HandleArg::kSlot && !model.open[step.session]) ++calls_on_closed;
      if (step.kind == StepKind::kGetOverlappedResult && step.registration >= model.registrations) ++beyond_range;
      model.Apply(step);
      int open_now = 0;
      for (bool o : model.open) open_now += o ? 1 : 0;
      opened = std::max(opened, open_now);
    }
    if (opened >= 2) ++multi_session;
  }
  for (StepKind kind : {StepKind::kStartup, StepKind::kShutdown, StepKind::kGetStatus, StepKind::kRegister,
                        StepKind::kUnregister, StepKind::kGetOverlappedResult, StepKind::kEnvironment,
                        StepKind::kAdvance}) {
    EXPECT_GT(kinds[kind], 0) << "no step of kind " << static_cast<int>(kind);
  }
  for (const char* shape : {"handle=bogus", "out=null", "bytes=null", "overlapped=null", "port=bogus", "port=new",
                            "port=last", "port=none", "event=none", "key!=0", "key=0", "register ex",
                            "get-status ex", "get-status", "version=0", "wait", "env enable", "env disable",
                            "env lose", "env regain", "env restart", "advance short", "advance medium",
                            "advance long"}) {
    EXPECT_GT(shapes[shape], 0) << "shape never generated: " << shape;
  }
  EXPECT_GT(calls_on_closed, 0);
  EXPECT_GT(beyond_range, 0);
  EXPECT_GT(multi_session, 20);
  // DISABLED is the most frequent initial status, and the others occur.
  EXPECT_GT(initial[PEERDIST_STATUS_DISABLED], initial[PEERDIST_STATUS_AVAILABLE]);
  EXPECT_GT(initial[PEERDIST_STATUS_DISABLED], initial[PEERDIST_STATUS_UNAVAILABLE]);
  EXPECT_GT(initial[PEERDIST_STATUS_AVAILABLE], 0);
  EXPECT_GT(initial[PEERDIST_STATUS_UNAVAILABLE], 0);
  // Registrations dominate the calls; invalid shapes stay occasional.
  EXPECT_GT(kinds[StepKind::kRegister], steps / 8);
  const int invalid = shapes["handle=bogus"] + shapes["out=null"] + shapes["bytes=null"] + shapes["overlapped=null"] +
                      shapes["port=bogus"] + shapes["version=0"] + calls_on_closed + beyond_range;
  EXPECT_LT(invalid, steps / 6) << invalid << " invalid of " << steps;
  std::printf("generated %d steps over %zu scenarios; %d invalid shapes\n", steps, sample.size(), invalid);
}

// Shrinking keeps scenarios well-formed for the model: every shrink of a
// generated scenario still renders, parses and stays within bounds, and
// the first shrinks remove steps.
TEST(ScenarioGenTest, ShrinksStayReplayable) {
  const rc::Gen<Scenario> gen = GenScenario();
  rc::Random random(7);
  int checked = 0;
  for (int i = 0; i < 20; ++i) {
    const rc::Shrinkable<Scenario> shrinkable = gen(random.split(), 80);
    const Scenario original = shrinkable.value();
    auto shrinks = shrinkable.shrinks();
    for (int n = 0; n < 30; ++n) {
      auto next = shrinks.next();
      if (!next) break;
      const Scenario shrunk = next->value();
      EXPECT_LE(shrunk.steps.size(), original.steps.size());
      EXPECT_TRUE(std::holds_alternative<Scenario>(ParseScenario(RenderScenario(shrunk))));
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace pd
