// delivery-liveness: an active registration is completed within
// kLivenessBound once the status has differed from the session's baseline
// (DISABLED before its first notification) for that long without a break.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  if (view.end_time() == 0) return std::nullopt;
  const std::map<int, SessionHistory>& histories = SessionHistories(view);
  std::optional<Violation> earliest;
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted || registration.session < 0 || !registration.handle_open) continue;
    if (registration.null_arg || registration.overlapped < 0) continue;  // null-argument's business
    const std::size_t at = registration.call.call_index;
    // A second registration accepted beside an active one is
    // single-registration's business; its baseline is not defined.
    bool beside_active = false;
    for (const RegistrationView& other : view.registrations()) {
      if (&other != &registration && other.session == registration.session && ActiveBefore(other, at)) {
        beside_active = true;
      }
    }
    if (beside_active) continue;
    const std::optional<PEERDIST_STATUS> baseline =
        BaselineBefore(view, histories.at(registration.session), at);
    if (!baseline) continue;  // the previous notification's moment is too vague to judge
    const VirtualTime from = registration.call.call->time;
    // Windows end strictly before the trace ends, and before the session's
    // registration is withdrawn (unregister-cancels and shutdown-cancels
    // judge what happens then).
    VirtualTime until = view.end_time() - 1;
    for (const CallView& call : view.calls()) {
      const ApiFunction function = call.call->function;
      if (function != ApiFunction::kUnregister && function != ApiFunction::kShutdown) continue;
      if (call.call_index < at || call.call->session != registration.session || call.call->handle_open != 1) continue;
      if (call.ret == nullptr || call.ret->code != ERROR_SUCCESS) continue;
      until = std::min(until, call.call->time);
      break;
    }
    if (until < from) continue;
    VirtualTime start = 0;
    if (!view.status().FindStableDifference(from, until, *baseline, kLivenessBound, &start)) continue;
    const VirtualTime deadline = start + kLivenessBound;
    const std::optional<VirtualTime> completed = EarliestCompletion(view, registration);
    if (completed && *completed <= deadline) continue;
    Violation violation = AtTime(
        view, deadline,
        Name(registration) + " was still pending at t=" + std::to_string(deadline) + " although the status had " +
            "differed from the session's baseline " + StatusName(*baseline) + " (it was " +
            StatusName(view.status().At(start)) + ") without a break since t=" + std::to_string(start) +
            "; expected the notification within " + std::to_string(kLivenessBound / kMillisecond) + " ms");
    if (!earliest || violation.time < earliest->time) earliest = violation;
  }
  return earliest;
}

PD_REGISTER_RULE((Rule{
    "delivery-liveness",
    100,
    Strength::kImplied,
    "the pages bound no delivery time: the harness asks for delivery within its liveness bound (100 ms of "
        "virtual time)",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx",
    {{"REGISTER-1"}, {"REGISTER-15", kPartly, "for status change notification"}, {"REGISTEREX-1"},
     {"REGISTEREX-13", kPartly, "for status change notification"}},
    "an active registration completes within the liveness bound once the status has differed from the "
    "session's baseline (DISABLED before its first notification) for that long without a break",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
