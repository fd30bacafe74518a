// cancel-aborts: a cancel that returns ERROR_SUCCESS has completed what it
// cancelled before it returns: the operation named by its OVERLAPPED (or,
// with a NULL OVERLAPPED, every operation pending on the content handle)
// shows a completion act before the cancel's return, and one that had not
// completed when the cancel began completes with ERROR_OPERATION_ABORTED.
// "will not return until the cancelation result is posted to the completion
// port or wait event is set": an operation with a completion port (its
// handle's, or FlushContent's own) or an hEvent has a packet posted or its
// event signalled inside the cancel call, one of the two at least; its
// OVERLAPPED written alone is enough only when it has neither.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

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
      if (const std::optional<Violation> unposted = UnpostedCancellation(view, history, call, operation)) {
        return unposted;
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
     {"SCANCEL-5", kPartly}, {"SCANCEL-6", kPartly}, {"SCANCEL-12"}, {"SCANCEL-16", kPartly},
     {"CCANCEL-1", kPartly}, {"CCANCEL-4", kPartly}, {"CCANCEL-5", kPartly}, {"CCANCEL-6", kPartly},
     {"CCANCEL-12"}, {"CCANCEL-16", kPartly}},
    "a successful cancel completes the pending operation(s) it names with ERROR_OPERATION_ABORTED before it returns",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
