// The content model: what a server session publishes and what a client
// reads back. Published data is described by *content information*: the
// range it covers, cut into fixed-size blocks, each with a 64-bit FNV-1a hash,
// in a small versioned binary layout with a trailing checksum. A model of
// MS-PCCRC (not its real format), precise enough that a client can ask for
// ranges and detect data, or content information, that does not match.
//
// Content bytes are a pure function of (content id, offset), so the harness,
// the reference and any test agree on what correct data is without sharing
// buffers.
#ifndef SIM_CONTENT_INFO_H_
#define SIM_CONTENT_INFO_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/peerdist_types.h"

namespace pd {

// Bytes per block: small, so scenarios that move a few hundred bytes span
// several blocks.
constexpr std::uint32_t kContentBlockSize = 64;
// Bound on one content's length (and on any buffer the harness passes).
constexpr std::uint64_t kMaxContentLength = 4096;
// Bound on an encoded content information blob: header, hashes, checksum.
constexpr std::size_t kContentInfoHeaderSize = 4 + 4 + 8 + 8 + 4 + 4;
constexpr std::size_t kMaxContentInfoSize =
    kContentInfoHeaderSize + 8 * (kMaxContentLength / kContentBlockSize + 1) + 8;

std::uint64_t Fnv1a64(const BYTE* data, std::size_t size);

// The identifier bytes of scenario content number `id` ("pd-content-<id>").
std::string ContentIdentifier(std::uint32_t id);
// Byte `offset` of scenario content number `id`.
BYTE ContentByte(std::uint32_t id, std::uint64_t offset);
std::vector<BYTE> ContentBytes(std::uint32_t id, std::uint64_t offset, std::uint64_t length);

struct ContentInfo {
  DWORD version = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
  std::uint64_t offset = 0;  // start of the described range in the content
  std::uint64_t length = 0;  // bytes in the range
  std::vector<std::uint64_t> block_hashes;  // one per kContentBlockSize bytes of the range

  bool operator==(const ContentInfo& other) const {
    return version == other.version && offset == other.offset && length == other.length &&
           block_hashes == other.block_hashes;
  }
};

// Describes data[offset, offset + length) of `data` (clamped to its size).
ContentInfo DescribeContent(const std::vector<BYTE>& data, std::uint64_t offset, std::uint64_t length,
                            DWORD version);
std::vector<BYTE> EncodeContentInfo(const ContentInfo& info);
// nullopt for a blob that is truncated, corrupted (checksum), of an unknown
// version, or longer than the bounds allow.
std::optional<ContentInfo> DecodeContentInfo(const BYTE* data, std::size_t size);

// Whether `block` (index inside the range) of `info` is exactly `data`.
bool BlockMatches(const ContentInfo& info, std::size_t block, const BYTE* data, std::size_t size);
// Length in bytes of block `block` of the range (the last one may be short).
std::uint64_t BlockLength(const ContentInfo& info, std::size_t block);

}  // namespace pd

#endif  // SIM_CONTENT_INFO_H_
