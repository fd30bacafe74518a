// aborted-means-cancelled: "ERROR_OPERATION_ABORTED The operation was
// canceled." (SADDTOSTREAM-13, SCOMPLETESTREAM-9): an add to a stream or a
// complete of it that completes with ERROR_OPERATION_ABORTED was cancelled —
// something that cancels it had been called by then: a server cancel naming
// its OVERLAPPED, a close of its stream, an unpublish of its identifier, the
// end of its session (PeerDistShutdown), or a status move that invalidated
// its stream (AMBIGUITIES.md in-flight-at-invalidation, fails-aborted). That
// each of those does cancel it is cancel-aborts', server-cancels-pending's
// and shutdown-cancels'.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/publication_history.h"

namespace pd {
namespace rules {
namespace {

bool IsStreamWrite(ApiFunction function) {
  return function == ApiFunction::kServerPublishAddToStream || function == ApiFunction::kServerPublishCompleteStream;
}

// Whether `call`, called before trace position `at`, may have cancelled the
// operation.
bool MayCancel(const CallView& call, const OperationView& operation,
               const OpenedHandle& stream) {
  const TraceEvent& c = *call.call;
  switch (c.function) {
    case ApiFunction::kServerCancelAsyncOperation:
      return c.overlapped == operation.overlapped;
    case ApiFunction::kServerCloseStreamHandle:
      return c.object == operation.object;
    case ApiFunction::kServerUnpublish:
      return DetailNumber(c.detail, "id=") == stream.content;
    case ApiFunction::kShutdown:
      return c.session == operation.call->call->session;
    default:
      return false;
  }
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || !IsStreamWrite(operation.call->call->function)) continue;
    const OperationAct* result = nullptr;
    for (const OperationAct& act : operation.acts) {
      if (act.code == kNoValue || act.code == static_cast<std::int64_t>(kStatusPending)) continue;
      result = &act;
      break;
    }
    if (result == nullptr || result->code != ERROR_OPERATION_ABORTED) continue;
    const OpenedHandle* stream = history.Handle(operation.object);
    if (stream == nullptr || history.InvalidatedBy(*stream, result->index) != nullptr) continue;
    bool cancelled = false;
    for (const CallView& call : view.calls()) {
      if (call.call_index > result->index) break;
      if (call.call_index < operation.call->call_index) continue;
      cancelled |= MayCancel(call, operation, *stream);
    }
    if (cancelled) continue;
    return At(view.events()[result->index],
              CallName(*operation.call) + " completed with ERROR_OPERATION_ABORTED though nothing had cancelled it (no "
                                          "cancel of its OVERLAPPED, close of its stream, unpublish of its identifier, "
                                          "end of its session or invalidating move); expected its own result");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "aborted-means-cancelled",
    206,
    Strength::kDocumented,
    "",
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream",
    {{"SADDTOSTREAM-13", kPartly, "not otherwise"}, {"SCOMPLETESTREAM-9", kPartly, "not otherwise"}},
    "an add to a stream or a complete of it completes with ERROR_OPERATION_ABORTED only once something that cancels "
    "it was called: a cancel of its OVERLAPPED, a close of its stream, an unpublish, its session's end, an "
    "invalidating move",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
