#include "conformance/run_consistency.h"

#include <gtest/gtest.h>

#include <variant>

#include "impls/impl_catalog.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

Scenario Parse(const std::string& text) {
  auto parsed = ParseScenario(text);
  EXPECT_TRUE(std::holds_alternative<Scenario>(parsed)) << text;
  return std::holds_alternative<Scenario>(parsed) ? std::get<Scenario>(parsed) : Scenario{};
}

ImplFactory Factory(const std::string& name) {
  const BuiltInImpl* impl = FindBuiltInImpl(name);
  EXPECT_NE(impl, nullptr) << name;
  return [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); };
}

// Each alone is consistent; the mutant answers the idle Unregister of the
// first ERROR_SUCCESS (its session started while DISABLED) and of the
// second PEERDIST_ERROR_OPERATION_NOTFOUND (started while AVAILABLE).
const char kWhileDisabled[] =
    "pdscenario 1\nseed 77\ninitial disabled\n"
    "startup s0\nget-status s0\nunregister s0\nregister s0\nadvance 20000\nunregister s0\nunregister s0\n";
const char kWhileAvailable[] =
    "pdscenario 1\nseed 99\ninitial available\n"
    "startup s0\nunregister s0\nget-status s0 ex\nadvance 5000\nunregister s0\n";

std::optional<TraceStance> Stance(const std::string& ambiguity_id, const std::string& text, const ImplFactory& make) {
  const Trace trace = RunScenario(Parse(text), make);
  const TraceView view(trace);
  const Ambiguity* ambiguity = FindAmbiguity(ambiguity_id);
  EXPECT_NE(ambiguity, nullptr);
  return StanceOf(*ambiguity, ambiguity->locate(view));
}

TEST(RunConsistency, StancesOfOneTraceAndDisagreement) {
  const ImplFactory mutant = Factory("mutant:idle-unregister-by-session");
  const auto a = Stance("unregister-when-idle", kWhileDisabled, mutant);
  const auto b = Stance("unregister-when-idle", kWhileAvailable, mutant);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->compatible, std::vector<std::string>{"success"});
  EXPECT_EQ(b->compatible, std::vector<std::string>{"operation-notfound"});
  EXPECT_EQ(a->first.step, 2);
  const Ambiguity& idle = *FindAmbiguity("unregister-when-idle");
  EXPECT_TRUE(Disagree(idle, *a, *b));
  EXPECT_FALSE(Disagree(idle, *a, *a));
  // No occurrence, no stance.
  EXPECT_FALSE(Stance("unregister-when-idle", "pdscenario 1\nseed 1\nstartup s0\n", mutant));
}

// A non-Ex IO_PENDING fits as-documented and always-io-pending; an Ex
// SUCCESS as-documented and always-success: they share as-documented.
TEST(RunConsistency, CompatibleSetsThatOverlapAgree) {
  const Ambiguity& code = *FindAmbiguity("register-success-code");
  TraceStance non_ex, ex, ex_pending;
  non_ex.compatible = {"as-documented", "always-io-pending"};
  ex.compatible = {"as-documented", "always-success"};
  ex_pending.compatible = {"always-io-pending"};
  EXPECT_FALSE(Disagree(code, non_ex, ex));
  EXPECT_FALSE(Disagree(code, non_ex, ex_pending));
  EXPECT_TRUE(Disagree(code, ex, ex_pending));
}

TEST(RunConsistency, FindsTheFirstPairOfTheRun) {
  const ImplFactory mutant = Factory("mutant:idle-unregister-by-session");
  RunConsistency run;
  for (const char* text : {kWhileDisabled, kWhileDisabled}) {
    const Trace trace = RunScenario(Parse(text), mutant);
    run.Add(Parse(text), TraceView(trace));
  }
  EXPECT_FALSE(run.First());
  const Trace trace = RunScenario(Parse(kWhileAvailable), mutant);
  run.Add(Parse(kWhileAvailable), TraceView(trace));
  const std::optional<Disagreement> found = run.First();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->ambiguity->id, "unregister-when-idle");
  EXPECT_EQ(found->first, Parse(kWhileDisabled));
  EXPECT_EQ(found->second, Parse(kWhileAvailable));
  const Violation violation = ViolationOf(*found);
  EXPECT_EQ(violation.step, 1);
  EXPECT_EQ(violation.message,
            "unregister-when-idle: success in the paired scenario (step 2: Unregister with nothing registered returned "
            "ERROR_SUCCESS), then operation-notfound in this one (step 1: Unregister with nothing registered returned "
            "PEERDIST_ERROR_OPERATION_NOTFOUND); expected one interpretation across the scenarios of a run");

  // The reference answers both alike.
  const ImplFactory reference = Factory("reference");
  RunConsistency agreed;
  for (const char* text : {kWhileDisabled, kWhileAvailable}) {
    const Trace ref_trace = RunScenario(Parse(text), reference);
    agreed.Add(Parse(text), TraceView(ref_trace));
  }
  EXPECT_FALSE(agreed.First());
}

TEST(RunConsistency, ShrinksBothScenariosOfThePair) {
  const ImplFactory mutant = Factory("mutant:idle-unregister-by-session");
  const Ambiguity& idle = *FindAmbiguity("unregister-when-idle");
  const std::optional<Disagreement> found = CheckPair(idle, Parse(kWhileDisabled), Parse(kWhileAvailable), mutant);
  ASSERT_TRUE(found);
  int runs = 0;
  const Disagreement shrunk = ShrinkDisagreement(*found, mutant, kDefaultPairShrinkRuns, &runs);
  EXPECT_GT(runs, 0);
  EXPECT_EQ(RenderScenario(shrunk.first), "pdscenario 2\nseed 0\ninitial disabled\nstartup s0\nunregister s0\nend\n");
  EXPECT_EQ(RenderScenario(shrunk.second), "pdscenario 2\nseed 0\ninitial available\nstartup s0\nunregister s0\nend\n");
  // Deterministic, and the pair replays to the same violation.
  const Disagreement again = ShrinkDisagreement(*found, mutant);
  EXPECT_EQ(again.first, shrunk.first);
  EXPECT_EQ(again.second, shrunk.second);
  const std::optional<Violation> across = JudgeAcross(shrunk.first, shrunk.second, mutant);
  ASSERT_TRUE(across);
  EXPECT_EQ(across->message, ViolationOf(shrunk).message);
  EXPECT_FALSE(JudgeAcross(shrunk.first, shrunk.second, Factory("reference")));
  // A budget too small to run the pair leaves it as found.
  const Disagreement unshrunk = ShrinkDisagreement(*found, mutant, 2);
  EXPECT_EQ(unshrunk.first, found->first);
}

// A transient flap's fate depends on timing: not compared across a run.
TEST(RunConsistency, TimingDependentAmbiguitiesAreNotCompared) {
  RunConsistency run;
  const std::vector<Ambiguity>& all = AllAmbiguities();
  std::size_t flap = 0;
  while (flap < all.size() && all[flap].id != "transient-flap") ++flap;
  ASSERT_LT(flap, all.size());
  Occurrence notifies, silent;
  notifies.interpretation = "notifies";
  silent.interpretation = "silent";
  run.Add(flap, Parse(kWhileDisabled), {notifies});
  run.Add(flap, Parse(kWhileAvailable), {silent});
  EXPECT_FALSE(run.First());
}

}  // namespace
}  // namespace pd
