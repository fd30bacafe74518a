#include "text/input_excerpt.h"

#include <string>

#include <gtest/gtest.h>

namespace pd {
namespace {

TEST(InputExcerpt, PlainTextPassesThrough) {
  EXPECT_EQ(InputExcerpt("version=7"), "version=7");
  EXPECT_EQ(InputExcerpt("donn\xc3\xa9" "es/\xe2\x82\xac.pdscenario"), "donn\xc3\xa9" "es/\xe2\x82\xac.pdscenario");
}

TEST(InputExcerpt, ControlBytesAndBadUtf8AreEscaped) {
  EXPECT_EQ(InputExcerpt(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(InputExcerpt("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(InputExcerpt("x\ny\tz\\"), "x\\ny\\tz\\\\");
  EXPECT_EQ(InputExcerpt("\x7f"), "\\x7f");
  EXPECT_EQ(InputExcerpt("\xc2\x9b" "2J"), "\\xc2\\x9b2J");  // C1 CSI
  EXPECT_EQ(InputExcerpt("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(InputExcerpt("\xc0\xaf"), "\\xc0\\xaf");          // overlong '/'
  EXPECT_EQ(InputExcerpt("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(InputExcerpt("\xe2\x82"), "\\xe2\\x82");          // cut short
}

TEST(InputExcerpt, LongInputIsCappedWithItsSize) {
  const std::string huge(50 * 1000 * 1000, 'a');
  const std::string excerpt = InputExcerpt(huge);
  EXPECT_EQ(excerpt, std::string(80, 'a') + "... (50000000 bytes)");
  // Never cuts a character or an escape in two.
  EXPECT_EQ(InputExcerpt("\xc3\xa9\xc3\xa9", 3), "\xc3\xa9... (4 bytes)");
  EXPECT_EQ(InputExcerpt("a\x01", 4), "a... (2 bytes)");
}

TEST(OneLineMessage, StaysOneLine) {
  EXPECT_EQ(OneLineMessage("x.pdscenario:3: unknown step 'a\nb'"), "x.pdscenario:3: unknown step 'a\\nb'");
  EXPECT_EQ(OneLineMessage("got '" + InputExcerpt("\x1b") + "'"), "got '\\x1b'") << "escaped twice";
  const std::string message = "unknown option '" + std::string(5000, 'z') + "'";
  const std::string line = OneLineMessage(message);
  EXPECT_LE(line.size(), 1000u + 20u);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("... (5017 bytes)"), std::string::npos) << line;
}

}  // namespace
}  // namespace pd
