// session-isolation: registrations of different sessions do not affect each
// other. A valid registration on a session with no active registration of its
// own is accepted even while other sessions have active registrations, and an
// Unregister or Shutdown of one session does not cancel another's.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  std::optional<Violation> earliest;
  std::size_t earliest_index = 0;
  auto note = [&](std::size_t index, const TraceEvent& event, std::string message) {
    if (earliest && earliest_index <= index) return;
    earliest = At(event, std::move(message));
    earliest_index = index;
  };
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.session < 0 || !registration.handle_open || registration.null_arg) continue;
    if (registration.port == -2 || registration.call.ret == nullptr || registration.accepted) continue;
    // The Ex function is Windows 8+: a session that asked for the Windows 7
    // version may refuse it.
    if (registration.ex) {
      if (!SessionRequestsWin8(view, registration.session)) continue;
    }
    const std::size_t at = registration.call.call_index;
    if (ActiveRegistrationOf(view, registration.session, at) != nullptr) continue;
    const RegistrationView* other = nullptr;
    for (const RegistrationView& candidate : view.registrations()) {
      if (candidate.session != registration.session && ActiveBefore(candidate, at)) {
        other = &candidate;
        break;
      }
    }
    note(registration.call.return_index, *registration.call.ret,
         Name(registration) + " was refused (" + Code(registration.call.ret->code) +
             ") although its session had no active registration" +
             (other != nullptr ? " (only another session's " + Name(*other) + " was active)" : std::string()) +
             "; expected it to be accepted (one active registration for each session)");
  }
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    if (function != ApiFunction::kUnregister && function != ApiFunction::kShutdown) continue;
    const int session = call.call->session;
    for (const RegistrationView& registration : view.registrations()) {
      if (registration.session == session && session >= 0) continue;
      if (!ActiveBefore(registration, call.call_index)) continue;
      for (const Act& act : ActsOf(view, registration)) {
        if (act.event->step != call.call->step) continue;
        if (act.event->code == ERROR_SUCCESS || act.event->code == static_cast<std::int64_t>(kStatusPending)) continue;
        note(act.index, *act.event,
             std::string(ApiFunctionName(function)) + " of session " + std::to_string(session) + " completed " +
                 Name(registration) + " of another session with " + Code(act.event->code) +
                 "; expected other sessions' registrations to stay intact");
        break;
      }
    }
  }
  return earliest;
}

PD_REGISTER_RULE((Rule{
    "session-isolation",
    90,
    Strength::kImplied,
    "the pages allow one active registration per session; that one session's calls never touch another "
        "session's registration is read from that scope",
    "PeerDistShutdown, PeerDistRegisterForStatusChangeNotification, "
        "PeerDistRegisterForStatusChangeNotificationEx, PeerDistUnregisterForStatusChangeNotification",
    {{"SHUTDOWN-8", kPartly}, {"REGISTER-2", kPartly, "its handle accepted"}, {"REGISTER-5"}, {"REGISTER-12", kPartly},
     {"REGISTER-17", kPartly}, {"REGISTEREX-2", kPartly, "its handle accepted"}, {"REGISTEREX-5"},
     {"REGISTEREX-12", kPartly}, {"REGISTEREX-15", kPartly}, {"UNREGISTER-1", kPartly}},
    "a valid registration on a session without an active registration of its own is accepted even while other "
    "sessions have active ones; Unregister or Shutdown of one session never cancels another session's",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
