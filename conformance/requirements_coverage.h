// Which statements of the requirements catalog a set of rules checks: the
// catalog joined with the rules' citations, as every report shows it
// ("N of M testable statements checked", overall and per page). A statement
// counts as checked when one of the rules checks all of it; rules that
// check part of it are listed, but do not make it count.
#ifndef CONFORMANCE_REQUIREMENTS_COVERAGE_H_
#define CONFORMANCE_REQUIREMENTS_COVERAGE_H_

#include <string>
#include <vector>

#include "conformance/rule.h"
#include "reports/report_model.h"

namespace pd {

// The catalog as checked by `rules` (the rules of a run: all, or --rules).
RequirementsReport CheckedRequirements(const std::vector<const Rule*>& rules);

// pdconform --list-requirements: every entry with its checking rules or
// NOT CHECKED, then one line per page "<page>: N of M testable statements
// checked", then "all pages: N of M testable statements checked".
std::string RenderRequirementsListing(const RequirementsReport& requirements);

// "N of M testable statements checked"
std::string CheckedLine(int checked, int testable);

}  // namespace pd

#endif  // CONFORMANCE_REQUIREMENTS_COVERAGE_H_
