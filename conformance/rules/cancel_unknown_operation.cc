// cancel-unknown-operation: PeerDistClientCancelAsyncOperation and
// PeerDistServerCancelAsyncOperation given an OVERLAPPED with no operation
// pending (never used, or its operation already completed) fail with
// PEERDIST_ERROR_OPERATION_NOTFOUND (the pages' PEERDIST_ERROR_OPERATION_NOT_FOUND,
// 4059 in peerdist.h).
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The server cancel's page also lists ERROR_ACCESS_DISABLED_BY_POLICY and
// PEERDIST_ERROR_SERVICE_UNAVAILABLE (SCANCEL-10/11): while the service is
// DISABLED or UNAVAILABLE, the row of that status may answer first.
bool ServiceRowFits(PEERDIST_STATUS status, std::int64_t code) {
  return (status == PEERDIST_STATUS_DISABLED && code == ERROR_ACCESS_DISABLED_BY_POLICY) ||
         (status == PEERDIST_STATUS_UNAVAILABLE && code == PEERDIST_ERROR_SERVICE_UNAVAILABLE);
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    const bool client = c.function == ApiFunction::kClientCancelAsyncOperation;
    if (!client && c.function != ApiFunction::kServerCancelAsyncOperation) continue;
    if (call.ret == nullptr || c.handle_open != 1 || c.null_arg == 1 || c.overlapped < 0) continue;
    if (client) {
      // The content handle must be one the call may use at all.
      const OpenedHandle* handle = history.WellFormedTarget(call);
      if (handle == nullptr || history.InvalidatedBy(*handle, call.call_index) != nullptr) continue;
    }
    bool pending = false;
    for (const OperationView& operation : history.operations()) {
      if (!operation.accepted || operation.overlapped != c.overlapped) continue;
      if (operation.call->call_index > call.call_index) continue;
      if (operation.FirstAct() == kNoPosition || operation.FirstAct() > call.call_index) pending = true;
    }
    if (pending) continue;  // cancel-aborts judges cancels of pending operations
    if (call.ret->code == PEERDIST_ERROR_OPERATION_NOTFOUND) continue;
    if (!client && ServiceRowFits(StatusAfter(view, call.call_index), call.ret->code)) continue;
    return At(*call.ret, CallName(call) + " " + c.detail + " with an OVERLAPPED that had no operation pending returned " +
                             Code(call.ret->code) + "; expected PEERDIST_ERROR_OPERATION_NOTFOUND");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "cancel-unknown-operation",
    186,
    Strength::kDocumented,
    "",
    "PeerDistServerCancelAsyncOperation, PeerDistClientCancelAsyncOperation",
    {{"SCANCEL-9", kPartly}, {"CCANCEL-9"}},
    "cancelling with an OVERLAPPED that has no operation pending fails with PEERDIST_ERROR_OPERATION_NOTFOUND",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
