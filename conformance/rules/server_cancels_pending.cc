// server-cancels-pending: the server calls that cancel pending operations do
// cancel them. After a successful PeerDistServerCloseStreamHandle or
// PeerDistServerCloseContentInformation, every operation still pending on
// that handle when the close was called, and after a successful
// PeerDistServerUnpublish, every operation still pending on a stream or
// content-information handle the unpublishing session opened on the
// publication it removes,
// completes within the liveness bound, and its first result is
// ERROR_OPERATION_ABORTED (PEERDIST_ERROR_INVALIDATED is accepted too for a
// handle invalidated before the call: AMBIGUITIES.md,
// in-flight-at-invalidation).
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/publication_history.h"

namespace pd {
namespace rules {
namespace {

// Whether the operation is one the call must cancel. An unpublish cancels
// the operations of the publication it removes: a handle opened on an
// earlier publication under the same identifier, already unpublished, is
// not on "unpublished content" of this call.
bool Cancels(const TraceView& view, const HandleHistory& history, const CallView& call,
             const OperationView& operation) {
  const TraceEvent& c = *call.call;
  if (IsCloseFunction(c.function)) return operation.object == c.object;
  const OpenedHandle* handle = history.Handle(operation.object);
  if (handle == nullptr || handle->kind == HandleKind::kContent || handle->session != c.session) return false;
  const std::int64_t content = DetailNumber(c.detail, "id=");
  if (handle->content != content) return false;
  const PublicationState removed = view.Derived<PublicationHistory>().At(content, call.call_index);
  return removed.kind == PublicationKind::kPublished && handle->open_index >= removed.start;
}

std::optional<Violation> JudgeCall(const TraceView& view, const HandleHistory& history, const CallView& call) {
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || operation.overlapped < 0 || operation.call->return_index > call.call_index) continue;
    if (operation.FirstAct() < call.call_index || !Cancels(view, history, call, operation)) continue;
    const std::string what = CallName(*operation.call) + ", pending at " + CallName(call) + ",";
    const VirtualTime deadline = call.ret->time + kLivenessBound;
    const OperationAct* result = nullptr;
    for (const OperationAct& act : operation.acts) {
      if (act.code == kNoValue) continue;
      result = &act;
      break;
    }
    if (result == nullptr || view.events()[result->index].time > deadline) {
      return AtTime(view, deadline, what + " had not completed " + std::to_string(kLivenessBound / kMillisecond) +
                                        " ms after it returned; expected it cancelled");
    }
    if (result->code == ERROR_OPERATION_ABORTED) continue;
    const OpenedHandle* handle = history.Handle(operation.object);
    if (result->code == PEERDIST_ERROR_INVALIDATED && handle != nullptr &&
        history.InvalidatedBy(*handle, call.call_index) != nullptr) {
      continue;
    }
    return At(view.events()[result->index],
              what + " completed with " + Code(result->code) + "; expected ERROR_OPERATION_ABORTED");
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    const bool close = c.function == ApiFunction::kServerCloseStreamHandle ||
                       c.function == ApiFunction::kServerCloseContentInformation;
    if (!close && c.function != ApiFunction::kServerUnpublish) continue;
    if (call.ret == nullptr || call.ret->code != ERROR_SUCCESS || c.handle_open != 1 || c.null_arg == 1) continue;
    if (close && c.object_state != HandleState::kOpen) continue;
    if (auto violation = JudgeCall(view, history, call)) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "server-cancels-pending",
    205,
    Strength::kImplied,
    "the pages say the calls cancel the operations; the rule reads that as the Win32 cancellation (the operation "
    "completes with ERROR_OPERATION_ABORTED) within the liveness bound",
    "PeerDistServerCloseStreamHandle, PeerDistServerCloseContentInformation, PeerDistServerUnpublish, "
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream",
    {{"SCLOSESTREAM-7"}, {"SCLOSEINFO-8"}, {"SUNPUBLISH-10"}, {"SADDTOSTREAM-13", kPartly, "cancelled by a close or an unpublish"},
     {"SCOMPLETESTREAM-9", kPartly, "cancelled by a close or an unpublish"}},
    "closing a stream or content-information handle, or unpublishing, completes the operations pending on it "
    "(unpublish: on the session's handles of the publication it removes) with ERROR_OPERATION_ABORTED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
