// Which pending operations a PeerDistServerCancelAsyncOperation or
// PeerDistClientCancelAsyncOperation call names. The client cancel names the
// operations "associated with an OVERLAPPED structure and the content handle"
// (CCANCEL-1; with a NULL pOverlapped every operation of the handle,
// CCANCEL-5); the server cancel the one "associated with the content
// identifier and OVERLAPPED structure" (SCANCEL-1). Where the server page is
// silent — an operation on that OVERLAPPED of another session, of a client
// content handle, or of a handle whose publication was unpublished — the
// reading is AMBIGUITIES.md's ("what the cancel pages leave open"), judged
// apart by the rule server-cancel-scope.
#ifndef CONFORMANCE_RULES_CANCEL_TARGETS_H_
#define CONFORMANCE_RULES_CANCEL_TARGETS_H_

#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/publication_history.h"

namespace pd {
namespace rules {

enum class CancelScope {
  kNamed,     // the cancel names it
  kOther,     // the page's words say the cancel does not name it
  kUnstated,  // server cancel: another session's operation, a client content handle's, or one on a
              // handle whose publication was unpublished (server-cancel-scope's reading)
  kUnjudged,  // server cancel: a handle whose publication a move or a shutdown may have taken
};

inline bool IsCancelFunction(ApiFunction function) {
  return function == ApiFunction::kClientCancelAsyncOperation || function == ApiFunction::kServerCancelAsyncOperation;
}

inline CancelScope ScopeOf(const TraceView& view, const HandleHistory& history, const CallView& cancel,
                           const OperationView& operation) {
  const TraceEvent& c = *cancel.call;
  if (c.function == ApiFunction::kClientCancelAsyncOperation) {
    if (operation.object != c.object || c.object < 0) return CancelScope::kOther;
    return c.overlapped < 0 || operation.overlapped == c.overlapped ? CancelScope::kNamed : CancelScope::kOther;
  }
  if (operation.overlapped != c.overlapped || c.overlapped < 0) return CancelScope::kOther;
  const OpenedHandle* handle = history.Handle(operation.object);
  if (handle == nullptr || handle->kind == HandleKind::kContent) return CancelScope::kUnstated;
  if (handle->content != DetailNumber(c.detail, "id=")) return CancelScope::kOther;
  if (handle->session != c.session) return CancelScope::kUnstated;
  // A handle opened on a publication since unpublished has no identifier
  // left to be named by (a publication under it now is another one).
  const PublicationState state = view.Derived<PublicationHistory>().At(handle->content, cancel.call_index);
  if (state.kind == PublicationKind::kPublished) {
    return handle->open_index >= state.start ? CancelScope::kNamed : CancelScope::kUnstated;
  }
  return state.kind == PublicationKind::kRemoved ? CancelScope::kUnstated : CancelScope::kUnjudged;
}

// Whether the operation was pending when the cancel was called: accepted,
// called before it, and with no completion act before the call.
inline bool PendingAt(const OperationView& operation, const CallView& cancel) {
  if (!operation.accepted || operation.overlapped < 0) return false;
  if (operation.call->call_index > cancel.call_index) return false;
  return operation.FirstAct() == kNoPosition || operation.FirstAct() > cancel.call_index;
}

// The server cancel's page lists ERROR_ACCESS_DISABLED_BY_POLICY and
// PEERDIST_ERROR_SERVICE_UNAVAILABLE (SCANCEL-10/11), the client's too
// (CCANCEL-10/11): while the service is DISABLED or UNAVAILABLE, the row of
// that status may answer first.
inline bool ServiceRowFits(PEERDIST_STATUS status, std::int64_t code) {
  return (status == PEERDIST_STATUS_DISABLED && code == ERROR_ACCESS_DISABLED_BY_POLICY) ||
         (status == PEERDIST_STATUS_UNAVAILABLE && code == PEERDIST_ERROR_SERVICE_UNAVAILABLE);
}

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_CANCEL_TARGETS_H_
