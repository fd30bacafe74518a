// report.json against its documented schema (reports/report.schema.json).
// The end-to-end tests validate real runs' report.json with the same schema
// (json_schema_check); this one covers every optional part at once and shows
// that the schema rejects what it must.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "reports/baseline.h"
#include "reports/json_report.h"
#include "reports/json_schema.h"
#include "reports/json_value.h"
#include "reports/report_testing.h"

namespace pd {
namespace {

JsonSchema LoadSchema() {
  std::ifstream in("reports/report.schema.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto parsed = ParseJson(buffer.str());
  if (auto* error = std::get_if<std::string>(&parsed)) ADD_FAILURE() << "report.schema.json:" << *error;
  auto compiled = JsonSchema::Compile(std::get<JsonValue>(parsed));
  if (auto* error = std::get_if<std::string>(&compiled)) ADD_FAILURE() << "report.schema.json: " << *error;
  return std::get<JsonSchema>(compiled);
}

std::vector<std::string> Validate(const std::string& json) {
  static const JsonSchema schema = LoadSchema();
  auto parsed = ParseJson(json);
  if (auto* error = std::get_if<std::string>(&parsed)) return {"not JSON: " + *error};
  return schema.Validate(std::get<JsonValue>(parsed));
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

TEST(ReportSchema, TheSampleReportValidates) {
  EXPECT_EQ(Validate(RenderJsonReport(SampleReport())), std::vector<std::string>{});
  Report report = SampleReport();
  Baseline baseline;
  baseline.entries.push_back({report.impl, "first-notify", "", 2});
  baseline.entries.push_back({report.impl, "change-only", "", 3});
  ApplyBaseline(baseline, "known.txt", report);
  report.seed = 18446744073709551615ull;
  report.coverage.rows = {"PeerDistClientBlockRead/content"};
  report.coverage.columns = {"available->disabled"};
  report.coverage.counts = {{7}};
  report.coverage.in_flight.rows = {"PeerDistClientBlockRead/content with data"};
  report.coverage.in_flight.columns = {"available->unavailable", "available->disabled"};
  report.coverage.in_flight.counts = {{2, 0}};
  report.rules.push_back(report.rules[0]);
  report.rules.back().id = "one-shot";
  report.rules.back().verdict = RuleVerdict::kError;
  report.rules.back().error = "RapidCheck gave up";
  report.rules.push_back(report.rules[0]);
  report.rules.back().id = "no-hang";
  report.rules.back().verdict = RuleVerdict::kNotChecked;
  report.rules.back().cases = 3;
  report.rules.back().reached = 0;
  report.rules.back().skipped = 47;
  CountVerdicts(report);
  ComputeGate(report);
  EXPECT_EQ(Validate(RenderJsonReport(report)), std::vector<std::string>{});
  // A violation across two scenarios carries its paired scenario.
  EXPECT_EQ(Validate(RenderJsonReport(PairedSampleReport())), std::vector<std::string>{});
  // requirements is optional: a run that recorded none writes no key.
  report.requirements = RequirementsReport();
  EXPECT_EQ(Validate(RenderJsonReport(report)), std::vector<std::string>{});
}

TEST(ReportSchema, RejectsWhatItMust) {
  const std::string good = RenderJsonReport(SampleReport());
  std::string json = good;
  Replace(json, "\"schema\": \"pdconform-report/1\"", "\"schema\": \"pdconform-report/2\"");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$.schema: \"pdconform-report/2\" is not \"pdconform-report/1\""});
  json = good;
  Replace(json, "\"verdict\": \"violated\"", "\"verdict\": \"maybe\"");
  EXPECT_EQ(Validate(json).size(), 1u);
  json = good;
  Replace(json, "\"cases\": 7", "\"cases\": -7");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$.rules[1].cases: -7 is below the minimum 0"});
  json = good;
  Replace(json, "\"reached\": 7,", "");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$.rules[1]: missing required member \"reached\""});
  json = good;
  Replace(json, "\"skipped\": 0,", "\"skipped\": -1,");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$.rules[0].skipped: -1 is below the minimum 0"});
  json = good;
  Replace(json, "\"impl\": ", "\"extra\": 1, \"impl\": ");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$: unexpected member \"extra\""});
  json = good;
  Replace(json, "\"kind\": \"signal\"", "\"kind\": 3");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$.rules[1].counterexample.timeline[6].kind: expected string, got 3"});
  json = good;
  Replace(json, "\"id\": \"first-notify\"", "\"id\": \"First Notify\"");
  EXPECT_EQ(Validate(json).size(), 1u);
  json = good;
  Replace(json, "\"class\": \"caller-obligation\"", "\"class\": \"optional\"");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$.requirements.pages[0].entries[1].class: \"optional\" is not one "
                                                     "of \"testable\", \"caller-obligation\", \"untestable-here\""});
  json = good;
  Replace(json, "\"id\": \"REGISTER-2\"", "\"id\": \"register 2\"");
  EXPECT_EQ(Validate(json).size(), 1u);
  json = good;
  Replace(json, "\"partly_by\": [\"change-only\"]", "\"partly_by\": [\"Change Only\"]");
  EXPECT_EQ(Validate(json).size(), 1u);
  json = good;
  Replace(json, "\"quote\": \"The OVERLAPPED", "\"note\": \"x\", \"quote\": \"The OVERLAPPED");
  EXPECT_EQ(Validate(json), std::vector<std::string>{"$.requirements.pages[0].entries[1]: unexpected member \"note\""});
  json = good;
  Replace(json, "\"checked_by\": [\"first-notify\"],", "");
  EXPECT_EQ(Validate(json),
            std::vector<std::string>{"$.requirements.pages[0].entries[0]: missing required member \"checked_by\""});
}

}  // namespace
}  // namespace pd
