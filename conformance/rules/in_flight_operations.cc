// in-flight-operations: an asynchronous operation still pending on a handle
// when a move to DISABLED or UNAVAILABLE invalidates it never completes with
// ERROR_SUCCESS after that move. How it ends instead (INVALIDATED, ABORTED,
// another error, or pending until its handle is closed) is left open by the
// documentation: see AMBIGUITIES.md, in-flight-at-invalidation.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    // Pending at the move: called before it, no completion act before it.
    const StatusMove* move = history.MoveWhilePending(operation);
    if (move == nullptr) continue;
    for (const OperationAct& act : operation.acts) {
      if (act.index < move->index || act.code != ERROR_SUCCESS) continue;
      const TraceEvent& event = view.events()[act.index];
      return At(event, CallName(*operation.call) + ", pending when the status moved to " + StatusName(move->to) +
                           ", completed with ERROR_SUCCESS afterwards; expected it to fail (the handle no longer "
                           "functions)");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "in-flight-operations",
    176,
    Strength::kInterpretation,
    "the pages say nothing of operations already pending at the move (AMBIGUITIES.md, "
        "in-flight-at-invalidation)",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx",
    {{"REGISTER-22", kPartly}, {"REGISTEREX-20", kPartly}},
    "an operation pending on a handle when a move to DISABLED or UNAVAILABLE invalidates it never completes with "
    "ERROR_SUCCESS after the move",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
