// A reference page's Markdown source (MicrosoftDocs/sdk-api, as vendored in
// pages/) read the way Microsoft Learn renders it, section by section, so a
// catalog quote can be checked word for word against the page.
//
// Rendering, as a reader sees it: the YAML front matter and HTML comments
// are dropped; HTML tags are dropped and their inner text kept; Markdown
// links keep their text; "**", *emphasis* marks and backticks go; entities are decoded;
// every run of white space becomes one space; no space is left before
// . , ; : ) or after (; a heading inside a section ("#### NAME") reads as
// its text.
//
// Sections: "Description", "Parameters: NAME" (### -param), "Return value",
// "Remarks", "Members: NAME" (### -field of a structure), "Constants: NAME"
// (### -field of an enumeration), "Syntax", "See also", "Title"; any other
// "## -name" heading keeps its name.
#ifndef CONFORMANCE_REQUIREMENTS_PAGE_TEXT_H_
#define CONFORMANCE_REQUIREMENTS_PAGE_TEXT_H_

#include <string>
#include <vector>

namespace pd {

struct PageSection {
  std::string name;
  std::string text;  // rendered (RenderedText)
};

// The rendering above, of one piece of Markdown.
std::string RenderedText(const std::string& markdown);

// The page's sections in order, each rendered.
std::vector<PageSection> PageSections(const std::string& page_markdown);

}  // namespace pd

#endif  // CONFORMANCE_REQUIREMENTS_PAGE_TEXT_H_
