#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {

std::optional<Violation> JudgeCancellation(const TraceView& view, ApiFunction function, const char* what,
                                           bool check_result) {
  for (const CallView& call : view.calls()) {
    if (call.call->function != function || call.ret == nullptr) continue;
    if (call.call->handle_open != 1 || call.ret->code != ERROR_SUCCESS) continue;
    const RegistrationView* registration = ActiveRegistrationOf(view, call.call->session, call.call_index);
    if (registration == nullptr) continue;
    const std::string name = Name(*registration);
    const std::string where = std::string(what) + " at step " + std::to_string(call.call->step);
    const VirtualTime deadline = call.call->time + kLivenessBound;
    const Act* cancel = nullptr;
    const std::vector<Act> acts = ActsOf(view, *registration);
    for (const Act& act : acts) {
      const std::int64_t code = act.event->code;
      if (code == ERROR_OPERATION_ABORTED) {
        if (cancel == nullptr) cancel = &act;
        continue;
      }
      if (code == static_cast<std::int64_t>(kStatusPending)) continue;
      return At(*act.event, name + " completed with " + Code(code) + " after the successful " + where +
                                "; expected it to complete as cancelled (ERROR_OPERATION_ABORTED)");
    }
    if (cancel == nullptr || cancel->lo_time > deadline) {
      if (view.end_time() <= deadline) continue;  // the window did not close inside the trace
      return AtTime(view, deadline,
                    name + " was not completed as cancelled (ERROR_OPERATION_ABORTED) within " +
                        std::to_string(kLivenessBound / kMillisecond) + " ms of the successful " + where +
                        "; expected its OVERLAPPED to complete with ERROR_OPERATION_ABORTED");
    }
    if (!check_result) continue;
    for (const CallView& result : view.calls()) {
      if (result.call->function != ApiFunction::kGetOverlappedResult || result.ret == nullptr) continue;
      if (result.call->overlapped != registration->overlapped || result.call->null_arg == 1) continue;
      if (result.call_index < cancel->index) continue;
      // TRUE is the other reading of aborted-overlapped-result (AMBIGUITIES.md).
      if (result.ret->bool_result == 0 && result.ret->code != ERROR_OPERATION_ABORTED) {
        return At(*result.ret, "PeerDistGetOverlappedResult on " + name + " after its cancellation by the " + where +
                                   " returned " + (result.ret->bool_result != 0 ? "TRUE" : "FALSE") +
                                   " with last error " + Code(result.ret->code) +
                                   "; expected FALSE with ERROR_OPERATION_ABORTED, or TRUE (aborted-overlapped-result)");
      }
    }
  }
  return std::nullopt;
}

}  // namespace rules
}  // namespace pd
