#include "reports/json_report.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"

namespace pd {
namespace {

TEST(JsonReport, VersionedSchemaAndRunOptions) {
  const std::string json = RenderJsonReport(SampleReport());
  EXPECT_EQ(json.rfind("{\n  \"schema\": \"pdconform-report/1\",\n", 0), 0u) << json;
  EXPECT_NE(json.find("\"impl\": \"mutant:notify-every-registration\""), std::string::npos);
  EXPECT_NE(json.find("\"seed\": 42,"), std::string::npos);
  EXPECT_NE(json.find("\"cases\": 50,"), std::string::npos);
  EXPECT_EQ(json.back(), '\n');
}

TEST(JsonReport, RulesWithVerdictAndCounterexample) {
  const std::string json = RenderJsonReport(SampleReport());
  EXPECT_NE(json.find("\"verdict\": \"holds\",\n      \"cases\": 50,\n      \"reached\": 50,\n      \"skipped\": 0,\n"
                      "      \"error\": null,\n      \"counterexample\": null"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"verdict\": \"violated\""), std::string::npos);
  EXPECT_NE(json.find("\"file\": \"out dir/counterexamples/first-notify.pdscenario\""), std::string::npos);
  EXPECT_NE(json.find("\"replay\": \"pdconform --impl mutant:notify-every-registration --replay 'out "
                      "dir/counterexamples/first-notify.pdscenario'\""),
            std::string::npos);
  EXPECT_NE(json.find("\"step\": 1,"), std::string::npos);
  EXPECT_NE(json.find("\"time\": 1500,"), std::string::npos);
}

TEST(JsonReport, StringsAreEscaped) {
  const std::string json = RenderJsonReport(SampleReport());
  EXPECT_NE(json.find("\"citation\": \"the \\\"first\\\" call's baseline is PEERDIST_STATUS_DISABLED & <nothing> "
                      "else\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"message\": \"notified with status\\tDISABLED\\n(<0>) at once\""), std::string::npos);
  // Escaping leaves no raw control character anywhere but the layout's newlines.
  for (char c : json) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << int(c);
}

TEST(JsonReport, AmbiguitiesAndTotals) {
  const std::string json = RenderJsonReport(SampleReport());
  EXPECT_NE(json.find("\"verdict\": \"already-exists\",\n      \"occurrences\": {\n        \"already-exists\": 3\n"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"totals\": {\n    \"rules\": 2,\n    \"held\": 1,\n    \"violated\": 1,\n    \"errors\": 0,\n    \"not_checked\": 0,\n    \"scenarios\": "
                      "57,\n    \"api_calls\": 400\n  }\n}\n"),
            std::string::npos)
      << json;
}

TEST(JsonReport, BracketsBalanceOutsideStrings) {
  const std::string json = RenderJsonReport(SampleReport());
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    ASSERT_GE(depth, 0);
  }
  EXPECT_FALSE(in_string);
  EXPECT_EQ(depth, 0);
}

TEST(JsonReport, EmptyListsAndEmptyOccurrences) {
  Report report;
  report.impl = "reference";
  AmbiguityReport ambiguity;
  ambiguity.id = "a";
  ambiguity.verdict = "not exercised";
  report.ambiguities.push_back(ambiguity);
  const std::string json = RenderJsonReport(report);
  EXPECT_NE(json.find("\"rules\": [],"), std::string::npos) << json;
  EXPECT_NE(json.find("\"occurrences\": {}"), std::string::npos) << json;
}

TEST(JsonReport, RequirementsBetweenCoverageAndTotals) {
  const std::string json = RenderJsonReport(SampleReport());
  EXPECT_NE(json.find("  \"requirements\": {\n    \"checked\": 2,\n    \"testable\": 3,\n    \"pages\": [\n      {\n"
                      "        \"page\": \"PeerDistRegisterForStatusChangeNotification\",\n"
                      "        \"file\": \"nf-peerdist-peerdistregisterforstatuschangenotification.md\",\n"
                      "        \"checked\": 1,\n        \"testable\": 2,\n        \"entries\": [\n          {\n"
                      "            \"id\": \"REGISTER-1\",\n            \"section\": \"Remarks\",\n"
                      "            \"class\": \"testable\",\n"
                      "            \"quote\": \"No notification is sent while the status is PEERDIST_STATUS_DISABLED & "
                      "<nothing> \\\"else\\\".\",\n"
                      "            \"checked_by\": [\"first-notify\"],\n            \"partly_by\": []\n          },\n"),
            std::string::npos)
      << json;
  // The reason only where there is one; rule lists on one line.
  EXPECT_NE(json.find("\"class\": \"untestable-here\",\n            \"reason\": \"why the service is disabled (Group "
                      "Policy <or> not running) is not visible through the API\",\n            \"quote\""),
            std::string::npos);
  EXPECT_EQ(json.find("\"reason\": \"\""), std::string::npos);
  EXPECT_NE(json.find("\"checked_by\": [\"change-only\", \"first-notify\"],\n            \"partly_by\": []\n"),
            std::string::npos);
  EXPECT_NE(json.find("\"checked_by\": [],\n            \"partly_by\": [\"change-only\"]\n"), std::string::npos);
  EXPECT_LT(json.find("\"coverage\": {"), json.find("\"requirements\": {"));
  EXPECT_LT(json.find("\"requirements\": {"), json.find("\"totals\": {"));
}

// A run that recorded no requirements writes the bytes it wrote before the
// field existed: no "requirements" key at all.
TEST(JsonReport, NoRequirementsNoKey) {
  Report report = SampleReport();
  report.requirements = RequirementsReport();
  const std::string json = RenderJsonReport(report);
  EXPECT_EQ(json.find("requirements"), std::string::npos) << json;
  EXPECT_NE(json.find("\"counts\": []\n  },\n  \"totals\": {"), std::string::npos) << json;
}

// A plugin's bytes can reach a message: they stay one valid JSON string
// (nlohmann-json writes U+FFFD for bytes that are not UTF-8), and control
// characters are escaped.
TEST(JsonReport, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  Report report = SampleReport();
  report.rules[1].counterexample->violation.message = std::string("bad \xff\xc3 byte\x01 \xc3\xa9");
  const std::string json = RenderJsonReport(report);
  EXPECT_NE(json.find("\"message\": \"bad \xef\xbf\xbd\xef\xbf\xbd byte\\u0001 \xc3\xa9\""), std::string::npos) << json;
}

TEST(JsonReport, SameReportSameBytes) { EXPECT_EQ(RenderJsonReport(SampleReport()), RenderJsonReport(SampleReport())); }

}  // namespace
}  // namespace pd
