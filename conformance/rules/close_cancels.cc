// close-cancels: a successful PeerDistClientCloseContent cancels every
// asynchronous operation still pending on the handle: each completes, within
// the liveness bound of the close's return, with ERROR_OPERATION_ABORTED
// (or PEERDIST_ERROR_INVALIDATED, when a status move invalidated the handle
// before the close: AMBIGUITIES.md, in-flight-at-invalidation).
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The first completion act of an operation that carries a code, or nullptr.
const OperationAct* FirstCoded(const OperationView& operation) {
  for (const OperationAct& act : operation.acts) {
    if (act.code != kNoValue) return &act;
  }
  return nullptr;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& close : view.calls()) {
    const TraceEvent& c = *close.call;
    if (c.function != ApiFunction::kClientCloseContent || close.ret == nullptr) continue;
    if (close.ret->code != ERROR_SUCCESS || c.object_state != HandleState::kOpen) continue;
    const OpenedHandle* handle = history.Handle(c.object);
    if (handle == nullptr) continue;
    const bool invalidated = history.InvalidatedBy(*handle, close.call_index) != nullptr;
    const VirtualTime deadline = close.ret->time + kLivenessBound;
    for (const OperationView& operation : history.operations()) {
      if (!operation.accepted || operation.overlapped < 0 || operation.object != c.object) continue;
      if (operation.call->call_index > close.call_index) continue;
      if (operation.FirstAct() < close.call_index) continue;  // completed before the close
      const OperationAct* act = FirstCoded(operation);
      const std::string name = CallName(*operation.call) + ", pending when the handle was closed (step " +
                               std::to_string(c.step) + "),";
      if (act == nullptr || view.events()[act->index].time > deadline) {
        if (view.end_time() <= deadline) continue;  // the window did not close inside the trace
        return At(*close.ret, name + " was not completed within " + std::to_string(kLivenessBound / kMillisecond) +
                                  " ms of the close; expected it cancelled (ERROR_OPERATION_ABORTED)");
      }
      if (act->code == ERROR_OPERATION_ABORTED) continue;
      if (invalidated && act->code == PEERDIST_ERROR_INVALIDATED) continue;
      return At(view.events()[act->index],
                name + " completed with " + Code(act->code) + "; expected ERROR_OPERATION_ABORTED (cancelled)");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "close-cancels",
    190,
    Strength::kImplied,
    "the page says only that the close cancels pending operations: the completion code is the one the cancel "
        "pages give a cancelled operation, and the liveness bound is the harness's",
    "PeerDistClientCloseContent",
    {{"CCLOSE-7"}},
    "a successful PeerDistClientCloseContent completes every operation pending on the handle with "
    "ERROR_OPERATION_ABORTED within the liveness bound",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
