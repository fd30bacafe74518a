// The page style report.html and the differential replay's report.html
// share (inline CSS: the pages fetch nothing): colours, type, the verdict
// banner, the run's description list. Each page adds its own rules after it.
#ifndef REPORTS_HTML_PAGE_STYLE_H_
#define REPORTS_HTML_PAGE_STYLE_H_

namespace pd {

// CSS rules, one per line, each line ending in a newline.
extern const char kReportPageStyle[];

}  // namespace pd

#endif  // REPORTS_HTML_PAGE_STYLE_H_
