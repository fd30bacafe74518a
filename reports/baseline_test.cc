#include "reports/baseline.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"

namespace pd {
namespace {

const std::vector<std::string> kRules = {"change-only", "first-notify", "one-shot"};
const char kImpl[] = "mutant:notify-every-registration";  // SampleReport's impl

Baseline Parse(const std::string& text) {
  auto parsed = ParseBaseline("b.txt", text, kRules);
  EXPECT_TRUE(std::holds_alternative<Baseline>(parsed)) << std::get<std::string>(parsed);
  return std::holds_alternative<Baseline>(parsed) ? std::get<Baseline>(parsed) : Baseline{};
}

std::string Error(const std::string& text) {
  auto parsed = ParseBaseline("b.txt", text, kRules);
  return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "(parsed)";
}

TEST(Baseline, ParsesEntriesCommentsAndBlankLines) {
  const Baseline baseline = Parse(
      "pdbaseline 1\n"
      "# header comment\n"
      "\n"
      "mutant:x first-notify  # expected: see bug 12\n"
      "  mutant:x\tchange-only\r\n");
  ASSERT_EQ(baseline.entries.size(), 2u);
  EXPECT_EQ(baseline.impl(), "mutant:x");
  EXPECT_EQ(baseline.entries[0].impl, "mutant:x");
  EXPECT_EQ(baseline.entries[0].rule_id, "first-notify");
  EXPECT_EQ(baseline.entries[0].comment, "expected: see bug 12");
  EXPECT_EQ(baseline.entries[0].line, 4);
  EXPECT_EQ(baseline.entries[1].rule_id, "change-only");
  EXPECT_EQ(baseline.entries[1].comment, "");
  EXPECT_NE(baseline.Find("change-only"), nullptr);
  EXPECT_EQ(baseline.Find("one-shot"), nullptr);
  EXPECT_EQ(Parse("pdbaseline 1\n# nothing expected\n").impl(), "");
}

TEST(Baseline, MalformedFilesNameTheLine) {
  EXPECT_EQ(Error(""), "b.txt:1: empty file; expected the header 'pdbaseline 1'");
  EXPECT_EQ(Error("mutant:x first-notify\n"), "b.txt:1: expected the header 'pdbaseline 1', got 'mutant:x first-notify'");
  EXPECT_EQ(Error("pdbaseline 2\n"), "b.txt:1: unsupported baseline version '2' (this harness reads version 1)");
  EXPECT_EQ(Error("pdbaseline 1\n\nmutant:x\n"),
            "b.txt:3: expected '<impl> <rule-id>' (then an optional '# comment'), got 'mutant:x'");
  EXPECT_EQ(Error("pdbaseline 1\na b c\n"),
            "b.txt:2: expected '<impl> <rule-id>' (then an optional '# comment'), got 'a b c'");
  EXPECT_EQ(Error("pdbaseline 1\nmutant:x first-notfy\n"), "b.txt:2: unknown rule 'first-notfy' (see --list-rules)");
  EXPECT_EQ(Error("pdbaseline 1\nm one-shot\n# x\nm one-shot # again\n"),
            "b.txt:4: rule 'one-shot' is already listed on line 2");
  EXPECT_EQ(Error("pdbaseline 1\nm one-shot\nn change-only\n"),
            "b.txt:3: names implementation 'n', but line 2 names 'm' (a baseline is for one implementation)");
}

TEST(Baseline, MarksKnownFixedAndNotSeen) {
  Report report = SampleReport();  // change-only holds, first-notify violated
  Baseline baseline = Parse(std::string("pdbaseline 1\n") + kImpl + " first-notify\n");
  ApplyBaseline(baseline, "b.txt", report);
  EXPECT_EQ(report.rules[0].baseline, BaselineMark::kNone);
  EXPECT_EQ(report.rules[1].baseline, BaselineMark::kKnown);
  EXPECT_TRUE(report.gate.passed);
  EXPECT_EQ(report.gate.known, 1);
  EXPECT_EQ(report.gate.baseline, "b.txt");

  // Listed but holds: fixed, and the run fails so the line is removed.
  baseline = Parse(std::string("pdbaseline 1\n") + kImpl + " first-notify\n" + kImpl + " change-only\n");
  ApplyBaseline(baseline, "b.txt", report);
  EXPECT_EQ(report.rules[0].baseline, BaselineMark::kFixed);
  EXPECT_FALSE(report.gate.passed);
  EXPECT_EQ(report.gate.fixed, 1);

  // ... unless this is one shard of several: the merge decides.
  report.shard_count = 3;
  ApplyBaseline(baseline, "b.txt", report);
  EXPECT_EQ(report.rules[0].baseline, BaselineMark::kNotSeen);
  EXPECT_TRUE(report.gate.passed);
}

// A baseline belongs to the implementation under test: run the fixed one
// (here under another name) and the listed rules that now hold fail the run.
TEST(Baseline, AppliesToTheImplementationRun) {
  Report report = SampleReport();
  report.impl = "reference";
  report.rules[1].verdict = RuleVerdict::kHolds;
  report.rules[1].counterexample.reset();
  CountVerdicts(report);
  ApplyBaseline(Parse(std::string("pdbaseline 1\n") + kImpl + " first-notify\n"), "b.txt", report);
  EXPECT_EQ(report.rules[1].baseline, BaselineMark::kFixed);
  EXPECT_FALSE(report.gate.passed);
}

TEST(Baseline, ErrorsAlwaysFail) {
  Report report = SampleReport();
  report.rules[1].verdict = RuleVerdict::kError;
  report.rules[1].error = "RapidCheck gave up";
  ApplyBaseline(Parse(std::string("pdbaseline 1\n") + kImpl + " first-notify\n"), "b.txt", report);
  EXPECT_FALSE(report.gate.passed);
  EXPECT_EQ(report.gate.errors, 1);
}

TEST(Baseline, WrittenBaselineRoundTripsAndKeepsLinesThatStay) {
  Report report = SampleReport();
  const Baseline previous = Parse(
      "pdbaseline 1\n"
      "old-name one-shot  # kept: not run\n"
      "old-name change-only  # dropped: it holds now\n"
      "old-name first-notify  # kept: still violated\n");
  const std::string written = RenderBaseline(report, previous);
  EXPECT_EQ(written,
            "pdbaseline 1\n"
            "# Known deviations: one '<impl> <rule-id>' per line. pdconform --baseline FILE expects\n"
            "# exactly these violations; remove a line when its rule holds again.\n" +
                std::string(kImpl) + " one-shot  # kept: not run\n" + kImpl +
                " first-notify  # kept: still violated\n");
  const std::string fresh = RenderBaseline(report, Baseline{});
  EXPECT_NE(fresh.find(std::string(kImpl) + " first-notify  # notified with status DISABLED (<0>) at once\n"),
            std::string::npos)
      << fresh;
  const Baseline reread = Parse(written);
  ASSERT_EQ(reread.entries.size(), 2u);
  ApplyBaseline(reread, "new.txt", report);
  EXPECT_TRUE(report.gate.passed);
  EXPECT_EQ(RenderBaseline(report, reread), written);
}

}  // namespace
}  // namespace pd
