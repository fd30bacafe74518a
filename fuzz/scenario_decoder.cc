#include "fuzz/scenario_decoder.h"

#include <algorithm>

#include "fuzz/field_binder.h"
#include "fuzz/step_codecs.h"

namespace pd {
namespace {

constexpr PEERDIST_STATUS kStatuses[] = {PEERDIST_STATUS_DISABLED, PEERDIST_STATUS_UNAVAILABLE,
                                         PEERDIST_STATUS_AVAILABLE};

std::uint8_t ByteAt(const std::uint8_t* data, std::size_t size, std::size_t at) {
  return at < size ? data[at] : 0;
}

Step DecodeStep(const std::uint8_t* record, std::size_t size) {
  const StepCodec& codec = StepCodecs()[ByteAt(record, size, 0) % StepCodecCount()];
  Step step;
  step.kind = codec.kind;
  RecordReader reader(size > 0 ? record + 1 : record, size > 0 ? size - 1 : 0);
  codec.bind(reader, step);
  return step;
}

// Writes `step` as a record at `out` (kRecordSize bytes, zeroed). False when
// no codec knows its kind.
bool EncodeStepAt(const Step& step, std::uint8_t* out) {
  const int index = StepCodecIndex(step.kind);
  if (index < 0) return false;
  out[0] = static_cast<std::uint8_t>(index);
  Step copy = step;  // binders normalise the fields they pass through
  RecordWriter writer(out + 1, kRecordPayload);
  StepCodecs()[index].bind(writer, copy);
  return true;
}

}  // namespace

Scenario DecodeScenario(const std::uint8_t* data, std::size_t size) {
  Scenario scenario;
  if (data == nullptr) size = 0;
  scenario.initial_status = kStatuses[ByteAt(data, size, 0) % 3];
  for (std::size_t i = 0; i < 8; ++i) scenario.seed |= std::uint64_t{ByteAt(data, size, 1 + i)} << (8 * i);
  if (size <= kHeaderSize) return scenario;
  const std::size_t body = std::min(size, kMaxInputSize) - kHeaderSize;
  const std::size_t steps = (body + kRecordSize - 1) / kRecordSize;
  scenario.steps.reserve(steps);
  for (std::size_t i = 0; i < steps; ++i) {
    const std::size_t at = kHeaderSize + i * kRecordSize;
    scenario.steps.push_back(DecodeStep(data + at, std::min(kRecordSize, kHeaderSize + body - at)));
  }
  return scenario;
}

Scenario DecodeScenario(const std::vector<std::uint8_t>& bytes) { return DecodeScenario(bytes.data(), bytes.size()); }

std::vector<std::uint8_t> EncodeScenario(const Scenario& scenario) {
  std::vector<std::uint8_t> out(kHeaderSize, 0);
  out[0] = static_cast<std::uint8_t>(std::find(std::begin(kStatuses), std::end(kStatuses), scenario.initial_status) -
                                     std::begin(kStatuses)) % 3;
  for (std::size_t i = 0; i < 8; ++i) out[1 + i] = static_cast<std::uint8_t>(scenario.seed >> (8 * i));
  std::size_t written = 0;
  for (const Step& step : scenario.steps) {
    if (written == static_cast<std::size_t>(kMaxSteps)) break;
    out.resize(out.size() + kRecordSize, 0);
    if (EncodeStepAt(step, out.data() + out.size() - kRecordSize)) {
      ++written;
    } else {
      out.resize(out.size() - kRecordSize);
    }
  }
  return out;
}

std::vector<std::uint8_t> EncodeStep(const Step& step) {
  std::vector<std::uint8_t> out(kRecordSize, 0);
  if (!EncodeStepAt(step, out.data())) out.clear();
  return out;
}

}  // namespace pd
