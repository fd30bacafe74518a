// junit.xml: one <testsuite> for the run, one <testcase> per rule. A violated
// rule carries a <failure> whose message names the rule, its citation and
// the replay command; the body adds the violation and the counterexample
// file. With a baseline (--baseline), a listed violation is <skipped> with the
// details in <system-out>, and a listed rule that now holds is a <failure>
// of type "baseline-fixed". No time attributes: the file must not depend on
// wall time. Valid against reports/junit.xsd.
#ifndef REPORTS_JUNIT_REPORT_H_
#define REPORTS_JUNIT_REPORT_H_

#include <string>

#include "reports/report_model.h"

namespace pd {

std::string RenderJunitReport(const Report& report);

}  // namespace pd

#endif  // REPORTS_JUNIT_REPORT_H_
