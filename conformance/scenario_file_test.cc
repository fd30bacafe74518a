#include "conformance/scenario_file.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "scenario/scenario_text.h"

namespace pd {
namespace {

std::string Error(const std::string& text) {
  auto parsed = ParseScenarioFile("dir/case.pdscenario", text);
  if (!std::holds_alternative<std::string>(parsed)) {
    ADD_FAILURE() << "expected an error for:\n" << text;
    return "";
  }
  const std::string error = std::get<std::string>(parsed);
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  return error;
}

TEST(ScenarioFile, BadHeader) {
  EXPECT_EQ(Error("# a comment\n\nscenario 1\nseed 1\n"), "dir/case.pdscenario:3: expected the header 'pdscenario 2'");
}

TEST(ScenarioFile, BadVersion) {
  EXPECT_EQ(Error("pdscenario 3\nseed 1\nend\n"),
            "dir/case.pdscenario:1: unsupported format version '3' (this harness reads versions 1 to 2)");
}

TEST(ScenarioFile, UnknownStep) {
  EXPECT_EQ(Error("pdscenario 1\nseed 1\nstartup s0\nfoo s0\n"), "dir/case.pdscenario:4: unknown step 'foo'");
}

TEST(ScenarioFile, BadSession) {
  EXPECT_EQ(Error("pdscenario 1\nseed 1\nstartup s9\n"), "dir/case.pdscenario:3: startup needs a session s0..s3");
  EXPECT_EQ(Error("pdscenario 1\nseed 1\nregister\n"), "dir/case.pdscenario:3: register needs a session s0..s3");
}

TEST(ScenarioFile, BadNumbers) {
  EXPECT_EQ(Error("pdscenario 1\nseed x\n"), "dir/case.pdscenario:2: seed needs one decimal number");
  EXPECT_NE(Error("pdscenario 1\nseed 1\nadvance -5\n").find("dir/case.pdscenario:3: advance needs microseconds"),
            std::string::npos);
  EXPECT_EQ(Error("pdscenario 1\nseed 1\nstartup s0\nregister s0 key=0x10\n"),
            "dir/case.pdscenario:4: key must be a decimal number, not '0x10'");
}

TEST(ScenarioFile, WholeFileErrorsHaveNoLineNumber) {
  EXPECT_EQ(Error(""), "dir/case.pdscenario: empty file: expected the header 'pdscenario 2'");
  EXPECT_EQ(Error("pdscenario 1\nstartup s0\n"), "dir/case.pdscenario: missing 'seed' line");
}

TEST(ScenarioFile, MissingFile) {
  auto loaded = LoadScenarioFile("no/such/file.pdscenario");
  ASSERT_TRUE(std::holds_alternative<std::string>(loaded));
  EXPECT_EQ(std::get<std::string>(loaded), "no/such/file.pdscenario: cannot read: No such file or directory");
}

TEST(ScenarioFile, DirectoryIsNotAnEmptyFile) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = dir != nullptr ? dir : "/tmp";
  auto loaded = LoadScenarioFile(path);
  ASSERT_TRUE(std::holds_alternative<std::string>(loaded));
  EXPECT_EQ(std::get<std::string>(loaded), path + ": is a directory, not a scenario file");
}

TEST(ScenarioFile, CounterexampleFileParsesBackToTheScenario) {
  auto parsed = ParseScenario("pdscenario 1\nseed 9\nstartup s0\nregister s0 ex port=new key=7\nenv enable\n");
  ASSERT_TRUE(std::holds_alternative<Scenario>(parsed));
  const Scenario scenario = std::get<Scenario>(parsed);
  CounterexampleHeader header;
  header.impl = "mutant:x";
  header.rule_id = "first-notify";
  header.rule_strength = "documented";
  header.rule_source = "PeerDistRegisterForStatusChangeNotification";
  header.rule_citation = "line one\nline two # with a hash";
  header.violation_step = 1;
  header.violation_time = 20;
  header.violation_message = "notified while DISABLED";
  header.replay = "pdconform --impl mutant:x --replay d/counterexamples/first-notify.pdscenario";
  const std::string text = RenderCounterexampleFile(scenario, header);
  EXPECT_NE(text.find("# impl: mutant:x\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# rule: first-notify (documented)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# citation: line one\n#   line two # with a hash\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# violation: step 1, t=20 us: notified while DISABLED\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# replay: " + header.replay + "\n"), std::string::npos) << text;
  auto back = ParseScenarioFile("x", text);
  ASSERT_TRUE(std::holds_alternative<Scenario>(back)) << std::get<std::string>(back);
  EXPECT_TRUE(std::get<Scenario>(back) == scenario);
}

}  // namespace
}  // namespace pd
