// no-hang: every call and every callback returns within the wall-clock bound
// (pdconform --timeout-ms, per answer). A plugin's worker or an exec: program
// that stops answering is killed, leaving a finding starting "no-hang: "
// (adapters/implementation_lost.h); the run stops there.
#include "adapters/implementation_lost.h"
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kHangFindingPrefix,
                                "; expected every call and callback to return within the wall-clock bound");
}

PD_REGISTER_RULE((Rule{
    "no-hang",
    180,
    Strength::kImplied,
    "peerdist.h (the Return value section of every function)",
    "If the function succeeds, the return value is ERROR_IO_PENDING. Otherwise, the function may return one of "
    "the following values:",
    "every call and every callback (scheduled work, status change) returns within the wall-clock bound "
    "(--timeout-ms per answer): asynchronous work is scheduled, never waited for",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
