// completion-arrives: the completion of a stream, content-information or
// flush operation arrives on the OVERLAPPED its call passed ("Pointer to an
// OVERLAPPED structure"): its result is written there before anything
// announces it, its hEvent (when non-NULL) is signalled, and, when a port
// serves the operation (the stream's or content information's open's, or
// the flush's own), exactly one packet carries that OVERLAPPED. The
// registrations' and content handles' operations are event-and-port's; the
// port and key of these packets are server-port-and-key's and
// flush-port-and-key's; that nothing lands on another OVERLAPPED is
// own-overlapped's.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The port a completion packet is owed on: -1 none, -2 a handle that is
// not a port (refused elsewhere: nothing to expect).
int PortOf(const HandleHistory& history, const OperationView& operation) {
  const TraceEvent& call = *operation.call->call;
  if (call.function == ApiFunction::kClientFlushContent) return call.port;
  const OpenedHandle* handle = history.Handle(operation.object);
  return handle == nullptr ? -2 : handle->port;
}

bool Judged(const HandleHistory& history, const OperationView& operation) {
  if (!operation.accepted || operation.overlapped < 0) return false;
  if (operation.call->call->function == ApiFunction::kClientFlushContent) return true;
  const OpenedHandle* handle = history.Handle(operation.object);
  return handle != nullptr && handle->kind != HandleKind::kContent;
}

std::optional<Violation> JudgeOperation(const TraceView& view, const OperationView& operation, int port) {
  const std::string name = CallName(*operation.call);
  const std::vector<TraceEvent>& events = view.events();
  std::vector<const TraceEvent*> signals, packets;
  for (std::size_t i = operation.call->call_index + 1; i < events.size(); ++i) {
    const TraceEvent& event = events[i];
    const bool signal = event.kind == TraceKind::kEventSignal && operation.event >= 0 && event.event == operation.event;
    const bool packet = event.kind == TraceKind::kPacket && event.overlapped == operation.overlapped;
    if (!signal && !packet) continue;
    (signal ? signals : packets).push_back(&event);
    // The World snapshots the OVERLAPPED at a signal (of the event's newest
    // user: this call's when the slot is its own) and at a packet.
    if (event.overlapped != operation.overlapped || event.code != static_cast<std::int64_t>(kStatusPending)) continue;
    return At(event, name + ": " + (signal ? "hEvent was signalled" : "a completion packet carrying its OVERLAPPED was posted") +
                         " while its OVERLAPPED was still pending (Internal STATUS_PENDING); expected the result in "
                         "the OVERLAPPED before it is announced");
  }
  if (operation.acts.empty()) return std::nullopt;
  const TraceEvent& first = events[operation.acts.front().index];
  const VirtualTime deadline = first.time + kLivenessBound;
  if (view.end_time() <= deadline) return std::nullopt;  // the window did not close inside the trace
  const std::string when =
      " within " + std::to_string(kLivenessBound / kMillisecond) + " ms of its completion (" + Code(first.code) + ")";
  if (operation.event >= 0) {
    bool signalled = false;
    for (const TraceEvent* signal : signals) signalled |= signal->time <= deadline;
    if (!signalled) {
      return At(first, name + ": the hEvent of its OVERLAPPED was not signalled" + when +
                           "; expected the completion to arrive on the OVERLAPPED the call passed");
    }
  }
  if (port < 0) return std::nullopt;
  int in_window = 0;
  for (const TraceEvent* packet : packets) {
    if (packet->time > deadline) continue;
    if (++in_window > 1) {
      return At(*packet, name + ": a second completion packet carrying its OVERLAPPED; expected exactly one");
    }
  }
  if (in_window == 0) {
    return At(first, name + ": no completion packet carrying its OVERLAPPED" + when + " although port " +
                         std::to_string(port) + " serves it; expected one");
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    if (!Judged(history, operation)) continue;
    if (auto violation = JudgeOperation(view, operation, PortOf(history, operation))) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "completion-arrives",
    410,
    Strength::kImplied,
    "the pages only name the parameter \"Pointer to an OVERLAPPED structure\": the harness reads it, as Win32 "
    "overlapped I/O does, as the structure the completion arrives on (its result, its hEvent, the packet carrying "
    "it); the bound of 100 ms is the harness's liveness bound, not the pages'",
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, PeerDistServerRetrieveContentInformation, "
    "PeerDistClientFlushContent",
    {{"SADDTOSTREAM-8", kPartly, "arrives on it"},
     {"SCOMPLETESTREAM-4", kPartly, "arrives on it"},
     {"SRETRIEVEINFO-6", kPartly, "arrives on it"},
     {"CFLUSH-8", kPartly, "arrives on it"}},
    "a completed stream, content-information or flush operation has its result in its OVERLAPPED before any signal "
    "or packet, signals its non-NULL hEvent and, when a port serves it, posts exactly one packet carrying its "
    "OVERLAPPED, within the liveness bound",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
