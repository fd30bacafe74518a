// invalidated: after the status moves to DISABLED or UNAVAILABLE, every
// call on a content, content-information or stream handle opened before the
// move (other than its close) fails with PEERDIST_ERROR_INVALIDATED, until
// the status comes back (no-revalidation judges the calls after that). A
// function whose page lists the service-state rows may answer the row for
// the status instead (the ambiguity invalidated-code: REGISTER-23 against
// the function pages; consistent-interpretation holds it to one choice).
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/service_rows.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (!TakesObject(call) || IsCloseFunction(call.call->function)) continue;
    const OpenedHandle* handle = history.WellFormedTarget(call);
    if (handle == nullptr) continue;
    const StatusMove* move = history.InvalidatedBy(*handle, call.call_index);
    if (move == nullptr || history.ReturnedBetween(move->index, call.call_index)) continue;
    if (call.ret->code == PEERDIST_ERROR_INVALIDATED) continue;
    // The function's own row for the status (ambiguity invalidated-code).
    const bool rows = ListsServiceRows(call.call->function);
    if (rows && IsServiceRowFor(call.ret->code, StatusAfter(view, call.call_index))) continue;
    return At(*call.ret, CallName(call) + " after the status moved from " + StatusName(move->from) + " to " +
                             StatusName(move->to) + " (at t=" + std::to_string(view.events()[move->index].time) +
                             ") returned " + Code(call.ret->code) + "; expected PEERDIST_ERROR_INVALIDATED" +
                             (rows ? " (or the page's row for the status)" : ""));
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "invalidated",
    170,
    Strength::kDocumented,
    "",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PeerDistServerPublishCompleteStream",
    {{"REGISTER-22"}, {"REGISTER-23"}, {"REGISTEREX-20"}, {"REGISTEREX-21"}, {"SCOMPLETESTREAM-13", kPartly}},
    "after a move to DISABLED or UNAVAILABLE, every call on a content, content-information or stream handle opened "
    "before it (other than its close) fails with PEERDIST_ERROR_INVALIDATED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
