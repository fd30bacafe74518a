// The seed corpus: scenarios drawn from the properties' generator
// (conformance/scenario_gen.h) with a fixed seed, encoded for the fuzzer,
// and the dictionary of whole step records. make_seed_corpus writes both;
// the checked-in fuzz/corpus and fuzz/peerdist.dict come from it.
#ifndef FUZZ_SEED_CORPUS_H_
#define FUZZ_SEED_CORPUS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.h"

namespace pd {

constexpr std::uint64_t kSeedCorpusSeed = 4;
constexpr int kSeedCorpusSize = 40;

// `count` generated scenarios, sizes spread over RapidCheck's 0..99 (so
// lengths from a step or two to kMaxGeneratedSteps). Same seed, same list.
std::vector<Scenario> GeneratedSeedScenarios(std::uint64_t seed, int count);

// Dictionary entries: (name, bytes) of one encoded record per common step
// shape (every kind, every session, every env action, typical advances and
// argument shapes), sorted by name.
std::vector<std::pair<std::string, std::vector<std::uint8_t>>> DictionaryEntries();

// libFuzzer's dictionary syntax: name="\xHH..." lines, with a header comment.
std::string RenderDictionary(const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries);

}  // namespace pd

#endif  // FUZZ_SEED_CORPUS_H_
