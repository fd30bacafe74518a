#include "sim/prng.h"

#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "rapidcheck/gtest.h"

namespace pd {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

std::vector<std::uint64_t> Draw(std::uint64_t seed, int count) {
  Prng prng(seed);
  std::vector<std::uint64_t> out;
  for (int i = 0; i < count; ++i) out.push_back(prng.Next());
  return out;
}

// Pinned once from this implementation (xoshiro256** seeded by SplitMix64)
// and cross-checked against an independent implementation of the published
// algorithm. A change here means every recorded seed replays differently.
TEST(Prng, PinnedOutputsForSeed0) {
  EXPECT_EQ(Draw(0, 4), (std::vector<std::uint64_t>{
                            0x99EC5F36CB75F2B4ull,
                            0xBF6E1F784956452Aull,
                            0x1A5F849D4933E6E0ull,
                            0x6AA594F1262D2D2Cull,
                        }));
}

TEST(Prng, PinnedOutputsForSeed42) {
  EXPECT_EQ(Draw(42, 4), (std::vector<std::uint64_t>{
                             0x15780B2E0C2EC716ull,
                             0x6104D9866D113A7Eull,
                             0xAE17533239E499A1ull,
                             0xECB8AD4703B360A1ull,
                         }));
}

TEST(Prng, PinnedUniformDraws) {
  // The World draws environment delays this way (max 50 ms in µs).
  Prng prng(0);
  EXPECT_EQ(prng.Uniform(0, 50000), 40499u);
  EXPECT_EQ(prng.Uniform(0, 50000), 20270u);
  EXPECT_EQ(prng.Uniform(0, 50000), 19987u);
}

TEST(Prng, SameSeedSameSequence) {
  EXPECT_EQ(Draw(7, 1000), Draw(7, 1000));
  EXPECT_EQ(Draw(0, 1000), Draw(0, 1000));
}

TEST(Prng, DifferentSeedsDiffer) {
  const std::vector<std::uint64_t> a = Draw(0, 64);
  const std::vector<std::uint64_t> b = Draw(1, 64);
  const std::vector<std::uint64_t> c = Draw(kMax, 64);
  // Not merely different somewhere: no position agrees.
  for (int i = 0; i < 64; ++i) {
    EXPECT_NE(a[i], b[i]) << i;
    EXPECT_NE(a[i], c[i]) << i;
    EXPECT_NE(b[i], c[i]) << i;
  }
}

TEST(Prng, UniformSinglePointRange) {
  Prng prng(3);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(prng.Uniform(5, 5), 5u);
    EXPECT_EQ(prng.Uniform(0, 0), 0u);
    EXPECT_EQ(prng.Uniform(kMax, kMax), kMax);
  }
}

TEST(Prng, UniformFullRangeIsNext) {
  // span overflows to 0: the full range is one raw draw.
  Prng a(11), b(11);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Uniform(0, kMax), b.Next());
}

TEST(Prng, UniformRejectsTheBiasedTail) {
  // span = 2^63 + 1: raw draws >= span would fold onto [0, 2^63 - 2] and
  // double their weight, so they are rejected. Seed 0's first two raw draws
  // (0x99EC..., 0xBF6E...) are >= span; the third (0x1A5F...) is accepted.
  Prng prng(0);
  EXPECT_EQ(prng.Uniform(0, std::uint64_t{1} << 63), 0x1A5F849D4933E6E0ull);
  EXPECT_EQ(prng.Next(), 0x6AA594F1262D2D2Cull);  // exactly three draws were used
}

TEST(Prng, UniformSmallRangeHitsEveryValueAndNothingElse) {
  Prng prng(5);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t v = prng.Uniform(10, 13);
    ASSERT_GE(v, 10u);
    ASSERT_LE(v, 13u);
    seen.insert(v);
  }
  EXPECT_EQ(seen, (std::set<std::uint64_t>{10, 11, 12, 13}));
}

TEST(Prng, UniformAtTheTopOfTheRange) {
  Prng prng(9);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t v = prng.Uniform(kMax - 2, kMax);
    ASSERT_GE(v, kMax - 2);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 3u);
}

RC_GTEST_PROP(PrngProperty, UniformStaysInBounds,
              (std::uint64_t seed, std::uint64_t a, std::uint64_t b)) {
  const std::uint64_t low = a < b ? a : b;
  const std::uint64_t high = a < b ? b : a;
  Prng prng(seed);
  for (int i = 0; i < 16; ++i) {
    const std::uint64_t v = prng.Uniform(low, high);
    RC_ASSERT(v >= low);
    RC_ASSERT(v <= high);
  }
}

RC_GTEST_PROP(PrngProperty, SameSeedSameUniformDraws,
              (std::uint64_t seed, std::uint64_t high)) {
  Prng a(seed), b(seed);
  for (int i = 0; i < 16; ++i) RC_ASSERT(a.Uniform(0, high) == b.Uniform(0, high));
}

TEST(Prng, ChanceExtremes) {
  Prng prng(13);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(prng.Chance(0, 1));
    EXPECT_FALSE(prng.Chance(0, 1000));
    EXPECT_TRUE(prng.Chance(1, 1));
    EXPECT_TRUE(prng.Chance(1000, 1000));
    EXPECT_TRUE(prng.Chance(0xFFFFFFFFu, 0xFFFFFFFFu));
  }
}

TEST(Prng, ChanceHalfIsRoughlyHalf) {
  // Deterministic for the seed; the bounds are ~10 standard deviations wide.
  Prng prng(17);
  int hits = 0;
  for (int i = 0; i < 10000; ++i) hits += prng.Chance(1, 2) ? 1 : 0;
  EXPECT_GT(hits, 4500);
  EXPECT_LT(hits, 5500);
}

}  // namespace
}  // namespace pd
