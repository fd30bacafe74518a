// Splits bytes into UTF-8 sequences, for the escapers: each call returns the
// length of the valid sequence starting at `pos`, or 0 if the byte there does
// not start one (stray continuation byte, overlong form, surrogate, > U+10FFFF,
// truncated sequence).
#ifndef REPORTS_UTF8_H_
#define REPORTS_UTF8_H_

#include <cstddef>
#include <string>

namespace pd {

std::size_t Utf8SequenceLength(const std::string& text, std::size_t pos);

}  // namespace pd

#endif  // REPORTS_UTF8_H_
