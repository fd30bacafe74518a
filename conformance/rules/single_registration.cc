// single-registration: while a session has an active registration, another
// registration on it is refused (any error code), leaves the first one
// intact, and its own OVERLAPPED is never completed.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const RegistrationView& second : view.registrations()) {
    if (second.session < 0 || !second.handle_open || second.null_arg || second.port == -2) continue;
    if (second.call.ret == nullptr) continue;
    const RegistrationView* first = ActiveRegistrationOf(view, second.session, second.call.call_index);
    if (first == nullptr) continue;
    const int step = second.call.call->step;
    if (second.accepted) {
      return At(*second.call.ret, Name(second) + " was accepted (" + Code(second.call.ret->code) + ") while r" +
                                      std::to_string(first->index) +
                                      " was still active on the session; expected the second registration to fail");
    }
    for (const Act& act : ActsOf(view, *first)) {
      if (act.event->step != step) continue;
      return At(*act.event, "the refused second registration " + Name(second) + " completed the active r" +
                                std::to_string(first->index) + " (" + Code(act.event->code) +
                                "); expected the first registration to stay intact");
    }
    if (const std::optional<Act> act = FirstAct(view, second)) {
      return At(*act->event, "the OVERLAPPED of the refused second registration " + Name(second) + " saw a " +
                                 TraceKindName(act->event->kind) + " act (" + Code(act->event->code) +
                                 "); expected a refused registration never to complete");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "single-registration",
    30,
    Strength::kDocumented,
    "",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx",
    {{"REGISTER-17"}, {"REGISTEREX-15"}},
    "a registration on a session that has an active registration is refused, does not complete the first "
    "one, and its own OVERLAPPED is never completed",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
