#include "conformance/report_timeline.h"

#include "sim/peerdist_types.h"

namespace pd {

std::vector<TimelineEvent> TimelineOf(const Trace& trace) {
  std::vector<TimelineEvent> timeline;
  timeline.reserve(trace.events().size());
  for (const TraceEvent& event : trace.events()) {
    TimelineEvent out;
    out.time = event.time;
    out.step = event.step;
    out.kind = TraceKindName(event.kind);
    out.session = event.session;
    out.overlapped = event.overlapped;
    if (event.function != ApiFunction::kNone) out.function = ApiFunctionName(event.function);
    if (event.status != kNoValue) out.status = StatusName(event.status);
    if (event.code != kNoValue) out.code = ErrorName(static_cast<DWORD>(event.code));
    out.text = event.Render();
    timeline.push_back(std::move(out));
  }
  return timeline;
}

}  // namespace pd
