#include "text/input_excerpt.h"

#include <cstdio>

namespace pd {
namespace {

// The length of the well-formed UTF-8 character at the start of `text`
// (shortest form, no surrogates, at most U+10FFFF), or 0.
std::size_t Utf8CharLength(std::string_view text) {
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  // C1 controls (U+0080..U+009F) reach some terminals as CSI and friends.
  if (lead == 0xC2 && byte(1) <= 0x9F) return 0;
  return length;
}

void AppendEscaped(unsigned char byte, std::string& out) {
  char hex[5];
  std::snprintf(hex, sizeof hex, "\\x%02x", byte);
  out += hex;
}

// Appends the escaped form of `input` until `max_bytes` of output; returns
// how many input bytes it took.
std::size_t AppendSafe(std::string_view input, std::size_t max_bytes, bool escape_backslash, std::string& out) {
  const std::size_t start = out.size();
  std::size_t i = 0;
  while (i < input.size()) {
    const unsigned char byte = static_cast<unsigned char>(input[i]);
    std::string piece;
    std::size_t taken = 1;
    if (byte == '\\' && escape_backslash) {
      piece = "\\\\";
    } else if (byte == '\n') {
      piece = "\\n";
    } else if (byte == '\t') {
      piece = "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      AppendEscaped(byte, piece);
    } else if (byte < 0x80) {
      piece = static_cast<char>(byte);
    } else if (const std::size_t length = Utf8CharLength(input.substr(i)); length > 0) {
      piece = std::string(input.substr(i, length));
      taken = length;
    } else {
      AppendEscaped(byte, piece);
    }
    if (out.size() - start + piece.size() > max_bytes) break;
    out += piece;
    i += taken;
  }
  return i;
}

std::string Capped(std::string_view input, std::size_t max_bytes, bool escape_backslash) {
  std::string out;
  const std::size_t taken = AppendSafe(input, max_bytes, escape_backslash, out);
  if (taken < input.size()) out += "... (" + std::to_string(input.size()) + " bytes)";
  return out;
}

}  // namespace

std::string InputExcerpt(std::string_view input, std::size_t max_bytes) { return Capped(input, max_bytes, true); }

// A message's backslashes are left alone: its excerpts are escaped already.
std::string OneLineMessage(std::string_view message, std::size_t max_bytes) {
  return Capped(message, max_bytes, false);
}

}  // namespace pd
