// one-shot: a registration's OVERLAPPED completes at most once: one event
// signal, one packet, one completion at most, and nothing after a
// cancellation.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

const char* What(TraceKind kind) {
  switch (kind) {
    case TraceKind::kEventSignal: return "its event was signalled";
    case TraceKind::kPacket: return "a completion packet was posted for it";
    default: return "its OVERLAPPED completed";
  }
}

std::optional<Violation> Judge(const TraceView& view) {
  std::optional<Violation> earliest;
  std::size_t earliest_index = 0;
  for (const RegistrationView& registration : view.registrations()) {
    int signals = 0, packets = 0, done = 0;
    const Act* cancelled = nullptr;
    for (const Act& act : ActsOf(view, registration)) {
      const TraceEvent& event = *act.event;
      int& count = event.kind == TraceKind::kEventSignal ? signals : event.kind == TraceKind::kPacket ? packets : done;
      std::string problem;
      if (++count > 1) {
        problem = std::string(What(event.kind)) + " a second time";
      } else if (cancelled != nullptr && event.code != ERROR_OPERATION_ABORTED &&
                 event.code != static_cast<std::int64_t>(kStatusPending)) {
        problem = std::string(What(event.kind)) + " with " + Code(event.code) + " after it was cancelled at step " +
                  std::to_string(cancelled->event->step);
      }
      if (event.code == ERROR_OPERATION_ABORTED && cancelled == nullptr) cancelled = &act;
      if (problem.empty()) continue;
      if (!earliest || act.index < earliest_index) {
        earliest = At(event, Name(registration) + ": " + problem +
                                 "; expected one completion per registration (register again after it signals)");
        earliest_index = act.index;
      }
      break;
    }
  }
  return earliest;
}

PD_REGISTER_RULE((Rule{
    "one-shot",
    40,
    Strength::kImplied,
    "the page states the caller's duty to register again after each notification; that a registration "
        "completes at most once follows from it",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx",
    {{"REGISTER-18"}, {"REGISTEREX-16"}},
    "each registration's OVERLAPPED completes at most once: at most one event signal and one packet, and "
    "nothing after a cancellation",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
