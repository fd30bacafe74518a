// read-queued: PeerDistClientBlockRead and PeerDistClientStreamRead queue
// the read and return at once: an accepted read's call neither waits in
// virtual time (it returns within the liveness bound of being called, the
// World's clock standing still unless the implementation waits) nor delivers
// the read's result before it returns (no result written into its
// OVERLAPPED, no signal of its hEvent, no packet for it inside the call).
// That is what lets a caller issue several reads on one handle at once: a
// read that completes inside its call leaves nothing to issue beside it.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool IsRead(ApiFunction function) {
  return function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientStreamRead;
}

// A completion act of the operation between its call and its return.
const TraceEvent* CompletedInside(const TraceView& view, const OperationView& operation) {
  const CallView& call = *operation.call;
  for (std::size_t i = call.call_index + 1; i < call.return_index && i < view.events().size(); ++i) {
    const TraceEvent& event = view.events()[i];
    const bool own_slot = operation.overlapped >= 0 && event.overlapped == operation.overlapped;
    if (event.kind == TraceKind::kOverlappedDone && own_slot && event.code != static_cast<std::int64_t>(kStatusPending)) {
      return &event;
    }
    if (event.kind == TraceKind::kPacket && own_slot) return &event;
    if (event.kind == TraceKind::kEventSignal && operation.event >= 0 && event.event == operation.event) return &event;
  }
  return nullptr;
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const OperationView& operation : view.Derived<HandleHistory>().operations()) {
    const CallView& call = *operation.call;
    if (!operation.accepted || call.ret == nullptr || !IsRead(call.call->function)) continue;
    const std::string name = CallName(call);
    if (call.ret->time > call.call->time + kLivenessBound) {
      return At(*call.ret, name + " returned " + std::to_string((call.ret->time - call.call->time) / kMillisecond) +
                               " ms of virtual time after it was called; expected it to queue the read and return "
                               "immediately");
    }
    if (const TraceEvent* inside = CompletedInside(view, operation)) {
      const std::string what = inside->kind == TraceKind::kPacket       ? "posted its completion packet"
                               : inside->kind == TraceKind::kEventSignal ? "signalled its hEvent"
                                                                          : "wrote its result";
      return At(*inside, name + " " + what + " before the call returned; expected the read queued and its result "
                                "delivered after the call returned");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "read-queued",
    382,
    Strength::kImplied,
    "the pages say the read is queued and the call returns immediately: the harness reads \"immediately\" as within "
    "the liveness bound of virtual time, and \"queued\" as no result delivered inside the call",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-22"}, {"CBLOCKREAD-23", kPartly}, {"CSTREAMREAD-22"}, {"CSTREAMREAD-23", kPartly}},
    "an accepted BlockRead or StreamRead returns without waiting (within the liveness bound of virtual time) and "
    "delivers no result (OVERLAPPED, hEvent, packet) before it returns",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
