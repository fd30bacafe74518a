// cancel-aborts: a cancel that returns ERROR_SUCCESS has completed what it
// cancelled before it returns: the operation named by its OVERLAPPED (or,
// with a NULL OVERLAPPED, every operation pending on the content handle)
// shows a completion act before the cancel's return, and one that had not
// completed when the cancel began completes with ERROR_OPERATION_ABORTED.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    const bool client = c.function == ApiFunction::kClientCancelAsyncOperation;
    if (!client && c.function != ApiFunction::kServerCancelAsyncOperation) continue;
    if (call.ret == nullptr || call.ret->code != ERROR_SUCCESS) continue;
    const bool all = client && c.overlapped < 0;
    for (const OperationView& operation : history.operations()) {
      if (!operation.accepted || operation.call->call_index > call.call_index) continue;
      if (all ? operation.object != c.object : operation.overlapped != c.overlapped) continue;
      if (operation.overlapped < 0 || operation.FirstAct() < call.call_index) continue;  // not pending then
      const std::size_t first = operation.FirstAct();
      if (first == kNoPosition || first > call.return_index) {
        return At(*call.ret, CallName(call) + " returned ERROR_SUCCESS while " + CallName(*operation.call) +
                                 " was still pending; expected the cancellation result to be posted before it returns");
      }
      const std::int64_t code = operation.acts.front().code;
      if (code == ERROR_OPERATION_ABORTED || code == kNoValue) continue;
      return At(view.events()[first], CallName(*operation.call) + ", cancelled at step " + std::to_string(c.step) +
                                          ", completed with " + Code(code) + "; expected ERROR_OPERATION_ABORTED");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "cancel-aborts",
    188,
    Strength::kDocumented,
    "",
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
        "PeerDistServerCancelAsyncOperation, PeerDistClientCancelAsyncOperation",
    {{"SADDTOSTREAM-13", kPartly}, {"SCOMPLETESTREAM-9", kPartly}, {"SCANCEL-1", kPartly},
     {"SCANCEL-5", kPartly}, {"SCANCEL-6", kPartly}, {"SCANCEL-12", kPartly}, {"SCANCEL-16", kPartly},
     {"CCANCEL-1", kPartly}, {"CCANCEL-4", kPartly}, {"CCANCEL-5", kPartly}, {"CCANCEL-6", kPartly},
     {"CCANCEL-12", kPartly}, {"CCANCEL-16", kPartly}},
    "a successful cancel completes the pending operation(s) it names with ERROR_OPERATION_ABORTED before it returns",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
