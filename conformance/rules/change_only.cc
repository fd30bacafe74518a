// change-only: each later notification of a session needs the status to
// have differed from the previous notification's status at some instant
// while the notified registration existed: from its registering call (or
// the previous notification, if later) to the notification. A transient flap
// in that span is enough (the rule is permissive on purpose: see
// AMBIGUITIES.md, transient-flap); a flap the session went through with no
// registration pending, undone before it registered again, is not: at the
// registration the status was the previous notification's again, and it
// stayed so.
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
      // The previous notification's status; unknown (nothing to judge) when
      // the status moved inside the span that notification may lie in.
      if (!StatusSteadyBetween(view, previous.act.lo_index, previous.act.index)) continue;
      const PEERDIST_STATUS baseline = StatusAfter(view, previous.act.index);
      // The span this registration could have seen a change in: from its
      // call (or the previous notification, when it was registered earlier)
      // to the latest moment of its notification.
      const std::size_t from = std::max(next.registration->call.call_index, previous.act.lo_index);
      if (StatusDiffersBetween(view, from, next.act.index, baseline)) continue;
      // A registration accepted in between without an OVERLAPPED (a NULL
      // lpOverlapped: null-argument's business) may have been notified where
      // no one can see it, moving the baseline: nothing to judge.
      bool unseen = false;
      for (const RegistrationView* other : history.registrations) {
        unseen |= other->accepted && other->overlapped < 0 && other->call.call_index > previous.act.lo_index &&
                  other->call.call_index < next.registration->call.call_index;
      }
      if (unseen) continue;
      const bool flapped_before = StatusDiffersBetween(view, previous.act.lo_index, from, baseline);
      return At(*next.act.event,
                Name(*next.registration) + " signalled a notification while the status stayed " +
                    StatusName(baseline) + " from its registration on, the status of the session's previous " +
                    "notification (" + Name(*previous.registration) + " at step " +
                    std::to_string(previous.act.event->step) + ")" +
                    (flapped_before ? "; the status changed and came back before this registration existed, "
                                      "with no registration pending to notify"
                                    : "") +
                    "; expected a notification only after the status changes from the previous notification's");
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
    "notification at some instant while the notified registration existed (a flap while nothing was registered "
    "does not count)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
