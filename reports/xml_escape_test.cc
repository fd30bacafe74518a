#include "reports/xml_escape.h"

#include <gtest/gtest.h>

#include "reports/report_testing.h"

namespace pd {
namespace {

TEST(XmlEscape, MarkupCharactersInText) {
  EXPECT_EQ(XmlEscapeText("a<b>&c"), "a&lt;b&gt;&amp;c");
  EXPECT_EQ(XmlEscapeText("\"quoted\" 'single'"), "\"quoted\" 'single'");
  EXPECT_EQ(XmlEscapeText("]]>"), "]]&gt;");
}

TEST(XmlEscape, QuotesAndWhitespaceInAttributes) {
  EXPECT_EQ(XmlEscapeAttribute("say \"hi\" & 'bye'"), "say &quot;hi&quot; &amp; &apos;bye&apos;");
  EXPECT_EQ(XmlEscapeAttribute("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
  EXPECT_EQ(XmlEscapeText("a\tb\nc\rd"), "a\tb\nc&#13;d");
}

TEST(XmlEscape, CharactersXmlCannotCarryAreReplaced) {
  EXPECT_EQ(XmlEscapeText(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(XmlEscapeAttribute("\x1b[31m"), "\xEF\xBF\xBD[31m");
  EXPECT_EQ(XmlEscapeText("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscapeText("\xEF\xBF\xBF"), "\xEF\xBF\xBD");  // U+FFFF
}

TEST(XmlEscape, ValidUtf8PassesThrough) { EXPECT_EQ(XmlEscapeText("caf\xC3\xA9"), "caf\xC3\xA9"); }

TEST(XmlEscape, EscapedValuesStayWellFormed) {
  const std::string nasty = "<a href=\"x\">&amp; 'q' \n\t</a> ]]> &#x;";
  const std::string xml = "<root attr=\"" + XmlEscapeAttribute(nasty) + "\">" + XmlEscapeText(nasty) + "</root>";
  EXPECT_EQ(CheckWellFormedXml(xml), "");
}

TEST(WellFormedXmlCheck, CatchesBrokenDocuments) {
  EXPECT_EQ(CheckWellFormedXml("<a><b/></a>"), "");
  EXPECT_NE(CheckWellFormedXml("<a><b></a>"), "");
  EXPECT_NE(CheckWellFormedXml("<a></b>"), "");
  EXPECT_NE(CheckWellFormedXml("<a>x < y</a>"), "");
  EXPECT_NE(CheckWellFormedXml("<a>x & y</a>"), "");
  EXPECT_NE(CheckWellFormedXml("<a x=\"1\" x=\"2\"/>"), "");
  EXPECT_NE(CheckWellFormedXml("<a/><b/>"), "");
  EXPECT_NE(CheckWellFormedXml("<a x=1/>"), "");
  EXPECT_NE(CheckWellFormedXml(""), "");
}

}  // namespace
}  // namespace pd
