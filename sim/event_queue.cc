#include "sim/event_queue.h"

#include <cassert>
#include <stdexcept>

namespace pd {

TimerId EventQueue::Schedule(VirtualTime at, std::function<void()> work) {
  if (entries_.size() >= kMaxPending) {
    throw std::length_error("event queue bound exceeded (runaway scheduling)");
  }
  const TimerId id = next_id_++;
  entries_.emplace(Key{at, id}, std::move(work));
  time_of_.emplace(id, at);
  return id;
}

bool EventQueue::Cancel(TimerId id) {
  auto it = time_of_.find(id);
  if (it == time_of_.end()) return false;
  entries_.erase(Key{it->second, id});
  time_of_.erase(it);
  return true;
}

VirtualTime EventQueue::NextTime() const {
  assert(!entries_.empty());
  return entries_.begin()->first.first;
}

std::pair<VirtualTime, std::function<void()>> EventQueue::PopNext() {
  assert(!entries_.empty());
  auto it = entries_.begin();
  std::pair<VirtualTime, std::function<void()>> next{it->first.first, std::move(it->second)};
  time_of_.erase(it->first.second);
  entries_.erase(it);
  return next;
}

}  // namespace pd
