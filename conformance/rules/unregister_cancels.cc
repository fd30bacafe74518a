// unregister-cancels: a successful Unregister of a session with an active
// registration completes that registration as cancelled
// (ERROR_OPERATION_ABORTED) within kLivenessBound, nothing reports it as a
// success afterwards, and GetOverlappedResult on it then returns FALSE with
// ERROR_OPERATION_ABORTED.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return JudgeCancellation(view, ApiFunction::kUnregister, "PeerDistUnregisterForStatusChangeNotification",
                           /*check_result=*/true);
}

PD_REGISTER_RULE((Rule{
    "unregister-cancels",
    110,
    Strength::kDocumented,
    "PeerDistUnregisterForStatusChangeNotification",
    "The PeerDistUnregisterForStatusChangeNotification function unregisters the status change notification "
    "for the session associated with the specified handle. [Remarks, paraphrased: GetLastError returns "
    "ERROR_OPERATION_ABORTED; read as the result of the cancelled registration, see DESIGN.md section 5.]",
    "after a successful Unregister, the session's active registration completes with ERROR_OPERATION_ABORTED "
    "within the liveness bound, is never reported as a success, and GetOverlappedResult on it returns FALSE "
    "with ERROR_OPERATION_ABORTED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
