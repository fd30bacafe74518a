#include "conformance/trace_view.h"

#include <algorithm>

namespace pd {

namespace {

constexpr std::size_t kNoStepStart = static_cast<std::size_t>(-1);

// Registration index by OVERLAPPED slot id or event id. The World hands
// out both densely from 0, so a vector indexed by id, grown on demand (ids
// beyond the trace's event bound cannot come from a World and are ignored).
class RegistrationById {
 public:
  void Set(int id, int registration) {
    if (id < 0 || static_cast<std::size_t>(id) >= Trace::kMaxEvents) return;
    if (static_cast<std::size_t>(id) >= by_id_.size()) by_id_.resize(static_cast<std::size_t>(id) + 1, -1);
    by_id_[static_cast<std::size_t>(id)] = registration;
  }
  int Get(int id) const {
    if (id < 0 || static_cast<std::size_t>(id) >= by_id_.size()) return -1;
    return by_id_[static_cast<std::size_t>(id)];
  }

 private:
  std::vector<int> by_id_;
};

}  // namespace

bool IsRegistrationAccepted(std::int64_t code) { return code == ERROR_SUCCESS || code == ERROR_IO_PENDING; }

StatusTimeline::StatusTimeline(PEERDIST_STATUS initial,
                               std::vector<std::pair<VirtualTime, PEERDIST_STATUS>> changes)
    : initial_(initial), changes_(std::move(changes)) {}

PEERDIST_STATUS StatusTimeline::At(VirtualTime t) const {
  PEERDIST_STATUS status = initial_;
  for (const auto& [time, next] : changes_) {
    if (time > t) break;
    status = next;
  }
  return status;
}

PEERDIST_STATUS StatusTimeline::Before(VirtualTime t) const {
  PEERDIST_STATUS status = initial_;
  for (const auto& [time, next] : changes_) {
    if (time >= t) break;
    status = next;
  }
  return status;
}

bool StatusTimeline::HeldDuring(VirtualTime from, VirtualTime to, PEERDIST_STATUS status) const {
  if (At(from) == status) return true;
  for (const auto& [time, next] : changes_) {
    if (time > to) break;
    if (time > from && next == status) return true;
  }
  return false;
}

bool StatusTimeline::DiffersDuring(VirtualTime from, VirtualTime to, PEERDIST_STATUS baseline) const {
  if (At(from) != baseline) return true;
  for (const auto& [time, next] : changes_) {
    if (time > to) break;
    if (time > from && next != baseline) return true;
  }
  return false;
}

bool StatusTimeline::FindStableDifference(VirtualTime from, VirtualTime until, PEERDIST_STATUS baseline,
                                          Duration span, VirtualTime* start) const {
  // Candidate starts: `from` itself and every change after it.
  std::vector<VirtualTime> candidates = {from};
  for (const auto& [time, next] : changes_) {
    if (time > from) candidates.push_back(time);
  }
  for (VirtualTime candidate : candidates) {
    if (candidate + span > until) return false;
    if (At(candidate) == baseline) continue;
    // It must stay different through candidate + span.
    bool stays = true;
    for (const auto& [time, next] : changes_) {
      if (time <= candidate) continue;
      if (time > candidate + span) break;
      if (next == baseline) {
        stays = false;
        break;
      }
    }
    if (stays) {
      *start = candidate;
      return true;
    }
  }
  return false;
}

TraceView::TraceView(const Trace& trace) : events_(&trace.events()) {
  const std::vector<TraceEvent>& events = *events_;
  PEERDIST_STATUS initial = PEERDIST_STATUS_DISABLED;
  std::vector<std::pair<VirtualTime, PEERDIST_STATUS>> changes;
  RegistrationById registration_of_slot;
  RegistrationById registration_of_event;
  std::vector<std::size_t> open_calls;
  calls_.reserve(events.size() / 2);

  for (std::size_t i = 0; i < events.size(); ++i) {
    const TraceEvent& event = events[i];
    end_time_ = std::max(end_time_, event.time);
    switch (event.kind) {
      case TraceKind::kStep:
        if (event.step == -1 && event.detail == "initial" && IsValidStatus(event.status)) {
          initial = static_cast<PEERDIST_STATUS>(event.status);
        }
        if (event.detail == "end") complete_ = true;
        if (event.step >= 0 && event.detail != "initial") {
          const std::size_t step = static_cast<std::size_t>(event.step);
          if (step >= step_starts_.size()) step_starts_.resize(step + 1, {kNoStepStart, 0});
          if (step_starts_[step].first == kNoStepStart) step_starts_[step] = {i, event.time};
        }
        break;
      case TraceKind::kStatusChange:
        if (IsValidStatus(event.status)) {
          changes.emplace_back(event.time, static_cast<PEERDIST_STATUS>(event.status));
          status_changes_.emplace_back(i, static_cast<PEERDIST_STATUS>(event.status));
        }
        break;
      case TraceKind::kCall: {
        CallView call;
        call.call_index = i;
        call.call = &event;
        calls_.push_back(call);
        open_calls.push_back(calls_.size() - 1);
        if (event.function == ApiFunction::kRegister || event.function == ApiFunction::kRegisterEx) {
          RegistrationView registration;
          registration.index = static_cast<int>(registrations_.size());
          registration.ex = event.function == ApiFunction::kRegisterEx;
          registration.session = event.session;
          registration.handle_open = event.handle_open == 1;
          registration.null_arg = event.null_arg == 1;
          registration.overlapped = event.overlapped;
          registration.event = event.event;
          registration.port = event.port;
          registration.key = event.key == kNoValue ? 0 : event.key;
          registration_of_slot.Set(event.overlapped, registration.index);
          registration_of_event.Set(event.event, registration.index);
          registrations_.push_back(registration);
        }
        break;
      }
      case TraceKind::kReturn: {
        // Calls do not nest (one simulated thread), so a return closes the
        // most recent open call.
        if (open_calls.empty()) break;
        CallView& call = calls_[open_calls.back()];
        open_calls.pop_back();
        call.return_index = i;
        call.ret = &event;
        break;
      }
      case TraceKind::kEventSignal:
      case TraceKind::kPacket:
      case TraceKind::kOverlappedDone: {
        const int registration = event.kind == TraceKind::kEventSignal ? registration_of_event.Get(event.event)
                                                                        : registration_of_slot.Get(event.overlapped);
        if (registration < 0) {
          if (event.kind == TraceKind::kPacket) stray_packets_.push_back(i);
          break;
        }
        RegistrationView& view = registrations_[registration];
        CompletionView completion{i, &event};
        if (event.kind == TraceKind::kEventSignal) view.signals.push_back(completion);
        if (event.kind == TraceKind::kPacket) view.packets.push_back(completion);
        if (event.kind == TraceKind::kOverlappedDone) view.done.push_back(completion);
        if (view.first_completion == nullptr) {
          view.first_completion = &event;
          view.first_completion_index = i;
        }
        break;
      }
      case TraceKind::kFinding:
        findings_.push_back(i);
        break;
      case TraceKind::kPeerChange:
      case TraceKind::kServiceCause:  // ServiceCauseHistory (conformance/service_rows.h) reads them
        break;
    }
  }
  // Registration calls' views were copied before their returns were seen.
  std::size_t next = 0;
  for (const CallView& call : calls_) {
    if (call.call->function != ApiFunction::kRegister && call.call->function != ApiFunction::kRegisterEx) continue;
    RegistrationView& registration = registrations_[next++];
    registration.call = call;
    registration.accepted = call.ret != nullptr && IsRegistrationAccepted(call.ret->code);
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  status_ = StatusTimeline(initial, std::move(changes));
}

std::int64_t TraceView::FinalCode(const RegistrationView& registration) {
  std::int64_t code = kNoValue;
  std::size_t last = 0;
  for (const auto* list : {&registration.signals, &registration.packets, &registration.done}) {
    for (const CompletionView& completion : *list) {
      if (completion.index >= last && completion.event->code != kStatusPending) {
        last = completion.index;
        code = completion.event->code;
      }
    }
  }
  return code;
}

PEERDIST_STATUS TraceView::StatusAfterEvent(std::size_t index) const {
  const auto after = std::upper_bound(status_changes_.begin(), status_changes_.end(), index,
                                      [](std::size_t at, const auto& change) { return at < change.first; });
  return after == status_changes_.begin() ? status_.initial() : std::prev(after)->second;
}

std::pair<std::size_t, VirtualTime> TraceView::StepStart(int step) const {
  if (step < 0 || static_cast<std::size_t>(step) >= step_starts_.size()) return {0, 0};
  const std::pair<std::size_t, VirtualTime>& start = step_starts_[static_cast<std::size_t>(step)];
  return start.first == kNoStepStart ? std::pair<std::size_t, VirtualTime>{0, 0} : start;
}

}  // namespace pd
