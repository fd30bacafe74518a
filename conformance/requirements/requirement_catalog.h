// The requirements catalog: every normative statement of the peerdist.h
// reference pages (catalog/*.req, in catalog/INDEX order), compiled into the
// binary. Its quotes are checked against the vendored page sources (pages/)
// by requirement_catalog_test; the rules' citations against it by
// conformance/rule_citations_test.
#ifndef CONFORMANCE_REQUIREMENTS_REQUIREMENT_CATALOG_H_
#define CONFORMANCE_REQUIREMENTS_REQUIREMENT_CATALOG_H_

#include <string>
#include <vector>

#include "conformance/requirements/requirement.h"

namespace pd {

// Every page, in catalog order. A catalog that does not parse is a build
// defect: the first call prints the error line and aborts (the tests parse
// the same files and say where).
const std::vector<RequirementPage>& RequirementPages();

const Requirement* FindRequirement(const std::string& id);
const RequirementPage* FindRequirementPage(const std::string& name);

// "REGISTER-4 (PeerDistRegisterForStatusChangeNotification, Remarks): \"quote\""
std::string CitationOf(const Requirement& requirement);

}  // namespace pd

#endif  // CONFORMANCE_REQUIREMENTS_REQUIREMENT_CATALOG_H_
