// A trace, indexed for judging: the status timeline, every call with its
// return, and every registration with everything that completed it. Rules and
// ambiguity classifiers read this instead of re-walking raw events.
#ifndef CONFORMANCE_TRACE_VIEW_H_
#define CONFORMANCE_TRACE_VIEW_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "sim/peerdist_types.h"
#include "sim/trace.h"
#include "sim/virtual_time.h"

namespace pd {

// The service status as a step function of virtual time.
class StatusTimeline {
 public:
  StatusTimeline() = default;
  StatusTimeline(PEERDIST_STATUS initial, std::vector<std::pair<VirtualTime, PEERDIST_STATUS>> changes);

  PEERDIST_STATUS initial() const { return initial_; }
  // Status at time t, after every change stamped <= t.
  PEERDIST_STATUS At(VirtualTime t) const;
  // Status just before any change stamped exactly t took effect.
  PEERDIST_STATUS Before(VirtualTime t) const;
  // Whether some instant in [from, to] had a status other than `baseline`.
  bool DiffersDuring(VirtualTime from, VirtualTime to, PEERDIST_STATUS baseline) const;
  // Whether some instant in [from, to] had status `status`.
  bool HeldDuring(VirtualTime from, VirtualTime to, PEERDIST_STATUS status) const;
  // Earliest t' >= from such that the status differs from `baseline` during
  // all of [t', t' + span] and t' + span <= until. Returns false if none.
  bool FindStableDifference(VirtualTime from, VirtualTime until, PEERDIST_STATUS baseline, Duration span,
                            VirtualTime* start) const;
  const std::vector<std::pair<VirtualTime, PEERDIST_STATUS>>& changes() const { return changes_; }

 private:
  PEERDIST_STATUS initial_ = PEERDIST_STATUS_DISABLED;
  std::vector<std::pair<VirtualTime, PEERDIST_STATUS>> changes_;  // sorted by time
};

// A call and its return (return_index is npos when the run stopped inside it).
struct CallView {
  std::size_t call_index = 0;
  std::size_t return_index = static_cast<std::size_t>(-1);
  const TraceEvent* call = nullptr;
  const TraceEvent* ret = nullptr;  // nullptr when the call never returned
};

// One act that completed (or claimed to complete) an OVERLAPPED.
struct CompletionView {
  std::size_t index = 0;  // position in the trace
  const TraceEvent* event = nullptr;  // kEventSignal, kPacket or kOverlappedDone
};

// One registration attempt (Register or RegisterEx), in scenario order.
struct RegistrationView {
  int index = 0;  // the scenario's rN
  CallView call;
  bool ex = false;
  int session = -1;     // session id; -1 for a handle no Startup issued
  bool handle_open = false;
  bool null_arg = false;
  int overlapped = -1;  // slot id; -1 when lpOverlapped was NULL
  int event = -1;       // hEvent's handle id; -1 when NULL
  int port = -1;        // port handle id; -1 NULL, -2 a bogus handle
  std::int64_t key = 0;
  // The call returned a success code (ERROR_SUCCESS or ERROR_IO_PENDING).
  bool accepted = false;
  std::vector<CompletionView> signals;  // SetEvent on this registration's event
  std::vector<CompletionView> packets;  // packets carrying this OVERLAPPED
  std::vector<CompletionView> done;     // the harness saw Internal leave pending
  // Earliest completion act of any kind; nullptr if none.
  const TraceEvent* first_completion = nullptr;
  std::size_t first_completion_index = 0;
};

class TraceView {
 public:
  explicit TraceView(const Trace& trace);
  // Derived indexes refer to the view that built them: no copies.
  TraceView(const TraceView&) = delete;
  TraceView& operator=(const TraceView&) = delete;

  const std::vector<TraceEvent>& events() const { return *events_; }
  const StatusTimeline& status() const { return status_; }
  const std::vector<CallView>& calls() const { return calls_; }
  const std::vector<RegistrationView>& registrations() const { return registrations_; }
  // Packets whose OVERLAPPED the harness never handed out, and findings.
  const std::vector<std::size_t>& stray_packets() const { return stray_packets_; }
  const std::vector<std::size_t>& findings() const { return findings_; }
  // Time of the last event (the end of the drain on a complete run).
  VirtualTime end_time() const { return end_time_; }
  // Whether the run reached its end (no finding cut it short).
  bool complete() const { return complete_; }

  // Final value observed for a registration's OVERLAPPED.Internal: the code
  // of its last completion act, or kNoValue.
  static std::int64_t FinalCode(const RegistrationView& registration);

  // The service status once trace event `index` has happened: the last
  // valid status change at or before it, else the initial status.
  PEERDIST_STATUS StatusAfterEvent(std::size_t index) const;

  // Trace position and time of the marker that starts scenario step `step`;
  // {0, 0} when the trace has none (a run cut short before it).
  std::pair<std::size_t, VirtualTime> StepStart(int step) const;

  // An index derived from this trace that several rules read (HandleHistory,
  // the per-session notification histories): built on first use, then shared
  // by every rule judging this view, instead of once per rule. `Index` is
  // constructible from `const TraceView&` and may keep a reference to it.
  template <typename Index>
  const Index& Derived() const;

 private:
  // One derived index: its type's tag and the object (type-erased, deleted
  // through the shared_ptr's own deleter).
  struct DerivedIndex {
    const void* tag = nullptr;
    std::shared_ptr<const void> index;
  };
  template <typename Index>
  static const void* DerivedTag() {
    static const char tag = 0;
    return &tag;
  }

  const std::vector<TraceEvent>* events_;
  StatusTimeline status_;
  // (trace index, status) of each valid status change, in trace order.
  std::vector<std::pair<std::size_t, PEERDIST_STATUS>> status_changes_;
  std::vector<CallView> calls_;
  std::vector<RegistrationView> registrations_;
  std::vector<std::size_t> stray_packets_;
  std::vector<std::size_t> findings_;
  // Per scenario step: the position and time of its marker.
  std::vector<std::pair<std::size_t, VirtualTime>> step_starts_;
  VirtualTime end_time_ = 0;
  bool complete_ = false;
  // A handful at most (one per index type), so a linear search.
  mutable std::vector<DerivedIndex> derived_;
};

template <typename Index>
const Index& TraceView::Derived() const {
  const void* tag = DerivedTag<Index>();
  for (const DerivedIndex& entry : derived_) {
    if (entry.tag == tag) return *static_cast<const Index*>(entry.index.get());
  }
  auto index = std::make_shared<const Index>(*this);
  derived_.push_back({tag, index});
  return *index;
}

// ERROR_SUCCESS or ERROR_IO_PENDING: the codes a registration may succeed with.
bool IsRegistrationAccepted(std::int64_t code);

}  // namespace pd

#endif  // CONFORMANCE_TRACE_VIEW_H_
