// event-and-port: every completion of an accepted registration, and of an
// accepted asynchronous operation on a content handle, signals hEvent (when
// non-NULL, also with a port) and posts exactly one packet with the key and
// OVERLAPPED on the port (when one was given) — the registration's own, or
// the one the content handle was opened with; without a port, no packet.
// The signal and the packet announce a result: when either is made, the
// OVERLAPPED holds it already (a caller woken by the event, or handed the
// packet, that reads an OVERLAPPED still pending gets ERROR_IO_INCOMPLETE
// for a completion it was just told about).
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// What one asynchronous call completes through, and its completion acts.
struct Completer {
  std::string name;
  int overlapped = -1;
  int event = -1;
  int port = -1;  // -1 NULL, -2 a handle that is not a port
  std::int64_t key = 0;
  std::vector<const TraceEvent*> signals;  // SetEvent on its event
  std::vector<const TraceEvent*> packets;  // packets carrying its OVERLAPPED
  const TraceEvent* first = nullptr;       // its first completion act
};

Completer OfRegistration(const TraceView& view, const RegistrationView& registration) {
  Completer out;
  out.name = Name(registration);
  out.overlapped = registration.overlapped;
  out.event = registration.event;
  out.port = registration.port;
  out.key = registration.key;
  for (const CompletionView& signal : registration.signals) out.signals.push_back(signal.event);
  for (const CompletionView& packet : registration.packets) out.packets.push_back(packet.event);
  const std::vector<Act> acts = ActsOf(view, registration);
  if (!acts.empty()) out.first = acts.front().event;
  return out;
}

// A content operation completes to the port and key its handle was opened
// with (PeerDistClientOpenContent: "it is used for posting the completion
// results of above listed asynchronous functions").
Completer OfOperation(const TraceView& view, const OperationView& operation, const OpenedHandle& handle) {
  Completer out;
  out.name = CallName(*operation.call);
  out.overlapped = operation.overlapped;
  out.event = operation.event;
  out.port = handle.port;
  out.key = handle.key;
  const std::vector<TraceEvent>& events = view.events();
  for (std::size_t i = operation.call->call_index + 1; i < events.size(); ++i) {
    const TraceEvent& event = events[i];
    if (event.kind == TraceKind::kEventSignal && operation.event >= 0 && event.event == operation.event) {
      out.signals.push_back(&event);
    } else if (event.kind == TraceKind::kPacket && event.overlapped == operation.overlapped) {
      out.packets.push_back(&event);
    }
  }
  if (!operation.acts.empty()) out.first = &events[operation.acts.front().index];
  return out;
}

std::optional<Violation> JudgeCompleter(const TraceView& view, const Completer& c) {
  if (c.first == nullptr) return std::nullopt;
  // A signal or a packet while the OVERLAPPED is still pending. The World
  // snapshots the OVERLAPPED at the signal (of the event's newest user:
  // this call's when the slot is its own) and at the packet.
  for (const auto* list : {&c.signals, &c.packets}) {
    for (const TraceEvent* event : *list) {
      if (event->overlapped != c.overlapped) continue;
      if (event->code != static_cast<std::int64_t>(kStatusPending)) continue;
      const bool signal = event->kind == TraceKind::kEventSignal;
      return At(*event, c.name + ": " + (signal ? "hEvent was signalled" : "a completion packet was posted") +
                            " while its OVERLAPPED was still pending (Internal STATUS_PENDING, no result written); "
                            "expected the result in the OVERLAPPED before the " +
                            (signal ? "signal" : "packet") + " (a caller it wakes reads ERROR_IO_INCOMPLETE)");
    }
  }
  // Packets carry the wrong port or key, or come without a port at all.
  for (const TraceEvent* event : c.packets) {
    if (c.port == -1) {
      return At(*event, c.name + ": a completion packet was posted (port " + std::to_string(event->port) +
                            ") although hCompletionPort was NULL; expected no packet without a port");
    }
    if (c.port < 0) continue;  // a bogus port handle: nothing to expect
    if (event->port != c.port) {
      return At(*event, c.name + ": its completion packet went to port " + std::to_string(event->port) +
                            " instead of hCompletionPort (port " + std::to_string(c.port) + ")");
    }
    if ((event->key & kKeyMask) != c.key) {
      return At(*event, c.name + ": its completion packet carries key " + std::to_string(event->key) +
                            "; expected ulCompletionKey " + std::to_string(c.key));
    }
  }
  const VirtualTime deadline = c.first->time + kLivenessBound;
  if (view.end_time() <= deadline) return std::nullopt;  // the window did not close inside the trace
  const std::string when = " within " + std::to_string(kLivenessBound / kMillisecond) + " ms of its completion (" +
                           Code(c.first->code) + ")";
  if (c.event >= 0) {
    bool signalled = false;
    for (const TraceEvent* signal : c.signals) signalled |= signal->time <= deadline;
    if (!signalled) {
      return At(*c.first, c.name + ": hEvent was not signalled" + when + "; expected SetEvent on hEvent" +
                              (c.port >= 0 ? ", also when a completion port is given" : ""));
    }
  }
  if (c.port >= 0) {
    int in_window = 0;
    for (const TraceEvent* packet : c.packets) {
      if (packet->time > deadline) continue;
      if (++in_window > 1) {
        return At(*packet, c.name + ": a second completion packet for one completion; expected exactly one");
      }
    }
    if (in_window == 0) {
      return At(*c.first, c.name + ": no completion packet on hCompletionPort (port " + std::to_string(c.port) +
                              ")" + when + "; expected one packet with ulCompletionKey and lpOverlapped");
    }
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted) continue;
    if (auto violation = JudgeCompleter(view, OfRegistration(view, registration))) return violation;
  }
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || operation.overlapped < 0) continue;
    if (operation.call->call->object_kind != HandleKind::kContent) continue;
    const OpenedHandle* handle = history.Handle(operation.object);
    if (handle == nullptr || handle->kind != HandleKind::kContent) continue;
    if (auto violation = JudgeCompleter(view, OfOperation(view, operation, *handle))) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "event-and-port",
    50,
    Strength::kDocumented,
    "",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PeerDistClientOpenContent, PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation, "
        "PeerDistClientAddData, PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"REGISTER-3"}, {"REGISTER-6"}, {"REGISTER-7"}, {"REGISTER-9"}, {"REGISTER-10"},
     {"REGISTER-15", kPartly, "a completion port and an OVERLAPPED structure"}, {"REGISTEREX-3"}, {"REGISTEREX-6"}, {"REGISTEREX-7"}, {"REGISTEREX-9"},
     {"REGISTEREX-10"}, {"REGISTEREX-13", kPartly, "a completion port and an OVERLAPPED structure"}, {"COPEN-6"}, {"COPEN-9"}, {"COPEN-10"}, {"COPEN-18"},
     // The OVERLAPPED a caller passes: the completion arrives on it.
     {"REGISTER-8", kPartly, "arrives on it"}, {"REGISTEREX-8", kPartly, "arrives on it"},
     {"CADDINFO-8", kPartly, "arrives on it"}, {"CCOMPLETEINFO-4", kPartly, "arrives on it"},
     {"CADDDATA-9", kPartly, "arrives on it"}, {"CBLOCKREAD-14", kPartly, "arrives on it"},
     {"CSTREAMREAD-14", kPartly, "arrives on it"}},
    "on every completion of a registration or of a content handle's operation, a non-NULL hEvent is signalled "
    "(also with a port) and the port (the registration's, or the one the content handle was opened with) receives "
    "exactly one packet with ulCompletionKey and lpOverlapped, within the liveness bound; no port, no packet; never "
    "a signal or a packet while the OVERLAPPED is still pending",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
