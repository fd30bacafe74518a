#include "conformance/requirements/citation.h"

#include "conformance/requirements/requirement_catalog.h"

namespace pd {

std::string CitationText(const std::vector<RequirementRef>& cites) {
  std::string text;
  for (const RequirementRef& cite : cites) {
    if (!text.empty()) text += " / ";
    const Requirement* requirement = FindRequirement(cite.id);
    text += requirement == nullptr ? "[no requirement " + cite.id + " in the catalog]" : CitationOf(*requirement);
    if (!cite.part.empty()) {
      text += " [part: " + cite.part + "]";
    } else if (cite.partly) {
      text += " [partly]";
    }
  }
  return text;
}

}  // namespace pd
