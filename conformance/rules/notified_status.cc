// notified-status: the status a registration's out-parameter holds — the
// PEERDIST_STATUS of PeerDistRegisterForStatusChangeNotification, the
// status member of RegisterEx's PEERDIST_STATUS_INFO — "indicates the
// current status": at the successful notification, and at the call's return
// when the implementation writes it then (ambiguity status-out-timing), it
// is a status the service held at some instant within kLivenessBound before.
// status-out judges that the value is a PEERDIST_STATUS at all; status-report
// holds GetStatus(Ex) to the same bound.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

// Whether `reported` was the service's status at some instant of the bound
// before t. A change stamped exactly at the window's start can follow the
// act in the trace (a zero-delay environment action): the status before it
// was held at that instant too.
bool HeldRecently(const TraceView& view, VirtualTime t, std::int64_t reported) {
  const VirtualTime from = t >= kLivenessBound ? t - kLivenessBound : 0;
  const auto status = static_cast<PEERDIST_STATUS>(reported);
  return view.status().HeldDuring(from, t, status) || view.status().Before(from) == status;
}

std::string Stale(const TraceView& view, const TraceEvent& event, std::int64_t reported) {
  return StatusName(reported) + ", which the service did not hold in the last " +
         std::to_string(kLivenessBound / kMillisecond) + " ms (it is " + StatusName(view.status().At(event.time)) +
         "); expected the current status";
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted || registration.null_arg || registration.call.ret == nullptr) continue;
    const TraceEvent& ret = *registration.call.ret;
    // Written at the return or not (status-out-timing): a valid value there is judged.
    if (IsValidStatus(ret.status) && !HeldRecently(view, ret.time, ret.status)) {
      return At(ret, Name(registration) + " returned with the status out-parameter holding " +
                         Stale(view, ret, ret.status));
    }
    for (const Act& act : ActsOf(view, registration)) {
      if (act.event->code != ERROR_SUCCESS) continue;
      const std::int64_t reported = act.event->status;
      if (IsValidStatus(reported) && !HeldRecently(view, act.event->time, reported)) {
        return At(*act.event, Name(registration) + ": its successful notification (" +
                                  TraceKindName(act.event->kind) + ") leaves the status out-parameter holding " +
                                  Stale(view, *act.event, reported));
      }
      break;  // the first success is the notification; status-out judges the value's validity
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "notified-status",
    155,
    Strength::kImplied,
    "the pages say the out-parameter indicates the current status but bound no propagation delay: the harness "
        "allows its liveness bound, as for GetStatus",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PEERDIST_STATUS_INFO, PEERDIST_STATUS",
    {{"REGISTER-11"}, {"REGISTEREX-11", kPartly, "the current status"}, {"STATUSINFO-3", kPartly, "RegisterEx"},
     {"STATUSINFO-1", kPartly, "the current status at RegisterEx"}, {"STATUS-2", kPartly, "notifications"},
     {"STATUS-3", kPartly, "notifications"}, {"STATUS-4", kPartly, "notifications"}},
    "the status a registration's out-parameter holds at its successful notification (and at the return, when "
    "written then) is a status the service held within the liveness bound before",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
