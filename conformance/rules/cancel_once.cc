// cancel-once: "The cancellation result will be posted only if no other
// results have been posted." After a client operation's result was posted
// (its OVERLAPPED left pending, a packet, its event signalled), a
// PeerDistClientCancelAsyncOperation of its handle naming it (or all of the
// handle's operations) posts nothing more for it: no completion packet
// carrying its OVERLAPPED, no signal of its event.
#include "conformance/handle_history.h"
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The first of `cancels` on the operation's handle that names it (or all),
// called after `after`; nullptr when none.
const CallView* CancelAfter(const std::vector<const CallView*>& cancels, const OperationView& operation,
                            std::size_t after) {
  for (const CallView* cancel : cancels) {
    const CallView& call = *cancel;
    const TraceEvent& c = *call.call;
    if (call.call_index < after || c.object != operation.object || c.object_kind != HandleKind::kContent) continue;
    const bool all = c.detail.size() >= 4 && c.detail.compare(c.detail.size() - 4, 4, " all") == 0;
    if (all || c.overlapped == operation.overlapped) return &call;
  }
  return nullptr;
}

std::optional<Violation> Judge(const TraceView& view) {
  std::vector<const CallView*> cancels;
  for (const CallView& call : view.calls()) {
    if (call.call->function == ApiFunction::kClientCancelAsyncOperation) cancels.push_back(&call);
  }
  if (cancels.empty()) return std::nullopt;
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    if (operation.object < 0 || operation.call->call->object_kind != HandleKind::kContent) continue;
    const std::size_t first = operation.FirstAct();
    if (first == kNoPosition) continue;
    const CallView* cancel = CancelAfter(cancels, operation, first);
    if (cancel == nullptr) continue;
    for (const OperationAct& act : operation.acts) {
      const TraceEvent& event = view.events()[act.index];
      if (act.index < cancel->call_index || event.kind == TraceKind::kOverlappedDone) continue;
      const std::string what = event.kind == TraceKind::kPacket ? "a completion packet" : "a signal of its event";
      return At(event, CallName(*operation.call) + " had its result posted (trace position " + std::to_string(first) +
                           ") before " + CallName(*cancel) + " named it, which then posted " + what +
                           " for it; expected no cancellation result after another result");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "cancel-once",
    302,
    Strength::kDocumented,
    "",
    "PeerDistClientCancelAsyncOperation",
    {{"CCANCEL-15"}},
    "a client cancel of an operation whose result was already posted posts no cancellation result (no packet, no "
    "signal) for it",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
