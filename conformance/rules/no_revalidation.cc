// no-revalidation: a handle invalidated by a move to DISABLED or UNAVAILABLE
// stays invalid when the status comes back to AVAILABLE (its calls still fail
// with PEERDIST_ERROR_INVALIDATED), while handles opened after the last
// invalidating move work: nothing on them reports PEERDIST_ERROR_INVALIDATED.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (!TakesObject(call)) continue;
    const OpenedHandle* handle = history.WellFormedTarget(call);
    if (handle == nullptr) continue;
    const StatusMove* move = history.InvalidatedBy(*handle, call.call_index);
    if (move == nullptr) {
      if (call.ret->code != PEERDIST_ERROR_INVALIDATED) continue;
      return At(*call.ret, CallName(call) + " on a handle opened after the last move to DISABLED or UNAVAILABLE "
                                            "returned PEERDIST_ERROR_INVALIDATED; expected a new handle to work");
    }
    if (IsCloseFunction(call.call->function) || !history.ReturnedBetween(move->index, call.call_index)) continue;
    if (call.ret->code == PEERDIST_ERROR_INVALIDATED) continue;
    return At(*call.ret, CallName(call) + " after the status moved to " + StatusName(move->to) +
                             " and came back to available returned " + Code(call.ret->code) +
                             "; expected PEERDIST_ERROR_INVALIDATED (an invalidated handle stays invalid)");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "no-revalidation",
    172,
    Strength::kImplied,
    "the pages say invalidated handles must be closed, not that they stay invalid when the status returns",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PeerDistServerPublishStream, PeerDistServerOpenContentInformation, "
        "PeerDistServerOpenContentInformationEx",
    {{"REGISTER-22", kPartly}, {"REGISTER-23", kPartly}, {"REGISTEREX-20", kPartly},
     {"REGISTEREX-21", kPartly}, {"SPUBLISH-23", kPartly}, {"SOPENINFO-2", kPartly},
     {"SOPENINFO-20", kPartly}, {"SOPENINFOEX-2", kPartly}, {"SOPENINFOEX-16", kPartly}},
    "an invalidated handle still fails with PEERDIST_ERROR_INVALIDATED after the status returns to AVAILABLE; handles "
    "opened after the last invalidating move never report PEERDIST_ERROR_INVALIDATED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
