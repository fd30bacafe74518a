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

namespace {

// Eight content bytes at once: word `word` (bytes 8*word .. 8*word+7) of
// content `id`, a full 64-bit mix so neighbouring bytes and neighbouring
// contents differ. One mix per eight bytes: the harness makes up to 4 KiB
// per add-data step, and this was the fuzz target's hottest loop.
std::uint64_t ContentWord(std::uint32_t id, std::uint64_t word) {
  std::uint64_t x = (static_cast<std::uint64_t>(id) << 40) ^ word;
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

BYTE ByteOfWord(std::uint64_t word_value, std::uint64_t offset) {
  return static_cast<BYTE>(word_value >> (8 * (offset & 7)));
}

}  // namespace

BYTE ContentByte(std::uint32_t id, std::uint64_t offset) { return ByteOfWord(ContentWord(id, offset >> 3), offset); }

std::vector<BYTE> ContentBytes(std::uint32_t id, std::uint64_t offset, std::uint64_t length) {
  std::vector<BYTE> out(static_cast<std::size_t>(std::min(length, kMaxContentLength)));
  // Through a raw pointer: stores through BYTE* may alias the vector's own
  // fields, which would make the compiler reload them every byte.
  BYTE* const bytes = out.data();
  const std::size_t size = out.size();
  std::size_t i = 0;
  for (; i < size && ((offset + i) & 7) != 0; ++i) bytes[i] = ContentByte(id, offset + i);
  for (; i + 8 <= size; i += 8) {
    const std::uint64_t word_value = ContentWord(id, (offset + i) >> 3);
    // Spelled out so the compiler merges them into one 8-byte store.
    bytes[i + 0] = ByteOfWord(word_value, 0);
    bytes[i + 1] = ByteOfWord(word_value, 1);
    bytes[i + 2] = ByteOfWord(word_value, 2);
    bytes[i + 3] = ByteOfWord(word_value, 3);
    bytes[i + 4] = ByteOfWord(word_value, 4);
    bytes[i + 5] = ByteOfWord(word_value, 5);
    bytes[i + 6] = ByteOfWord(word_value, 6);
    bytes[i + 7] = ByteOfWord(word_value, 7);
  }
  for (; i < size; ++i) bytes[i] = ContentByte(id, offset + i);
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
