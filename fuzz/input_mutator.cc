#include "fuzz/input_mutator.h"

#include <algorithm>

#include "fuzz/scenario_decoder.h"

namespace pd {
namespace {

std::size_t RecordsIn(const FuzzInput& bytes) {
  return bytes.size() <= kHeaderSize ? 0 : (bytes.size() - kHeaderSize + kRecordSize - 1) / kRecordSize;
}

std::size_t RecordAt(std::size_t index) { return kHeaderSize + index * kRecordSize; }

}  // namespace

InputMutator::InputMutator(std::uint64_t seed, std::size_t max_steps, std::vector<FuzzInput> dictionary)
    : prng_(seed), max_steps_(max_steps), dictionary_(std::move(dictionary)) {}

FuzzInput InputMutator::RandomRecord() {
  if (!dictionary_.empty() && prng_.Chance(1, 2)) return dictionary_[Below(dictionary_.size())];
  FuzzInput record(kRecordSize);
  for (std::uint8_t& byte : record) byte = prng_.Chance(1, 2) ? 0 : static_cast<std::uint8_t>(prng_.Next());
  return record;
}

void InputMutator::MutateOnce(FuzzInput& bytes, const FuzzInput& other) {
  // Whole records only past the header: pad a partial last record first.
  bytes.resize(RecordAt(RecordsIn(bytes)), 0);
  const std::size_t records = RecordsIn(bytes);
  switch (Below(8)) {
    case 0:  // flip one bit anywhere
      bytes[Below(bytes.size())] ^= static_cast<std::uint8_t>(1u << Below(8));
      break;
    case 1:  // one byte takes any value
      bytes[Below(bytes.size())] = static_cast<std::uint8_t>(prng_.Next());
      break;
    case 2:  // insert a record
    case 3:
      if (records < max_steps_) {
        const FuzzInput record = RandomRecord();
        bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(RecordAt(Below(records + 1))), record.begin(),
                     record.end());
      }
      break;
    case 4:  // erase a record
      if (records > 0) {
        const std::size_t at = RecordAt(Below(records));
        bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                    bytes.begin() + static_cast<std::ptrdiff_t>(at + kRecordSize));
      }
      break;
    case 5:  // copy a record to another place
      if (records > 0 && records < max_steps_) {
        const std::size_t from = RecordAt(Below(records));
        const FuzzInput record(bytes.begin() + static_cast<std::ptrdiff_t>(from),
                               bytes.begin() + static_cast<std::ptrdiff_t>(from + kRecordSize));
        bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(RecordAt(Below(records + 1))), record.begin(),
                     record.end());
      }
      break;
    case 6: {  // splice: keep a prefix of this input, then a suffix of the other
      const std::size_t other_records = RecordsIn(other);
      const std::size_t keep = Below(records + 1);
      const std::size_t from = Below(other_records + 1);
      bytes.resize(RecordAt(keep));
      for (std::size_t r = from; r < other_records && RecordsIn(bytes) < max_steps_; ++r) {
        const std::size_t at = RecordAt(r);
        for (std::size_t i = 0; i < kRecordSize; ++i) bytes.push_back(at + i < other.size() ? other[at + i] : 0);
      }
      break;
    }
    default:  // the header: initial status or a seed byte
      bytes[Below(kHeaderSize)] = static_cast<std::uint8_t>(prng_.Next());
      break;
  }
}

FuzzInput InputMutator::Mutate(const FuzzInput& input, const FuzzInput& other) {
  FuzzInput bytes = input;
  if (bytes.size() < kHeaderSize) bytes.resize(kHeaderSize, 0);
  const std::size_t count = 1 + Below(4);
  for (std::size_t i = 0; i < count; ++i) MutateOnce(bytes, other);
  if (RecordsIn(bytes) > max_steps_) bytes.resize(RecordAt(max_steps_));
  return bytes;
}

}  // namespace pd
