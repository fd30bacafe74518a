// The fuzz front door: bytes -> Scenario, total and structure-aware.
//
// Layout (all little endian):
//
//   byte 0        initial status (modulo 3: disabled, unavailable, available)
//   bytes 1..8    the World's seed
//   then          one kRecordSize-byte record per step, at most kMaxSteps:
//     byte 0        the step kind: index into the codec table (step_codecs.cc),
//                   modulo its size
//     bytes 1..23   the kind's fields, in the order its codec binds them
//
// Every byte string decodes: missing header bytes read as zero, a trailing
// partial record is padded with zeros, bytes past kMaxSteps records are
// ignored, and every field is reduced into its range. Fixed-width records
// keep mutations local: changing a byte changes one field of one step (or
// the kind of one step); the number of steps is the number of records.
//
// EncodeScenario is the inverse on everything the decoder produces, and on
// every scenario the text form can express (fields in range, known kinds):
// DecodeScenario(EncodeScenario(s)) == s. The seed corpus is made with it.
#ifndef FUZZ_SCENARIO_DECODER_H_
#define FUZZ_SCENARIO_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "scenario/scenario.h"

namespace pd {

constexpr std::size_t kHeaderSize = 9;
// Room for the widest codec: the content calls of peerdist.h pass a session,
// flags, a handle slot, a content number, an offset, a length, a port and a
// 64-bit key (17 bytes); the rest is headroom. Changing it changes the
// corpus format: regenerate with `bazel run //fuzz:make_seed_corpus`.
constexpr std::size_t kRecordSize = 24;
constexpr std::size_t kRecordPayload = kRecordSize - 1;
// Inputs longer than this carry bytes the decoder ignores.
constexpr std::size_t kMaxInputSize = kHeaderSize + kRecordSize * kMaxSteps;

// The input size that holds a header and `steps` records.
constexpr std::size_t InputSizeFor(std::size_t steps) { return kHeaderSize + kRecordSize * steps; }

Scenario DecodeScenario(const std::uint8_t* data, std::size_t size);
Scenario DecodeScenario(const std::vector<std::uint8_t>& bytes);

// Steps of a kind without a codec are left out (none, while every StepKind
// has one: scenario_decoder_test checks that).
std::vector<std::uint8_t> EncodeScenario(const Scenario& scenario);

// One step, as a whole record (kind byte first); used for dictionaries.
std::vector<std::uint8_t> EncodeStep(const Step& step);

}  // namespace pd

#endif  // FUZZ_SCENARIO_DECODER_H_
