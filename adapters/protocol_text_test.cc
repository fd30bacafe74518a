#include "adapters/protocol_text.h"

#include <gtest/gtest.h>

namespace pd {
namespace protocol {
namespace {

TEST(Tokens, SplitsOnSingleSpaces) {
  const auto words = Tokens("call PeerDistGetStatus 0x5e550000 @1");
  ASSERT_TRUE(words.has_value());
  ASSERT_EQ(words->size(), 4u);
  EXPECT_EQ((*words)[0], "call");
  EXPECT_EQ((*words)[3], "@1");
}

TEST(Tokens, RefusesEmptyTokensControlCharactersAndTooManyWords) {
  EXPECT_FALSE(Tokens("").has_value());
  EXPECT_FALSE(Tokens(" ret 0").has_value());
  EXPECT_FALSE(Tokens("ret 0 ").has_value());
  EXPECT_FALSE(Tokens("ret  0").has_value());
  EXPECT_FALSE(Tokens("ret\t0").has_value());
  EXPECT_FALSE(Tokens("ret 0\r").has_value());
  std::string many = "x";
  for (std::size_t i = 0; i < kMaxTokens; ++i) many += " x";
  EXPECT_FALSE(Tokens(many).has_value());
}

TEST(ParseNumber, DecimalAndHexWithinSixtyFourBits) {
  EXPECT_EQ(ParseNumber("0"), 0u);
  EXPECT_EQ(ParseNumber("997"), 997u);
  EXPECT_EQ(ParseNumber("0x103"), 0x103u);
  EXPECT_EQ(ParseNumber("0XfF"), 0xFFu);
  EXPECT_EQ(ParseNumber("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(ParseNumber("0xffffffffffffffff"), UINT64_MAX);
  EXPECT_FALSE(ParseNumber("18446744073709551616").has_value());
  EXPECT_FALSE(ParseNumber("0x10000000000000000").has_value());
  EXPECT_FALSE(ParseNumber("-1").has_value());
  EXPECT_FALSE(ParseNumber("0x").has_value());
  EXPECT_FALSE(ParseNumber("12a").has_value());
  EXPECT_FALSE(ParseNumber("").has_value());
}

TEST(Format, DecimalAndHex) {
  EXPECT_EQ(Decimal(4057), "4057");
  EXPECT_EQ(Hex(0), "0x0");
  EXPECT_EQ(Hex(0x5E550000), "0x5e550000");
}

TEST(Quote, EscapesAndCuts) {
  EXPECT_EQ(Quote("ok 1"), "\"ok 1\"");
  EXPECT_EQ(Quote("a\"b\\c\x01"), "\"a\\\"b\\\\c\\x01\"");
  EXPECT_EQ(Quote(std::string(200, 'x'), 4), "\"xxxx\"... (200 bytes)");
}

}  // namespace
}  // namespace protocol
}  // namespace pd
