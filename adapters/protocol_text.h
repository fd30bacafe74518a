// The lexical layer of the line protocol (adapters/PROTOCOL.md) shared by the
// harness side (ProtocolAdapter) and the plugin worker: splitting a line into
// tokens, numbers in decimal or 0x-hex, and quoting what a peer sent for a
// finding. Pure functions; no I/O.
#ifndef ADAPTERS_PROTOCOL_TEXT_H_
#define ADAPTERS_PROTOCOL_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd {
namespace protocol {

// The protocol version both ends announce in `hello`.
constexpr int kVersion = 1;
// Bound on one line (without its '\n'): a longer one is a protocol violation.
constexpr std::size_t kMaxLineBytes = 1 << 16;
// Bound on the tokens of one line.
constexpr std::size_t kMaxTokens = 64;

// Splits on single spaces. Returns nullopt for an empty line, a line with
// empty tokens (leading, trailing or double spaces), a control character, or
// more than kMaxTokens tokens.
std::optional<std::vector<std::string_view>> Tokens(std::string_view line);

// An unsigned number: decimal ("42") or hex with a 0x prefix ("0x2a"). No
// sign, no spaces, at most 64 bits; nullopt otherwise.
std::optional<std::uint64_t> ParseNumber(std::string_view token);

std::string Decimal(std::uint64_t value);
std::string Hex(std::uint64_t value);  // "0x2a"

// What a peer sent, for a finding: in double quotes, non-printable bytes as
// \xNN, cut to `limit` bytes with "..." so a megabyte of garbage stays one
// readable line.
std::string Quote(std::string_view received, std::size_t limit = 160);

}  // namespace protocol
}  // namespace pd

#endif  // ADAPTERS_PROTOCOL_TEXT_H_
