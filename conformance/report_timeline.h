// A counterexample's trace as the reports carry it: the events the HTML
// timeline draws, with the trace line of each (report_model.h, TimelineEvent).
#ifndef CONFORMANCE_REPORT_TIMELINE_H_
#define CONFORMANCE_REPORT_TIMELINE_H_

#include <vector>

#include "reports/report_model.h"
#include "sim/trace.h"

namespace pd {

std::vector<TimelineEvent> TimelineOf(const Trace& trace);

}  // namespace pd

#endif  // CONFORMANCE_REPORT_TIMELINE_H_
