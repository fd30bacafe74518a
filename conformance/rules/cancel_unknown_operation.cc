// cancel-unknown-operation: PeerDistClientCancelAsyncOperation and
// PeerDistServerCancelAsyncOperation given an OVERLAPPED with no operation
// pending (never used, or its operation already completed) fail with
// PEERDIST_ERROR_OPERATION_NOTFOUND (the pages' PEERDIST_ERROR_OPERATION_NOT_FOUND,
// 4059 in peerdist.h). The server cancel names the operation by content
// identifier and OVERLAPPED (SCANCEL-1): an OVERLAPPED pending only on stream
// or content-information handles of other identifiers has no operation for
// the identifier passed either. An OVERLAPPED pending on a client content
// handle, or on a handle of the identifier opened by another session, is not
// judged (the page does not say whether those are found). An identifier is
// all its cbContentIdentifier bytes: "pd-content-10", which the generator
// draws beside a published "pd-content-1", is another identifier.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/publication_history.h"

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

// Whether a pending operation is surely not the server cancel's: on a
// stream or content-information handle of another content identifier.
bool OfAnotherIdentifier(const HandleHistory& history, const OperationView& operation, std::int64_t content) {
  const OpenedHandle* handle = history.Handle(operation.object);
  if (handle == nullptr || content < 0) return false;
  if (handle->kind != HandleKind::kStream && handle->kind != HandleKind::kContentInfo) return false;
  return handle->content >= 0 && handle->content != content;
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
    bool pending = false, elsewhere = false;
    for (const OperationView& operation : history.operations()) {
      if (!operation.accepted || operation.overlapped != c.overlapped) continue;
      if (operation.call->call_index > call.call_index) continue;
      if (operation.FirstAct() != kNoPosition && operation.FirstAct() <= call.call_index) continue;
      if (!client && OfAnotherIdentifier(history, operation, DetailNumber(c.detail, "id="))) {
        elsewhere = true;
      } else {
        pending = true;
      }
    }
    if (pending) continue;  // cancel-aborts judges cancels of pending operations
    if (call.ret->code == PEERDIST_ERROR_OPERATION_NOTFOUND) continue;
    if (!client && ServiceRowFits(StatusAfter(view, call.call_index), call.ret->code)) continue;
    const std::string what = elsewhere ? " with an OVERLAPPED pending only on handles of other identifiers returned "
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
    {{"SCANCEL-3"}, {"SCANCEL-4"}, {"SCANCEL-9", kPartly}, {"CCANCEL-9"}},
    "cancelling with an OVERLAPPED that has no operation pending (server: for the identifier passed) fails with "
    "PEERDIST_ERROR_OPERATION_NOTFOUND",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
