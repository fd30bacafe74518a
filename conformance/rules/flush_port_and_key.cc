// flush-port-and-key: PeerDistClientFlushContent takes its own completion
// port and key (it has no content handle whose port could serve). With a
// port, the flush that completes posts one packet carrying the key and its
// OVERLAPPED to that port, within the liveness bound of its result, and no
// packet to any other port; without one (the key is then ignored), no packet
// at all. event-and-port judges the operations of content handles, whose
// port is the open's; this rule is the flush's counterpart.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> JudgeFlush(const TraceView& view, const OperationView& flush) {
  const TraceEvent& call = *flush.call->call;
  const int port = call.port;
  const std::int64_t key = call.key & kKeyMask;
  const std::string expected =
      port < 0 ? std::string("no packet (hCompletionPort NULL: ulCompletionKey is ignored)")
               : "one packet to port " + std::to_string(port) + " with key " + std::to_string(key);
  const OperationAct* result = nullptr;
  int posted = 0;
  for (const OperationAct& act : flush.acts) {
    const TraceEvent& event = view.events()[act.index];
    if (result == nullptr && act.code != kNoValue) result = &act;
    if (event.kind != TraceKind::kPacket) continue;
    if (port < 0 || event.port != port || (event.key & kKeyMask) != key || ++posted > 1) {
      return At(event, CallName(*flush.call) + " completed with a packet to port " + std::to_string(event.port) +
                           " with key " + std::to_string(event.key & kKeyMask) + "; expected " + expected);
    }
  }
  if (port < 0 || result == nullptr || posted > 0) return std::nullopt;
  const VirtualTime deadline = view.events()[result->index].time + kLivenessBound;
  if (view.end_time() <= deadline) return std::nullopt;  // the trace ends inside the window
  return AtTime(view, deadline, CallName(*flush.call) + " completed with " + Code(result->code) +
                                    " but posted no packet; expected " + expected);
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    if (operation.call->call->function != ApiFunction::kClientFlushContent) continue;
    // A port that is no port is refused: optional-arguments-accepted and
    // host-objects look at what happens then.
    if (!operation.accepted || operation.overlapped < 0 || operation.call->call->port == -2) continue;
    if (auto violation = JudgeFlush(view, operation)) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "flush-port-and-key",
    386,
    Strength::kImplied,
    "the page names the port and the key; the bound of 100 ms within which the packet must follow the result is "
    "the harness's liveness bound, not the page's",
    "PeerDistClientFlushContent",
    {{"CFLUSH-3"}, {"CFLUSH-6"}, {"CFLUSH-7"}},
    "a completed FlushContent posts one packet carrying ulCompletionKey and its OVERLAPPED to the hCompletionPort it "
    "was given, none to another port, and none at all when hCompletionPort is NULL",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
