#include "conformance/requirements/page_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pd {
namespace {

TEST(RenderedText, ReadsMarkdownAsThePageShowsIt) {
  EXPECT_EQ(RenderedText("The <b>PeerDistStartup</b> function  creates\na <a href=\"/x\">session</a> ."),
            "The PeerDistStartup function creates a session.");
  EXPECT_EQ(RenderedText("<dt><b>ERROR_INVALID_HANDLE</b></dt>\n</dl>\n</td>\n<td width=\"60%\">\nThe "
                         "<i>hPeerDist</i> handle is invalid.\n"),
            "ERROR_INVALID_HANDLE The hPeerDist handle is invalid.");
  EXPECT_EQ(RenderedText("a [link text](https://example) and **bold** and `code`"), "a link text and bold and code");
  EXPECT_EQ(RenderedText("x &lt; y &amp;&amp; z&nbsp;w &#39;q&#39; <!-- hidden --> ( a )"), "x < y && z w 'q' (a)");
  EXPECT_EQ(RenderedText("PEERDIST_ ERROR_INVALIDATED"), "PEERDIST_ ERROR_INVALIDATED");
  EXPECT_EQ(RenderedText("a < b"), "a < b");
  EXPECT_EQ(RenderedText("`false` if the *bWait* argument is `false`"), "false if the bWait argument is false");
  EXPECT_EQ(RenderedText("PEERDIST_STATUS *pStatus and 2*3*4"), "PEERDIST_STATUS *pStatus and 2*3*4");
}

TEST(PageSections, NamesSectionsAsTheCatalogDoes) {
  const std::string page =
      "---\nUID: NF:peerdist.X\ntitle: X\n---\n\n# X function\n\n## -description\n\nDoes <b>it</b>.\n\n"
      "## -parameters\n\n### -param hPeerDist [in]\n\nA handle.\n\n### -param pOut [out]\n\nOut.\n\n"
      "## -returns\n\nIf the function succeeds, the return value is <b>ERROR_SUCCESS</b>.\n\n"
      "## -remarks\n\nNotes.\n\n## -see-also\n\nY\n";
  std::vector<std::string> names;
  for (const PageSection& section : PageSections(page)) names.push_back(section.name + "=" + section.text);
  EXPECT_EQ(names, (std::vector<std::string>{"Title=X function", "Description=Does it.", "Parameters=",
                                             "Parameters: hPeerDist=A handle.", "Parameters: pOut=Out.",
                                             "Return value=If the function succeeds, the return value is "
                                             "ERROR_SUCCESS.",
                                             "Remarks=Notes.", "See also=Y"}));
  const std::string headings = "## -remarks\nOne of:\n#### VALUE_1\n#### VALUE_2\n";
  EXPECT_EQ(PageSections(headings).back().text, "One of: VALUE_1 VALUE_2");
  const std::string structure = "# S structure\n## -struct-fields\n### -field cbSize\nSize.\n";
  EXPECT_EQ(PageSections(structure).back().name, "Members: cbSize");
  const std::string enumeration = "# E enumeration\n## -enum-fields\n### -field E_A:0\nA.\n";
  EXPECT_EQ(PageSections(enumeration).back().name, "Constants: E_A:0");
}

}  // namespace
}  // namespace pd
