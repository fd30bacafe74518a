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
    Strength::kImplied,
    "the page names Win32 GetOverlappedResult and no time: the harness asks the aborted completion within "
        "its liveness bound and reads it through PeerDistGetOverlappedResult",
    "PeerDistUnregisterForStatusChangeNotification",
    {{"UNREGISTER-1", kPartly}, {"UNREGISTER-6", kPartly}, {"UNREGISTER-7", kPartly},
     {"UNREGISTER-8", kPartly}},
    "after a successful Unregister, the session's active registration completes with ERROR_OPERATION_ABORTED "
    "within the liveness bound, is never reported as a success, and GetOverlappedResult on it returns FALSE "
    "with ERROR_OPERATION_ABORTED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
