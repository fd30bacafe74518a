#include "reports/json_value.h"

#include <gtest/gtest.h>

namespace pd {
namespace {

JsonValue Parse(const std::string& text) {
  auto parsed = ParseJson(text);
  EXPECT_TRUE(std::holds_alternative<JsonValue>(parsed)) << text << ": " << std::get<std::string>(parsed);
  return std::holds_alternative<JsonValue>(parsed) ? std::get<JsonValue>(parsed) : JsonValue();
}

std::string Error(const std::string& text) {
  auto parsed = ParseJson(text);
  return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "(parsed)";
}

TEST(JsonValue, ScalarsAndContainers) {
  const JsonValue value = Parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"d\"}} ");
  ASSERT_TRUE(value.is_object());
  ASSERT_EQ(value.members().size(), 2u);
  EXPECT_EQ(value.members()[0].first, "a");  // document order
  const JsonValue& a = *value.Find("a");
  ASSERT_EQ(a.items().size(), 5u);
  EXPECT_TRUE(a.items()[0].is_integer());
  EXPECT_EQ(a.items()[0].AsInt64(), 1);
  EXPECT_FALSE(a.items()[1].is_integer());
  EXPECT_DOUBLE_EQ(a.items()[1].number_value(), -2500);
  EXPECT_TRUE(a.items()[2].bool_value());
  EXPECT_TRUE(a.items()[4].is_null());
  EXPECT_EQ(value.Find("b")->Find("c")->string_value(), "d");
  EXPECT_EQ(value.Find("z"), nullptr);
}

TEST(JsonValue, SixtyFourBitIntegersAreExact) {
  EXPECT_EQ(Parse("18446744073709551615").AsUint64(), 18446744073709551615ull);
  EXPECT_EQ(Parse("18446744073709551616").AsUint64(), std::nullopt);
  EXPECT_EQ(Parse("-9223372036854775808").AsInt64(), INT64_MIN);
  EXPECT_EQ(Parse("9223372036854775808").AsInt64(), std::nullopt);
  EXPECT_EQ(Parse("-1").AsUint64(), std::nullopt);
}

TEST(JsonValue, StringEscapes) {
  EXPECT_EQ(Parse(R"("a\"b\\c\/d\b\f\n\r\t")").string_value(), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(Parse(R"("\u00e9\u20ac\ud83d\ude00")").string_value(), "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(JsonValue, ErrorsHaveLineAndColumn) {
  EXPECT_EQ(Error(""), "1:1: unexpected end of input, expected a value");
  EXPECT_EQ(Error("{\n  \"a\": 1,\n  \"a\": 2\n}"), "3:3: duplicate key \"a\"");
  EXPECT_EQ(Error("[1 2]"), "1:4: expected ',' or ']' in an array");
  EXPECT_EQ(Error("{\"a\" 1}"), "1:6: expected ':' after an object key");
  EXPECT_EQ(Error("[1,]"), "1:4: unexpected character ']'");
  EXPECT_EQ(Error("01"), "1:2: unexpected content after the document");
  EXPECT_EQ(Error("1."), "1:3: malformed number: digits expected after '.'");
  EXPECT_EQ(Error("\"a\nb\""), "1:3: raw control character in a string");
  EXPECT_EQ(Error("\"\\x\""), "1:3: unknown escape in a string");
  EXPECT_EQ(Error("\"\\ud800\""), "1:8: unpaired surrogate in a \\u escape");
  EXPECT_EQ(Error("\"abc"), "1:5: unterminated string");
  EXPECT_EQ(Error("tru"), "1:1: unexpected character 't'");
  EXPECT_EQ(Error(std::string(100, '[') + std::string(100, ']')), "1:66: nested deeper than 64 levels");
}

TEST(JsonValue, EqualityIgnoresMemberOrderAndNumberSpelling) {
  EXPECT_EQ(Parse("{\"a\": 1, \"b\": [2]}"), Parse("{\"b\": [2.0], \"a\": 1}"));
  EXPECT_NE(Parse("{\"a\": 1}"), Parse("{\"a\": \"1\"}"));
  EXPECT_NE(Parse("[1, 2]"), Parse("[2, 1]"));
}

}  // namespace
}  // namespace pd
