// The World: one simulated machine. It owns the virtual clock, the event
// queue, the one seeded PRNG, the virtual kernel objects, the simulated
// service and the trace, and hands implementations its HostServices.
// Single-threaded and seeded: the same calls and seed give the same trace.
#ifndef SIM_WORLD_H_
#define SIM_WORLD_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/caller_memory.h"
#include "sim/completion_port.h"
#include "sim/event_queue.h"
#include "sim/host_services.h"
#include "sim/kernel_event.h"
#include "sim/overlapped_slot.h"
#include "sim/peer_network.h"
#include "sim/prng.h"
#include "sim/service_model.h"
#include "sim/trace.h"
#include "sim/virtual_time.h"

namespace pd {

struct WorldConfig {
  PEERDIST_STATUS initial_status = PEERDIST_STATUS_DISABLED;
  // An environment action takes effect after a delay drawn in [0, this].
  Duration max_environment_delay = 50 * kMillisecond;
  // A restart keeps the service down for a delay drawn in [1ms, this].
  Duration max_restart_downtime = 200 * kMillisecond;
  // Bound on queue entries one RunFor may execute.
  std::uint64_t max_work_per_run = 100000;
  // Bound on queue entries run at one instant of virtual time: work that
  // keeps rescheduling itself with no delay never lets time move, and this
  // catches it long before max_work_per_run (a scenario has at most a few
  // hundred operations, so a correct implementation stays far below).
  std::uint64_t max_work_per_instant = 4096;
};

// Thrown when a run exceeds a World bound. The runner turns it into a
// finding, named by whose doing it is.
struct WorldBoundExceeded {
  enum class Cause {
    // The implementation kept the World busy: work scheduled without end,
    // more work pending than the queue holds, waits nested without end. A
    // livelock in virtual time, which the rule no-hang judges.
    kImplementation,
    // The scenario's own caller waited forever on an operation that rightly
    // never completes and ran into the virtual time limit; on Windows the
    // caller would hang too. Judged by no rule.
    kCaller,
  };
  std::string what;  // what was exceeded, e.g. "virtual time limit"
  Cause cause = Cause::kImplementation;
};

class World final : public HostServices {
 public:
  using StatusListener = std::function<void(PEERDIST_STATUS before, PEERDIST_STATUS now)>;

  World(std::uint64_t seed, WorldConfig config);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // --- the harness side -------------------------------------------------
  Prng& prng() { return prng_; }
  Trace& trace() { return trace_; }
  const Trace& trace() const { return trace_; }
  const WorldConfig& config() const { return config_; }
  void set_current_step(int step) { current_step_ = step; }
  int current_step() const { return current_step_; }
  void SetStatusListener(StatusListener listener) { status_listener_ = std::move(listener); }

  // Kernel objects the harness creates for calls. Ids are small integers in
  // creation order; handle values are derived from them.
  int CreateEvent(bool manual_reset, bool initially_signaled);
  int CreateCompletionPort();
  HANDLE HandleOf(int id) const;
  // An id that was never issued: a handle value no object has.
  static HANDLE BogusHandle(int salt);
  const KernelEvent* EventById(int id) const;
  std::optional<CompletionPacket> DequeuePacket(int port_id);
  // GetQueuedCompletionStatus in virtual time: runs the World until the port
  // holds a packet or timeout_ms of virtual time pass (nullopt).
  std::optional<CompletionPacket> GetQueuedCompletionStatus(int port_id, DWORD timeout_ms);
  // Which status out-parameter of a slot the call hands out.
  enum class SlotStatus : std::uint8_t { kNone, kStatus, kInfo };
  // A new OVERLAPPED (hEvent: event `event_id`, or NULL for -1), a
  // run-scoped block of caller memory named after `function`, and so is the
  // status out-parameter `status` names; the other is never handed out and
  // stays plain World memory (fewer blocks to check after every piece of work).
  OverlappedSlot& NewOverlappedSlot(int event_id, ApiFunction function = ApiFunction::kNone,
                                    SlotStatus status = SlotStatus::kStatus);
  // Gives `slot` a zeroed data buffer of `size` bytes, a run-scoped block
  // named `parameter` of `function`.
  void NewSlotBuffer(OverlappedSlot& slot, std::size_t size, ApiFunction function, const char* parameter);
  OverlappedSlot* SlotById(int id);
  int SlotIdOf(const OVERLAPPED* overlapped) const;  // -2 when unknown, -1 for NULL
  int slot_count() const { return static_cast<int>(slots_.size()); }

  // Schedules an environment action; it takes effect after a drawn delay.
  void Environment(EnvAction action);
  // A peer gains a copy of bytes [offset, offset + length) of content
  // `content`; fetches from it take a latency drawn in
  // [latency_bound / 2, latency_bound] now (traced with the copy).
  void AddPeerCopy(std::uint32_t content, std::uint64_t offset, std::uint64_t length, Duration latency_bound);
  // Every peer drops its copies of content `content`.
  void RemovePeerCopies(std::uint32_t content);
  const PeerNetwork& peers() const { return peers_; }
  // Advances virtual time by `span`, running every queue entry due.
  void RunFor(Duration span);
  // Traces kOverlappedDone for every OVERLAPPED whose Internal moved to a
  // final value since last noted. The World calls it after every queue entry;
  // the harness calls it after every call, so completions that signal
  // nothing are still seen at the instant they happen.
  void NoteOverlappedTransitions();
  // Records a finding (the implementation broke the host contract).
  void Finding(const std::string& what);

  // Every buffer the harness hands an implementation comes from here
  // (sim/caller_memory.h). The World checks the guards after every piece of
  // scheduled work; the harness calls CallReturned after every call.
  CallerMemory& caller_memory() { return caller_memory_; }
  // A call returned: checks every guard, then stops checking the call's
  // call-scoped buffers. Each broken guard is a kBufferBoundsFinding.
  void CallReturned();

  // --- HostServices -----------------------------------------------------
  VirtualTime Now() const override { return now_; }
  PEERDIST_STATUS ServiceStatus() const override { return service_.status(); }
  ServiceCause DisabledCause() const override { return OneCause(service_.causes()); }
  BOOL SetEvent(HANDLE event) override;
  BOOL PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key,
                                  LPOVERLAPPED overlapped) override;
  bool IsCompletionPort(HANDLE handle) const override;
  bool IsEvent(HANDLE handle) const override;
  DWORD WaitForEvent(HANDLE event, DWORD timeout_ms) override;
  std::optional<Duration> FetchFromPeers(std::uint64_t offset, DWORD length, std::uint64_t hash, BYTE* out) override;
  TimerId ScheduleAfter(Duration delay, std::function<void()> work) override;
  bool CancelScheduled(TimerId id) override { return queue_.Cancel(id); }
  Duration DrawDelay(Duration low, Duration high) override;
  void SetLastError(DWORD error) override { last_error_ = error; }
  DWORD GetLastError() const override { return last_error_; }
  void WroteOutside(const void* buffer, const GuardDamage& damage) override;

 private:
  using KernelObject = std::variant<KernelEvent, CompletionPort>;

  int IdOfHandle(HANDLE handle) const;  // -1 when no object has it
  TraceEvent Stamp(TraceKind kind) const;
  void SnapshotSlot(const OverlappedSlot& slot, TraceEvent& event) const;
  void ChangeStatus(PEERDIST_STATUS before);
  // Traces the service's causes when they changed, once an action that names
  // its cause has run (kServiceCause), and always for the `first` such
  // action; before that, never.
  void NoteCauses(bool first);
  void RecordOutOfBounds(const std::vector<std::string>& broken);
  // Runs queue entries due up to `deadline`; stops early when `until` says so.
  void RunUntil(VirtualTime deadline, const std::function<bool()>& until);

  WorldConfig config_;
  // Declared first among what implementations point into: destroyed last.
  CallerMemory caller_memory_;
  Prng prng_;
  EventQueue queue_;
  ServiceModel service_;
  PeerNetwork peers_;
  Trace trace_;
  StatusListener status_listener_;
  bool causes_traced_ = false;
  ServiceCauses traced_causes_;
  VirtualTime now_ = 0;
  int current_step_ = -1;
  DWORD last_error_ = ERROR_SUCCESS;
  int wait_depth_ = 0;
  std::deque<KernelObject> objects_;  // index = handle id
  std::deque<OverlappedSlot> slots_;  // index = slot id; deque keeps addresses
  // What the status out-parameters of a slot without them refer to.
  std::deque<PEERDIST_STATUS> unused_statuses_;
  std::deque<PEERDIST_STATUS_INFO> unused_infos_;
  std::map<const OVERLAPPED*, int> slot_of_overlapped_;
  std::map<int, int> last_slot_of_event_;  // event id -> newest slot using it
};

}  // namespace pd

#endif  // SIM_WORLD_H_
