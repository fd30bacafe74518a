// JSON string escaping (RFC 8259), no external library. Output is pure ASCII
// when the input is valid UTF-8 or not: control characters become \u00XX,
// bytes that do not form valid UTF-8 become U+FFFD, and everything else
// passes through as UTF-8.
#ifndef REPORTS_JSON_ESCAPE_H_
#define REPORTS_JSON_ESCAPE_H_

#include <string>

namespace pd {

// The escaped contents, without surrounding quotes.
std::string JsonEscape(const std::string& text);
// The text as a JSON string literal, quotes included.
std::string JsonString(const std::string& text);

}  // namespace pd

#endif  // REPORTS_JSON_ESCAPE_H_
