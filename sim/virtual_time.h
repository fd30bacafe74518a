// Virtual time: microseconds since the World was created. Nothing in the
// simulation reads a wall clock.
#ifndef SIM_VIRTUAL_TIME_H_
#define SIM_VIRTUAL_TIME_H_

#include <cstdint>

namespace pd {

using VirtualTime = std::uint64_t;  // microseconds since the World began
using Duration = std::uint64_t;     // microseconds

constexpr Duration kMicrosecond = 1;
constexpr Duration kMillisecond = 1000;
constexpr Duration kSecond = 1000 * kMillisecond;

// Bound on any single scenario's virtual time span: keeps arithmetic on
// VirtualTime + Duration far from overflow.
constexpr VirtualTime kVirtualTimeLimit = VirtualTime{1} << 50;

// How long a wait with timeout INFINITE lasts in virtual time (never past
// kVirtualTimeLimit): a wait nobody ends returns WAIT_TIMEOUT at that
// horizon instead of hanging the harness. The rule overlapped-result reads
// a PeerDistGetOverlappedResult(bWait TRUE) that returns there as cut off
// by the harness, not as one that did not wait.
constexpr Duration kInfiniteWaitSpan = kVirtualTimeLimit / 2;

}  // namespace pd

#endif  // SIM_VIRTUAL_TIME_H_
