#include "sim/world.h"

#include <algorithm>
#include <cassert>

namespace pd {
namespace {

// Handle values: small, aligned like real handles, far from NULL.
constexpr std::uintptr_t kHandleBase = 0x1000;
constexpr std::uintptr_t kHandleStride = 4;
constexpr std::uintptr_t kBogusBase = 0xBAD0000;
constexpr int kMaxWaitDepth = 4;

}  // namespace

World::World(std::uint64_t seed, WorldConfig config)
    : config_(config), prng_(seed), service_(config.initial_status) {}

int World::CreateEvent(bool manual_reset, bool initially_signaled) {
  objects_.emplace_back(KernelEvent(manual_reset, initially_signaled));
  return static_cast<int>(objects_.size()) - 1;
}

int World::CreateCompletionPort() {
  objects_.emplace_back(CompletionPort());
  return static_cast<int>(objects_.size()) - 1;
}

HANDLE World::HandleOf(int id) const {
  assert(id >= 0 && id < static_cast<int>(objects_.size()));
  return reinterpret_cast<HANDLE>(kHandleBase + kHandleStride * static_cast<std::uintptr_t>(id));
}

HANDLE World::BogusHandle(int salt) {
  return reinterpret_cast<HANDLE>(kBogusBase + kHandleStride * static_cast<std::uintptr_t>(salt));
}

int World::IdOfHandle(HANDLE handle) const {
  const auto value = reinterpret_cast<std::uintptr_t>(handle);
  if (value < kHandleBase || (value - kHandleBase) % kHandleStride != 0) return -1;
  const std::uintptr_t id = (value - kHandleBase) / kHandleStride;
  if (id >= objects_.size()) return -1;
  return static_cast<int>(id);
}

const KernelEvent* World::EventById(int id) const {
  if (id < 0 || id >= static_cast<int>(objects_.size())) return nullptr;
  return std::get_if<KernelEvent>(&objects_[id]);
}

std::optional<CompletionPacket> World::DequeuePacket(int port_id) {
  assert(port_id >= 0 && port_id < static_cast<int>(objects_.size()));
  auto* port = std::get_if<CompletionPort>(&objects_[port_id]);
  assert(port != nullptr);
  return port->TryDequeue();
}

std::optional<CompletionPacket> World::GetQueuedCompletionStatus(int port_id, DWORD timeout_ms) {
  assert(port_id >= 0 && port_id < static_cast<int>(objects_.size()));
  auto* port = std::get_if<CompletionPort>(&objects_[port_id]);
  assert(port != nullptr);
  if (port->Queued() == 0) {
    const Duration span = timeout_ms == INFINITE ? kVirtualTimeLimit : Duration{timeout_ms} * kMillisecond;
    RunUntil(std::min(now_ + span, kVirtualTimeLimit), [port] { return port->Queued() > 0; });
  }
  return port->TryDequeue();
}

OverlappedSlot& World::NewOverlappedSlot(int event_id, ApiFunction function, SlotStatus which) {
  const char* name = ApiFunctionName(function);
  constexpr CallerMemory::Scope kRun = CallerMemory::Scope::kRun;
  OVERLAPPED* overlapped = caller_memory_.New(OVERLAPPED{}, {name, "lpOverlapped", "OVERLAPPED"}, kRun);
  const auto unwritten = static_cast<PEERDIST_STATUS>(kUnwrittenStatus);
  PEERDIST_STATUS* status = which == SlotStatus::kStatus
                                ? caller_memory_.New(unwritten, {name, "pPeerDistStatus", "PEERDIST_STATUS"}, kRun)
                                : &unused_statuses_.emplace_back(unwritten);
  PEERDIST_STATUS_INFO* info =
      which == SlotStatus::kInfo
          ? caller_memory_.New(PEERDIST_STATUS_INFO{}, {name, "pPeerDistStatus", "PEERDIST_STATUS_INFO"}, kRun)
          : &unused_infos_.emplace_back();
  OverlappedSlot& slot = slots_.emplace_back(*overlapped, *status, *info);
  slot.id = static_cast<int>(slots_.size()) - 1;
  slot.event_id = event_id;
  slot.overlapped.hEvent = event_id >= 0 ? HandleOf(event_id) : nullptr;
  // Until the implementation touches it, Internal holds a value that is
  // neither pending nor a Win32 code, so "never written" stays visible.
  slot.overlapped.Internal = kUnwrittenDword;
  slot.noted_internal = kUnwrittenDword;
  slot.status_info_out.cbSize = sizeof(PEERDIST_STATUS_INFO);
  slot.status_info_out.status = static_cast<PEERDIST_STATUS>(kUnwrittenStatus);
  slot.status_info_out.dwMinVer = kUnwrittenDword;
  slot.status_info_out.dwMaxVer = kUnwrittenDword;
  slot_of_overlapped_[&slot.overlapped] = slot.id;
  if (event_id >= 0) last_slot_of_event_[event_id] = slot.id;
  return slot;
}

void World::NewSlotBuffer(OverlappedSlot& slot, std::size_t size, ApiFunction function, const char* parameter) {
  slot.buffer.bytes = static_cast<BYTE*>(
      caller_memory_.Allocate(size, nullptr, {ApiFunctionName(function), parameter, "BYTE[]"}, CallerMemory::Scope::kRun));
  slot.buffer.length = size;
}

OverlappedSlot* World::SlotById(int id) {
  if (id < 0 || id >= static_cast<int>(slots_.size())) return nullptr;
  return &slots_[id];
}

int World::SlotIdOf(const OVERLAPPED* overlapped) const {
  if (overlapped == nullptr) return -1;
  auto it = slot_of_overlapped_.find(overlapped);
  return it == slot_of_overlapped_.end() ? -2 : it->second;
}

TraceEvent World::Stamp(TraceKind kind) const {
  TraceEvent event;
  event.kind = kind;
  event.time = now_;
  event.step = current_step_;
  return event;
}

void World::SnapshotSlot(const OverlappedSlot& slot, TraceEvent& event) const {
  event.overlapped = slot.id;
  event.code = static_cast<std::int64_t>(slot.overlapped.Internal);
  event.bytes = static_cast<std::int64_t>(slot.overlapped.InternalHigh);
  if (!slot.carries_status) return;
  if (slot.uses_info) {
    event.status = slot.status_info_out.status;
    event.info_size = slot.status_info_out.cbSize;
    event.info_min = slot.status_info_out.dwMinVer;
    event.info_max = slot.status_info_out.dwMaxVer;
  } else {
    event.status = slot.status_out;
  }
}

void World::NoteOverlappedTransitions() {
  for (OverlappedSlot& slot : slots_) {
    const ULONG_PTR now = slot.overlapped.Internal;
    if (now == slot.noted_internal) continue;
    slot.noted_internal = now;
    if (now == kStatusPending) continue;
    slot.done_at = now_;
    TraceEvent done = Stamp(TraceKind::kOverlappedDone);
    SnapshotSlot(slot, done);
    trace_.Add(std::move(done));
  }
}

void World::Finding(const std::string& what) {
  TraceEvent event = Stamp(TraceKind::kFinding);
  event.detail = what;
  trace_.Add(std::move(event));
}

void World::RecordOutOfBounds(const std::vector<std::string>& broken) {
  for (const std::string& what : broken) Finding(kBufferBoundsFinding + what);
}

void World::CallReturned() {
  std::vector<std::string> broken;
  caller_memory_.EndCall(&broken);
  RecordOutOfBounds(broken);
}

void World::WroteOutside(const void* buffer, const GuardDamage& damage) {
  // Reported at the next check, where the guards would have shown it.
  caller_memory_.Outside(buffer, damage);
}

BOOL World::SetEvent(HANDLE handle) {
  const int id = IdOfHandle(handle);
  KernelEvent* event = id >= 0 ? std::get_if<KernelEvent>(&objects_[id]) : nullptr;
  if (event == nullptr) {
    Finding(std::string(kHostMisuseFinding) + "SetEvent on a handle that is not an event");
    last_error_ = ERROR_INVALID_HANDLE;
    return kFalse;
  }
  event->Set();
  TraceEvent traced = Stamp(TraceKind::kEventSignal);
  auto owner = last_slot_of_event_.find(id);
  if (owner != last_slot_of_event_.end()) SnapshotSlot(slots_[owner->second], traced);
  traced.event = id;
  trace_.Add(std::move(traced));
  return kTrue;
}

BOOL World::PostQueuedCompletionStatus(HANDLE handle, DWORD bytes, ULONG_PTR key,
                                       LPOVERLAPPED overlapped) {
  const int id = IdOfHandle(handle);
  CompletionPort* port = id >= 0 ? std::get_if<CompletionPort>(&objects_[id]) : nullptr;
  if (port == nullptr) {
    Finding(std::string(kHostMisuseFinding) + "PostQueuedCompletionStatus on a handle that is not a completion port");
    last_error_ = ERROR_INVALID_HANDLE;
    return kFalse;
  }
  if (!port->Post(CompletionPacket{bytes, key, overlapped})) {
    Finding(std::string(kHostMisuseFinding) + "completion port queue bound exceeded");
    return kFalse;
  }
  TraceEvent traced = Stamp(TraceKind::kPacket);
  const int slot_id = SlotIdOf(overlapped);
  if (slot_id >= 0) SnapshotSlot(slots_[slot_id], traced);
  traced.overlapped = slot_id;
  traced.port = id;
  // The trace keeps keys in 63 bits, as the harness records them at the call.
  traced.key = static_cast<std::int64_t>(key & 0x7FFFFFFFFFFFFFFFull);
  traced.bytes = bytes;
  trace_.Add(std::move(traced));
  return kTrue;
}

bool World::IsCompletionPort(HANDLE handle) const {
  const int id = IdOfHandle(handle);
  return id >= 0 && std::holds_alternative<CompletionPort>(objects_[id]);
}

bool World::IsEvent(HANDLE handle) const {
  const int id = IdOfHandle(handle);
  return id >= 0 && std::holds_alternative<KernelEvent>(objects_[id]);
}

DWORD World::WaitForEvent(HANDLE handle, DWORD timeout_ms) {
  const int id = IdOfHandle(handle);
  KernelEvent* event = id >= 0 ? std::get_if<KernelEvent>(&objects_[id]) : nullptr;
  if (event == nullptr) {
    last_error_ = ERROR_INVALID_HANDLE;
    return WAIT_FAILED;
  }
  if (event->TryAcquire()) return WAIT_OBJECT_0;
  if (wait_depth_ >= kMaxWaitDepth) throw WorldBoundExceeded{"nested waits deeper than " + std::to_string(kMaxWaitDepth)};
  ++wait_depth_;
  // Restores the depth however the wait ends (a bound may throw through it).
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } guard{wait_depth_};
  // INFINITE is bounded by the run's own bound: a wait nobody will end
  // surfaces as a timeout at the horizon, never as a hung harness.
  const Duration span = timeout_ms == INFINITE ? kInfiniteWaitSpan : Duration{timeout_ms} * kMillisecond;
  // Never past the virtual time limit (RunFor's guard relies on it).
  const VirtualTime deadline = std::min(now_ + span, kVirtualTimeLimit);
  RunUntil(deadline, [event] { return event->IsSignaled(); });
  return event->TryAcquire() ? WAIT_OBJECT_0 : WAIT_TIMEOUT;
}

TimerId World::ScheduleAfter(Duration delay, std::function<void()> work) {
  if (delay > kVirtualTimeLimit) delay = kVirtualTimeLimit;
  if (queue_.Pending() >= EventQueue::kMaxPending) {
    throw WorldBoundExceeded{"kept more than " + std::to_string(EventQueue::kMaxPending) +
                             " pieces of work scheduled at once"};
  }
  return queue_.Schedule(now_ + delay, std::move(work));
}

Duration World::DrawDelay(Duration low, Duration high) {
  if (high <= low) return high;
  return prng_.Uniform(low, std::min<Duration>(high, kVirtualTimeLimit));
}

void World::ChangeStatus(PEERDIST_STATUS before) {
  const PEERDIST_STATUS now = service_.status();
  if (now == before) return;
  TraceEvent traced = Stamp(TraceKind::kStatusChange);
  traced.old_status = before;
  traced.status = now;
  trace_.Add(std::move(traced));
  if (status_listener_) status_listener_(before, now);
}

void World::NoteCauses(bool first) {
  const ServiceCauses now = service_.causes();
  if (!causes_traced_ || (!first && now == traced_causes_)) return;
  traced_causes_ = now;
  TraceEvent traced = Stamp(TraceKind::kServiceCause);
  traced.detail = ServiceCausesName(now);
  trace_.Add(std::move(traced));
}

void World::Environment(EnvAction action) {
  const Duration delay = prng_.Uniform(0, config_.max_environment_delay);
  queue_.Schedule(now_ + delay, [this, action] {
    const PEERDIST_STATUS before = service_.status();
    service_.Apply(action);
    // The first trace of causes states them whatever they were before.
    const bool first = NamesCause(action) && !causes_traced_;
    causes_traced_ = causes_traced_ || first;
    // Before the status line, so that whatever the move makes the
    // implementation do already reads the new causes.
    NoteCauses(first);
    ChangeStatus(before);
    if (action == EnvAction::kRestart) {
      const Duration downtime = prng_.Uniform(kMillisecond, config_.max_restart_downtime);
      queue_.Schedule(now_ + downtime, [this] {
        const PEERDIST_STATUS down = service_.status();
        service_.ComeBackUp();
        NoteCauses(false);
        ChangeStatus(down);
      });
    }
  });
}

void World::AddPeerCopy(std::uint32_t content, std::uint64_t offset, std::uint64_t length, Duration latency_bound) {
  const Duration latency = latency_bound == 0 ? 0 : prng_.Uniform(latency_bound / 2, latency_bound);
  peers_.Add(PeerCopy{content, offset, length, latency});
  TraceEvent traced = Stamp(TraceKind::kPeerChange);
  traced.detail = "peer copy id=" + std::to_string(content) + " offset=" + std::to_string(offset) +
                  " length=" + std::to_string(length) + " latency=" + std::to_string(latency);
  trace_.Add(std::move(traced));
}

void World::RemovePeerCopies(std::uint32_t content) {
  peers_.Remove(content);
  TraceEvent traced = Stamp(TraceKind::kPeerChange);
  traced.detail = "peer copies of id=" + std::to_string(content) + " removed";
  trace_.Add(std::move(traced));
}

std::optional<Duration> World::FetchFromPeers(std::uint64_t offset, DWORD length, std::uint64_t hash, BYTE* out) {
  std::optional<PeerDelivery> delivery = peers_.Fetch(offset, length, hash);
  if (!delivery) return std::nullopt;
  if (out != nullptr) std::copy(delivery->bytes.begin(), delivery->bytes.end(), out);
  return delivery->latency;
}

void World::RunUntil(VirtualTime deadline, const std::function<bool()>& until) {
  std::uint64_t executed = 0;
  std::uint64_t at_this_instant = 0;
  while (!queue_.Empty() && queue_.NextTime() <= deadline) {
    if (until && until()) return;
    if (++executed > config_.max_work_per_run) {
      throw WorldBoundExceeded{"ran more than " + std::to_string(config_.max_work_per_run) +
                               " pieces of scheduled work in one advance of virtual time"};
    }
    at_this_instant = queue_.NextTime() == now_ ? at_this_instant + 1 : 1;
    if (at_this_instant > config_.max_work_per_instant) {
      throw WorldBoundExceeded{"ran more than " + std::to_string(config_.max_work_per_instant) +
                               " pieces of scheduled work at one instant of virtual time"};
    }
    auto [time, work] = queue_.PopNext();
    assert(time >= now_);
    now_ = time;
    work();
    NoteOverlappedTransitions();
    std::vector<std::string> broken;
    caller_memory_.Check(&broken);
    RecordOutOfBounds(broken);
  }
  if (until && until()) return;
  // A wait nested in the work above may already have run the clock past
  // `deadline`; virtual time never goes backwards.
  if (now_ < deadline) now_ = deadline;
}

void World::RunFor(Duration span) {
  if (span > kVirtualTimeLimit - now_) {
    throw WorldBoundExceeded{"virtual time limit", WorldBoundExceeded::Cause::kCaller};
  }
  RunUntil(now_ + span, nullptr);
}

}  // namespace pd
