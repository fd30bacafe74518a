// Echoing input in an error line. A message that quotes what it refused must
// stay one readable line whatever the input holds: a 50 MB token, a NUL, an
// ANSI escape sequence or bytes that are not UTF-8 must neither flood nor
// drive the user's terminal. Both functions escape control characters (C0,
// DEL and C1) and malformed UTF-8 as \xNN, backslashes as \\, and pass well
// formed UTF-8 text through.
#ifndef TEXT_INPUT_EXCERPT_H_
#define TEXT_INPUT_EXCERPT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace pd {

// A piece of input to quote: at most `max_bytes` of it (never cutting a
// UTF-8 character), then "... (N bytes)" when it was longer.
std::string InputExcerpt(std::string_view input, std::size_t max_bytes = 80);

// A whole message line built around quoted input: escaped like InputExcerpt
// (a newline becomes \n, so it stays one line) except that backslashes stay
// as they are (the excerpts in it are escaped already), and capped.
std::string OneLineMessage(std::string_view message, std::size_t max_bytes = 1000);

}  // namespace pd

#endif  // TEXT_INPUT_EXCERPT_H_
