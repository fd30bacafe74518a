// The World's one source of randomness: a seeded xoshiro256** generator.
// The algorithm is fixed (not std::mt19937 + distributions, whose output
// differs between standard libraries) so a seed means the same run everywhere.
#ifndef SIM_PRNG_H_
#define SIM_PRNG_H_

#include <cstdint>

namespace pd {

class Prng {
 public:
  explicit Prng(std::uint64_t seed);

  std::uint64_t Next();
  // Uniform in [low, high]; requires low <= high.
  std::uint64_t Uniform(std::uint64_t low, std::uint64_t high);
  // True with probability numerator / denominator.
  bool Chance(std::uint32_t numerator, std::uint32_t denominator);

 private:
  std::uint64_t state_[4];
};

}  // namespace pd

#endif  // SIM_PRNG_H_
