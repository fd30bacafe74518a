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
    "for the session associated with the specified handle. To confirm successfully canceled operations, a call "
    "should be made to GetOverlappedResult using the OVERLAPPED structure returned by GetQueuedCompletionStatus "
    "with an expected return of FALSE. Additionally, calling GetLastError immediately after a successful "
    "PeerDistRegisterForStatusChangeNotification will return the ERROR_OPERATION_ABORTED error code. [The last "
    "sentence is read as the cancelled registration's result: conformance/ambiguities/AMBIGUITIES.md, "
    "unregister-last-error.]",
    "after a successful Unregister, the session's active registration completes with ERROR_OPERATION_ABORTED "
    "within the liveness bound, is never reported as a success, and GetOverlappedResult on it returns FALSE "
    "with ERROR_OPERATION_ABORTED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
