#include "reports/json_escape.h"

#include <gtest/gtest.h>

namespace pd {
namespace {

TEST(JsonEscape, QuotesBackslashesAndShortEscapes) {
  EXPECT_EQ(JsonEscape("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(JsonEscape("\b\f\n\r\t"), "\\b\\f\\n\\r\\t");
  EXPECT_EQ(JsonEscape("/"), "/");
}

TEST(JsonEscape, OtherControlCharactersAsUnicodeEscapes) {
  EXPECT_EQ(JsonEscape(std::string("\0", 1)), "\\u0000");
  EXPECT_EQ(JsonEscape("\x01\x1f"), "\\u0001\\u001f");
  EXPECT_EQ(JsonEscape("\x7f"), "\\u007f");
}

TEST(JsonEscape, ValidUtf8PassesThrough) {
  EXPECT_EQ(JsonEscape("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
}

TEST(JsonEscape, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(JsonEscape("a\xFFz"), "a\\ufffdz");
  EXPECT_EQ(JsonEscape("\x80"), "\\ufffd");            // stray continuation byte
  EXPECT_EQ(JsonEscape("\xC3"), "\\ufffd");            // truncated sequence
  EXPECT_EQ(JsonEscape("\xC0\xAF"), "\\ufffd\\ufffd");  // overlong '/'
  EXPECT_EQ(JsonEscape("\xED\xA0\x80"), "\\ufffd\\ufffd\\ufffd");  // UTF-16 surrogate
}

TEST(JsonString, AddsQuotes) {
  EXPECT_EQ(JsonString(""), "\"\"");
  EXPECT_EQ(JsonString("say \"hi\""), "\"say \\\"hi\\\"\"");
}

}  // namespace
}  // namespace pd
