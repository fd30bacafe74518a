// Splits bytes into UTF-8 sequences, for the XML escaper: each call returns the
// length of the valid sequence starting at `pos`, or 0 if the byte there does
// not start one (stray continuation byte, overlong form, surrogate, > U+10FFFF,
// truncated sequence). AppendUtf8 goes the other way: one code point
// (<= U+10FFFF) to its bytes, for the decoder of HTML entities (page_text).
#ifndef REPORTS_UTF8_H_
#define REPORTS_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace pd {

std::size_t Utf8SequenceLength(const std::string& text, std::size_t pos);

void AppendUtf8(std::string& out, std::uint32_t code);

}  // namespace pd

#endif  // REPORTS_UTF8_H_
