// report.html: one self-contained page for people (no script, stylesheet,
// font or image is fetched: CSS and SVG are inline, and there is no script).
// It shows the CI verdict; first, for each violation, its message, replay
// command, shrunk scenario and trace drawn as a timeline (timeline_svg.h);
// then the rule table (id, strength, citation, verdict, cases, baseline), the
// coverage matrix when the run computed one, and the interpretation the
// implementation follows for each ambiguity.
// Deterministic like every report: same Report, same bytes.
#ifndef REPORTS_HTML_REPORT_H_
#define REPORTS_HTML_REPORT_H_

#include <string>

#include "reports/report_model.h"

namespace pd {

std::string RenderHtmlReport(const Report& report);

}  // namespace pd

#endif  // REPORTS_HTML_REPORT_H_
