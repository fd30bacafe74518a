// What a rule or an ambiguity cites: statements of the requirements catalog
// by id, each fully or only in part (kPartly: for some of the functions the
// statement covers, one of two handles it names, ...), or one named part of
// it fully (`part`: one of the parts the catalog entry lists; the statement
// counts as checked when every part has a rule). The catalog lists the same
// pairs the other way round (checked-by); rule_citations_test holds the two
// together.
#ifndef CONFORMANCE_REQUIREMENTS_CITATION_H_
#define CONFORMANCE_REQUIREMENTS_CITATION_H_

#include <string>
#include <utility>
#include <vector>

namespace pd {

struct RequirementRef {
  // {"ID"}, {"ID", kPartly} and {"ID", kPartly, "PART"} read as written.
  RequirementRef(std::string id_, bool partly_ = false, std::string part_ = "")
      : id(std::move(id_)), partly(partly_), part(std::move(part_)) {}

  std::string id;  // "REGISTER-4"
  bool partly = false;
  std::string part;  // non-empty: checks this part of the entry's `parts:` fully (partly is true too)
};
inline constexpr bool kPartly = true;

// The cited statements as one text: CitationOf() each, "[partly]" after a
// partial one, "[part: NAME]" after a part, " / "-joined. An id missing from the catalog reads
// "[no requirement ID in the catalog]" (and fails rule_citations_test).
std::string CitationText(const std::vector<RequirementRef>& cites);

}  // namespace pd

#endif  // CONFORMANCE_REQUIREMENTS_CITATION_H_
