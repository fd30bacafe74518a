// A virtual I/O completion port: a FIFO of completion packets.
#ifndef SIM_COMPLETION_PORT_H_
#define SIM_COMPLETION_PORT_H_

#include <cstddef>
#include <deque>
#include <optional>

#include "sim/win32_types.h"

namespace pd {

struct CompletionPacket {
  DWORD bytes_transferred;
  ULONG_PTR completion_key;
  LPOVERLAPPED overlapped;
};

class CompletionPort {
 public:
  // Bound on queued packets: an implementation posting without end fails the
  // post (as a full non-paged pool would) instead of growing forever.
  static constexpr std::size_t kMaxQueued = 4096;

  bool Post(const CompletionPacket& packet) {
    if (queue_.size() >= kMaxQueued) return false;
    queue_.push_back(packet);
    return true;
  }
  std::optional<CompletionPacket> TryDequeue() {
    if (queue_.empty()) return std::nullopt;
    CompletionPacket packet = queue_.front();
    queue_.pop_front();
    return packet;
  }
  std::size_t Queued() const { return queue_.size(); }

 private:
  std::deque<CompletionPacket> queue_;
};

}  // namespace pd

#endif  // SIM_COMPLETION_PORT_H_
