// Helpers for the report writers' tests.
#ifndef REPORTS_REPORT_TESTING_H_
#define REPORTS_REPORT_TESTING_H_

#include <string>

#include "reports/report_model.h"

namespace pd {

// Two rules (one holds, one violated with a counterexample), one ambiguity
// and two pages of requirements (every class of entry, checked, partly
// checked and not checked); the strings carry characters every escaper must
// handle.
Report SampleReport();

// A small XML well-formedness check: one root element, balanced and properly
// nested tags, quoted attributes, no raw '<' or unescaped '&' in text or
// attribute values, only known entities. Returns "" or what is wrong.
std::string CheckWellFormedXml(const std::string& xml);

}  // namespace pd

#endif  // REPORTS_REPORT_TESTING_H_
