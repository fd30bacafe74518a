// cancel-posts-once: "The cancellation result will be posted only if no
// other results have been posted" (SCANCEL-15). After a
// PeerDistServerCancelAsyncOperation naming an OVERLAPPED, the operation
// started with it gets no second completion packet and no second signal of
// its event: a result already posted (its own, or the cancellation) is the
// only one. Whatever the cancel returns; a first packet or signal that
// follows the cancel is the result's and is left to the other rules.
#include <cstddef>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The operation started last, before `call_index`, with OVERLAPPED `slot`.
const OperationView* OperationOf(const HandleHistory& history, int slot, std::size_t call_index) {
  const OperationView* found = nullptr;
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || operation.overlapped != slot) continue;
    if (operation.call->call_index < call_index) found = &operation;
  }
  return found;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.function != ApiFunction::kServerCancelAsyncOperation || c.overlapped < 0) continue;
    const OperationView* operation = OperationOf(history, c.overlapped, call.call_index);
    if (operation == nullptr) continue;
    bool packet = false, signal = false;
    for (const OperationAct& act : operation->acts) {
      const TraceEvent& event = view.events()[act.index];
      const bool is_packet = event.kind == TraceKind::kPacket;
      const bool is_signal = event.kind == TraceKind::kEventSignal;
      if (act.index > call.call_index && ((is_packet && packet) || (is_signal && signal))) {
        return At(event, CallName(*operation->call) + " got a second " +
                             (is_packet ? "completion packet" : "signal of its event") + " after " + CallName(call) +
                             " " + c.detail + "; expected the cancellation result only if no result was posted");
      }
      packet = packet || is_packet;
      signal = signal || is_signal;
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "cancel-posts-once",
    343,
    Strength::kDocumented,
    "",
    "PeerDistServerCancelAsyncOperation",
    {{"SCANCEL-15"}},
    "after a server cancel, the operation of its OVERLAPPED gets no second completion packet or event signal",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
