// cancel-unknown-operation: PeerDistClientCancelAsyncOperation and
// PeerDistServerCancelAsyncOperation given an OVERLAPPED with no operation
// pending that they name (conformance/rules/cancel_targets.h) fail with
// PEERDIST_ERROR_OPERATION_NOTFOUND (the pages' PEERDIST_ERROR_OPERATION_NOT_FOUND,
// 4059 in peerdist.h): an OVERLAPPED never used, one whose operation already
// completed, one pending only on other content handles (client: CCANCEL-1
// names the operation by OVERLAPPED and content handle) or only on stream or
// content-information handles of other identifiers (server: SCANCEL-1). An
// OVERLAPPED pending on a client content handle, or on a handle of the
// identifier opened by another session, is server-cancel-scope's. An
// identifier is all its cbContentIdentifier bytes: "pd-content-10", which
// the generator draws beside a published "pd-content-1", is another
// identifier.
#include "conformance/rule.h"
#include "conformance/rules/cancel_targets.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    const bool client = c.function == ApiFunction::kClientCancelAsyncOperation;
    if (!client && c.function != ApiFunction::kServerCancelAsyncOperation) continue;
    if (call.ret == nullptr || c.handle_open != 1 || c.null_arg == 1 || c.overlapped < 0) continue;
    if (PassesEmptyIdentifier(c)) continue;  // invalid-parameter's
    if (client) {
      // The content handle must be one the call may use at all.
      const OpenedHandle* handle = history.WellFormedTarget(call);
      if (handle == nullptr || history.InvalidatedBy(*handle, call.call_index) != nullptr) continue;
    }
    bool pending = false, elsewhere = false;
    for (const OperationView& operation : history.operations()) {
      if (!PendingAt(operation, call)) continue;
      if (operation.overlapped != c.overlapped) continue;
      if (ScopeOf(view, history, call, operation) == CancelScope::kOther) {
        elsewhere = true;
      } else {
        pending = true;  // cancel-aborts judges it, or server-cancel-scope
      }
    }
    if (pending) continue;
    if (call.ret->code == PEERDIST_ERROR_OPERATION_NOTFOUND) continue;
    if (ServiceRowFits(StatusAfter(view, call.call_index), call.ret->code)) continue;
    const std::string what = elsewhere ? (client ? " with an OVERLAPPED pending only on other content handles returned "
                                                  : " with an OVERLAPPED pending only on handles of other identifiers returned ")
                                       : " with an OVERLAPPED that had no operation pending returned ";
    return At(*call.ret, CallName(call) + " " + c.detail + what + Code(call.ret->code) +
                             "; expected PEERDIST_ERROR_OPERATION_NOTFOUND");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "cancel-unknown-operation",
    186,
    Strength::kDocumented,
    "",
    "PeerDistServerCancelAsyncOperation, PeerDistClientCancelAsyncOperation",
    {{"SCANCEL-3"}, {"SCANCEL-4"}, {"SCANCEL-9", kPartly, "nothing it names is pending"}, {"CCANCEL-9"}},
    "cancelling with an OVERLAPPED that has no operation pending (server: for the identifier passed) fails with "
    "PEERDIST_ERROR_OPERATION_NOTFOUND",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
