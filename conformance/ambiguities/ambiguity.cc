#include "conformance/ambiguities/ambiguity.h"

#include "conformance/requirements/requirement_catalog.h"

#include <algorithm>
#include <set>

#include "conformance/handle_history.h"
#include "conformance/rule.h"
#include "conformance/service_rows.h"
#include "sim/peerdist_types.h"
#include "sim/win32_types.h"

namespace pd {
namespace {

constexpr std::size_t kNpos = static_cast<std::size_t>(-1);

// ---------------------------------------------------------------------------
// Reading the trace.

Occurrence At(const TraceView& view, std::size_t index, std::string interpretation, std::string note) {
  Occurrence occurrence;
  occurrence.interpretation = std::move(interpretation);
  occurrence.index = index;
  if (index < view.events().size()) {
    occurrence.step = view.events()[index].step;
    occurrence.time = view.events()[index].time;
  }
  occurrence.note = std::move(note);
  return occurrence;
}

// The service status after every status change recorded before trace
// position `index` (trace order, so same-time events are told apart).
PEERDIST_STATUS StatusAtIndex(const TraceView& view, std::size_t index) {
  PEERDIST_STATUS status = view.status().initial();
  const std::vector<TraceEvent>& events = view.events();
  for (std::size_t i = 0; i < events.size() && i < index; ++i) {
    if (events[i].kind == TraceKind::kStatusChange && IsValidStatus(events[i].status)) {
      status = static_cast<PEERDIST_STATUS>(events[i].status);
    }
  }
  return status;
}

bool CompletedBefore(const RegistrationView& registration, std::size_t index) {
  return registration.first_completion != nullptr && registration.first_completion_index < index;
}

// Every completion act of a registration, in trace order.
std::vector<CompletionView> CompletionActs(const RegistrationView& registration) {
  std::vector<CompletionView> acts;
  for (const auto* list : {&registration.signals, &registration.packets, &registration.done}) {
    acts.insert(acts.end(), list->begin(), list->end());
  }
  std::sort(acts.begin(), acts.end(),
            [](const CompletionView& a, const CompletionView& b) { return a.index < b.index; });
  return acts;
}

bool IsCall(const CallView& call, ApiFunction function) { return call.call->function == function; }

// A successful Unregister or Shutdown of `session` whose call lies in (from, to).
bool EndedBetween(const TraceView& view, int session, std::size_t from, std::size_t to) {
  for (const CallView& call : view.calls()) {
    if (call.call_index <= from || call.call_index >= to) continue;
    if (!IsCall(call, ApiFunction::kUnregister) && !IsCall(call, ApiFunction::kShutdown)) continue;
    if (call.call->session != session || call.call->handle_open != 1) continue;
    if (call.ret != nullptr && call.ret->code == ERROR_SUCCESS) return true;
  }
  return false;
}

// The registration of `session` still pending at trace position `index`, as
// the harness sees it: the latest accepted registration called before it,
// with no completion act before `index` and no successful Unregister or
// Shutdown of the session in between. nullptr when there is none.
const RegistrationView* PendingRegistrationAt(const TraceView& view, int session, std::size_t index) {
  const RegistrationView* latest = nullptr;
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.session != session || !registration.accepted) continue;
    if (registration.call.call_index >= index) break;
    latest = &registration;
  }
  if (latest == nullptr || CompletedBefore(*latest, index)) return nullptr;
  if (EndedBetween(view, session, latest->call.call_index, index)) return nullptr;
  return latest;
}

// The status the session's next notification is measured against at trace
// position `index`: DISABLED before its first notification, else the status
// when its latest notification (successful completion act) happened.
PEERDIST_STATUS BaselineAt(const TraceView& view, int session, std::size_t index) {
  std::size_t latest = kNpos;
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.session != session) continue;
    for (const CompletionView& act : CompletionActs(registration)) {
      if (act.index >= index || act.event->code != ERROR_SUCCESS) continue;
      if (latest == kNpos || act.index > latest) latest = act.index;
    }
  }
  return latest == kNpos ? PEERDIST_STATUS_DISABLED : StatusAtIndex(view, latest);
}

std::string Code(std::int64_t code) {
  return code == kNoValue ? std::string("none") : ErrorName(static_cast<DWORD>(code));
}

std::string Status(std::int64_t status) {
  return IsValidStatus(status) ? StatusName(static_cast<PEERDIST_STATUS>(status)) : std::to_string(status);
}

std::string Name(const RegistrationView& registration) {
  return std::string(registration.ex ? "RegisterEx" : "Register") + " r" + std::to_string(registration.index);
}

// ---------------------------------------------------------------------------
// The locators, one per ambiguity.

std::vector<Occurrence> LocateRegisterSuccessCode(const TraceView& view) {
  std::vector<Occurrence> found;
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted) continue;
    const bool pending = registration.call.ret->code == ERROR_IO_PENDING;
    std::vector<std::string> compatible;
    if (!registration.ex) {
      compatible = pending ? std::vector<std::string>{"as-documented", "always-io-pending"}
                           : std::vector<std::string>{"always-success"};
    } else {
      compatible = pending ? std::vector<std::string>{"always-io-pending"}
                           : std::vector<std::string>{"as-documented", "always-success"};
    }
    Occurrence occurrence = At(view, registration.call.return_index, compatible.front(),
                               Name(registration) + " returned " + Code(registration.call.ret->code));
    occurrence.compatible = std::move(compatible);
    occurrence.value = std::string(registration.ex ? "ex:" : "non-ex:") + std::to_string(registration.call.ret->code);
    found.push_back(std::move(occurrence));
  }
  return found;
}

std::vector<Occurrence> LocateSecondRegistrationError(const TraceView& view) {
  std::vector<Occurrence> found;
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.session < 0 || !registration.handle_open || registration.null_arg) continue;
    if (registration.port == -2 || registration.call.ret == nullptr || registration.accepted) continue;
    const RegistrationView* first = PendingRegistrationAt(view, registration.session, registration.call.call_index);
    if (first == nullptr) continue;
    const std::int64_t code = registration.call.ret->code;
    std::string id = "other-error";
    if (code == PEERDIST_ERROR_ALREADY_EXISTS) id = "peerdist-error-already-exists";
    if (code == ERROR_ALREADY_EXISTS) id = "error-already-exists";
    if (code == ERROR_INVALID_PARAMETER) id = "error-invalid-parameter";
    Occurrence occurrence = At(view, registration.call.return_index, id,
                               Name(registration) + " while r" + std::to_string(first->index) + " was pending returned " +
                                   Code(code));
    occurrence.value = std::to_string(code);
    found.push_back(std::move(occurrence));
  }
  return found;
}

std::vector<Occurrence> LocateEarlyCompletion(const TraceView& view) {
  std::vector<Occurrence> found;
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted || registration.session < 0 || !registration.handle_open) continue;
    const std::size_t call = registration.call.call_index;
    const PEERDIST_STATUS baseline = BaselineAt(view, registration.session, call);
    const PEERDIST_STATUS now = StatusAtIndex(view, call);
    if (now == baseline) continue;
    if (registration.first_completion == nullptr || TraceView::FinalCode(registration) != ERROR_SUCCESS) continue;
    const std::size_t first = registration.first_completion_index;
    const bool in_call = first > call && first < registration.call.return_index;
    found.push_back(At(view, first, in_call ? "in-call" : "after-return",
                       Name(registration) + " made at " + StatusName(now) + " (baseline " + StatusName(baseline) +
                           ") completed " + (in_call ? "inside the call" : "after the call returned")));
  }
  return found;
}

std::vector<Occurrence> LocateTransientFlap(const TraceView& view) {
  struct Change {
    std::size_t index;
    VirtualTime time;
    PEERDIST_STATUS before;
    PEERDIST_STATUS after;
  };
  std::vector<Change> changes;
  const std::vector<TraceEvent>& events = view.events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].kind != TraceKind::kStatusChange || !IsValidStatus(events[i].status)) continue;
    changes.push_back({i, events[i].time, StatusAtIndex(view, i), static_cast<PEERDIST_STATUS>(events[i].status)});
  }
  std::vector<Occurrence> found;
  for (std::size_t c = 0; c < changes.size(); ++c) {
    const Change& change = changes[c];
    if (change.before == change.after) continue;
    // The first later change back to the status before.
    std::size_t undo = kNpos;
    for (std::size_t d = c + 1; d < changes.size(); ++d) {
      if (changes[d].after == change.before) {
        undo = d;
        break;
      }
    }
    if (undo == kNpos || changes[undo].time - change.time > kLivenessBound) continue;
    const VirtualTime window_end = changes[undo].time + kLivenessBound;
    const std::size_t next_change = undo + 1 < changes.size() ? changes[undo + 1].index : kNpos;
    std::set<int> sessions;
    for (const RegistrationView& registration : view.registrations()) {
      if (registration.session >= 0) sessions.insert(registration.session);
    }
    for (int session : sessions) {
      const RegistrationView* active = PendingRegistrationAt(view, session, change.index);
      if (active == nullptr) continue;
      // Only a flap away from the baseline and back is left open; a change
      // while the status already differs must be delivered anyway.
      if (BaselineAt(view, session, change.index) != change.before) continue;
      std::optional<CompletionView> notification;
      for (const CompletionView& act : CompletionActs(*active)) {
        if (act.index <= change.index) continue;
        if (act.event->time > window_end || (next_change != kNpos && act.index > next_change)) break;
        notification = act;
        break;
      }
      const std::string flap = std::string(StatusName(change.before)) + " -> " + StatusName(change.after) + " -> " +
                               StatusName(change.before);
      if (!notification) {
        found.push_back(At(view, changes[undo].index, "silent",
                           "flap " + flap + " left r" + std::to_string(active->index) + " pending"));
      } else if (notification->event->code == ERROR_SUCCESS) {
        found.push_back(At(view, notification->index, "notifies",
                           "flap " + flap + " completed r" + std::to_string(active->index)));
      }
      // A cancellation inside the window says nothing about the flap.
    }
  }
  return found;
}

std::vector<Occurrence> LocateStatusOutTiming(const TraceView& view) {
  std::vector<Occurrence> found;
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted || registration.null_arg) continue;
    if (TraceView::FinalCode(registration) != ERROR_SUCCESS) continue;
    if (IsValidStatus(registration.call.ret->status)) {
      found.push_back(At(view, registration.call.return_index, "at-return",
                         Name(registration) + " returned with status " + Status(registration.call.ret->status)));
      continue;
    }
    for (const CompletionView& act : CompletionActs(registration)) {
      if (act.event->code != ERROR_SUCCESS || !IsValidStatus(act.event->status)) continue;
      found.push_back(At(view, act.index, "at-completion-only",
                         Name(registration) + " returned with status " + Status(registration.call.ret->status) +
                             ", completed with " + Status(act.event->status)));
      break;
    }
  }
  return found;
}

std::vector<Occurrence> LocateUnregisterLastError(const TraceView& view) {
  std::vector<Occurrence> found;
  for (const CallView& call : view.calls()) {
    if (!IsCall(call, ApiFunction::kGetOverlappedResult) || call.ret == nullptr || call.call->null_arg == 1) continue;
    if (call.call->overlapped < 0) continue;
    const RegistrationView* registration = nullptr;
    for (const RegistrationView& candidate : view.registrations()) {
      if (candidate.overlapped == call.call->overlapped) registration = &candidate;
    }
    if (registration == nullptr || !registration->accepted || registration->session < 0) continue;
    // The first successful Unregister of its session after it, while it was
    // still pending, and before this call.
    const CallView* cancel = nullptr;
    for (const CallView& other : view.calls()) {
      if (other.call_index <= registration->call.call_index || other.call_index >= call.call_index) continue;
      if (!IsCall(other, ApiFunction::kUnregister) || other.call->session != registration->session) continue;
      if (other.call->handle_open != 1 || other.ret == nullptr || other.ret->code != ERROR_SUCCESS) continue;
      if (PendingRegistrationAt(view, registration->session, other.call_index) == registration) cancel = &other;
      break;
    }
    if (cancel == nullptr) continue;
    const bool wait = call.call->detail.size() >= 5 && call.call->detail.compare(call.call->detail.size() - 5, 5, " wait") == 0;
    // Without a wait, a cancellation that has not landed yet is a matter of
    // timing, not of the error reported.
    if (!wait && !CompletedBefore(*registration, call.call_index)) continue;
    const bool aborted = call.ret->bool_result == 0 && call.ret->code == ERROR_OPERATION_ABORTED;
    found.push_back(At(view, call.return_index, aborted ? "cancelled-registration" : "other",
                       "GetOverlappedResult r" + std::to_string(registration->index) + " after Unregister returned " +
                           (call.ret->bool_result == 1 ? "TRUE" : "FALSE") + ", last error " + Code(call.ret->code)));
  }
  return found;
}

// PeerDistGetOverlappedResult on a registration whose OVERLAPPED completed as
// cancelled (ERROR_OPERATION_ABORTED) before the call. Results other than the
// two readings are overlapped-result's to judge.
std::vector<Occurrence> LocateAbortedOverlappedResult(const TraceView& view) {
  std::vector<Occurrence> found;
  for (const CallView& call : view.calls()) {
    if (!IsCall(call, ApiFunction::kGetOverlappedResult) || call.ret == nullptr || call.call->null_arg == 1) continue;
    if (call.call->overlapped < 0) continue;
    const RegistrationView* registration = nullptr;  // the latest one on that OVERLAPPED before the call
    for (const RegistrationView& candidate : view.registrations()) {
      if (candidate.overlapped == call.call->overlapped && candidate.call.call_index < call.call_index) {
        registration = &candidate;
      }
    }
    if (registration == nullptr || !registration->accepted || !CompletedBefore(*registration, call.call_index)) continue;
    if (registration->first_completion->code != ERROR_OPERATION_ABORTED) continue;
    const bool aborted = call.ret->bool_result == 0 && call.ret->code == ERROR_OPERATION_ABORTED;
    if (call.ret->bool_result == 0 && !aborted) continue;
    found.push_back(At(view, call.return_index, aborted ? "false-operation-aborted" : "true-completed",
                       "PeerDistGetOverlappedResult r" + std::to_string(registration->index) +
                           " after its cancellation returned " + (aborted ? "FALSE, ERROR_OPERATION_ABORTED" : "TRUE")));
  }
  return found;
}

// PeerDistGetOverlappedResult on a content operation whose OVERLAPPED
// completed with an error (cancelled, invalidated, missing data, ...) before
// the call. Results other than the two readings are overlapped-result's.
std::vector<Occurrence> LocateFailedOverlappedResult(const TraceView& view) {
  std::vector<Occurrence> found;
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (!IsCall(call, ApiFunction::kGetOverlappedResult) || call.ret == nullptr || call.call->null_arg == 1) continue;
    if (call.call->overlapped < 0) continue;
    const OperationView* operation = nullptr;  // the latest one on that OVERLAPPED before the call
    for (const OperationView& candidate : history.operations()) {
      if (candidate.overlapped == call.call->overlapped && candidate.call->call_index < call.call_index) {
        operation = &candidate;
      }
    }
    if (operation == nullptr || !operation->accepted) continue;
    std::int64_t code = kNoValue;  // the first result written before the call
    for (const OperationAct& act : operation->acts) {
      if (act.index < call.call_index && act.code != kNoValue) {
        code = act.code;
        break;
      }
    }
    if (code == kNoValue || code == ERROR_SUCCESS) continue;
    const bool own_error = call.ret->bool_result == 0 && call.ret->code == code;
    if (call.ret->bool_result == 0 && !own_error) continue;
    found.push_back(At(view, call.return_index, own_error ? "false-with-error" : "true-completed",
                       "PeerDistGetOverlappedResult on " + CallName(*operation->call) + ", completed with " +
                           Code(code) + ", returned " + (own_error ? "FALSE with that error" : "TRUE")));
  }
  return found;
}

std::vector<Occurrence> LocateUnregisterWhenIdle(const TraceView& view) {
  std::vector<Occurrence> found;
  for (const CallView& call : view.calls()) {
    if (!IsCall(call, ApiFunction::kUnregister) || call.ret == nullptr) continue;
    if (call.call->session < 0 || call.call->handle_open != 1) continue;
    if (PendingRegistrationAt(view, call.call->session, call.call_index) != nullptr) continue;
    const std::int64_t code = call.ret->code;
    std::string id = "other-error";
    if (code == ERROR_SUCCESS) id = "success";
    if (code == PEERDIST_ERROR_OPERATION_NOTFOUND) id = "operation-notfound";
    Occurrence occurrence = At(view, call.return_index, id, "Unregister with nothing registered returned " + Code(code));
    occurrence.value = std::to_string(code);
    found.push_back(std::move(occurrence));
  }
  return found;
}

// Whether the caller ended `operation` between trace positions `from` and
// `to`: a close of its handle, a cancel in its session, or its session's
// Shutdown, called in between. An operation that stayed pending past the
// move and is then aborted by such a call stayed pending (the close "will
// cancel any pending operations"); it did not fail at the move.
bool EndedByCaller(const TraceView& view, const OperationView& operation, std::size_t from, std::size_t to) {
  const int session = operation.call->call->session;
  for (const CallView& call : view.calls()) {
    if (call.call_index <= from || call.call_index >= to) continue;
    const ApiFunction function = call.call->function;
    if (IsCloseFunction(function) && call.call->object == operation.object) return true;
    if ((function == ApiFunction::kClientCancelAsyncOperation || function == ApiFunction::kServerCancelAsyncOperation ||
         function == ApiFunction::kShutdown) &&
        call.call->session == session) {
      return true;
    }
  }
  return false;
}

// Calls on a handle a move invalidated, made before the status came back,
// to a function whose page lists the service-state rows (the calls the rule
// invalidated judges): PEERDIST_ERROR_INVALIDATED or the row for the status.
std::vector<Occurrence> LocateInvalidatedCode(const TraceView& view) {
  std::vector<Occurrence> found;
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    if (call.ret == nullptr || !ListsServiceRows(function)) continue;
    if (function == ApiFunction::kServerCloseContentInformation) continue;
    const OpenedHandle* handle = history.WellFormedTarget(call);
    if (handle == nullptr) continue;
    const StatusMove* move = history.InvalidatedBy(*handle, call.call_index);
    if (move == nullptr || history.ReturnedBetween(move->index, call.call_index)) continue;
    const std::int64_t code = call.ret->code;
    const PEERDIST_STATUS status = view.StatusAfterEvent(call.call_index);
    const char* id = code == PEERDIST_ERROR_INVALIDATED       ? "invalidated"
                     : IsServiceRowFor(code, status) ? "status-row"
                                                             : nullptr;
    if (id == nullptr) continue;
    found.push_back(At(view, call.return_index, id,
                       CallName(call) + " on a handle invalidated by the move to " + StatusName(move->to) +
                           " returned " + Code(code)));
  }
  return found;
}

// Operations pending on a handle when a move to DISABLED or UNAVAILABLE
// invalidated it: how did each end?
std::vector<Occurrence> LocateInFlightAtInvalidation(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  std::vector<Occurrence> found;
  for (const OperationView& operation : history.operations()) {
    const StatusMove* move = history.MoveWhilePending(operation);
    if (move == nullptr) continue;
    std::string id = "stays-pending";
    std::size_t at = move->index;
    for (const OperationAct& act : operation.acts) {
      if (act.code == kNoValue) continue;  // a signal that carries no code of its own
      at = act.index;
      if (act.code == PEERDIST_ERROR_INVALIDATED) id = "fails-invalidated";
      else if (act.code == ERROR_OPERATION_ABORTED) id = EndedByCaller(view, operation, move->index, act.index)
                                                          ? "stays-pending"
                                                          : "fails-aborted";
      else if (act.code == ERROR_SUCCESS) id = "";  // in-flight-operations' business, no interpretation
      else id = "fails-other";
      break;
    }
    if (id.empty()) continue;
    found.push_back(At(view, at, id,
                       std::string(ApiFunctionName(operation.call->call->function)) + " pending at the move to " +
                           StatusName(move->to) + ": " + id));
  }
  return found;
}

// ---------------------------------------------------------------------------

const std::vector<std::string>& CompatibleOf(const Occurrence& occurrence, std::vector<std::string>& scratch) {
  if (!occurrence.compatible.empty()) return occurrence.compatible;
  scratch = {occurrence.interpretation};
  return scratch;
}

std::vector<std::string> Intersect(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& id : a) {
    if (std::find(b.begin(), b.end(), id) != b.end()) out.push_back(id);
  }
  return out;
}

std::string Preferred(const std::vector<std::string>& candidates, const std::vector<Interpretation>& order) {
  for (const Interpretation& interpretation : order) {
    if (std::find(candidates.begin(), candidates.end(), interpretation.id) != candidates.end()) {
      return interpretation.id;
    }
  }
  std::vector<std::string> sorted = candidates;
  std::sort(sorted.begin(), sorted.end());
  return sorted.empty() ? std::string() : sorted.front();
}

// The pages of the cited statements, in citation order, ", "-joined.
std::string PagesOf(const std::vector<RequirementRef>& cites) {
  std::vector<std::string> pages;
  for (const RequirementRef& cite : cites) {
    const Requirement* requirement = FindRequirement(cite.id);
    if (requirement != nullptr && std::find(pages.begin(), pages.end(), requirement->page) == pages.end()) {
      pages.push_back(requirement->page);
    }
  }
  std::string joined;
  for (const std::string& page : pages) joined += (joined.empty() ? "" : ", ") + page;
  return joined;
}

Ambiguity Make(std::string id, std::string question, std::vector<RequirementRef> cites,
               std::vector<Interpretation> interpretations,
               std::vector<Occurrence> (*locate)(const TraceView&)) {
  Ambiguity ambiguity;
  ambiguity.id = std::move(id);
  ambiguity.question = std::move(question);
  ambiguity.source = PagesOf(cites);
  ambiguity.citation = CitationText(cites);
  ambiguity.cites = std::move(cites);
  ambiguity.interpretations = std::move(interpretations);
  ambiguity.evidence = locate;
  const std::vector<Interpretation> order = ambiguity.interpretations;
  ambiguity.locate = [locate, order](const TraceView& view) {
    std::vector<Occurrence> occurrences = locate(view);
    ResolveInterpretations(occurrences, order);
    return occurrences;
  };
  auto located = ambiguity.locate;
  ambiguity.classify = [located](const TraceView& view) {
    std::vector<std::string> ids;
    for (const Occurrence& occurrence : located(view)) ids.push_back(occurrence.interpretation);
    return ids;
  };
  return ambiguity;
}

std::vector<Ambiguity> Build() {
  std::vector<Ambiguity> all;
  all.push_back(Make(
      "register-success-code",
      "Which code does a successful registration return: ERROR_IO_PENDING (non-Ex page) or ERROR_SUCCESS (Ex page)?",
      {{"REGISTER-12"}, {"REGISTEREX-12"}},
      {{"as-documented", "non-Ex returns ERROR_IO_PENDING, Ex returns ERROR_SUCCESS, each as its page says"},
       {"always-io-pending", "both functions return ERROR_IO_PENDING (the overlapped convention)"},
       {"always-success", "both functions return ERROR_SUCCESS"}},
      &LocateRegisterSuccessCode));
  all.push_back(Make(
      "second-registration-error",
      "Which error does a second registration get while the session's first one is still active?",
      {{"REGISTER-17"}, {"REGISTEREX-15"}},
      {{"peerdist-error-already-exists", "PEERDIST_ERROR_ALREADY_EXISTS (4058)"},
       {"error-already-exists", "ERROR_ALREADY_EXISTS (183)"},
       {"error-invalid-parameter", "ERROR_INVALID_PARAMETER (87)"},
       {"other-error", "any other failure code"}},
      &LocateSecondRegistrationError));
  all.back().consistency_by_value = true;
  all.push_back(Make(
      "early-completion",
      "May a registration made while the status already differs from the session's baseline complete inside the "
      "registering call, or only after it returns?",
      {{"REGISTER-16"}, {"REGISTER-19"}, {"REGISTER-20"}, {"REGISTEREX-14"}, {"REGISTEREX-17"}, {"REGISTEREX-18"}},
      {{"in-call", "the first completion act happens between the call and its return"},
       {"after-return", "the first completion act happens after the call returned"}},
      &LocateEarlyCompletion));
  all.push_back(Make(
      "transient-flap",
      "Does a status change that is undone within the liveness bound notify an active registration?",
      {{"REGISTER-19"}, {"REGISTEREX-17"}, {"REGISTER-1", kPartly}, {"REGISTEREX-1", kPartly}},
      {{"notifies", "the registration completes for the short-lived status"},
       {"silent", "the registration stays pending: the status is back to the baseline"}},
      &LocateTransientFlap));
  all.back().checked_for_consistency = false;
  all.push_back(Make(
      "status-out-timing",
      "When does the status out-parameter hold a valid PEERDIST_STATUS: when the call returns, or only on completion?",
      {{"REGISTER-16"}, {"REGISTEREX-14"}},
      {{"at-return", "the out-parameter holds a valid status when the registering call returns"},
       {"at-completion-only", "invalid when the call returns, valid once the notification completes"}},
      &LocateStatusOutTiming));
  all.push_back(Make(
      "unregister-last-error",
      "The Unregister page says GetLastError returns ERROR_OPERATION_ABORTED after a successful registration; it reads "
      "like a slip for a cancelled one. What does GetOverlappedResult report for a cancelled registration?",
      {{"UNREGISTER-7"}, {"UNREGISTER-8"}},
      {{"cancelled-registration",
        "GetOverlappedResult on the cancelled registration returns FALSE with last error ERROR_OPERATION_ABORTED"},
       {"other", "anything else (TRUE, or another last error)"}},
      &LocateUnregisterLastError));
  all.push_back(Make(
      "unregister-when-idle",
      "What does PeerDistUnregisterForStatusChangeNotification return when the session has no active registration?",
      {{"UNREGISTER-3"}, {"UNREGISTER-6"}},
      {{"success", "ERROR_SUCCESS: nothing to cancel is not an error"},
       {"operation-notfound", "PEERDIST_ERROR_OPERATION_NOTFOUND (4059)"},
       {"other-error", "any other code"}},
      &LocateUnregisterWhenIdle));
  all.push_back(Make(
      "aborted-overlapped-result",
      "What does PeerDistGetOverlappedResult return for an operation that completed as cancelled: TRUE (its own page: "
      "\"true if the operation has completed\") or FALSE (the Unregister and cancel pages: GetOverlappedResult is "
      "\"expected\" to return FALSE)?",
      {{"OVLRESULT-7"}, {"UNREGISTER-7"}, {"CCANCEL-16"}, {"SCANCEL-16"}},
      {{"false-operation-aborted",
        "FALSE with last error ERROR_OPERATION_ABORTED, as GetOverlappedResult does (the Unregister and cancel pages)"},
       {"true-completed", "TRUE: the operation has completed (the PeerDistGetOverlappedResult page)"}},
      &LocateAbortedOverlappedResult));
  all.push_back(Make(
      "failed-overlapped-result",
      "What does PeerDistGetOverlappedResult return for a content operation that completed with an error: TRUE (its "
      "own page: \"true if the operation has completed\") or FALSE with the error (GetOverlappedResult, which it "
      "replaces)?",
      {{"OVLRESULT-2"}, {"OVLRESULT-7"}},
      {{"false-with-error", "FALSE with the operation's error as last error, as GetOverlappedResult does"},
       {"true-completed", "TRUE: the operation has completed (the PeerDistGetOverlappedResult page)"}},
      &LocateFailedOverlappedResult));
  all.push_back(Make(
      "in-flight-at-invalidation",
      "How does an asynchronous operation that is pending on a handle end when a move to DISABLED or UNAVAILABLE "
      "invalidates the handle?",
      {{"REGISTER-22"}, {"REGISTER-23"}, {"CCLOSE-7"}},
      {{"fails-invalidated", "it completes with PEERDIST_ERROR_INVALIDATED"},
       {"fails-aborted", "it completes with ERROR_OPERATION_ABORTED"},
       {"fails-other", "it completes with another error"},
       {"stays-pending", "it stays pending (until its handle is closed, which cancels it)"}},
      &LocateInFlightAtInvalidation));
  all.push_back(Make(
      "invalidated-code",
      "What does a call on a handle that a move to DISABLED or UNAVAILABLE invalidated return: "
      "PEERDIST_ERROR_INVALIDATED (the registration pages: \"any API that uses these handles will fail with error "
      "PEERDIST_ ERROR_INVALIDATED\") or the row its own page lists for the status (ERROR_ACCESS_DISABLED_BY_POLICY, "
      "PEERDIST_ERROR_SERVICE_UNAVAILABLE), which never names INVALIDATED?",
      {{"REGISTER-23"}, {"REGISTEREX-21"}, {"SADDTOSTREAM-14"}, {"SADDTOSTREAM-15"}, {"CBLOCKREAD-20"},
       {"CBLOCKREAD-21"}},
      {{"invalidated", "PEERDIST_ERROR_INVALIDATED, as the registration pages say"},
       {"status-row", "the function's row for the status: ERROR_ACCESS_DISABLED_BY_POLICY (DISABLED) or "
                      "PEERDIST_ERROR_SERVICE_UNAVAILABLE"}},
      &LocateInvalidatedCode));
  return all;
}

}  // namespace

const std::vector<Ambiguity>& AllAmbiguities() {
  static const std::vector<Ambiguity> all = Build();
  return all;
}

const Ambiguity* FindAmbiguity(const std::string& id) {
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    if (ambiguity.id == id) return &ambiguity;
  }
  return nullptr;
}

void ResolveInterpretations(std::vector<Occurrence>& occurrences, const std::vector<Interpretation>& order) {
  std::size_t run_start = 0;
  std::vector<std::string> candidates;
  std::vector<std::string> scratch;
  auto close_run = [&](std::size_t end) {
    const std::string chosen = Preferred(candidates, order);
    for (std::size_t i = run_start; i < end; ++i) occurrences[i].interpretation = chosen;
  };
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    const std::vector<std::string>& compatible = CompatibleOf(occurrences[i], scratch);
    if (i == run_start) {
      candidates = compatible;
      continue;
    }
    std::vector<std::string> shared = Intersect(candidates, compatible);
    if (shared.empty()) {
      close_run(i);
      run_start = i;
      candidates = compatible;
    } else {
      candidates = std::move(shared);
    }
  }
  if (!occurrences.empty()) close_run(occurrences.size());
}

std::optional<std::pair<std::size_t, std::size_t>> FindInconsistency(const Ambiguity& ambiguity,
                                                                     const std::vector<Occurrence>& occurrences) {
  if (occurrences.empty()) return std::nullopt;
  if (ambiguity.consistency_by_value) {
    for (std::size_t i = 1; i < occurrences.size(); ++i) {
      if (occurrences[i].value != occurrences[0].value) return std::make_pair(std::size_t{0}, i);
    }
    return std::nullopt;
  }
  std::vector<std::string> scratch;
  std::vector<std::string> candidates = CompatibleOf(occurrences[0], scratch);
  for (std::size_t i = 1; i < occurrences.size(); ++i) {
    std::vector<std::string> shared = Intersect(candidates, CompatibleOf(occurrences[i], scratch));
    if (shared.empty()) return std::make_pair(std::size_t{0}, i);
    candidates = std::move(shared);
  }
  return std::nullopt;
}

void AmbiguityObservation::Add(const std::vector<std::string>& interpretation_ids) {
  std::vector<Occurrence> located;
  for (const std::string& id : interpretation_ids) {
    Occurrence occurrence;
    occurrence.interpretation = id;
    located.push_back(std::move(occurrence));
  }
  AddOccurrences(located);
}

void AmbiguityObservation::AddOccurrences(const std::vector<Occurrence>& located) {
  const Ambiguity* ambiguity = FindAmbiguity(ambiguity_id);
  const std::vector<Interpretation> none;
  const std::vector<Interpretation>& order = ambiguity != nullptr ? ambiguity->interpretations : none;
  std::vector<std::string> scratch;
  for (const Occurrence& occurrence : located) {
    const std::vector<std::string>& compatible = CompatibleOf(occurrence, scratch);
    std::vector<std::string> shared = Intersect(open_run, compatible);
    if (open_run_size > 0 && !shared.empty()) {
      open_run = std::move(shared);
      ++open_run_size;
      continue;
    }
    if (open_run_size > 0) closed_runs[Preferred(open_run, order)] += open_run_size;
    open_run = compatible;
    open_run_size = 1;
  }
  occurrences = closed_runs;
  if (open_run_size > 0) occurrences[Preferred(open_run, order)] += open_run_size;
}

void AmbiguityObservation::AddRepeated(const Occurrence& occurrence, int times) {
  if (times <= 0) return;
  AddOccurrences({occurrence});
  if (times == 1) return;
  // The open run now shares the occurrence's interpretations (it is a subset
  // of its compatible set, and not empty): every further copy joins it.
  const Ambiguity* ambiguity = FindAmbiguity(ambiguity_id);
  const std::vector<Interpretation> none;
  open_run_size += times - 1;
  occurrences = closed_runs;
  occurrences[Preferred(open_run, ambiguity != nullptr ? ambiguity->interpretations : none)] += open_run_size;
}

std::string AmbiguityObservation::Verdict() const {
  if (occurrences.empty()) return "not exercised";
  if (occurrences.size() == 1) return occurrences.begin()->first;
  // Timing-dependent ambiguities (transient-flap) may legitimately show both
  // interpretations: say so instead of calling the implementation inconsistent.
  const Ambiguity* ambiguity = FindAmbiguity(ambiguity_id);
  const bool timing_dependent = ambiguity != nullptr && !ambiguity->checked_for_consistency;
  std::string out = timing_dependent ? "varies with timing: " : "inconsistent: ";
  bool first = true;
  for (const auto& [id, count] : occurrences) {
    if (!first) out += ", ";
    first = false;
    out += id + " (" + std::to_string(count) + ")";
  }
  return out;
}

}  // namespace pd
