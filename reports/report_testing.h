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

// SampleReport with its violation made one across two scenarios of a run
// (consistent-interpretation's kind): the counterexample gets a paired
// scenario, and its replay command names both files.
Report PairedSampleReport();

// A small XML well-formedness check: one root element, balanced and properly
// nested tags, quoted attributes, no raw '<' or unescaped '&' in text or
// attribute values, only known entities. Returns "" or what is wrong.
std::string CheckWellFormedXml(const std::string& xml);

}  // namespace pd

#endif  // REPORTS_REPORT_TESTING_H_
