// event-and-port: every completion of an accepted registration signals
// hEvent (when non-NULL, also with a port) and posts exactly one packet with
// the registration's key and OVERLAPPED on its port (when one was given);
// without a port, no packet. The signal and the packet announce a result:
// when either is made, the OVERLAPPED holds it already (a caller woken by
// the event, or handed the packet, that reads an OVERLAPPED still pending
// gets ERROR_IO_INCOMPLETE for a completion it was just told about).
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted) continue;
    const std::vector<Act> acts = ActsOf(view, registration);
    if (acts.empty()) continue;
    const Act& first = acts.front();
    const std::string name = Name(registration);
    // A signal or a packet while the OVERLAPPED is still pending. The World
    // snapshots the OVERLAPPED at the signal (of the event's newest user:
    // this registration's when the slot is its own) and at the packet.
    for (const auto* list : {&registration.signals, &registration.packets}) {
      for (const CompletionView& act : *list) {
        const TraceEvent& event = *act.event;
        if (event.overlapped != registration.overlapped) continue;
        if (event.code != static_cast<std::int64_t>(kStatusPending)) continue;
        const bool signal = event.kind == TraceKind::kEventSignal;
        return At(event, name + ": " + (signal ? "hEvent was signalled" : "a completion packet was posted") +
                             " while its OVERLAPPED was still pending (Internal STATUS_PENDING, no result written); "
                             "expected the result in the OVERLAPPED before the " +
                             (signal ? "signal" : "packet") + " (a caller it wakes reads ERROR_IO_INCOMPLETE)");
      }
    }
    // Packets carry the wrong port or key, or come without a port at all.
    for (const CompletionView& packet : registration.packets) {
      const TraceEvent& event = *packet.event;
      if (registration.port == -1) {
        return At(event, name + ": a completion packet was posted (port " + std::to_string(event.port) +
                             ") although hCompletionPort was NULL; expected no packet without a port");
      }
      if (registration.port < 0) continue;  // a bogus port handle: nothing to expect
      if (event.port != registration.port) {
        return At(event, name + ": its completion packet went to port " + std::to_string(event.port) +
                             " instead of hCompletionPort (port " + std::to_string(registration.port) + ")");
      }
      if ((event.key & kKeyMask) != registration.key) {
        return At(event, name + ": its completion packet carries key " + std::to_string(event.key) +
                             "; expected ulCompletionKey " + std::to_string(registration.key));
      }
    }
    const VirtualTime deadline = first.time + kLivenessBound;
    if (view.end_time() <= deadline) continue;  // the window did not close inside the trace
    const std::string when = " within " + std::to_string(kLivenessBound / kMillisecond) +
                             " ms of its completion (" + Code(first.event->code) + ")";
    if (registration.event >= 0) {
      bool signalled = false;
      for (const CompletionView& signal : registration.signals) signalled |= signal.event->time <= deadline;
      if (!signalled) {
        return At(*first.event, name + ": hEvent was not signalled" + when + "; expected SetEvent on hEvent" +
                                    (registration.port >= 0 ? ", also when a completion port is given" : ""));
      }
    }
    if (registration.port >= 0) {
      int in_window = 0;
      for (const CompletionView& packet : registration.packets) {
        if (packet.event->time > deadline) continue;
        if (++in_window > 1) {
          return At(*packet.event, name + ": a second completion packet for one completion; expected exactly one");
        }
      }
      if (in_window == 0) {
        return At(*first.event, name + ": no completion packet on hCompletionPort (port " +
                                    std::to_string(registration.port) + ")" + when +
                                    "; expected one packet with ulCompletionKey and lpOverlapped");
      }
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "event-and-port",
    50,
    Strength::kDocumented,
    "",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx",
    {{"REGISTER-3"}, {"REGISTER-6"}, {"REGISTER-7"}, {"REGISTER-9"}, {"REGISTER-10"},
     {"REGISTER-15", kPartly}, {"REGISTEREX-3"}, {"REGISTEREX-6"}, {"REGISTEREX-7"}, {"REGISTEREX-9"},
     {"REGISTEREX-10"}, {"REGISTEREX-13", kPartly}},
    "on every completion, a non-NULL hEvent is signalled (also with a port) and a given port receives exactly "
    "one packet with ulCompletionKey and lpOverlapped, within the liveness bound; no port, no packet; never a "
    "signal or a packet while the OVERLAPPED is still pending",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
