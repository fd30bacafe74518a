// What a rule or an ambiguity cites: statements of the requirements catalog
// by id, each fully or only in part (kPartly: for some of the functions the
// statement covers, one of two handles it names, ...). The catalog lists the
// same pairs the other way round (checked-by); rule_citations_test holds the
// two together.
#ifndef CONFORMANCE_REQUIREMENTS_CITATION_H_
#define CONFORMANCE_REQUIREMENTS_CITATION_H_

#include <string>
#include <vector>

namespace pd {

struct RequirementRef {
  std::string id;  // "REGISTER-4"
  bool partly = false;
};
inline constexpr bool kPartly = true;

// The cited statements as one text: CitationOf() each, "[partly]" after a
// partial one, " / "-joined. An id missing from the catalog reads
// "[no requirement ID in the catalog]" (and fails rule_citations_test).
std::string CitationText(const std::vector<RequirementRef>& cites);

}  // namespace pd

#endif  // CONFORMANCE_REQUIREMENTS_CITATION_H_
