// no-hang: every call and every callback returns within the wall-clock bound
// (pdconform --timeout-ms, per answer), and the work an implementation
// schedules comes to rest in virtual time. A plugin's worker or an exec:
// program that stops answering is killed, and an implementation that keeps
// the World busy (work without end, see WorldBoundExceeded) is stopped; each
// leaves a finding starting "no-hang: " (adapters/implementation_lost.h,
// scenario/scenario_runner.cc); the run stops there.
#include "adapters/implementation_lost.h"
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kHangFindingPrefix,
                                "; expected every call and callback to return within the wall-clock bound, and "
                                "scheduled work to come to rest");
}

PD_REGISTER_RULE((Rule{
    "no-hang",
    194,
    Strength::kImplied,
    "peerdist.h (the Return value section of every function)",
    "If the function succeeds, the return value is ERROR_IO_PENDING. Otherwise, the function may return one of "
    "the following values:",
    "every call and every callback (scheduled work, status change) returns within the wall-clock bound "
    "(--timeout-ms per answer): asynchronous work is scheduled, never waited for; and the work scheduled comes "
    "to rest in virtual time (no livelock)",
    Judge,
    /*judges_cut_short_cases=*/true,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
