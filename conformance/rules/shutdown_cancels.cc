// shutdown-cancels: closing a session ends its outstanding registration and
// every pending client and server operation of it, as closing a handle
// cancels its I/O: each completes as cancelled within kLivenessBound and is
// never reported otherwise afterwards.
#include "conformance/handle_history.h"
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

// Every content operation of the session still pending at a successful
// Shutdown completes as cancelled within kLivenessBound, never otherwise.
std::optional<Violation> JudgeOperations(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kShutdown || call.ret == nullptr) continue;
    if (call.call->handle_open != 1 || call.ret->code != ERROR_SUCCESS) continue;
    const VirtualTime deadline = call.call->time + kLivenessBound;
    for (const OperationView& operation : history.operations()) {
      if (!operation.accepted || operation.call->call->session != call.call->session) continue;
      if (operation.call->return_index >= call.call_index) continue;
      if (operation.FirstAct() != kNoPosition && operation.FirstAct() < call.call_index) continue;
      const std::string name = "the pending " + CallName(*operation.call);
      const OperationAct* cancel = nullptr;
      for (const OperationAct& act : operation.acts) {
        if (act.code == static_cast<std::int64_t>(kStatusPending)) continue;
        if (act.code == ERROR_OPERATION_ABORTED) {
          cancel = &act;
          break;
        }
        return At(view.events()[act.index], name + " completed with " + Code(act.code) +
                                                " after the successful PeerDistShutdown of its session at step " +
                                                std::to_string(call.call->step) +
                                                "; expected it to complete as cancelled (ERROR_OPERATION_ABORTED)");
      }
      if (cancel == nullptr && view.end_time() > deadline) {
        return AtTime(view, deadline,
                      name + " was not completed as cancelled within " +
                          std::to_string(kLivenessBound / kMillisecond) +
                          " ms of the successful PeerDistShutdown of its session at step " +
                          std::to_string(call.call->step) + "; expected ERROR_OPERATION_ABORTED");
      }
    }
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  if (auto violation = JudgeCancellation(view, ApiFunction::kShutdown, "PeerDistShutdown", /*check_result=*/true)) {
    return violation;
  }
  return JudgeOperations(view);
}

PD_REGISTER_RULE((Rule{
    "shutdown-cancels",
    120,
    Strength::kImplied,
    "the page says Shutdown cancels the session's pending operations; the code they complete with "
        "(ERROR_OPERATION_ABORTED) and the time bound are the overlapped convention",
    "PeerDistShutdown, PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream",
    {{"SHUTDOWN-1", kPartly, "its registration and operations"}, {"SHUTDOWN-8"},
     {"SADDTOSTREAM-13", kPartly, "cancelled by PeerDistShutdown"},
     {"SCOMPLETESTREAM-9", kPartly, "cancelled by PeerDistShutdown"}},
    "after a successful Shutdown, the session's active registration and every pending server and client "
    "operation of it complete with ERROR_OPERATION_ABORTED within the liveness bound and never otherwise; "
    "GetOverlappedResult on the registration returns FALSE with ERROR_OPERATION_ABORTED (or TRUE: "
    "aborted-overlapped-result)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
