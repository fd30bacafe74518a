// cancel-aborts: a cancel cancels what it names, and only that. A cancel
// called while an operation it names is pending (conformance/rules/
// cancel_targets.h: the client's by content handle and OVERLAPPED, or every
// operation of the handle with a NULL OVERLAPPED; the server's by content
// identifier, session and OVERLAPPED) returns ERROR_SUCCESS, unless a bad
// argument, an unusable or invalidated handle or a service-state row answers
// first, or the operation completed of itself inside the call. A cancel that
// returns ERROR_SUCCESS has completed what it cancelled before it returns:
// each operation shows a completion act before the cancel's return, the
// first with ERROR_OPERATION_ABORTED. "will not return until the cancelation
// result is posted to the completion port or wait event is set": an
// operation with a completion port (its handle's, or FlushContent's own) or
// an hEvent has a packet posted or its event signalled inside the cancel
// call, one of the two at least; its OVERLAPPED written alone is enough only
// when it has neither. An operation the cancel does not name (another
// content handle's or OVERLAPPED's; another identifier's) is not cancelled
// inside the call.
#include "conformance/rule.h"
#include "conformance/rules/cancel_targets.h"

namespace pd {
namespace rules {
namespace {

// Whether the operation has a completion port (-1 NULL, -2 not a port).
int PortOf(const HandleHistory& history, const OperationView& operation) {
  if (operation.object < 0) return operation.call->call->port;
  const OpenedHandle* handle = history.Handle(operation.object);
  return handle != nullptr ? handle->port : -1;
}

std::optional<Violation> UnpostedCancellation(const TraceView& view, const HandleHistory& history,
                                              const CallView& cancel, const OperationView& operation) {
  const bool port = PortOf(history, operation) >= 0;
  const bool event = operation.event >= 0;
  if (!port && !event) return std::nullopt;
  for (const OperationAct& act : operation.acts) {
    if (act.index < cancel.call_index || act.index > cancel.return_index) continue;
    const TraceKind kind = view.events()[act.index].kind;
    if ((port && kind == TraceKind::kPacket) || (event && kind == TraceKind::kEventSignal)) return std::nullopt;
  }
  const std::string channel = port && event ? "a packet to its completion port or a signal of its event"
                              : port        ? "a packet to its completion port"
                                            : "a signal of its event";
  return At(*cancel.ret, CallName(cancel) + " returned ERROR_SUCCESS before " + CallName(*operation.call) +
                             "'s cancellation result was posted; expected " + channel +
                             " inside the call (its OVERLAPPED written alone is not enough)");
}

// Whether the cancel may fail for a reason of its own although it names a
// pending operation: a bad session handle or argument, a content handle the
// client may not use (closed, another session's, invalidated), the operation's
// handle invalidated (in-flight-at-invalidation), or a service-state row.
bool MayFail(const TraceView& view, const HandleHistory& history, const CallView& cancel,
             const OperationView& operation) {
  const TraceEvent& c = *cancel.call;
  if (c.handle_open != 1 || c.null_arg == 1 || PassesEmptyIdentifier(c)) return true;
  if (c.function == ApiFunction::kClientCancelAsyncOperation) {
    const OpenedHandle* handle = history.WellFormedTarget(cancel);
    if (handle == nullptr || history.InvalidatedBy(*handle, cancel.call_index) != nullptr) return true;
  }
  const OpenedHandle* handle = history.Handle(operation.object);
  if (handle != nullptr && history.InvalidatedBy(*handle, cancel.call_index) != nullptr) return true;
  return ServiceRowFits(StatusAfter(view, cancel.call_index), cancel.ret->code);
}

// A cancel that names a pending operation cancels it: it returns
// ERROR_SUCCESS, unless the operation completed of itself inside the call
// (its first act there is not a cancellation: "does not guarantee that the
// operation will complete as canceled").
std::optional<Violation> Refused(const TraceView& view, const HandleHistory& history, const CallView& cancel,
                                 const OperationView& operation) {
  if (cancel.ret->code == ERROR_SUCCESS || MayFail(view, history, cancel, operation)) return std::nullopt;
  const std::size_t first = operation.FirstAct();
  if (first != kNoPosition && first <= cancel.return_index && operation.acts.front().code != ERROR_OPERATION_ABORTED) {
    return std::nullopt;
  }
  return At(*cancel.ret, CallName(cancel) + " " + cancel.call->detail + " returned " + Code(cancel.ret->code) +
                             " while " + CallName(*operation.call) +
                             ", which it names, was pending; expected ERROR_SUCCESS, the operation cancelled");
}

// A successful cancel has posted the cancellation result of each operation
// it names before it returns (SCANCEL-12, CCANCEL-12).
std::optional<Violation> NotCancelled(const TraceView& view, const HandleHistory& history, const CallView& cancel,
                                      const OperationView& operation) {
  const std::size_t first = operation.FirstAct();
  if (first == kNoPosition || first > cancel.return_index) {
    return At(*cancel.ret, CallName(cancel) + " returned ERROR_SUCCESS while " + CallName(*operation.call) +
                               " was still pending; expected the cancellation result to be posted before it returns");
  }
  if (const std::optional<Violation> unposted = UnpostedCancellation(view, history, cancel, operation)) {
    return unposted;
  }
  const std::int64_t code = operation.acts.front().code;
  if (code == ERROR_OPERATION_ABORTED || code == kNoValue) return std::nullopt;
  return At(view.events()[first], CallName(*operation.call) + ", cancelled at step " +
                                      std::to_string(cancel.call->step) + ", completed with " + Code(code) +
                                      "; expected ERROR_OPERATION_ABORTED");
}

// A cancel does not cancel what it does not name: another content handle's
// operation (client), another identifier's (server).
std::optional<Violation> CancelledOther(const TraceView& view, const CallView& cancel, const OperationView& operation) {
  const std::size_t first = operation.FirstAct();
  if (first == kNoPosition || first > cancel.return_index) return std::nullopt;
  if (operation.acts.front().code != ERROR_OPERATION_ABORTED) return std::nullopt;
  return At(view.events()[first], CallName(cancel) + " " + cancel.call->detail + " cancelled " +
                                      CallName(*operation.call) +
                                      ", which it does not name (another " +
                                      (cancel.call->function == ApiFunction::kClientCancelAsyncOperation
                                           ? "content handle's or OVERLAPPED's"
                                           : "content identifier's") +
                                      "); expected it left pending");
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (!IsCancelFunction(call.call->function) || call.ret == nullptr) continue;
    for (const OperationView& operation : history.operations()) {
      if (!PendingAt(operation, call)) continue;
      std::optional<Violation> violation;
      switch (ScopeOf(view, history, call, operation)) {
        case CancelScope::kNamed:
          violation = call.ret->code == ERROR_SUCCESS ? NotCancelled(view, history, call, operation)
                                                      : Refused(view, history, call, operation);
          break;
        case CancelScope::kOther:
          violation = CancelledOther(view, call, operation);
          break;
        case CancelScope::kUnstated:  // server-cancel-scope's
        case CancelScope::kUnjudged:
          break;
      }
      if (violation) return violation;
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "cancel-aborts",
    188,
    Strength::kDocumented,
    "",
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, PeerDistServerPublishStream, "
        "PeerDistServerCancelAsyncOperation, PeerDistClientCancelAsyncOperation",
    {{"SADDTOSTREAM-13", kPartly, "cancelled by PeerDistServerCancelAsyncOperation"},
     {"SCOMPLETESTREAM-9", kPartly, "cancelled by PeerDistServerCancelAsyncOperation"},
     {"SPUBLISH-22", kPartly, "PeerDistServerCancelAsyncOperation"},
     {"SCANCEL-1", kPartly, "the session's operation of the identifier"}, {"SCANCEL-5"}, {"SCANCEL-6"},
     {"SCANCEL-9", kPartly, "an operation it names is pending"}, {"SCANCEL-12"}, {"SCANCEL-16", kPartly},
     {"CCANCEL-1"}, {"CCANCEL-4"}, {"CCANCEL-5"}, {"CCANCEL-6"}, {"CCANCEL-12"}, {"CCANCEL-16", kPartly}},
    "a cancel called while an operation it names is pending returns ERROR_SUCCESS (unless another fault answers "
    "first) and completes it with ERROR_OPERATION_ABORTED before it returns, its result posted; it cancels nothing "
    "it does not name (another content handle's, OVERLAPPED's or identifier's operation)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
