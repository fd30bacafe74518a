#include "sim/content_info.h"

#include <algorithm>

namespace pd {
namespace {

constexpr BYTE kMagic[4] = {'P', 'D', 'C', 'I'};

void Put32(std::vector<BYTE>& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<BYTE>(value >> (8 * i)));
}
void Put64(std::vector<BYTE>& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<BYTE>(value >> (8 * i)));
}
std::uint64_t Get(const BYTE* data, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= static_cast<std::uint64_t>(data[i]) << (8 * i);
  return value;
}

}  // namespace

std::uint64_t Fnv1a64(const BYTE* data, std::size_t size) {
  std::uint64_t hash = 0xCBF29CE484222325ull;
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= data[i];
    hash *= 0x100000001B3ull;
  }
  return hash;
}

std::string ContentIdentifier(std::uint32_t id) { return "pd-content-" + std::to_string(id); }

BYTE ContentByte(std::uint32_t id, std::uint64_t offset) {
  // A cheap mix: neighbouring bytes and neighbouring contents differ.
  std::uint64_t x = (static_cast<std::uint64_t>(id) << 32) ^ offset;
  x ^= x >> 29;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 32;
  return static_cast<BYTE>(x);
}

std::vector<BYTE> ContentBytes(std::uint32_t id, std::uint64_t offset, std::uint64_t length) {
  // Sized once and filled by index, so the loop has no capacity checks and
  // the compiler can vectorise the mix.
  std::vector<BYTE> out(static_cast<std::size_t>(std::min(length, kMaxContentLength)));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = ContentByte(id, offset + i);
  return out;
}

ContentInfo DescribeContent(const std::vector<BYTE>& data, std::uint64_t offset, std::uint64_t length,
                            DWORD version) {
  ContentInfo info;
  info.version = version;
  const std::uint64_t size = data.size();
  info.offset = std::min(offset, size);
  info.length = std::min(length, size - info.offset);
  for (std::uint64_t at = 0; at < info.length; at += kContentBlockSize) {
    const std::uint64_t n = std::min<std::uint64_t>(kContentBlockSize, info.length - at);
    info.block_hashes.push_back(Fnv1a64(data.data() + info.offset + at, static_cast<std::size_t>(n)));
  }
  return info;
}

std::vector<BYTE> EncodeContentInfo(const ContentInfo& info) {
  std::vector<BYTE> out(kMagic, kMagic + 4);
  Put32(out, info.version);
  Put64(out, info.offset);
  Put64(out, info.length);
  Put32(out, kContentBlockSize);
  Put32(out, static_cast<std::uint32_t>(info.block_hashes.size()));
  for (std::uint64_t hash : info.block_hashes) Put64(out, hash);
  Put64(out, Fnv1a64(out.data(), out.size()));
  return out;
}

std::optional<ContentInfo> DecodeContentInfo(const BYTE* data, std::size_t size) {
  if (data == nullptr || size < kContentInfoHeaderSize + 8 || size > kMaxContentInfoSize) return std::nullopt;
  if (!std::equal(kMagic, kMagic + 4, data)) return std::nullopt;
  if (Get(data + size - 8, 8) != Fnv1a64(data, size - 8)) return std::nullopt;
  ContentInfo info;
  info.version = static_cast<DWORD>(Get(data + 4, 4));
  info.offset = Get(data + 8, 8);
  info.length = Get(data + 16, 8);
  const std::uint64_t block_size = Get(data + 24, 4);
  const std::uint64_t blocks = Get(data + 28, 4);
  if (info.version != PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1 &&
      info.version != PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2) {
    return std::nullopt;
  }
  if (block_size != kContentBlockSize || info.length > kMaxContentLength || info.offset > kMaxContentLength) {
    return std::nullopt;
  }
  if (blocks != (info.length + kContentBlockSize - 1) / kContentBlockSize) return std::nullopt;
  if (size != kContentInfoHeaderSize + 8 * blocks + 8) return std::nullopt;
  for (std::uint64_t i = 0; i < blocks; ++i) info.block_hashes.push_back(Get(data + kContentInfoHeaderSize + 8 * i, 8));
  return info;
}

std::uint64_t BlockLength(const ContentInfo& info, std::size_t block) {
  const std::uint64_t start = static_cast<std::uint64_t>(block) * kContentBlockSize;
  if (start >= info.length) return 0;
  return std::min<std::uint64_t>(kContentBlockSize, info.length - start);
}

bool BlockMatches(const ContentInfo& info, std::size_t block, const BYTE* data, std::size_t size) {
  if (block >= info.block_hashes.size() || size != BlockLength(info, block)) return false;
  return Fnv1a64(data, size) == info.block_hashes[block];
}

}  // namespace pd
