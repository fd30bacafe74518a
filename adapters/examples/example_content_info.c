/* The content information blob of the example plugin: a range of published
 * data cut into BLOCK_SIZE blocks, each with its 64-bit FNV-1a hash.
 *
 *   "PDCI"  version(4)  offset(8)  length(8)  block size(4)  block count(4)
 *   block hashes(8 each)  FNV-1a of everything before(8)       little endian
 *
 * The checksum lets CompleteContentInformation reject a blob with a flipped
 * byte; the hashes let a client accept data only when it matches.
 */
#include <string.h>

#include "example_plugin.h"

static const BYTE kMagic[4] = {'P', 'D', 'C', 'I'};

uint64_t Fnv1a64(const BYTE* data, size_t size) {
  uint64_t hash = 0xCBF29CE484222325ull;
  size_t i;
  for (i = 0; i < size; ++i) {
    hash ^= data[i];
    hash *= 0x100000001B3ull;
  }
  return hash;
}

static size_t Put(BYTE* out, size_t at, uint64_t value, int bytes) {
  int i;
  for (i = 0; i < bytes; ++i) out[at + (size_t)i] = (BYTE)(value >> (8 * i));
  return at + (size_t)bytes;
}

static uint64_t Get(const BYTE* data, int bytes) {
  uint64_t value = 0;
  int i;
  for (i = 0; i < bytes; ++i) value |= (uint64_t)data[i] << (8 * i);
  return value;
}

static uint64_t Min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

void DescribeContent(const BYTE* data, size_t size, uint64_t offset, uint64_t length, DWORD version,
                     ContentInfo* info) {
  uint64_t at;
  memset(info, 0, sizeof *info);
  info->version = version;
  info->offset = Min64(offset, size);
  info->length = Min64(length, size - info->offset);
  for (at = 0; at < info->length && info->block_count < MAX_BLOCKS; at += BLOCK_SIZE) {
    const uint64_t n = Min64(BLOCK_SIZE, info->length - at);
    info->block_hashes[info->block_count++] = Fnv1a64(data + info->offset + at, (size_t)n);
  }
}

size_t EncodeContentInfo(const ContentInfo* info, BYTE* out) {
  size_t at = 0;
  uint32_t i;
  memcpy(out, kMagic, sizeof kMagic);
  at = Put(out, sizeof kMagic, info->version, 4);
  at = Put(out, at, info->offset, 8);
  at = Put(out, at, info->length, 8);
  at = Put(out, at, BLOCK_SIZE, 4);
  at = Put(out, at, info->block_count, 4);
  for (i = 0; i < info->block_count; ++i) at = Put(out, at, info->block_hashes[i], 8);
  return Put(out, at, Fnv1a64(out, at), 8);
}

int DecodeContentInfo(const BYTE* data, size_t size, ContentInfo* info) {
  uint64_t block_size, blocks, i;
  if (data == NULL || size < CONTENT_INFO_HEADER_SIZE + 8 || size > MAX_CONTENT_INFO_SIZE) return 0;
  if (memcmp(data, kMagic, sizeof kMagic) != 0) return 0;
  if (Get(data + size - 8, 8) != Fnv1a64(data, size - 8)) return 0;
  memset(info, 0, sizeof *info);
  info->version = (DWORD)Get(data + 4, 4);
  info->offset = Get(data + 8, 8);
  info->length = Get(data + 16, 8);
  block_size = Get(data + 24, 4);
  blocks = Get(data + 28, 4);
  if (info->version != PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1 &&
      info->version != PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2) {
    return 0;
  }
  if (block_size != BLOCK_SIZE || info->length > MAX_CONTENT_LENGTH || info->offset > MAX_CONTENT_LENGTH) return 0;
  if (blocks != (info->length + BLOCK_SIZE - 1) / BLOCK_SIZE) return 0;
  if (size != CONTENT_INFO_HEADER_SIZE + 8 * blocks + 8) return 0;
  info->block_count = (uint32_t)blocks;
  for (i = 0; i < blocks; ++i) info->block_hashes[i] = Get(data + CONTENT_INFO_HEADER_SIZE + 8 * i, 8);
  return 1;
}

uint64_t BlockLength(const ContentInfo* info, size_t block) {
  const uint64_t start = (uint64_t)block * BLOCK_SIZE;
  if (start >= info->length) return 0;
  return Min64(BLOCK_SIZE, info->length - start);
}

int BlockMatches(const ContentInfo* info, size_t block, const BYTE* data, size_t size) {
  if (block >= info->block_count || size != BlockLength(info, block)) return 0;
  return Fnv1a64(data, size) == info->block_hashes[block];
}
