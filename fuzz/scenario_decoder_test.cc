#include "fuzz/scenario_decoder.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "conformance/scenario_file.h"
#include "conformance/scenario_gen.h"
#include "fuzz/field_binder.h"
#include "fuzz/step_codecs.h"
#include "scenario/scenario_text.h"
#include "sim/prng.h"

namespace pd {
namespace {

std::vector<std::uint8_t> RandomBytes(Prng& prng, std::size_t max_size) {
  std::vector<std::uint8_t> bytes(prng.Uniform(0, max_size));
  for (std::uint8_t& byte : bytes) byte = static_cast<std::uint8_t>(prng.Next());
  return bytes;
}

// Whether RenderStep knows `kind`: its verb is not "?".
bool IsStepKind(int value) {
  Step step;
  step.kind = static_cast<StepKind>(value);
  return RenderStep(step).rfind("?", 0) != 0;
}

TEST(ScenarioDecoderTest, EveryStepKindHasACodec) {
  for (int value = 0; value < 256; ++value) {
    if (!IsStepKind(value)) continue;
    EXPECT_GE(StepCodecIndex(static_cast<StepKind>(value)), 0)
        << "StepKind " << value << " (" << RenderStep(Step{static_cast<StepKind>(value)})
        << ") has no fuzz codec: add a row to kCodecs in fuzz/step_codecs.cc";
  }
}

TEST(ScenarioDecoderTest, EveryCodecFitsInARecord) {
  for (std::size_t i = 0; i < StepCodecCount(); ++i) {
    Step step;
    step.kind = StepCodecs()[i].kind;
    const std::uint8_t zeros[kRecordPayload] = {};
    RecordReader reader(zeros, kRecordPayload);
    StepCodecs()[i].bind(reader, step);
    EXPECT_LE(reader.used(), kRecordPayload) << RenderStep(step) << ": its fields need more than kRecordPayload bytes";
  }
}

TEST(ScenarioDecoderTest, ZeroBytesGiveDefaultSteps) {
  const Scenario scenario = DecodeScenario(std::vector<std::uint8_t>(InputSizeFor(2), 0));
  EXPECT_EQ(scenario.seed, 0u);
  EXPECT_EQ(scenario.initial_status, PEERDIST_STATUS_DISABLED);
  ASSERT_EQ(scenario.steps.size(), 2u);
  EXPECT_EQ(RenderStep(scenario.steps[0]), "startup s0");
  // Each codec's all-zero record is the kind's default step.
  for (std::size_t i = 0; i < StepCodecCount(); ++i) {
    std::vector<std::uint8_t> bytes(InputSizeFor(1), 0);
    bytes[kHeaderSize] = static_cast<std::uint8_t>(i);
    Step expected;
    expected.kind = StepCodecs()[i].kind;
    EXPECT_EQ(RenderStep(DecodeScenario(bytes).steps.at(0)), RenderStep(expected));
  }
}

TEST(ScenarioDecoderTest, HeaderCarriesStatusAndSeed) {
  std::vector<std::uint8_t> bytes = {5, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11};
  const Scenario scenario = DecodeScenario(bytes);
  EXPECT_EQ(scenario.initial_status, PEERDIST_STATUS_AVAILABLE);  // 5 % 3
  EXPECT_EQ(scenario.seed, 0x1122334455667788u);
  EXPECT_TRUE(scenario.steps.empty());
  EXPECT_EQ(DecodeScenario(bytes.data(), 3).seed, 0x7788u) << "missing header bytes read as zero";
  EXPECT_TRUE(DecodeScenario(nullptr, 0).steps.empty());
}

TEST(ScenarioDecoderTest, EveryByteStringDecodesWithinBoundsAndRoundTrips) {
  Prng prng(17);
  for (int i = 0; i < 5000; ++i) {
    const std::vector<std::uint8_t> bytes = RandomBytes(prng, i % 10 == 0 ? kMaxInputSize + 100 : InputSizeFor(40));
    const Scenario scenario = DecodeScenario(bytes);
    const std::size_t body = bytes.size() > kHeaderSize ? std::min(bytes.size(), kMaxInputSize) - kHeaderSize : 0;
    ASSERT_EQ(scenario.steps.size(), (body + kRecordSize - 1) / kRecordSize);
    ASSERT_LE(scenario.steps.size(), static_cast<std::size_t>(kMaxSteps));
    const auto parsed = ParseScenario(RenderScenario(scenario));
    ASSERT_TRUE(std::holds_alternative<Scenario>(parsed)) << RenderScenario(scenario);
    ASSERT_EQ(std::get<Scenario>(parsed), scenario);
    const std::vector<std::uint8_t> encoded = EncodeScenario(scenario);
    ASSERT_EQ(encoded.size(), InputSizeFor(scenario.steps.size()));
    ASSERT_EQ(DecodeScenario(encoded), scenario);
    ASSERT_EQ(EncodeScenario(DecodeScenario(encoded)), encoded);
  }
}

// Small mutations give small changes: a byte of record i changes step i
// only; a header byte changes no step.
TEST(ScenarioDecoderTest, ChangingOneByteChangesOneStep) {
  Prng prng(23);
  for (int i = 0; i < 300; ++i) {
    std::vector<std::uint8_t> bytes(InputSizeFor(12));
    for (std::uint8_t& byte : bytes) byte = static_cast<std::uint8_t>(prng.Next());
    const Scenario before = DecodeScenario(bytes);
    const std::size_t at = prng.Uniform(0, bytes.size() - 1);
    bytes[at] ^= static_cast<std::uint8_t>(prng.Uniform(1, 255));
    const Scenario after = DecodeScenario(bytes);
    ASSERT_EQ(after.steps.size(), before.steps.size());
    for (std::size_t s = 0; s < before.steps.size(); ++s) {
      const bool in_record = at >= kHeaderSize && (at - kHeaderSize) / kRecordSize == s;
      if (!in_record) {
        EXPECT_EQ(after.steps[s], before.steps[s]) << "byte " << at << " changed step " << s;
      }
    }
  }
}

TEST(ScenarioDecoderTest, GeneratedScenariosRoundTrip) {
  const rc::Gen<Scenario> gen = GenScenario();
  rc::Random random(5);
  for (int i = 0; i < 400; ++i) {
    const Scenario scenario = gen(random.split(), i % 100).value();
    EXPECT_EQ(DecodeScenario(EncodeScenario(scenario)), scenario) << RenderScenario(scenario);
  }
}

TEST(ScenarioDecoderTest, HandWrittenScenariosRoundTrip) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator("conformance/testdata")) {
    if (entry.path().extension() != ".pdscenario") continue;
    const auto loaded = LoadScenarioFile(entry.path().string());
    ASSERT_TRUE(std::holds_alternative<Scenario>(loaded)) << std::get<std::string>(loaded);
    const Scenario& scenario = std::get<Scenario>(loaded);
    EXPECT_EQ(DecodeScenario(EncodeScenario(scenario)), scenario) << entry.path();
    ++files;
  }
  EXPECT_GT(files, 0);
}

TEST(ScenarioDecoderTest, LongScenariosStopAtMaxSteps) {
  Scenario scenario;
  scenario.steps.resize(kMaxSteps + 10);
  EXPECT_EQ(EncodeScenario(scenario).size(), kMaxInputSize);
  EXPECT_EQ(DecodeScenario(std::vector<std::uint8_t>(kMaxInputSize + 1000, 7)).steps.size(),
            static_cast<std::size_t>(kMaxSteps));
}

TEST(FieldBinderTest, NumbersUseTheFewestBytes) {
  EXPECT_EQ(NumberWidth(0), 0u);
  EXPECT_EQ(NumberWidth(255), 1u);
  EXPECT_EQ(NumberWidth(256), 2u);
  EXPECT_EQ(NumberWidth(kMaxAdvance), 3u);
  EXPECT_EQ(NumberWidth(~std::uint64_t{0}), 8u);
  const std::uint8_t bytes[] = {0xFF, 0xFF, 0xFF};
  RecordReader reader(bytes, sizeof bytes);
  std::uint64_t value = 0;
  reader.Number(value, 1000);  // 0xFFFF % 1001
  EXPECT_EQ(value, 0xFFFFu % 1001);
  EXPECT_EQ(reader.used(), 2u);
}

TEST(FieldBinderTest, FlagsShareAByte) {
  std::uint8_t bytes[4] = {};
  RecordWriter writer(bytes, sizeof bytes);
  bool a = true, b = false, c = true;
  int index = 2;
  writer.Flag(a);
  writer.Flag(b);
  writer.Index(index, 3);
  writer.Flag(c);
  EXPECT_EQ(writer.used(), 2u);
  EXPECT_EQ(bytes[0], 0b101);
  EXPECT_EQ(bytes[1], 2);
  RecordReader reader(bytes, sizeof bytes);
  bool ra = false, rb = true, rc = false;
  int rindex = 0;
  reader.Flag(ra);
  reader.Flag(rb);
  reader.Index(rindex, 3);
  reader.Flag(rc);
  EXPECT_TRUE(ra);
  EXPECT_FALSE(rb);
  EXPECT_TRUE(rc);
  EXPECT_EQ(rindex, 2);
}

}  // namespace
}  // namespace pd
