#include "adapters/buffer_layout.h"

#include <gtest/gtest.h>

#include <cstring>

#include "adapters/protocol_text.h"

namespace pd {
namespace {

std::vector<std::string_view> Words(const std::string& text) {
  auto words = protocol::Tokens(text);
  EXPECT_TRUE(words.has_value()) << text;
  return words.value_or(std::vector<std::string_view>{});
}

TEST(BufferLayout, OverlappedRoundTripsFieldByField) {
  OVERLAPPED overlapped{};
  overlapped.Internal = kStatusPending;
  overlapped.InternalHigh = 7;
  overlapped.hEvent = reinterpret_cast<HANDLE>(std::uintptr_t{0x1008});
  const std::string text = EncodeBuffer(LayoutOf<OVERLAPPED>::Get(), &overlapped, sizeof overlapped);
  EXPECT_EQ(text, "overlapped 259 7 0 0 0x1008");
  std::vector<unsigned char> decoded;
  const std::string line = text;
  const auto words = Words(line);
  EXPECT_EQ(DecodeBuffer(LayoutOf<OVERLAPPED>::Get(), {words.begin() + 1, words.end()}, decoded), "");
  ASSERT_EQ(decoded.size(), sizeof overlapped);
  EXPECT_EQ(std::memcmp(decoded.data(), &overlapped, sizeof overlapped), 0);
}

TEST(BufferLayout, StatusInfoAndScalars) {
  PEERDIST_STATUS_INFO info{16, PEERDIST_STATUS_AVAILABLE, 1, 2};
  EXPECT_EQ(EncodeBuffer(LayoutOf<PEERDIST_STATUS_INFO>::Get(), &info, sizeof info), "status-info 16 2 1 2");
  DWORD value = 0x7F7F7F7F;
  EXPECT_EQ(EncodeBuffer(LayoutOf<DWORD>::Get(), &value, sizeof value), "dword 2139062143");
  HANDLE handle = reinterpret_cast<HANDLE>(std::uintptr_t{0x5E550010});
  EXPECT_EQ(EncodeBuffer(LayoutOf<HANDLE>::Get(), &handle, sizeof handle), "handle 0x5e550010");
}

TEST(BufferLayout, BytesCarryTheirSize) {
  const unsigned char data[3] = {0x00, 0xAB, 0x7F};
  EXPECT_EQ(EncodeBuffer(LayoutNamed("bytes"), data, 3), "bytes 3 00ab7f");
  EXPECT_EQ(EncodeBuffer(LayoutNamed("bytes"), data, 0), "bytes 0 -");
  std::vector<unsigned char> decoded;
  EXPECT_EQ(DecodeBuffer(LayoutNamed("bytes"), Words("3 00ab7f"), decoded), "");
  EXPECT_EQ(decoded, std::vector<unsigned char>(data, data + 3));
  EXPECT_NE(DecodeBuffer(LayoutNamed("bytes"), Words("3 00ab"), decoded), "");
  EXPECT_NE(DecodeBuffer(LayoutNamed("bytes"), Words("1 zz"), decoded), "");
}

TEST(BufferLayout, RefusesWrongFieldCountsAndValuesWiderThanTheirField) {
  std::vector<unsigned char> decoded;
  EXPECT_NE(DecodeBuffer(LayoutNamed("status-info"), Words("16 2 1"), decoded), "");
  EXPECT_NE(DecodeBuffer(LayoutNamed("dword"), Words("4294967296"), decoded), "");
  EXPECT_EQ(DecodeBuffer(LayoutNamed("dword"), Words("4294967295"), decoded), "");
  EXPECT_NE(DecodeBuffer(LayoutNamed("status"), Words("x"), decoded), "");
}

TEST(BufferLayout, EveryLayoutIsFoundByName) {
  for (const BufferLayout& layout : BufferLayouts()) EXPECT_EQ(FindBufferLayout(layout.name), &layout);
  EXPECT_EQ(FindBufferLayout("nonsense"), nullptr);
}

}  // namespace
}  // namespace pd
