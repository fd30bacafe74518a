// The text form of the content steps: every verb renders and parses back,
// options appear only when they differ from their defaults, and bad input
// is one clear message. Format version 1 keeps reading the old steps.
#include "scenario/scenario_text.h"

#include <gtest/gtest.h>

#include <variant>

namespace pd {
namespace {

Scenario Parse(const std::string& text) {
  auto parsed = ParseScenario(text);
  if (auto* error = std::get_if<ScenarioParseError>(&parsed)) {
    ADD_FAILURE() << "line " << error->line << ": " << error->message;
    return Scenario{};
  }
  return std::get<Scenario>(parsed);
}

std::string ErrorOf(const std::string& text) {
  auto parsed = ParseScenario(text);
  auto* error = std::get_if<ScenarioParseError>(&parsed);
  return error != nullptr ? error->message : std::string("(parsed)");
}

const char kContent[] =
    "pdscenario 2\n"
    "seed 9\n"
    "initial available\n"
    "startup s0\n"
    "publish s0 t0 id=1 length=200 port=new key=4\n"
    "add-to-stream s0 t0 bytes=128 event=none\n"
    "complete-stream s0 t0 overlapped=null\n"
    "close-stream s0 t0\n"
    "unpublish s0 id=1 identifier=null\n"
    "open-info s0 i1 id=1 offset=64 length=64 ex port=last out=null\n"
    "retrieve-info s0 i1 bytes=4096 buffer=null\n"
    "close-info s0 i1\n"
    "server-cancel s0 o2 id=1\n"
    "open-content s0 c3 tag=7\n"
    "open-content s0 c2 tag=null\n"
    "close-content s0 c3 handle=bogus\n"
    "add-info s0 c3 from=i1 corrupt\n"
    "complete-info s0 c3\n"
    "add-data s0 c3 id=2 offset=128 corrupt\n"
    "block-read s0 c3 offset=64 bytes=0 timeout=local\n"
    "stream-read s0 c3 bytes=100\n"
    "flush s0 tag=3 port=new\n"
    "get-info s0 c3 bytes=2 out=null\n"
    "client-cancel s0 c3 o5\n"
    "client-cancel s0 c3 all\n"
    "get-overlapped-result o4 wait\n"
    "end\n";

TEST(ScenarioText, ContentStepsRoundTrip) {
  const Scenario scenario = Parse(kContent);
  ASSERT_EQ(scenario.steps.size(), 23u);
  EXPECT_EQ(RenderScenario(scenario), kContent);
  EXPECT_EQ(Parse(RenderScenario(scenario)), scenario);
  const Step& publish = scenario.steps[1];
  EXPECT_EQ(publish.kind, StepKind::kPublish);
  EXPECT_EQ(publish.content, 1u);
  EXPECT_EQ(publish.length, 200u);
  EXPECT_EQ(publish.port, PortArg::kNew);
  const Step& read = scenario.steps[16];
  EXPECT_EQ(read.kind, StepKind::kBlockRead);
  EXPECT_EQ(read.object, 3);
  EXPECT_EQ(read.offset, 64u);
  EXPECT_EQ(read.bytes, 0u);
  EXPECT_EQ(read.timeout, TimeoutArg::kLocalOnly);
  EXPECT_TRUE(scenario.steps[21].all);
  EXPECT_TRUE(scenario.steps[22].of_operation);
  EXPECT_EQ(scenario.steps[22].registration, 4);
}

TEST(ScenarioText, DefaultsAreNotWritten) {
  const Scenario scenario = Parse("pdscenario 1\nseed 1\nstartup s0\nblock-read s0 c0 bytes=64 timeout=default\n");
  EXPECT_EQ(RenderStep(scenario.steps[1]), "block-read s0 c0");
}

TEST(ScenarioText, AsyncContentSteps) {
  EXPECT_TRUE(IsAsyncContentStep(StepKind::kBlockRead));
  EXPECT_TRUE(IsAsyncContentStep(StepKind::kFlush));
  EXPECT_FALSE(IsAsyncContentStep(StepKind::kOpenContent));
  EXPECT_FALSE(IsAsyncContentStep(StepKind::kClientCancel));
  EXPECT_FALSE(IsAsyncContentStep(StepKind::kRegister));
}

// OffsetHigh reaches the OVERLAPPED through offset= past 2^32 (block-read,
// add-data) and through a stream read's overlapped-offset=, which the read
// must ignore.
TEST(ScenarioText, SixtyFourBitOffsets) {
  const std::string text =
      "pdscenario 2\nseed 1\ninitial disabled\nstartup s0\n"
      "block-read s0 c0 offset=4294967360\n"
      "add-data s0 c0 id=1 offset=1095216664576\n"
      "stream-read s0 c0 overlapped-offset=18446744073709551615\n"
      "end\n";
  const Scenario scenario = Parse(text);
  EXPECT_EQ(RenderScenario(scenario), text);
  EXPECT_EQ(scenario.steps[1].offset, (std::uint64_t{1} << 32) + 64);
  EXPECT_EQ(scenario.steps[2].offset, kMaxStepOffset);
  EXPECT_EQ(scenario.steps[3].overlapped_offset, ~std::uint64_t{0});
  const std::string refused =
      "offset must be a decimal number N * 4294967296 + M with N at most 255 and M at most 4096, not '";
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nblock-read s0 c0 offset=5000\n"), refused + "5000'");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nblock-read s0 c0 offset=1099511627776\n"), refused + "1099511627776'");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nopen-info s0 i0 offset=4294967296\n"),
            "offset must be a decimal number at most 4096, not '4294967296'");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nblock-read s0 c0 overlapped-offset=1\n"),
            "unknown option 'overlapped-offset=1' for block-read");
}

TEST(ScenarioText, ContentErrorsAreOneLine) {
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nblock-read s0\n"), "block-read needs a handle slot c0..c3");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nblock-read s0 t0\n"), "block-read needs a handle slot c0..c3");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nclient-cancel s0 c0\n"),
            "client-cancel needs an operation o0..o128 or 'all'");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\npublish s0 t0 id=99\n"),
            "id must be a decimal number at most 15, not '99'");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nblock-read s0 c0 bytes=5000\n"),
            "bytes must be a decimal number at most 4096, not '5000'");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nclose-stream s0 t0 bytes=4\n"), "unknown option 'bytes=4' for close-stream");
  EXPECT_EQ(ErrorOf("pdscenario 1\nseed 1\nget-overlapped-result x1\n"),
            "get-overlapped-result needs a registration r0..r128 or an operation o0..o128");
}

TEST(ScenarioText, VersionOneNotificationStepsStillParse) {
  const std::string steps =
      "seed 3\ninitial disabled\nstartup s0 version=1\nregister s0 ex port=new key=7 event=none\n"
      "get-overlapped-result r0 wait\nunregister s0 handle=bogus\nenv restart\nadvance 1000\nshutdown s0\n";
  // Version 1 has no end line; it is written back as version 2.
  EXPECT_EQ(RenderScenario(Parse("pdscenario 1\n" + steps)), "pdscenario 2\n" + steps + "end\n");
  EXPECT_EQ(Parse("pdscenario 1\n" + steps), Parse("pdscenario 2\n" + steps + "end\n"));
}

// A version-2 file cut short at a line boundary must not replay as a shorter
// scenario (its violation gone): the end line says the file is whole.
TEST(ScenarioText, VersionTwoNeedsItsEndLine) {
  const std::string whole = "pdscenario 2\nseed 1\nstartup s0\nregister s0\nenv enable\nadvance 300000\nend\n";
  EXPECT_EQ(Parse(whole).steps.size(), 4u);
  EXPECT_EQ(ErrorOf(whole.substr(0, whole.find("advance"))),
            "the file ends without its 'end' line: it was cut short");
  EXPECT_EQ(ErrorOf(whole.substr(0, whole.find("300000") + 2)),
            "the file ends without its 'end' line: it was cut short");
  EXPECT_EQ(ErrorOf(whole + "startup s1\n"), "nothing may follow the 'end' line");
  EXPECT_EQ(ErrorOf("pdscenario 2\nseed 1\nend now\n"), "'end' takes no arguments");
  EXPECT_EQ(Parse(whole + "# a comment\n\n").steps.size(), 4u);
  EXPECT_EQ(ErrorOf("pdscenario 3\nseed 1\nend\n"), "unsupported format version '3' (this harness reads versions 1 to 2)");
  EXPECT_EQ(ErrorOf("pdscenario 0\nseed 1\n"), "unsupported format version '0' (this harness reads versions 1 to 2)");
}

TEST(ScenarioText, ErrorsQuoteInputSafely) {
  EXPECT_EQ(ErrorOf("pdscenario 2\nseed 1\nstartup s0 version=\x1b[2J\nend\n"),
            "version must be a decimal DWORD, not '\\x1b[2J'");
  const std::string huge(100000, 'x');
  EXPECT_EQ(ErrorOf("pdscenario 2\nseed 1\n" + huge + "\nend\n"),
            "unknown step '" + std::string(80, 'x') + "... (100000 bytes)'");
}

}  // namespace
}  // namespace pd
