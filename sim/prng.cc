#include "sim/prng.h"

#include <cassert>

namespace pd {
namespace {

std::uint64_t SplitMix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t RotateLeft(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Prng::Prng(std::uint64_t seed) {
  // SplitMix64 expands any seed, including 0, into a non-zero state.
  for (std::uint64_t& word : state_) word = SplitMix64(seed);
}

std::uint64_t Prng::Next() {
  const std::uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = RotateLeft(state_[3], 45);
  return result;
}

std::uint64_t Prng::Uniform(std::uint64_t low, std::uint64_t high) {
  assert(low <= high);
  const std::uint64_t span = high - low + 1;
  if (span == 0) return Next();  // the full 64-bit range
  // Rejection sampling: no modulo bias, and the draw count depends only on
  // the state, so the sequence stays reproducible.
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % span);
  std::uint64_t draw;
  do {
    draw = Next();
  } while (draw >= limit);
  return low + draw % span;
}

bool Prng::Chance(std::uint32_t numerator, std::uint32_t denominator) {
  assert(denominator > 0 && numerator <= denominator);
  return Uniform(0, denominator - 1) < numerator;
}

}  // namespace pd
