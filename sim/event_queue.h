// The discrete event queue: work scheduled at a virtual time, run in
// (time, sequence) order. Ties at one instant run in scheduling order, so the
// order never depends on anything but the calls made.
#ifndef SIM_EVENT_QUEUE_H_
#define SIM_EVENT_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <utility>

#include "sim/virtual_time.h"

namespace pd {

using TimerId = std::uint64_t;  // the sequence number; 0 is never issued

class EventQueue {
 public:
  // Bound on pending entries: a runaway implementation that schedules without
  // end fails loudly instead of eating the machine.
  static constexpr std::size_t kMaxPending = 1 << 16;

  TimerId Schedule(VirtualTime at, std::function<void()> work);
  // Returns false when the entry already ran, was cancelled or never existed.
  bool Cancel(TimerId id);

  bool Empty() const { return entries_.empty(); }
  std::size_t Pending() const { return entries_.size(); }
  // Time of the earliest entry; requires !Empty().
  VirtualTime NextTime() const;
  // Removes and returns the earliest entry's work; requires !Empty().
  std::pair<VirtualTime, std::function<void()>> PopNext();

 private:
  using Key = std::pair<VirtualTime, TimerId>;
  std::map<Key, std::function<void()>> entries_;
  std::map<TimerId, VirtualTime> time_of_;
  TimerId next_id_ = 1;
};

}  // namespace pd

#endif  // SIM_EVENT_QUEUE_H_
