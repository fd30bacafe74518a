// A small, deterministic, structure-aware mutator of fuzz inputs: the
// fuzz smoke test's stand-in for libFuzzer in the plain configuration (no
// coverage feedback, no clang). It knows the record layout of
// scenario_decoder.h, so most mutations change, add, drop, copy or splice
// whole steps, and the rest flip bytes and bits anywhere.
#ifndef FUZZ_INPUT_MUTATOR_H_
#define FUZZ_INPUT_MUTATOR_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/prng.h"

namespace pd {

using FuzzInput = std::vector<std::uint8_t>;

class InputMutator {
 public:
  // `max_steps` bounds the records a mutated input holds; `dictionary`
  // holds whole records to insert (may be empty).
  InputMutator(std::uint64_t seed, std::size_t max_steps, std::vector<FuzzInput> dictionary);

  // One to four mutations of `input`; `other` is spliced from.
  FuzzInput Mutate(const FuzzInput& input, const FuzzInput& other);

 private:
  void MutateOnce(FuzzInput& bytes, const FuzzInput& other);
  FuzzInput RandomRecord();
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(prng_.Uniform(0, n - 1)); }

  Prng prng_;
  std::size_t max_steps_;
  std::vector<FuzzInput> dictionary_;
};

}  // namespace pd

#endif  // FUZZ_INPUT_MUTATOR_H_
