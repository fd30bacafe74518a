#include "adapters/protocol_text.h"

namespace pd {
namespace protocol {

std::optional<std::vector<std::string_view>> Tokens(std::string_view line) {
  if (line.empty()) return std::nullopt;
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i < line.size()) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      if (c < 0x20 || c == 0x7F) return std::nullopt;
      if (c != ' ') continue;
    }
    if (i == start) return std::nullopt;  // empty token
    if (tokens.size() == kMaxTokens) return std::nullopt;
    tokens.push_back(line.substr(start, i - start));
    start = i + 1;
  }
  return tokens;
}

std::optional<std::uint64_t> ParseNumber(std::string_view token) {
  if (token.empty()) return std::nullopt;
  std::uint64_t value = 0;
  if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) {
    const std::string_view digits = token.substr(2);
    if (digits.size() > 16) return std::nullopt;
    for (char c : digits) {
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return std::nullopt;
      }
      value = (value << 4) | static_cast<std::uint64_t>(digit);
    }
    return value;
  }
  if (token.size() > 20) return std::nullopt;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string Decimal(std::uint64_t value) { return std::to_string(value); }

std::string Hex(std::uint64_t value) {
  static const char kDigits[] = "0123456789abcdef";
  std::string text;
  do {
    text.insert(text.begin(), kDigits[value & 0xF]);
    value >>= 4;
  } while (value != 0);
  return "0x" + text;
}

std::string Quote(std::string_view received, std::size_t limit) {
  static const char kDigits[] = "0123456789abcdef";
  std::string quoted = "\"";
  const std::size_t shown = received.size() < limit ? received.size() : limit;
  for (std::size_t i = 0; i < shown; ++i) {
    const unsigned char c = static_cast<unsigned char>(received[i]);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      quoted += "\\x";
      quoted += kDigits[c >> 4];
      quoted += kDigits[c & 0xF];
    } else {
      quoted += static_cast<char>(c);
    }
  }
  quoted += '"';
  if (shown < received.size()) quoted += "... (" + std::to_string(received.size()) + " bytes)";
  return quoted;
}

}  // namespace protocol
}  // namespace pd
