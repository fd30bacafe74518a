// What the World offers an implementation under test: the only way it can
// touch the virtual kernel (events, completion ports), the virtual clock and
// the simulated service. In-process implementations get this interface; the
// plugin and process adapters forward the same operations.
#ifndef SIM_HOST_SERVICES_H_
#define SIM_HOST_SERVICES_H_

#include <cstdint>
#include <functional>
#include <optional>

#include "sim/caller_memory.h"
#include "sim/event_queue.h"
#include "sim/peerdist_types.h"
#include "sim/service_model.h"
#include "sim/virtual_time.h"

namespace pd {

constexpr DWORD WAIT_OBJECT_0 = 0;
constexpr DWORD WAIT_TIMEOUT = 258;
constexpr DWORD WAIT_FAILED = 0xFFFFFFFF;

class HostServices {
 public:
  virtual ~HostServices() = default;

  virtual VirtualTime Now() const = 0;
  // The status the simulated service has right now.
  virtual PEERDIST_STATUS ServiceStatus() const = 0;
  // Why the service is DISABLED right now, when an environment action named
  // it (sim/service_model.h): the row a call answers. kUnknown otherwise,
  // and from hosts that know no causes.
  virtual ServiceCause DisabledCause() const { return ServiceCause::kUnknown; }

  // SetEvent. FALSE (and last error ERROR_INVALID_HANDLE) for a handle that
  // is not an event of this World.
  virtual BOOL SetEvent(HANDLE event) = 0;
  // PostQueuedCompletionStatus. FALSE for a handle that is not a port.
  virtual BOOL PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key,
                                          LPOVERLAPPED overlapped) = 0;
  virtual bool IsCompletionPort(HANDLE handle) const = 0;
  virtual bool IsEvent(HANDLE handle) const = 0;
  // WaitForSingleObject on an event, in virtual time: runs the World until
  // the event is signalled or timeout_ms of virtual time pass.
  virtual DWORD WaitForEvent(HANDLE event, DWORD timeout_ms) = 0;

  // Runs work at Now() + delay. Work scheduled for one instant runs in the
  // order it was scheduled.
  virtual TimerId ScheduleAfter(Duration delay, std::function<void()> work) = 0;
  virtual bool CancelScheduled(TimerId id) = 0;
  // A duration in [low, high] drawn from the host's one PRNG: how long an
  // asynchronous operation takes, so completions race status changes. The
  // default (always `low`) serves hosts without randomness.
  virtual Duration DrawDelay(Duration low, Duration high) { return high < low ? high : low; }

  // Asks the simulated peers (sim/peer_network.h) for the `length` bytes at
  // content offset `offset` whose FNV-1a hash is `hash`. When one holds
  // them, writes them to `out` and returns how long the fetch takes (the
  // bytes count as arrived only that much later); nullopt when no peer holds
  // them. The default serves hosts without peers.
  virtual std::optional<Duration> FetchFromPeers(std::uint64_t offset, DWORD length, std::uint64_t hash, BYTE* out) {
    (void)offset, (void)length, (void)hash, (void)out;
    return std::nullopt;
  }

  // The calling thread's last-error value (there is one simulated thread).
  virtual void SetLastError(DWORD error) = 0;
  virtual DWORD GetLastError() const = 0;

  // For the adapters of implementations in another process, which write the
  // caller's buffers on their behalf (adapters/PROTOCOL.md): the
  // implementation wrote outside the buffer at `buffer` as far as `damage`
  // says. The World's next guard check reports it, as it would have found
  // the write in process; a host without guarded memory ignores it.
  virtual void WroteOutside(const void* buffer, const GuardDamage& damage) {
    (void)buffer;
    (void)damage;
  }
};

}  // namespace pd

#endif  // SIM_HOST_SERVICES_H_
