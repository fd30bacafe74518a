#include "reports/report_merge.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"

namespace pd {
namespace {

// Three shards of SampleReport's run: first-notify violated in shard 1 and 2 only.
std::vector<Report> Shards() {
  std::vector<Report> shards;
  for (int i = 0; i < 3; ++i) {
    Report shard = SampleReport();
    shard.shard_index = i;
    shard.shard_count = 3;
    shard.rules[0].cases = 17 - (i == 2);
    shard.totals.scenarios = 10 + static_cast<std::uint64_t>(i);
    shard.totals.api_calls = 100;
    shard.ambiguities[0].occurrences = {{"already-exists", i + 1}};
    shard.coverage.rows = {"PeerDistClientBlockRead/content"};
    shard.coverage.columns = {"available->disabled", "available->unavailable"};
    shard.coverage.counts = {{static_cast<std::uint64_t>(i), 1}};
    shard.coverage.in_flight.rows = {"PeerDistClientBlockRead/content with data"};
    shard.coverage.in_flight.columns = {"available->unavailable", "available->disabled"};
    shard.coverage.in_flight.counts = {{2, static_cast<std::uint64_t>(i)}};
    if (i == 0) {
      shard.rules[1].verdict = RuleVerdict::kHolds;
      shard.rules[1].counterexample.reset();
      shard.rules[1].cases = 17;
    } else {
      shard.rules[1].counterexample->violation.message = "from shard " + std::to_string(i);
    }
    CountVerdicts(shard);
    ComputeGate(shard);
    shards.push_back(shard);
  }
  return shards;
}

std::string Error(const std::vector<Report>& shards) {
  auto merged = MergeReports(shards, {"a.json", "b.json", "c.json"}, nullptr);
  return std::holds_alternative<std::string>(merged) ? std::get<std::string>(merged) : "(merged)";
}

// The rules a live run leaves out stay named in the merged report.
TEST(ReportMerge, KeepsTheRulesLeftOut) {
  std::vector<Report> shards = Shards();
  for (Report& shard : shards) shard.left_out = {{"no-hang", "real time"}};
  auto merged = MergeReports(shards, {"a.json", "b.json", "c.json"}, nullptr);
  ASSERT_TRUE(std::holds_alternative<Report>(merged)) << std::get<std::string>(merged);
  ASSERT_EQ(std::get<Report>(merged).left_out.size(), 1u);
  EXPECT_EQ(std::get<Report>(merged).left_out[0].id, "no-hang");
}

// A violation across two scenarios keeps its paired scenario through the merge.
TEST(ReportMerge, KeepsAPairedScenario) {
  std::vector<Report> shards = Shards();
  const Report paired = PairedSampleReport();
  shards[1].rules[1].counterexample->paired = paired.rules[1].counterexample->paired;
  auto result = MergeReports(shards, {}, nullptr);
  ASSERT_TRUE(std::holds_alternative<Report>(result)) << std::get<std::string>(result);
  const auto& merged = std::get<Report>(result).rules[1].counterexample;
  ASSERT_TRUE(merged.has_value());
  ASSERT_TRUE(merged->paired.has_value());
  EXPECT_EQ(merged->paired->note, paired.rules[1].counterexample->paired->note);
}

TEST(ReportMerge, JoinsShardsInAnyOrder) {
  std::vector<Report> shards = Shards();
  std::swap(shards[0], shards[2]);
  auto result = MergeReports(shards, {}, [](const AmbiguityReport& a) {
    return "seen " + std::to_string(a.occurrences.at("already-exists"));
  });
  ASSERT_TRUE(std::holds_alternative<Report>(result)) << std::get<std::string>(result);
  const Report& merged = std::get<Report>(result);
  EXPECT_EQ(merged.shard_index, 0);
  EXPECT_EQ(merged.shard_count, 1);
  EXPECT_EQ(merged.merged_shards, 3);
  EXPECT_EQ(merged.cases, 50);
  EXPECT_EQ(merged.rules[0].cases, 50);  // 17 + 17 + 16: the whole budget
  EXPECT_EQ(merged.rules[0].verdict, RuleVerdict::kHolds);
  EXPECT_EQ(merged.rules[1].verdict, RuleVerdict::kViolated);
  // The counterexample of the lowest violating shard, whatever the order given.
  EXPECT_EQ(merged.rules[1].counterexample->violation.message, "from shard 1");
  EXPECT_EQ(merged.rules[1].cases, 17 + 7 + 7);
  EXPECT_EQ(merged.totals.scenarios, 33u);
  EXPECT_EQ(merged.totals.api_calls, 300u);
  EXPECT_EQ(merged.totals.violated, 1);
  EXPECT_EQ(merged.ambiguities[0].occurrences.at("already-exists"), 6);
  EXPECT_EQ(merged.ambiguities[0].verdict, "seen 6");
  EXPECT_EQ(merged.coverage.counts, (std::vector<std::vector<std::uint64_t>>{{3, 3}}));
  EXPECT_EQ(merged.coverage.in_flight.counts, (std::vector<std::vector<std::uint64_t>>{{6, 3}}));
  // Every shard carries the whole run's requirements: kept, not added up.
  EXPECT_EQ(merged.requirements.checked, 2);
  EXPECT_EQ(merged.requirements.testable, 3);
  ASSERT_EQ(merged.requirements.pages.size(), 2u);
  EXPECT_EQ(merged.requirements.pages[0].checked, 1);
  EXPECT_EQ(merged.requirements.pages[1].entries[1].checked_by,
            (std::vector<std::string>{"change-only", "first-notify"}));
  EXPECT_FALSE(merged.gate.passed);
}

// Reached and skipped cases add up; a rule not checked in some shard is
// judged again on the sums.
TEST(ReportMerge, NotCheckedIsJudgedOnTheSums) {
  std::vector<Report> shards = Shards();
  for (Report& shard : shards) shard.rules[0].reached = shard.rules[0].cases;
  // Shard 2 was cut short: 2 of 16 reached, none skipped.
  shards[2].rules[0].reached = 2;
  shards[2].rules[0].verdict = RuleVerdict::kNotChecked;
  auto result = MergeReports(shards, {}, nullptr);
  ASSERT_TRUE(std::holds_alternative<Report>(result));
  EXPECT_EQ(std::get<Report>(result).rules[0].reached, 17 + 17 + 2);
  EXPECT_EQ(std::get<Report>(result).rules[0].verdict, RuleVerdict::kHolds);  // 36 of 50 reached
  // Shards 1 and 2 both cut short and skipping: 17 + 2 + 1 of 50 reached.
  shards[1].rules[0].reached = 2;
  shards[1].rules[0].cases = 3;
  shards[1].rules[0].skipped = 14;
  shards[1].rules[0].verdict = RuleVerdict::kNotChecked;
  shards[2].rules[0].reached = 1;
  result = MergeReports(shards, {}, nullptr);
  ASSERT_TRUE(std::holds_alternative<Report>(result));
  const Report& merged = std::get<Report>(result);
  EXPECT_EQ(merged.rules[0].cases, 17 + 3 + 16);
  EXPECT_EQ(merged.rules[0].reached, 17 + 2 + 1);
  EXPECT_EQ(merged.rules[0].skipped, 14);
  EXPECT_EQ(merged.rules[0].verdict, RuleVerdict::kNotChecked);
  EXPECT_EQ(merged.totals.not_checked, 1);
  EXPECT_EQ(merged.gate.not_checked, 1);
  // A rule no shard called not checked (no-crash, no-hang) keeps holding.
  shards[1].rules[0].verdict = shards[2].rules[0].verdict = RuleVerdict::kHolds;
  result = MergeReports(shards, {}, nullptr);
  ASSERT_TRUE(std::holds_alternative<Report>(result));
  EXPECT_EQ(std::get<Report>(result).rules[0].verdict, RuleVerdict::kHolds);
}

TEST(ReportMerge, BaselineMarksCarryOver) {
  std::vector<Report> shards = Shards();
  for (Report& shard : shards) {
    shard.gate.baseline = "known.txt";
    // Listed: first-notify (violated in shards 1, 2) and change-only (holds everywhere).
    shard.rules[0].baseline = BaselineMark::kNotSeen;
    shard.rules[1].baseline = shard.rules[1].verdict == RuleVerdict::kViolated ? BaselineMark::kKnown
                                                                                : BaselineMark::kNotSeen;
  }
  auto result = MergeReports(shards, {}, nullptr);
  ASSERT_TRUE(std::holds_alternative<Report>(result));
  const Report& merged = std::get<Report>(result);
  EXPECT_EQ(merged.rules[1].baseline, BaselineMark::kKnown);
  EXPECT_EQ(merged.rules[0].baseline, BaselineMark::kFixed);  // the whole run shows it holds
  EXPECT_EQ(merged.gate.baseline, "known.txt");
  EXPECT_EQ(merged.gate.fixed, 1);
  EXPECT_FALSE(merged.gate.passed);
}

TEST(ReportMerge, RefusesShardsOfDifferentRunsAndGapsOrRepeats) {
  std::vector<Report> shards = Shards();
  EXPECT_EQ(Error({shards[0], shards[1]}), "shard 2/3 is missing");
  EXPECT_EQ(Error({shards[0], shards[1], shards[1]}), "c.json: shard 1/3 is given twice (also b.json)");
  std::vector<Report> other = shards;
  other[2].seed = 7;
  EXPECT_EQ(Error(other),
            "c.json: from another run (impl mutant:notify-every-registration, seed 7, 50 cases, timeout 2000 ms, 3 "
            "shards; a.json: impl mutant:notify-every-registration, seed 42, 50 cases, timeout 2000 ms, 3 shards)");
  other = shards;
  other[1].timeout_ms = 100;
  EXPECT_EQ(Error(other),
            "b.json: from another run (impl mutant:notify-every-registration, seed 42, 50 cases, timeout 100 ms, 3 "
            "shards; a.json: impl mutant:notify-every-registration, seed 42, 50 cases, timeout 2000 ms, 3 shards)");
  other = shards;
  other[1].rules.pop_back();
  EXPECT_EQ(Error(other), "b.json: checks other rules than a.json");
  other = shards;
  other[1].gate.baseline = "x";
  EXPECT_EQ(Error(other), "b.json: ran with another baseline ('x'; a.json: '')");
  other = shards;
  other[2].coverage.columns.pop_back();
  EXPECT_EQ(Error(other), "c.json: has another coverage matrix than a.json");
  other = Shards();
  other[1].coverage.in_flight = CoverageReport::InFlight();
  EXPECT_EQ(Error(other), "b.json: has another in-flight table than a.json");
  other = shards;
  other[1].requirements.pages[0].checked = 2;
  EXPECT_EQ(Error(other), "b.json: has other requirements than a.json");
  other = shards;
  other[2].requirements.pages[1].entries[0].id = "STATUS-9";
  EXPECT_EQ(Error(other), "c.json: has other requirements than a.json");
  other = shards;
  other[1].requirements.pages.pop_back();
  EXPECT_EQ(Error(other), "b.json: has other requirements than a.json");
  other = shards;
  other[2].requirements = RequirementsReport();
  EXPECT_EQ(Error(other), "c.json: has other requirements than a.json");
  other = shards;
  other[1].left_out = {{"no-hang", "real time"}};
  EXPECT_EQ(Error(other), "b.json: leaves out other rules than a.json");
  other = shards;
  other[0].merged_shards = 3;
  EXPECT_EQ(Error(other), "a.json: is itself a merged report; merge the shard reports");
  EXPECT_EQ(Error({}), "nothing to merge");
}

}  // namespace
}  // namespace pd
