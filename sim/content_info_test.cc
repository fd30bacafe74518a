#include "sim/content_info.h"

#include <gtest/gtest.h>

namespace pd {
namespace {

TEST(ContentInfo, Fnv1aKnownValues) {
  EXPECT_EQ(Fnv1a64(nullptr, 0), 0xCBF29CE484222325ull);
  const BYTE a[] = {'a'};
  EXPECT_EQ(Fnv1a64(a, 1), 0xAF63DC4C8601EC8Cull);
}

TEST(ContentInfo, ContentBytesAreAPureFunction) {
  EXPECT_EQ(ContentBytes(3, 10, 50), ContentBytes(3, 10, 50));
  EXPECT_NE(ContentBytes(3, 0, 64), ContentBytes(4, 0, 64));
  const std::vector<BYTE> whole = ContentBytes(1, 0, 100);
  const std::vector<BYTE> tail = ContentBytes(1, 40, 60);
  EXPECT_TRUE(std::equal(tail.begin(), tail.end(), whole.begin() + 40));
  EXPECT_EQ(ContentIdentifier(7), "pd-content-7");
}

TEST(ContentInfo, RoundTripAndBlocks) {
  const std::vector<BYTE> data = ContentBytes(2, 0, 200);
  const ContentInfo info = DescribeContent(data, 0, 200, PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2);
  ASSERT_EQ(info.block_hashes.size(), 4u);  // 64 + 64 + 64 + 8
  EXPECT_EQ(BlockLength(info, 3), 8u);
  EXPECT_EQ(BlockLength(info, 4), 0u);
  const std::vector<BYTE> blob = EncodeContentInfo(info);
  const auto decoded = DecodeContentInfo(blob.data(), blob.size());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, info);
  EXPECT_TRUE(BlockMatches(info, 1, data.data() + 64, 64));
  std::vector<BYTE> wrong(data.begin() + 64, data.begin() + 128);
  wrong[5] ^= 1;
  EXPECT_FALSE(BlockMatches(info, 1, wrong.data(), wrong.size()));
  EXPECT_FALSE(BlockMatches(info, 1, data.data() + 64, 63));
}

TEST(ContentInfo, RangesAreClamped) {
  const std::vector<BYTE> data = ContentBytes(5, 0, 100);
  const ContentInfo info = DescribeContent(data, 64, 1000, PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1);
  EXPECT_EQ(info.offset, 64u);
  EXPECT_EQ(info.length, 36u);
  EXPECT_EQ(DescribeContent(data, 500, 10, 1).length, 0u);
}

TEST(ContentInfo, CorruptionIsDetected) {
  const ContentInfo info = DescribeContent(ContentBytes(1, 0, 130), 0, 130, 1);
  std::vector<BYTE> blob = EncodeContentInfo(info);
  for (std::size_t i = 0; i < blob.size(); ++i) {
    std::vector<BYTE> bad = blob;
    bad[i] ^= 0x40;
    EXPECT_FALSE(DecodeContentInfo(bad.data(), bad.size()).has_value()) << "byte " << i;
  }
  EXPECT_FALSE(DecodeContentInfo(blob.data(), blob.size() - 1).has_value());
  EXPECT_FALSE(DecodeContentInfo(nullptr, 0).has_value());
}

}  // namespace
}  // namespace pd
