// shutdown-cancels: closing a session ends its outstanding registration, as
// closing a handle cancels its I/O: it completes as cancelled within
// kLivenessBound and is never reported as a success afterwards.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return JudgeCancellation(view, ApiFunction::kShutdown, "PeerDistShutdown", /*check_result=*/true);
}

PD_REGISTER_RULE((Rule{
    "shutdown-cancels",
    120,
    Strength::kImplied,
    "the page says Shutdown cancels the session's pending operations; the code they complete with "
        "(ERROR_OPERATION_ABORTED) and the time bound are the overlapped convention",
    "PeerDistShutdown",
    {{"SHUTDOWN-8", kPartly}},
    "after a successful Shutdown, the session's active registration completes with ERROR_OPERATION_ABORTED "
    "within the liveness bound, is never reported as a success, and GetOverlappedResult on it returns FALSE "
    "with ERROR_OPERATION_ABORTED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
