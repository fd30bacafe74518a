// How the line protocol carries the memory a call points to. The harness
// owns every buffer an API call passes by pointer (out-parameters, the
// OVERLAPPED); an implementation in another process works on a copy and both
// ends send `mem` lines when their copy changes. A layout names a buffer type
// and lists its integer fields, so a `mem` line reads
//
//   mem 3 overlapped 0x103 0 0 0 0x1008
//
// instead of a hex dump, and a peer in any language decodes it field by
// field. The layouts are those of sim/peerdist_types.h, which
// adapters/peerdist_plugin.h repeats in C (a test pins both).
#ifndef ADAPTERS_BUFFER_LAYOUT_H_
#define ADAPTERS_BUFFER_LAYOUT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/peerdist_types.h"

namespace pd {

struct BufferField {
  const char* name;  // for PROTOCOL.md and error messages
  std::size_t offset;
  std::size_t width;  // 1, 2, 4 or 8 bytes, little-endian unsigned
};

struct BufferLayout {
  const char* name;  // the protocol's type word: "dword", "overlapped", ...
  std::size_t size;  // bytes; 0 for "bytes", whose size travels in the line
  std::vector<BufferField> fields;  // empty for "bytes"
  bool is_bytes() const { return fields.empty(); }
};

// Every layout the protocol knows.
const std::vector<BufferLayout>& BufferLayouts();
const BufferLayout* FindBufferLayout(std::string_view name);

// Bound on a "bytes" buffer: one line must hold its hex.
constexpr std::size_t kMaxBytesBuffer = 16 * 1024;

// The words after "mem <id>": "<type> <field>..." (bytes: "bytes <size> <hex>",
// hex "-" when size is 0).
std::string EncodeBuffer(const BufferLayout& layout, const void* data, std::size_t size);

// Decodes the words after "mem <id> <type>" into `out` (resized to the
// buffer's size). Returns "" or what is wrong.
std::string DecodeBuffer(const BufferLayout& layout, const std::vector<std::string_view>& words,
                         std::vector<unsigned char>& out);

// The layout of a pointee type of the harness's API, for the forwarding
// adapters. Specialised for each type the protocol carries.
template <typename T>
struct LayoutOf;

const BufferLayout& LayoutNamed(const char* name);  // requires a known name

template <>
struct LayoutOf<DWORD> {
  static const BufferLayout& Get() { return LayoutNamed("dword"); }
};
template <>
struct LayoutOf<HANDLE> {
  static const BufferLayout& Get() { return LayoutNamed("handle"); }
};
template <>
struct LayoutOf<PEERDIST_STATUS> {
  static const BufferLayout& Get() { return LayoutNamed("status"); }
};
template <>
struct LayoutOf<PEERDIST_STATUS_INFO> {
  static const BufferLayout& Get() { return LayoutNamed("status-info"); }
};
template <>
struct LayoutOf<OVERLAPPED> {
  static const BufferLayout& Get() { return LayoutNamed("overlapped"); }
};
template <>
struct LayoutOf<PEERDIST_PUBLICATION_OPTIONS> {
  static const BufferLayout& Get() { return LayoutNamed("publication-options"); }
};
template <>
struct LayoutOf<PEERDIST_RETRIEVAL_OPTIONS> {
  static const BufferLayout& Get() { return LayoutNamed("retrieval-options"); }
};
// Raw bytes: PBYTE buffers (their size travels with them) and the 16 opaque
// bytes of a content tag.
template <>
struct LayoutOf<unsigned char> {
  static const BufferLayout& Get() { return LayoutNamed("bytes"); }
};
template <>
struct LayoutOf<PEERDIST_CONTENT_TAG> {
  static const BufferLayout& Get() { return LayoutNamed("bytes"); }
};

}  // namespace pd

#endif  // ADAPTERS_BUFFER_LAYOUT_H_
