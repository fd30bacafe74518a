#include "conformance/suite.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "conformance/run_consistency.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

ImplFactory FactoryOf(const BuiltInImpl& impl) {
  return [&impl](HostServices& host) { return MakeBuiltInImpl(impl, host); };
}

SuiteOptions OptionsFor(const std::string& name) {
  SuiteOptions options;
  options.impl_name = name;
  const BuiltInImpl* impl = FindBuiltInImpl(name);
  if (impl != nullptr) options.make_impl = FactoryOf(*impl);
  return options;
}

std::string Describe(const RuleOutcome& outcome) {
  std::string out = outcome.rule != nullptr ? outcome.rule->id : "?";
  if (!outcome.error.empty()) out += " [error: " + outcome.error + "]";
  if (outcome.violation) out += ": " + outcome.violation->message;
  if (outcome.counterexample) out += "\n" + RenderScenario(*outcome.counterexample);
  return out;
}

TEST(SuiteTest, TheCatalogIsNotEmpty) {
  ASSERT_FALSE(AllRules().empty());
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.killed_by.empty()) continue;
    EXPECT_NE(FindRule(impl.killed_by), nullptr) << impl.name << " names an unknown rule " << impl.killed_by;
  }
}

// Shrinking a counterexample runs many more scenarios than the rule's
// budget: the progress counts cases, never past the plan ("8403/5600").
TEST(SuiteTest, ProgressNeverPassesThePlan) {
  SuiteOptions options = OptionsFor("mutant:notify-every-registration");
  options.rule_ids = {"first-notify", "change-only", "one-shot"};
  options.cases = 50;
  std::uint64_t last = 0, planned = 0;
  int calls = 0;
  options.on_progress = [&](const SuiteProgress& progress) {
    ++calls;
    planned = progress.cases_planned;
    EXPECT_LE(progress.cases_done, progress.cases_planned);
    EXPECT_GE(progress.cases_done, last) << "the progress went back";
    last = progress.cases_done;
  };
  const SuiteResult result = RunSuite(options);
  ASSERT_EQ(planned, 150u);
  EXPECT_EQ(last, planned);
  EXPECT_GT(result.scenarios_run, planned) << "no shrinking ran: the test shows nothing";
  EXPECT_GT(calls, 3);
}

TEST(SuiteTest, ReferenceHoldsEveryRule) {
  const auto start = std::chrono::steady_clock::now();
  const SuiteResult result = RunSuite(OptionsFor("reference"));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Timing is informational only: the test never fails on it.
  std::printf("reference: %zu rules, %llu scenarios, %llu API calls, %.2f s\n", result.rules.size(),
              static_cast<unsigned long long>(result.scenarios_run),
              static_cast<unsigned long long>(result.api_calls), seconds);
  ASSERT_EQ(result.rules.size(), AllRules().size());
  for (const RuleOutcome& outcome : result.rules) {
    EXPECT_FALSE(outcome.violated) << Describe(outcome) << "\n" << outcome.counterexample_trace;
    EXPECT_TRUE(outcome.error.empty()) << Describe(outcome);
    EXPECT_EQ(outcome.cases_run, kDefaultCasesPerRule) << Describe(outcome);
  }
  EXPECT_TRUE(result.AllHold());
  EXPECT_EQ(result.scenarios_run, static_cast<std::uint64_t>(kDefaultCasesPerRule) * result.rules.size());
  EXPECT_EQ(result.ambiguities.size(), AllAmbiguities().size());
  // The default run exercises every cell of the coverage matrix: every call
  // on every kind of handle after every kind of status move.
  std::string missing;
  for (const std::string& cell : result.coverage.Missing()) missing += "\n  " + cell;
  EXPECT_EQ(result.coverage.Exercised(), result.coverage.Cells()) << "cells never exercised:" << missing;
  // ... and every operation in flight at every move that invalidates its
  // handle, reads with data to deliver included.
  std::string in_flight_missing;
  for (const std::string& cell : result.coverage.InFlightMissing()) in_flight_missing += "\n  " + cell;
  EXPECT_EQ(result.coverage.InFlightExercised(), result.coverage.InFlightCells())
      << "in-flight cells never exercised:" << in_flight_missing;
  for (std::size_t r = 0; r < CoverageMatrix::InFlightRows().size(); ++r) {
    for (std::size_t c = 0; c < CoverageMatrix::InFlightColumns().size(); ++c) {
      std::printf("  in flight: %-52s %-24s %llu\n", CoverageMatrix::InFlightRowName(CoverageMatrix::InFlightRows()[r]).c_str(),
                  CoverageMatrix::ColumnName(CoverageMatrix::InFlightColumns()[c]).c_str(),
                  static_cast<unsigned long long>(result.coverage.InFlightCount(r, c)));
    }
  }
  // ... and every error path of the client functions on a content handle
  // and of the stream functions on a stream handle
  // (function x handle state x outcome).
  std::string outcome_missing;
  for (const std::string& cell : result.coverage.OutcomeMissing()) outcome_missing += "\n  " + cell;
  EXPECT_EQ(result.coverage.OutcomeExercised(), result.coverage.OutcomeCells())
      << "error paths never exercised:" << outcome_missing;
  for (const AmbiguityObservation& observation : result.ambiguities) {
    std::printf("  ambiguity %s: %s\n", observation.ambiguity_id.c_str(), observation.Verdict().c_str());
    EXPECT_EQ(observation.Verdict().rfind("inconsistent", 0), std::string::npos) << observation.ambiguity_id;
  }
}

// The bars of issue #16: each of these mutants is caught by its own rule on
// every suite seed 1 to 10 at the default budget, that rule alone checked
// (the suite seed and the rule id fix the scenarios, whatever else runs).
TEST(SuiteTest, SharpMutantsAreCaughtOnSeedsOneToTen) {
  const std::pair<const char*, const char*> bars[] = {
      {"mutant:notify-unseen-flap", "change-only"},
      {"mutant:signal-before-result", "event-and-port"},
      {"mutant:wait-returns-incomplete", "overlapped-result"},
      {"mutant:in-flight-read-succeeds", "in-flight-operations"},
      {"mutant:idle-unregister-by-session", "consistent-interpretation"},
  };
  for (const auto& [name, rule] : bars) {
    const BuiltInImpl* impl = FindBuiltInImpl(name);
    ASSERT_NE(impl, nullptr) << name;
    EXPECT_EQ(impl->killed_by, rule) << name;
    std::string cases;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      SuiteOptions options = OptionsFor(name);
      options.seed = seed;
      options.rule_ids = {rule};
      const SuiteResult result = RunSuite(options);
      ASSERT_EQ(result.rules.size(), 1u);
      const RuleOutcome& outcome = result.rules[0];
      EXPECT_TRUE(outcome.violated) << name << " survived " << rule << " with seed " << seed;
      EXPECT_TRUE(outcome.error.empty()) << Describe(outcome);
      cases += " " + std::to_string(outcome.cases_run);
    }
    std::printf("%-40s %-26s caught at case%s (seeds 1-10)\n", name, rule, cases.c_str());
  }
}

// An implementation whose interpretation is consistent in every trace but
// not across the run fails consistent-interpretation with the two scenarios
// that disagree, both shrunk, and the pair replays to the same violation.
constexpr std::uint64_t kSeedsToSearch = 40;

TEST(SuiteTest, AnInconsistencyAcrossTheRunFailsWithBothScenarios) {
  SuiteOptions options = OptionsFor("mutant:unavailable-keeps-handles");
  options.rule_ids = {"consistent-interpretation"};
  // The first seed whose 1000 cases show each interpretation only in
  // separate traces: with many seeds one trace shows both (a trace-level
  // violation), and which ones changes with every change of the generator.
  RuleOutcome outcome;
  for (options.seed = 1; options.seed <= kSeedsToSearch; ++options.seed) {
    const SuiteResult result = RunSuite(options);
    ASSERT_EQ(result.rules.size(), 1u);
    outcome = result.rules[0];
    ASSERT_TRUE(outcome.violated) << Describe(outcome) << " (seed " << options.seed << ")";
    if (outcome.paired) break;
  }
  std::printf("a violation across the run with seed %llu\n", static_cast<unsigned long long>(options.seed));
  EXPECT_TRUE(outcome.error.empty()) << outcome.error;
  EXPECT_EQ(outcome.cases_run, kDefaultCasesPerRule) << "no single trace broke it";
  ASSERT_TRUE(outcome.counterexample && outcome.paired && outcome.violation)
      << "no seed of 1.." << kSeedsToSearch << " shows the interpretations in separate traces only";
  EXPECT_NE(outcome.violation->message.find("expected one interpretation across the scenarios of a run"),
            std::string::npos)
      << outcome.violation->message;
  EXPECT_NE(outcome.paired_note.find("in-flight-at-invalidation: "), std::string::npos) << outcome.paired_note;
  std::printf("counterexample:\n%spaired:\n%s%s\n", RenderScenario(*outcome.counterexample).c_str(),
              RenderScenario(*outcome.paired).c_str(), outcome.violation->message.c_str());
  const ImplFactory make = FactoryOf(*FindBuiltInImpl("mutant:unavailable-keeps-handles"));
  // Each alone holds the rule; the traces are the ones reported.
  const ReplayResult alone = ReplayScenario(*outcome.counterexample, make, {"consistent-interpretation"});
  EXPECT_TRUE(alone.AllHold());
  EXPECT_EQ(alone.trace, outcome.counterexample_trace);
  const ReplayResult paired = ReplayScenario(*outcome.paired, make, {"consistent-interpretation"});
  EXPECT_TRUE(paired.AllHold());
  EXPECT_EQ(paired.trace, outcome.paired_trace);
  const std::optional<Violation> across = JudgeAcross(*outcome.paired, *outcome.counterexample, make);
  ASSERT_TRUE(across.has_value());
  EXPECT_EQ(across->message, outcome.violation->message);
  EXPECT_EQ(across->step, outcome.violation->step);
  EXPECT_EQ(across->time, outcome.violation->time);
  // The reference agrees with itself on the pair.
  EXPECT_FALSE(JudgeAcross(*outcome.paired, *outcome.counterexample, FactoryOf(*FindBuiltInImpl("reference"))));
}

// conformance/testdata/mutant_kills.txt: mutant name -> the rules it
// violates ("a,b,c", catalog order). A line "unreached mutant:NAME RULES"
// pins a mutant whose own rule the default run no longer reaches (its kill
// is shown by //conformance/rules:rules_example_test): a known gap of the
// generator, listed so that it is seen, and so that the test fails once the
// default run reaches it again.
struct PinnedKills {
  std::string rules;
  bool unreached = false;
};

std::map<std::string, PinnedKills> ExpectedKills() {
  std::map<std::string, PinnedKills> kills;
  std::ifstream in("conformance/testdata/mutant_kills.txt");
  EXPECT_TRUE(in.good()) << "conformance/testdata/mutant_kills.txt is missing";
  const std::string unreached = "unreached ";
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    PinnedKills pinned;
    if (line.compare(0, unreached.size(), unreached) == 0) {
      pinned.unreached = true;
      line = line.substr(unreached.size());
    }
    const std::size_t space = line.find(' ');
    pinned.rules = space == std::string::npos ? "" : line.substr(space + 1);
    kills[line.substr(0, space)] = pinned;
  }
  return kills;
}

// Every mutant is killed by the rule the catalog names, with a shrunk
// counterexample that replays to the same trace and the same violation.
class MutantTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MutantTest, KilledByItsRuleWithAReplayableCounterexample) {
  const BuiltInImpl* impl = FindBuiltInImpl(GetParam());
  ASSERT_NE(impl, nullptr);
  const auto start = std::chrono::steady_clock::now();
  const SuiteResult result = RunSuite(OptionsFor(impl->name));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string killers;
  const RuleOutcome* expected = nullptr;
  for (const RuleOutcome& outcome : result.rules) {
    EXPECT_TRUE(outcome.error.empty()) << Describe(outcome);
    if (!outcome.violated) continue;
    killers += (killers.empty() ? "" : ", ") + outcome.rule->id + " (" +
               std::to_string(outcome.counterexample ? outcome.counterexample->steps.size() : 0) + " steps)";
    if (outcome.rule->id == impl->killed_by) expected = &outcome;
  }
  std::printf("%s killed by: %s [%llu scenarios, %.2f s]\n", impl->name.c_str(),
              killers.empty() ? "(nothing)" : killers.c_str(),
              static_cast<unsigned long long>(result.scenarios_run), seconds);
  // Every rule it violates, exactly: a rule that goes blind to a side
  // effect of a bug, or starts flagging one, is a change to look at.
  std::string violated;
  for (const RuleOutcome& outcome : result.rules) {
    if (outcome.violated) violated += (violated.empty() ? "" : ",") + outcome.rule->id;
  }
  const std::map<std::string, PinnedKills> kills = ExpectedKills();
  const auto pinned = kills.find(impl->name);
  const std::string line =
      std::string(expected == nullptr ? "unreached " : "") + impl->name + (violated.empty() ? "" : " " + violated);
  ASSERT_NE(pinned, kills.end()) << "conformance/testdata/mutant_kills.txt has no line for " << impl->name
                                 << "; add: " << line;
  EXPECT_EQ(violated, pinned->second.rules) << "the rules " << impl->name
                                            << " violates changed; if meant, the line in "
                                               "conformance/testdata/mutant_kills.txt becomes: "
                                            << line;
  if (pinned->second.unreached) {
    EXPECT_EQ(expected, nullptr) << impl->name << " is caught by its rule " << impl->killed_by
                                 << " in the default run again; the line in conformance/testdata/mutant_kills.txt "
                                    "becomes: "
                                 << line;
    return;
  }
  ASSERT_NE(expected, nullptr) << impl->name << " survived its rule " << impl->killed_by
                               << " (if the generator no longer reaches it, the line becomes: " << line << ")";
  ASSERT_TRUE(expected->counterexample.has_value());
  ASSERT_TRUE(expected->violation.has_value());
  std::printf("  shrunk counterexample for %s:\n%s", impl->killed_by.c_str(),
              RenderScenario(*expected->counterexample).c_str());
  std::printf("  violation: %s\n", expected->violation->message.c_str());

  // The counterexample survives its text form and replays exactly.
  const auto parsed = ParseScenario(RenderScenario(*expected->counterexample));
  ASSERT_TRUE(std::holds_alternative<Scenario>(parsed));
  const ReplayResult replay = ReplayScenario(std::get<Scenario>(parsed), FactoryOf(*impl));
  EXPECT_EQ(replay.trace, expected->counterexample_trace);
  if (expected->paired) {
    // A violation across two scenarios: the pair replays to it.
    const std::optional<Violation> across = JudgeAcross(*expected->paired, std::get<Scenario>(parsed), FactoryOf(*impl));
    ASSERT_TRUE(across.has_value());
    EXPECT_EQ(across->message, expected->violation->message);
    return;
  }
  bool found = false;
  for (const auto& [rule, violation] : replay.verdicts) {
    if (rule->id != impl->killed_by) continue;
    found = true;
    ASSERT_TRUE(violation.has_value()) << "the replay does not violate " << rule->id;
    EXPECT_EQ(violation->message, expected->violation->message);
    EXPECT_EQ(violation->step, expected->violation->step);
    EXPECT_EQ(violation->time, expected->violation->time);
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(replay.AllHold());

  // Selecting one rule replays only that rule.
  const ReplayResult one = ReplayScenario(std::get<Scenario>(parsed), FactoryOf(*impl), {impl->killed_by});
  ASSERT_EQ(one.verdicts.size(), 1u);
  EXPECT_EQ(one.trace, replay.trace);
}

std::vector<std::string> MutantNames() {
  std::vector<std::string> names;
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (!impl.killed_by.empty()) names.push_back(impl.name);
  }
  return names;
}

std::string TestNameOf(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Catalog, MutantTest, ::testing::ValuesIn(MutantNames()), TestNameOf);

std::string Fingerprint(const SuiteResult& result) {
  std::string out = result.impl_name + " " + std::to_string(result.seed) + " " + std::to_string(result.cases) +
                    " " + std::to_string(result.scenarios_run) + " " + std::to_string(result.api_calls) + "\n";
  for (const RuleOutcome& outcome : result.rules) {
    out += outcome.rule->id + " " + std::to_string(outcome.violated) + " " + std::to_string(outcome.cases_run) + "\n";
    if (outcome.counterexample) out += RenderScenario(*outcome.counterexample);
    if (outcome.violation) out += outcome.violation->message + "\n";
    out += outcome.counterexample_trace + outcome.error + "\n";
  }
  for (const AmbiguityObservation& observation : result.ambiguities) {
    out += observation.ambiguity_id + ": " + observation.Verdict() + "\n";
    for (const auto& [id, count] : observation.occurrences) out += "  " + id + " " + std::to_string(count) + "\n";
  }
  return out;
}

TEST(SuiteTest, SameOptionsSameResult) {
  for (const std::string name : {"reference", "mutant:accept-second-registration", "mutant:keep-delivering"}) {
    SuiteOptions options = OptionsFor(name);
    options.cases = 60;
    const std::string first = Fingerprint(RunSuite(options));
    const std::string second = Fingerprint(RunSuite(options));
    EXPECT_EQ(first, second) << name;
  }
}

// The suite seed reaches the generator: other seeds, other scenarios (seen
// in the counterexamples found and in the amount of work done).
TEST(SuiteTest, DifferentSeedsDrawDifferentScenarios) {
  SuiteOptions options = OptionsFor("mutant:accept-second-registration");
  options.rule_ids = {"single-registration"};
  options.cases = 200;
  const SuiteResult a = RunSuite(options);
  options.seed = 2;
  const SuiteResult b = RunSuite(options);
  ASSERT_EQ(a.rules.size(), 1u);
  ASSERT_EQ(b.rules.size(), 1u);
  EXPECT_NE(Fingerprint(a), Fingerprint(b));

  SuiteOptions ref = OptionsFor("reference");
  ref.cases = 30;
  const SuiteResult r1 = RunSuite(ref);
  ref.seed = 99;
  const SuiteResult r2 = RunSuite(ref);
  EXPECT_NE(r1.api_calls, r2.api_calls);
}

TEST(SuiteTest, ShardsSplitTheBudget) {
  SuiteOptions options = OptionsFor("reference");
  options.cases = 50;
  // Three rules' calls: with two, two shards' totals happened to agree.
  options.rule_ids = {"first-notify", "change-only", "event-and-port"};
  int total = 0;
  std::set<std::uint64_t> calls;
  for (int shard = 0; shard < 3; ++shard) {
    options.shard_index = shard;
    options.shard_count = 3;
    const SuiteResult result = RunSuite(options);
    ASSERT_EQ(result.rules.size(), 3u);
    EXPECT_EQ(result.rules[0].cases_run, shard < 2 ? 17 : 16);
    total += result.rules[0].cases_run;
    calls.insert(result.api_calls);
  }
  EXPECT_EQ(total, 50);
  EXPECT_EQ(calls.size(), 3u);  // each shard ran its own scenarios
}

// Every case of the reference reaches its end. A livelock in virtual time
// (mutant:delivery-polls-forever) cuts cases short, which the counts show,
// but it is no hang for the hang budget: finding it costs no wall-clock
// time, so nothing is skipped even with the tightest budget.
TEST(SuiteTest, CountsTheCasesThatReachTheirEnd) {
  SuiteOptions options = OptionsFor("reference");
  options.cases = 60;
  options.rule_ids = {"first-notify", "no-hang"};
  options.max_rule_hangs = 1;
  options.max_hangs = 1;
  SuiteResult result = RunSuite(options);
  ASSERT_EQ(result.rules.size(), 2u);
  for (const RuleOutcome& outcome : result.rules) {
    EXPECT_EQ(outcome.cases_run, 60) << Describe(outcome);
    EXPECT_EQ(outcome.cases_reached, 60) << Describe(outcome);
    EXPECT_EQ(outcome.cases_hung, 0);
    EXPECT_EQ(outcome.cases_skipped, 0);
  }
  options = OptionsFor("mutant:delivery-polls-forever");
  options.cases = 60;
  options.rule_ids = {"first-notify", "no-hang"};
  options.max_rule_hangs = 1;
  options.max_hangs = 1;
  result = RunSuite(options);
  ASSERT_EQ(result.rules.size(), 2u);
  const RuleOutcome& first_notify = result.rules[0];
  EXPECT_FALSE(first_notify.violated) << Describe(first_notify);
  EXPECT_EQ(first_notify.cases_run, 60);
  EXPECT_GT(first_notify.cases_reached, 0);
  EXPECT_LT(first_notify.cases_reached, 30);  // mostly cut short by the livelock
  EXPECT_EQ(first_notify.cases_hung, 0);
  EXPECT_EQ(first_notify.cases_skipped, 0);
  EXPECT_EQ(result.hangs, 0);
  // no-hang fails on its first livelock: that case did not reach its end.
  const RuleOutcome& no_hang = result.rules[1];
  ASSERT_TRUE(no_hang.violated) << Describe(no_hang);
  EXPECT_EQ(no_hang.cases_reached, no_hang.cases_run - 1);
}

TEST(SuiteTest, SelectsRulesInCatalogOrderAndSkipsUnknownIds) {
  SuiteOptions options = OptionsFor("reference");
  options.cases = 5;
  options.rule_ids = {"change-only", "no-such-rule", "first-notify"};
  std::vector<std::pair<int, int>> progress;
  options.progress = [&progress](int done, int total) { progress.emplace_back(done, total); };
  const SuiteResult result = RunSuite(options);
  ASSERT_EQ(result.rules.size(), 2u);
  EXPECT_LT(result.rules[0].rule->order, result.rules[1].rule->order + 1);
  EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{1, 2}, {2, 2}}));
}

}  // namespace
}  // namespace pd

namespace pd {
namespace {

// Robustness of the generator's weighting, not part of the default run
// (--gtest_also_run_disabled_tests): over many suite seeds, how often does
// the default budget kill each mutant with its rule?
TEST(SuiteSweep, DISABLED_KillRateOverSeeds) {
  const int seeds = 100;
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.killed_by.empty()) continue;
    int killed = 0, worst = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
      SuiteOptions options = OptionsFor(impl.name);
      options.seed = static_cast<std::uint64_t>(seed) * 7919;
      options.rule_ids = {impl.killed_by};
      const SuiteResult result = RunSuite(options);
      if (!result.rules.empty() && result.rules[0].violated) {
        ++killed;
        worst = std::max(worst, result.rules[0].cases_run);
      }
    }
    std::printf("%-40s %-22s killed on %d/%d seeds, at the latest by case %d\n", impl.name.c_str(),
                impl.killed_by.c_str(), killed, seeds, worst);
    EXPECT_EQ(killed, seeds) << impl.name;
  }
}

}  // namespace
}  // namespace pd

namespace pd {
namespace {

// The reference over many suite seeds (--gtest_also_run_disabled_tests):
// no rule may ever reject it.
TEST(SuiteSweep, DISABLED_ReferenceHoldsOverSeeds) {
  for (int seed = 1; seed <= 50; ++seed) {
    SuiteOptions options = OptionsFor("reference");
    options.seed = static_cast<std::uint64_t>(seed) * 104729;
    const SuiteResult result = RunSuite(options);
    for (const RuleOutcome& outcome : result.rules) {
      EXPECT_FALSE(outcome.violated) << "seed " << options.seed << ": " << Describe(outcome) << "\n"
                                     << outcome.counterexample_trace;
      EXPECT_TRUE(outcome.error.empty()) << Describe(outcome);
    }
  }
}

}  // namespace
}  // namespace pd
