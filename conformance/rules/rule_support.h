// Shared reading of a trace for the rule catalog: when a completion act may
// really have happened, the status in trace order, which registration is
// active at a given point, and each session's notification history (the
// baselines change-only, first-notify and delivery-liveness judge against).
//
// Timing of completion acts. A signal or a packet is stamped when the
// implementation makes it. An overlapped-done event is stamped when the World
// notes the OVERLAPPED's change: after the queue entry that made it, or after
// the call that made it. An implementation under another adapter may only be
// observed at the end of a step, so rules treat an overlapped-done as
// "between the start of its step and its stamp" and judge permissively over
// that span.
#ifndef CONFORMANCE_RULES_RULE_SUPPORT_H_
#define CONFORMANCE_RULES_RULE_SUPPORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "conformance/rule.h"
#include "conformance/trace_view.h"
#include "sim/peerdist_types.h"
#include "sim/peerdist_version.h"
#include "sim/trace.h"

namespace pd {
namespace rules {

inline constexpr std::int64_t kKeyMask = 0x7FFFFFFFFFFFFFFF;

constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

// One completion act with the span it may really have happened in.
struct Act {
  std::size_t index = 0;     // trace position of the act
  VirtualTime time = 0;      // its stamp (latest possible time)
  std::size_t lo_index = 0;  // earliest trace position it may stand for
  VirtualTime lo_time = 0;   // earliest possible time
  const TraceEvent* event = nullptr;
};

// A successful notification: the first completion act of an accepted
// registration that carries a result, when that result is ERROR_SUCCESS (a
// signal or packet made while the OVERLAPPED was still pending carries none:
// event-and-port reports it, the result written after it is the completion).
struct Notification {
  const RegistrationView* registration = nullptr;
  Act act;
};

struct SessionHistory {
  int session = -1;
  std::vector<const RegistrationView*> registrations;  // every attempt, in order
  std::vector<Notification> notifications;             // in trace order
};

// "rN (session S)" for messages.
inline std::string Name(const RegistrationView& registration) {
  return "r" + std::to_string(registration.index) + " (session " + std::to_string(registration.session) + ")";
}

inline std::string Code(std::int64_t code) {
  if (code == kNoValue) return "nothing";
  return ErrorName(static_cast<DWORD>(code));
}

inline bool IsCompletionKind(TraceKind kind) {
  return kind == TraceKind::kEventSignal || kind == TraceKind::kPacket || kind == TraceKind::kOverlappedDone;
}

// Index and time of the marker that starts scenario step `step`.
inline std::pair<std::size_t, VirtualTime> StepStart(const TraceView& view, int step) { return view.StepStart(step); }

// The step running at virtual time t: the step of the last event stamped at
// or before t.
inline int StepAt(const TraceView& view, VirtualTime t) {
  int step = -1;
  for (const TraceEvent& event : view.events()) {
    if (event.time > t) break;
    step = event.step;
  }
  return step;
}

inline Act ActOf(const TraceView& view, const CompletionView& completion) {
  Act act;
  act.index = completion.index;
  act.time = completion.event->time;
  act.lo_index = completion.index;
  act.lo_time = completion.event->time;
  act.event = completion.event;
  if (completion.event->kind == TraceKind::kOverlappedDone) {
    const auto [index, time] = StepStart(view, completion.event->step);
    act.lo_index = std::min(index, completion.index);
    act.lo_time = std::min(time, completion.event->time);
  }
  return act;
}

// Every completion act of a registration, in trace order.
inline std::vector<Act> ActsOf(const TraceView& view, const RegistrationView& registration) {
  std::vector<Act> acts;
  for (const auto* list : {&registration.signals, &registration.packets, &registration.done}) {
    for (const CompletionView& completion : *list) acts.push_back(ActOf(view, completion));
  }
  std::sort(acts.begin(), acts.end(), [](const Act& a, const Act& b) { return a.index < b.index; });
  return acts;
}

inline std::optional<Act> FirstAct(const TraceView& view, const RegistrationView& registration) {
  std::vector<Act> acts = ActsOf(view, registration);
  if (acts.empty()) return std::nullopt;
  return acts.front();
}

// The earlier of two rule parts' violations (the first when both are at one
// time); whichever is there when only one is.
inline std::optional<Violation> Earlier(std::optional<Violation> a, std::optional<Violation> b) {
  if (a && b) return a->time <= b->time ? a : b;
  return a ? a : b;
}

// Earliest time the registration may have been completed; nullopt if never.
inline std::optional<VirtualTime> EarliestCompletion(const TraceView& view, const RegistrationView& registration) {
  std::optional<VirtualTime> earliest;
  for (const Act& act : ActsOf(view, registration)) {
    if (!earliest || act.lo_time < *earliest) earliest = act.lo_time;
  }
  return earliest;
}

// The service status in effect once trace event `index` has happened.
inline PEERDIST_STATUS StatusAfter(const TraceView& view, std::size_t index) { return view.StatusAfterEvent(index); }

// Whether the status differed from `baseline` at some point between trace
// events `from` and `to` (both included), in trace order.
inline bool StatusDiffersBetween(const TraceView& view, std::size_t from, std::size_t to, PEERDIST_STATUS baseline) {
  if (StatusAfter(view, from) != baseline) return true;
  const std::vector<TraceEvent>& events = view.events();
  for (std::size_t i = from + 1; i <= to && i < events.size(); ++i) {
    if (events[i].kind == TraceKind::kStatusChange && events[i].status != baseline) return true;
  }
  return false;
}

// Whether the status was one single value from trace event `from` to `to`.
inline bool StatusSteadyBetween(const TraceView& view, std::size_t from, std::size_t to) {
  return !StatusDiffersBetween(view, from, to, StatusAfter(view, from));
}

// Accepted, returned before `index`, and no completion act before `index`.
// A registration accepted with a NULL required pointer (null-argument's
// business) is never active: without an OVERLAPPED its completion cannot be
// observed, and other rules would only echo that one bug.
inline bool ActiveBefore(const RegistrationView& registration, std::size_t index) {
  if (!registration.accepted || registration.call.ret == nullptr) return false;
  if (registration.null_arg || registration.overlapped < 0) return false;
  if (registration.call.return_index >= index) return false;
  return registration.first_completion == nullptr || registration.first_completion_index >= index;
}

// Whether a successful Unregister or Shutdown of the registration's session
// returned after the registration did and before trace event `index`: the
// registration is withdrawn then, even when its cancellation lands later
// (unregister-cancels allows it the liveness bound).
inline bool WithdrawnBefore(const TraceView& view, const RegistrationView& registration, std::size_t index) {
  for (const CallView& call : view.calls()) {
    if (call.call_index >= index) break;
    const ApiFunction function = call.call->function;
    if (function != ApiFunction::kUnregister && function != ApiFunction::kShutdown) continue;
    if (call.ret == nullptr || call.ret->code != ERROR_SUCCESS || call.call->handle_open != 1) continue;
    if (call.call->session != registration.session) continue;
    if (call.call_index > registration.call.return_index && call.return_index < index) return true;
  }
  return false;
}

// The session's registration active just before trace event `index`.
inline const RegistrationView* ActiveRegistrationOf(const TraceView& view, int session, std::size_t index) {
  if (session < 0) return nullptr;
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.session == session && ActiveBefore(registration, index) &&
        !WithdrawnBefore(view, registration, index)) {
      return &registration;
    }
  }
  return nullptr;
}

// Every session's registrations and notifications, built once per view
// (TraceView::Derived) since several rules read it.
struct SessionHistoryIndex {
  explicit SessionHistoryIndex(const TraceView& view);
  std::map<int, SessionHistory> sessions;
};

inline SessionHistoryIndex::SessionHistoryIndex(const TraceView& view) {
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.session < 0) continue;
    SessionHistory& history = sessions[registration.session];
    history.session = registration.session;
    history.registrations.push_back(&registration);
    if (!registration.accepted) continue;
    for (const Act& act : ActsOf(view, registration)) {
      if (act.event->code == static_cast<std::int64_t>(kStatusPending)) continue;
      if (act.event->code == ERROR_SUCCESS) history.notifications.push_back({&registration, act});
      break;
    }
  }
  for (auto& [session, history] : sessions) {
    std::sort(history.notifications.begin(), history.notifications.end(),
              [](const Notification& a, const Notification& b) { return a.act.index < b.act.index; });
  }
}

inline const std::map<int, SessionHistory>& SessionHistories(const TraceView& view) {
  return view.Derived<SessionHistoryIndex>().sessions;
}

// The session's baseline just before trace event `index`: DISABLED before
// its first notification, then the status at its latest notification.
// nullopt when that notification's exact moment is unknown and the status
// moved inside the span it may have happened in.
inline std::optional<PEERDIST_STATUS> BaselineBefore(const TraceView& view, const SessionHistory& history,
                                                     std::size_t index) {
  const Notification* last = nullptr;
  for (const Notification& notification : history.notifications) {
    if (notification.act.index < index) last = &notification;
  }
  if (last == nullptr) return PEERDIST_STATUS_DISABLED;
  if (!StatusSteadyBetween(view, last->act.lo_index, last->act.index)) return std::nullopt;
  return StatusAfter(view, last->act.index);
}

inline Violation At(const TraceEvent& event, std::string message) {
  return Violation{event.step, event.time, std::move(message)};
}

inline Violation AtTime(const TraceView& view, VirtualTime time, std::string message) {
  return Violation{StepAt(view, time), time, std::move(message)};
}

// Calls of one function.
template <typename Visit>
void ForEachCall(const TraceView& view, std::initializer_list<ApiFunction> functions, Visit visit) {
  for (const CallView& call : view.calls()) {
    if (std::find(functions.begin(), functions.end(), call.call->function) != functions.end()) visit(call);
  }
}

// The registration whose OVERLAPPED slot is `overlapped`, or nullptr.
inline const RegistrationView* RegistrationOfSlot(const TraceView& view, int overlapped) {
  if (overlapped < 0) return nullptr;
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.overlapped == overlapped) return &registration;
  }
  return nullptr;
}

// The dwVersionRequested a Startup call passed (its detail "version=N"), or
// kNoValue.
inline std::int64_t RequestedVersion(const TraceEvent& call) {
  const std::string prefix = "version=";
  if (call.detail.compare(0, prefix.size(), prefix) != 0) return kNoValue;
  return std::strtoll(call.detail.c_str() + prefix.size(), nullptr, 10);
}

// The version a session's PeerDistStartup asked for, or kNoValue.
inline std::int64_t SessionRequestedVersion(const TraceView& view, int session) {
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kStartup || call.ret == nullptr || call.ret->session != session) continue;
    return RequestedVersion(*call.call);
  }
  return kNoValue;
}

// Whether a session asked for the Windows 8 API (2.0 or later); a 1.x
// session may be refused the Windows 8 functions. Unknown sessions: false.
inline bool SessionRequestsWin8(const TraceView& view, int session) {
  const std::int64_t version = SessionRequestedVersion(view, session);
  return version != kNoValue && RequestsWin8(static_cast<std::uint64_t>(version));
}

// The maximum version PeerDistStartup reported for a session (its return's
// "supported=N"), or kNoValue. Which API a session has follows from what it
// requested (HandleHistory::IsWin8Session), not from this.
inline std::int64_t SupportedVersion(const TraceView& view, int session) {
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kStartup || call.ret == nullptr || call.ret->session != session) continue;
    const std::string prefix = "supported=";
    if (call.ret->detail.compare(0, prefix.size(), prefix) != 0) return kNoValue;
    return std::strtoll(call.ret->detail.c_str() + prefix.size(), nullptr, 10);
  }
  return kNoValue;
}

// Shared by unregister-cancels and shutdown-cancels: after a successful
// call of `function` on a session with an active registration, that
// registration completes as cancelled within kLivenessBound, nothing reports
// it as a success afterwards, and (check_result) GetOverlappedResult on it
// after the cancellation returns FALSE with ERROR_OPERATION_ABORTED (or TRUE:
// ambiguity aborted-overlapped-result).
std::optional<Violation> JudgeCancellation(const TraceView& view, ApiFunction function, const char* what,
                                           bool check_result);

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_RULE_SUPPORT_H_
