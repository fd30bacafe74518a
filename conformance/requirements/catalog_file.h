// The text form of one page's catalog (catalog/<Page>.req): a header, then one
// entry per statement, "key: value" lines, entries separated by blank lines,
// '#' lines comments. The format is written for review in a diff; the parser
// refuses anything else with "FILE:LINE: what is wrong".
//
//   page: PeerDistStartup              header: page, kind, file, commit, prefix
//   kind: function
//   file: nf-peerdist-peerdiststartup.md
//   commit: dfca4aca2444d6ca87b32fe61628bd78640b295e
//   prefix: STARTUP
//
//   id: STARTUP-1                      entry: id, section, class, [reason],
//   section: Return value                     quote, [checked-by], [note]
//   class: testable
//   quote: If the function succeeds, the return value is ERROR_SUCCESS.
//   checked-by: session-lifecycle, other-rule (partly)
#ifndef CONFORMANCE_REQUIREMENTS_CATALOG_FILE_H_
#define CONFORMANCE_REQUIREMENTS_CATALOG_FILE_H_

#include <string>
#include <variant>

#include "conformance/requirements/requirement.h"

namespace pd {

// A parsed page, or one line "FILE:LINE: what is wrong".
std::variant<RequirementPage, std::string> ParseCatalogFile(const std::string& text, const std::string& file_name);

// The catalog's order of pages (catalog/INDEX): one .req file name per line,
// '#' comments and blank lines ignored; or one error line.
std::variant<std::vector<std::string>, std::string> ParseCatalogIndex(const std::string& text,
                                                                      const std::string& file_name);

}  // namespace pd

#endif  // CONFORMANCE_REQUIREMENTS_CATALOG_FILE_H_
