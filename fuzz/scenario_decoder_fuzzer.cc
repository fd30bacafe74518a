// Fuzzes the decoder itself: every byte string must decode (totality) to a
// scenario within bounds whose text form parses back to it, and encoding the
// decoded scenario must give bytes that decode to the same scenario and are
// a fixed point of decode-then-encode. Any failure aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <variant>

#include "fuzz/scenario_decoder.h"
#include "scenario/scenario_text.h"

namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "==pd-fuzz== scenario decoder: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const pd::Scenario scenario = pd::DecodeScenario(data, size);
  Check(scenario.steps.size() <= static_cast<std::size_t>(pd::kMaxSteps), "more than kMaxSteps steps");
  const std::size_t body = size > pd::kHeaderSize ? std::min(size, pd::kMaxInputSize) - pd::kHeaderSize : 0;
  Check(scenario.steps.size() == (body + pd::kRecordSize - 1) / pd::kRecordSize, "step count is not the record count");
  const auto parsed = pd::ParseScenario(pd::RenderScenario(scenario));
  Check(std::holds_alternative<pd::Scenario>(parsed), "the text form of a decoded scenario does not parse");
  Check(std::get<pd::Scenario>(parsed) == scenario, "the text form does not round-trip");
  const std::vector<std::uint8_t> encoded = pd::EncodeScenario(scenario);
  Check(encoded.size() == pd::InputSizeFor(scenario.steps.size()), "encoding has the wrong size");
  Check(pd::DecodeScenario(encoded) == scenario, "decode(encode(s)) != s");
  Check(pd::EncodeScenario(pd::DecodeScenario(encoded)) == encoded, "encoding is not canonical");
  return 0;
}
