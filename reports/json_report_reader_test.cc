#include "reports/json_report_reader.h"

#include <gtest/gtest.h>

#include "reports/json_report.h"
#include "reports/report_testing.h"

namespace pd {
namespace {

std::string Error(const std::string& text) {
  auto read = ReadJsonReport("r.json", text);
  return std::holds_alternative<std::string>(read) ? std::get<std::string>(read) : "(read)";
}

TEST(JsonReportReader, RoundTripsEveryField) {
  Report report = SampleReport();
  report.seed = 18446744073709551615ull;
  report.shard_index = 2;
  report.shard_count = 3;
  report.gate.baseline = "known.txt";
  report.rules[1].baseline = BaselineMark::kKnown;
  report.rules[0].error = "x";
  report.rules[1].counterexample->trace_truncated = true;
  report.coverage.rows = {"PeerDistClientBlockRead/content"};
  report.coverage.columns = {"available->disabled", "available->unavailable"};
  report.coverage.counts = {{3, 0}};
  report.coverage.in_flight.rows = {"PeerDistClientBlockRead/content", "PeerDistClientBlockRead/content with data"};
  report.coverage.in_flight.columns = {"available->unavailable", "available->disabled"};
  report.coverage.in_flight.counts = {{4, 2}, {1, 0}};
  const std::string json = RenderJsonReport(report);
  auto read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), json);
  EXPECT_TRUE(std::get<Report>(read).coverage.in_flight == report.coverage.in_flight);
}

// counterexample.paired joined version 1 later, present only for a
// violation across two scenarios.
TEST(JsonReportReader, PairedScenarioRoundTripsAndMayBeAbsent) {
  const Report report = PairedSampleReport();
  const std::string json = RenderJsonReport(report);
  EXPECT_NE(json.find("\"paired\": {"), std::string::npos);
  auto read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  const auto& paired = std::get<Report>(read).rules[1].counterexample->paired;
  ASSERT_TRUE(paired.has_value());
  EXPECT_EQ(paired->note, report.rules[1].counterexample->paired->note);
  EXPECT_EQ(paired->timeline.size(), 4u);
  EXPECT_EQ(paired->step, 0);
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), json);
  // Without a pair, no key, and nothing read back.
  const std::string plain = RenderJsonReport(SampleReport());
  EXPECT_EQ(plain.find("\"paired\""), std::string::npos);
  read = ReadJsonReport("r.json", plain);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_FALSE(std::get<Report>(read).rules[1].counterexample->paired.has_value());
}

// coverage.in_flight joined version 1 later and is written only when
// recorded: a report without it reads as not recorded, and writes back the
// same bytes; a malformed one is refused with its path.
TEST(JsonReportReader, InFlightTableMayBeAbsent) {
  Report report = SampleReport();
  report.coverage.rows = {"PeerDistClientBlockRead/content"};
  report.coverage.columns = {"available->disabled"};
  report.coverage.counts = {{3}};
  const std::string json = RenderJsonReport(report);
  EXPECT_EQ(json.find("in_flight"), std::string::npos);
  auto read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_TRUE(std::get<Report>(read).coverage.in_flight.rows.empty());
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), json);
  report.coverage.in_flight.rows = {"PeerDistClientBlockRead/content"};
  report.coverage.in_flight.columns = {"available->unavailable", "available->disabled"};
  report.coverage.in_flight.counts = {{4, 2}};
  std::string bad = RenderJsonReport(report);
  const std::string row = "[4, 2]";
  ASSERT_NE(bad.find(row), std::string::npos);
  bad.replace(bad.find(row), row.size(), "[4]");
  EXPECT_EQ(Error(bad), "r.json: $.coverage.in_flight.counts[0]: expected one count per column");
}

// timeout_ms joined version 1 later: a report without it still reads, as
// "not recorded".
TEST(JsonReportReader, AReportWithoutTimeoutReadsAsNotRecorded) {
  Report report = SampleReport();
  report.timeout_ms = 300;
  std::string json = RenderJsonReport(report);
  auto read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_EQ(std::get<Report>(read).timeout_ms, 300);
  const std::string member = "\"timeout_ms\": 300,";
  const std::size_t at = json.find(member);
  ASSERT_NE(at, std::string::npos) << json.substr(0, 300);
  json.erase(at, member.size());
  read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_EQ(std::get<Report>(read).timeout_ms, 0);
}

// reached, skipped and the not-checked counts joined version 1 later: a
// report written before them reads as every case reached, none skipped.
TEST(JsonReportReader, ReachedAndNotCheckedRoundTripAndMayBeAbsent) {
  Report report = SampleReport();
  report.rules[0].verdict = RuleVerdict::kNotChecked;
  report.rules[0].cases = 4;
  report.rules[0].reached = 1;
  report.rules[0].skipped = 46;
  CountVerdicts(report);
  ComputeGate(report);
  std::string json = RenderJsonReport(report);
  auto read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_EQ(std::get<Report>(read).rules[0].verdict, RuleVerdict::kNotChecked);
  EXPECT_EQ(std::get<Report>(read).gate.not_checked, 1);
  EXPECT_EQ(std::get<Report>(read).totals.not_checked, 1);
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), json);

  json = RenderJsonReport(SampleReport());
  for (const std::string member : {"\"reached\": 50,", "\"skipped\": 0,", "\"reached\": 7,", "\"skipped\": 0,",
                                   ",\n    \"not_checked\": 0\n", "\"not_checked\": 0,"}) {
    const std::size_t at = json.find(member);
    ASSERT_NE(at, std::string::npos) << member;
    json.replace(at, member.size(), member[0] == ',' ? "\n" : "");
  }
  read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_EQ(std::get<Report>(read).rules[0].reached, 50);
  EXPECT_EQ(std::get<Report>(read).rules[1].reached, 7);
  EXPECT_EQ(std::get<Report>(read).rules[1].skipped, 0);
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), RenderJsonReport(SampleReport()));

  json = RenderJsonReport(SampleReport());
  json.replace(json.find("\"reached\": 7"), 12, "\"reached\": 8");
  EXPECT_EQ(Error(json), "r.json: $.rules[1].reached: more cases reached their end (8) than ran (7)");
}

// requirements joined version 1 later and is written only when recorded: a
// report without it reads as an empty RequirementsReport, and writes back
// the same bytes.
TEST(JsonReportReader, RequirementsRoundTripAndMayBeAbsent) {
  const Report sample = SampleReport();
  auto read = ReadJsonReport("r.json", RenderJsonReport(sample));
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  const RequirementsReport& requirements = std::get<Report>(read).requirements;
  EXPECT_EQ(requirements.checked, 2);
  EXPECT_EQ(requirements.testable, 3);
  ASSERT_EQ(requirements.pages.size(), 2u);
  EXPECT_EQ(requirements.pages[0].page, "PeerDistRegisterForStatusChangeNotification");
  EXPECT_EQ(requirements.pages[0].file, "nf-peerdist-peerdistregisterforstatuschangenotification.md");
  EXPECT_EQ(requirements.pages[0].checked, 1);
  EXPECT_EQ(requirements.pages[0].testable, 2);
  ASSERT_EQ(requirements.pages[0].entries.size(), 3u);
  const RequirementEntryReport& first = requirements.pages[0].entries[0];
  EXPECT_EQ(first.id, "REGISTER-1");
  EXPECT_EQ(first.section, "Remarks");
  EXPECT_EQ(first.klass, "testable");
  EXPECT_EQ(first.reason, "");
  EXPECT_EQ(first.quote, sample.requirements.pages[0].entries[0].quote);
  EXPECT_EQ(first.checked_by, std::vector<std::string>{"first-notify"});
  EXPECT_EQ(requirements.pages[0].entries[2].partly_by, std::vector<std::string>{"change-only"});
  const RequirementEntryReport& untestable = requirements.pages[1].entries[0];
  EXPECT_EQ(untestable.klass, "untestable-here");
  EXPECT_EQ(untestable.reason, sample.requirements.pages[1].entries[0].reason);
  EXPECT_EQ(requirements.pages[1].entries[1].checked_by, (std::vector<std::string>{"change-only", "first-notify"}));

  Report without = SampleReport();
  without.requirements = RequirementsReport();
  const std::string json = RenderJsonReport(without);
  read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  EXPECT_TRUE(std::get<Report>(read).requirements.pages.empty());
  EXPECT_EQ(std::get<Report>(read).requirements.testable, 0);
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), json);
}

// parts joined version 1 later, written only for a statement divided into
// parts: it reads back as written, and a statement counts as checked only
// when each of its parts has a rule.
TEST(JsonReportReader, RequirementPartsRoundTrip) {
  Report report = SampleReport();
  RequirementEntryReport& divided = report.requirements.pages[0].entries[2];
  divided.parts = {{"hPeerDist", {"invalid-handle"}}, {"hStream", {}}};
  EXPECT_FALSE(divided.Checked());
  divided.parts[1].checked_by = {"object-invalid-handle", "close-invalidated"};
  EXPECT_TRUE(divided.Checked());
  const std::string json = RenderJsonReport(report);
  auto read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  const RequirementEntryReport& back = std::get<Report>(read).requirements.pages[0].entries[2];
  ASSERT_EQ(back.parts.size(), 2u);
  EXPECT_EQ(back.parts[0].part, "hPeerDist");
  EXPECT_EQ(back.parts[0].checked_by, std::vector<std::string>{"invalid-handle"});
  EXPECT_EQ(back.parts[1].checked_by, (std::vector<std::string>{"object-invalid-handle", "close-invalidated"}));
  EXPECT_TRUE(std::get<Report>(read).requirements.pages[0].entries[0].parts.empty());
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), json);

  std::string bad = json;
  bad.replace(bad.find("\"part\": \"hStream\""), 17, "\"part\": 5");
  EXPECT_EQ(Error(bad), "r.json: $.requirements.pages[0].entries[2].parts[1].part: expected a string, got number");
}

// left_out joined version 1 later, written only when a rule was left out.
TEST(JsonReportReader, RulesLeftOutRoundTripAndMayBeAbsent) {
  Report report = SampleReport();
  const std::string without = RenderJsonReport(report);
  EXPECT_EQ(without.find("left_out"), std::string::npos);
  report.left_out = {{"no-hang", "a live run, in real time: why"}, {"consistent-interpretation", "a race"}};
  const std::string json = RenderJsonReport(report);
  EXPECT_NE(json.find("\"left_out\": ["), std::string::npos);
  auto read = ReadJsonReport("r.json", json);
  ASSERT_TRUE(std::holds_alternative<Report>(read)) << std::get<std::string>(read);
  ASSERT_EQ(std::get<Report>(read).left_out.size(), 2u);
  EXPECT_EQ(std::get<Report>(read).left_out[1].why, "a race");
  EXPECT_EQ(RenderJsonReport(std::get<Report>(read)), json);
}

TEST(JsonReportReader, ErrorsNameTheFileAndThePath) {
  const std::string json = RenderJsonReport(SampleReport());
  EXPECT_EQ(Error("{"),
            "r.json: line 1, column 2: syntax error while parsing object key - unexpected end of input; expected "
            "string literal");
  EXPECT_EQ(Error("[]"), "r.json: $: expected an object");
  EXPECT_EQ(Error("{\"a\": 1}"), "r.json: $: missing member \"schema\"; not a pdconform report");
  std::string other = json;
  other.replace(other.find("report/1"), 8, "report/9");
  EXPECT_EQ(Error(other), "r.json: unsupported report schema \"pdconform-report/9\" (this harness reads \"pdconform-report/1\")");
  std::string bad = json;
  bad.replace(bad.find("\"cases\": 7"), 10, "\"cases\": \"7\"");
  EXPECT_EQ(Error(bad), "r.json: $.rules[1].cases: expected a number, got string");
  bad = json;
  bad.replace(bad.find("\"verdict\": \"violated\""), 21, "\"verdict\": \"maybe\"");
  EXPECT_EQ(Error(bad), "r.json: $.rules[1].verdict: unknown verdict \"maybe\"");
  bad = json;
  bad.replace(bad.find("\"class\": \"caller-obligation\""), 28, "\"class\": 3");
  EXPECT_EQ(Error(bad), "r.json: $.requirements.pages[0].entries[1].class: expected a string, got number");
  bad = json;
  bad.replace(bad.find("\"partly_by\": [\"change-only\"]"), 28, "\"partly_by\": [7]");
  EXPECT_EQ(Error(bad), "r.json: $.requirements.pages[0].entries[2].partly_by[0]: expected a string");
  bad = json;
  bad.replace(bad.find("\"testable\": 3"), 13, "\"testable\": -3");
  EXPECT_EQ(Error(bad), "r.json: $.requirements.testable: expected an integer in [0, 2147483647], got -3");
  bad = json;
  bad.replace(bad.find("\"totals\""), 8, "\"totalz\"");
  EXPECT_EQ(Error(bad), "r.json: $: missing member \"totals\"");
}

}  // namespace
}  // namespace pd
