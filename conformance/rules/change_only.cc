// change-only: each later notification of a session needs the status to have
// differed from the previous notification's status at some instant since
// then (a transient flap is enough: the rule is permissive on purpose).
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const auto& [session, history] : SessionHistories(view)) {
    for (std::size_t i = 1; i < history.notifications.size(); ++i) {
      const Notification& previous = history.notifications[i - 1];
      const Notification& next = history.notifications[i];
      // From the earliest moment the previous notification may have happened
      // to the latest moment of this one.
      if (!StatusSteadyBetween(view, previous.act.lo_index, next.act.index)) continue;
      const PEERDIST_STATUS baseline = StatusAfter(view, previous.act.index);
      return At(*next.act.event,
                Name(*next.registration) + " signalled a notification while the status stayed " +
                    StatusName(baseline) + " since the session's previous notification (" +
                    Name(*previous.registration) + " at step " + std::to_string(previous.act.event->step) +
                    "); expected a notification only after the status changes from the previous notification's");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "change-only",
    20,
    Strength::kDocumented,
    "",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx",
    {{"REGISTER-19"}, {"REGISTEREX-17"}},
    "a session's later notification fires only if the status differed from the status at its previous "
    "notification at some instant in between",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
