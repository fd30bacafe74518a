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
    "PeerDistShutdown",
    "releases resources allocated by a call to PeerDistStartup",
    "after a successful Shutdown, the session's active registration completes with ERROR_OPERATION_ABORTED "
    "within the liveness bound, is never reported as a success, and GetOverlappedResult on it returns FALSE "
    "with ERROR_OPERATION_ABORTED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
