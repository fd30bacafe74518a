#include "adapters/buffer_layout.h"

#include <cassert>
#include <cstddef>
#include <cstring>

#include "adapters/protocol_text.h"

namespace pd {
namespace {

std::uint64_t ReadField(const unsigned char* data, const BufferField& field) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < field.width; ++i) value |= std::uint64_t{data[field.offset + i]} << (8 * i);
  return value;
}

void WriteField(unsigned char* data, const BufferField& field, std::uint64_t value) {
  for (std::size_t i = 0; i < field.width; ++i) data[field.offset + i] = static_cast<unsigned char>(value >> (8 * i));
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const std::vector<BufferLayout>& BufferLayouts() {
  static const std::vector<BufferLayout> layouts = {
      {"dword", sizeof(DWORD), {{"value", 0, sizeof(DWORD)}}},
      {"handle", sizeof(HANDLE), {{"value", 0, sizeof(HANDLE)}}},
      {"status", sizeof(PEERDIST_STATUS), {{"value", 0, sizeof(PEERDIST_STATUS)}}},
      {"status-info",
       sizeof(PEERDIST_STATUS_INFO),
       {{"cbSize", offsetof(PEERDIST_STATUS_INFO, cbSize), sizeof(DWORD)},
        {"status", offsetof(PEERDIST_STATUS_INFO, status), sizeof(PEERDIST_STATUS)},
        {"dwMinVer", offsetof(PEERDIST_STATUS_INFO, dwMinVer), sizeof(DWORD)},
        {"dwMaxVer", offsetof(PEERDIST_STATUS_INFO, dwMaxVer), sizeof(DWORD)}}},
      {"overlapped",
       sizeof(OVERLAPPED),
       {{"Internal", offsetof(OVERLAPPED, Internal), sizeof(ULONG_PTR)},
        {"InternalHigh", offsetof(OVERLAPPED, InternalHigh), sizeof(ULONG_PTR)},
        {"Offset", offsetof(OVERLAPPED, Offset), sizeof(DWORD)},
        {"OffsetHigh", offsetof(OVERLAPPED, OffsetHigh), sizeof(DWORD)},
        {"hEvent", offsetof(OVERLAPPED, hEvent), sizeof(HANDLE)}}},
      {"publication-options",
       sizeof(PEERDIST_PUBLICATION_OPTIONS),
       {{"dwVersion", offsetof(PEERDIST_PUBLICATION_OPTIONS, dwVersion), sizeof(DWORD)},
        {"dwFlags", offsetof(PEERDIST_PUBLICATION_OPTIONS, dwFlags), sizeof(DWORD)}}},
      {"retrieval-options",
       sizeof(PEERDIST_RETRIEVAL_OPTIONS),
       {{"cbSize", offsetof(PEERDIST_RETRIEVAL_OPTIONS, cbSize), sizeof(DWORD)},
        {"dwContentInfoMinVersion", offsetof(PEERDIST_RETRIEVAL_OPTIONS, dwContentInfoMinVersion), sizeof(DWORD)},
        {"dwContentInfoMaxVersion", offsetof(PEERDIST_RETRIEVAL_OPTIONS, dwContentInfoMaxVersion), sizeof(DWORD)},
        {"dwReserved", offsetof(PEERDIST_RETRIEVAL_OPTIONS, dwReserved), sizeof(DWORD)}}},
      {"bytes", 0, {}},
  };
  return layouts;
}

const BufferLayout* FindBufferLayout(std::string_view name) {
  for (const BufferLayout& layout : BufferLayouts()) {
    if (name == layout.name) return &layout;
  }
  return nullptr;
}

const BufferLayout& LayoutNamed(const char* name) {
  const BufferLayout* layout = FindBufferLayout(name);
  assert(layout != nullptr);
  return *layout;
}

std::string EncodeBuffer(const BufferLayout& layout, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  std::string text = layout.name;
  if (layout.is_bytes()) {
    static const char kDigits[] = "0123456789abcdef";
    text += " " + protocol::Decimal(size) + " ";
    if (size == 0) return text + "-";
    for (std::size_t i = 0; i < size; ++i) {
      text += kDigits[bytes[i] >> 4];
      text += kDigits[bytes[i] & 0xF];
    }
    return text;
  }
  for (const BufferField& field : layout.fields) {
    const std::uint64_t value = ReadField(bytes, field);
    // Handles and pointers read best in hex, counts and codes in decimal.
    text += " " + (field.width == sizeof(void*) && std::strcmp(field.name, "InternalHigh") != 0 &&
                           std::strcmp(field.name, "Internal") != 0
                       ? protocol::Hex(value)
                       : protocol::Decimal(value));
  }
  return text;
}

std::string DecodeBuffer(const BufferLayout& layout, const std::vector<std::string_view>& words,
                         std::vector<unsigned char>& out) {
  if (layout.is_bytes()) {
    if (words.size() != 2) return "a bytes buffer takes a size and hex digits";
    const auto size = protocol::ParseNumber(words[0]);
    if (!size || *size > kMaxBytesBuffer) return "bad bytes size " + protocol::Quote(words[0]);
    out.assign(static_cast<std::size_t>(*size), 0);
    if (*size == 0) return words[1] == "-" ? "" : "an empty bytes buffer is written '-'";
    if (words[1].size() != 2 * *size) return "expected " + std::to_string(2 * *size) + " hex digits";
    for (std::size_t i = 0; i < out.size(); ++i) {
      const int high = HexDigit(words[1][2 * i]), low = HexDigit(words[1][2 * i + 1]);
      if (high < 0 || low < 0) return "bad hex digit in bytes buffer";
      out[i] = static_cast<unsigned char>(high << 4 | low);
    }
    return "";
  }
  if (words.size() != layout.fields.size()) {
    return std::string("a ") + layout.name + " buffer has " + std::to_string(layout.fields.size()) + " fields, got " +
           std::to_string(words.size());
  }
  out.assign(layout.size, 0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const BufferField& field = layout.fields[i];
    const auto value = protocol::ParseNumber(words[i]);
    const std::uint64_t max = field.width >= 8 ? UINT64_MAX : (std::uint64_t{1} << (8 * field.width)) - 1;
    if (!value || *value > max) {
      return std::string("bad ") + layout.name + "." + field.name + " " + protocol::Quote(words[i]);
    }
    WriteField(out.data(), field, *value);
  }
  return "";
}

}  // namespace pd
