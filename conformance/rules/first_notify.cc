// first-notify: a session's first notification needs the status to have left
// DISABLED at some instant since the session's first registration.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const auto& [session, history] : SessionHistories(view)) {
    if (history.notifications.empty() || history.registrations.empty()) continue;
    // The first registration call of any kind: the earliest start is the
    // most permissive reading of "after the first call".
    const RegistrationView& first_call = *history.registrations.front();
    const Notification& first = history.notifications.front();
    if (StatusDiffersBetween(view, first_call.call.call_index, first.act.index, PEERDIST_STATUS_DISABLED)) continue;
    return At(*first.act.event,
              Name(*first.registration) + " signalled the session's first notification (ERROR_SUCCESS) while the "
              "status had been DISABLED ever since its first registration r" + std::to_string(first_call.index) +
              " at step " + std::to_string(first_call.call.call->step) +
              "; expected no notification before the status leaves DISABLED");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "first-notify",
    10,
    Strength::kDocumented,
    "",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx",
    {{"REGISTER-20"}, {"REGISTEREX-18"}},
    "a session's first notification fires only once the status has differed from DISABLED at some instant "
    "since the session's first registration call",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
