// server-cancel-scope: PeerDistServerCancelAsyncOperation names, by
// hPeerDist, content identifier and OVERLAPPED, only an operation its own
// session started on a stream or content-information handle of the
// identifier's current publication (AMBIGUITIES.md, "what the cancel pages
// leave open": the page names no session, a client content handle's
// operation has no content identifier of the server's, and a handle whose
// publication was unpublished has lost its identifier). A server cancel
// given an OVERLAPPED pending only on such other handles answers
// PEERDIST_ERROR_OPERATION_NOTFOUND (or its service-state row), and no
// server cancel cancels such an operation.
#include "conformance/rule.h"
#include "conformance/rules/cancel_targets.h"

namespace pd {
namespace rules {
namespace {

std::string Whose(const HandleHistory& history, const CallView& call, const OperationView& operation) {
  const OpenedHandle* handle = history.Handle(operation.object);
  if (handle == nullptr || handle->kind == HandleKind::kContent) return "a client content handle's operation";
  if (handle->session != call.call->session) return "an operation of session " + std::to_string(handle->session);
  return "an operation on a handle whose publication was unpublished";
}

std::optional<Violation> JudgeCall(const TraceView& view, const HandleHistory& history, const CallView& call) {
  const TraceEvent& c = *call.call;
  bool named = false;
  const OperationView* unstated = nullptr;
  for (const OperationView& operation : history.operations()) {
    if (!PendingAt(operation, call)) continue;
    const CancelScope scope = ScopeOf(view, history, call, operation);
    named |= scope == CancelScope::kNamed || scope == CancelScope::kUnjudged;
    if (scope != CancelScope::kUnstated) continue;
    if (unstated == nullptr) unstated = &operation;
    const std::size_t first = operation.FirstAct();
    if (first != kNoPosition && first <= call.return_index && operation.acts.front().code == ERROR_OPERATION_ABORTED) {
      return At(view.events()[first], CallName(call) + " " + c.detail + " of session " + std::to_string(c.session) +
                                          " cancelled " + CallName(*operation.call) + ", " + Whose(history, call, operation) +
                                          "; expected a server cancel to name only its own session's server operations of the identifier's "
                                          "current publication");
    }
  }
  if (named || unstated == nullptr || c.handle_open != 1 || c.null_arg == 1) return std::nullopt;
  if (PassesEmptyIdentifier(c)) return std::nullopt;  // invalid-parameter's
  const std::int64_t code = call.ret->code;
  if (code == PEERDIST_ERROR_OPERATION_NOTFOUND || ServiceRowFits(StatusAfter(view, call.call_index), code)) {
    return std::nullopt;
  }
  return At(*call.ret, CallName(call) + " " + c.detail + " of session " + std::to_string(c.session) +
                           " with an OVERLAPPED pending only as " + Whose(history, call, *unstated) + " returned " +
                           Code(code) + "; expected PEERDIST_ERROR_OPERATION_NOTFOUND");
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kServerCancelAsyncOperation || call.ret == nullptr) continue;
    if (call.call->overlapped < 0) continue;
    if (auto violation = JudgeCall(view, history, call)) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "server-cancel-scope",
    187,
    Strength::kInterpretation,
    "the page names the operation by content identifier and OVERLAPPED and says nothing of sessions or client "
        "content handles or unpublished publications: the rule reads hPeerDist as naming the session whose server "
        "operation of the current publication is cancelled (AMBIGUITIES.md, what the cancel pages leave open)",
    "PeerDistServerCancelAsyncOperation",
    {{"SCANCEL-1", kPartly, "operations the page does not place"},
     {"SCANCEL-9", kPartly, "operations the page does not place"}},
    "a server cancel neither finds nor cancels another session's operation, a client content handle's, or one on a "
    "handle whose publication was unpublished: with its OVERLAPPED pending only there it answers "
    "PEERDIST_ERROR_OPERATION_NOTFOUND",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
