#include "sim/world.h"

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace pd {
namespace {

std::vector<TraceEvent> EventsOfKind(const World& world, TraceKind kind) {
  std::vector<TraceEvent> out;
  for (const TraceEvent& event : world.trace().events()) {
    if (event.kind == kind) out.push_back(event);
  }
  return out;
}

// The delay World::Environment draws first for `seed`: it is the World's
// first PRNG draw.
Duration FirstDraw(std::uint64_t seed, Duration max) { return Prng(seed).Uniform(0, max); }

// ---------------------------------------------------------------------------
// Environment actions and the service status

TEST(WorldEnvironment, InitialStatusComesFromTheConfig) {
  WorldConfig config;
  EXPECT_EQ(config.initial_status, PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(World(0, config).ServiceStatus(), PEERDIST_STATUS_DISABLED);
  config.initial_status = PEERDIST_STATUS_UNAVAILABLE;
  EXPECT_EQ(World(0, config).ServiceStatus(), PEERDIST_STATUS_UNAVAILABLE);
  config.initial_status = PEERDIST_STATUS_AVAILABLE;
  EXPECT_EQ(World(0, config).ServiceStatus(), PEERDIST_STATUS_AVAILABLE);
}

TEST(WorldEnvironment, ActionTakesEffectExactlyAfterTheDrawnDelay) {
  for (std::uint64_t seed : {0ull, 1ull, 42ull, 1234ull}) {
    SCOPED_TRACE(seed);
    World world(seed, WorldConfig{});
    const Duration delay = FirstDraw(seed, 50 * kMillisecond);
    ASSERT_GT(delay, 0u) << "pick seeds whose delay is not 0";
    ASSERT_LE(delay, 50 * kMillisecond);

    world.set_current_step(7);
    world.Environment(EnvAction::kEnable);
    EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_DISABLED);  // not yet
    world.RunFor(delay - 1);
    EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_DISABLED);
    EXPECT_TRUE(EventsOfKind(world, TraceKind::kStatusChange).empty());

    world.RunFor(1);
    EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_AVAILABLE);
    const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].time, delay);
    EXPECT_EQ(changes[0].step, 7);
    EXPECT_EQ(changes[0].old_status, PEERDIST_STATUS_DISABLED);
    EXPECT_EQ(changes[0].status, PEERDIST_STATUS_AVAILABLE);
    EXPECT_EQ(changes[0].Render(),
              "t=" + std::to_string(delay) + " step=7 status from=disabled status=available");
  }
}

TEST(WorldEnvironment, DelayStaysWithinTheConfiguredMaximum) {
  WorldConfig config;
  config.max_environment_delay = 5 * kMillisecond;
  std::set<VirtualTime> seen;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    World world(seed, config);
    world.Environment(EnvAction::kEnable);
    world.RunFor(5 * kMillisecond);
    ASSERT_EQ(world.ServiceStatus(), PEERDIST_STATUS_AVAILABLE) << seed;
    const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_LE(changes[0].time, 5 * kMillisecond);
    seen.insert(changes[0].time);
  }
  EXPECT_GT(seen.size(), 150u);  // the delay really is drawn, not fixed
}

TEST(WorldEnvironment, ZeroMaximumDelayMeansTheSameInstant) {
  WorldConfig config;
  config.max_environment_delay = 0;
  World world(3, config);
  world.RunFor(10);
  world.Environment(EnvAction::kEnable);
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_DISABLED);  // queued, not applied inline
  world.RunFor(0);
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_AVAILABLE);
  const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].time, 10u);
}

TEST(WorldEnvironment, DifferentSeedsGiveDifferentDelays) {
  // Seeds 0 and 1: first draws in [0, 50000] µs are 40499 and 21409.
  auto change_time = [](std::uint64_t seed) {
    World world(seed, WorldConfig{});
    world.Environment(EnvAction::kEnable);
    world.RunFor(50 * kMillisecond);
    const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
    EXPECT_EQ(changes.size(), 1u);
    return changes.empty() ? VirtualTime{0} : changes[0].time;
  };
  EXPECT_EQ(change_time(0), 40499u);
  EXPECT_EQ(change_time(1), 21409u);
}

TEST(WorldEnvironment, EachActionMovesTheStatusAsTheModelSays) {
  struct Row {
    PEERDIST_STATUS initial;
    EnvAction action;
    PEERDIST_STATUS after;
  };
  const Row table[] = {
      {PEERDIST_STATUS_DISABLED, EnvAction::kEnable, PEERDIST_STATUS_AVAILABLE},
      {PEERDIST_STATUS_AVAILABLE, EnvAction::kDisable, PEERDIST_STATUS_DISABLED},
      {PEERDIST_STATUS_AVAILABLE, EnvAction::kLose, PEERDIST_STATUS_UNAVAILABLE},
      {PEERDIST_STATUS_UNAVAILABLE, EnvAction::kRegain, PEERDIST_STATUS_AVAILABLE},
      {PEERDIST_STATUS_UNAVAILABLE, EnvAction::kDisable, PEERDIST_STATUS_DISABLED},
  };
  for (const Row& row : table) {
    SCOPED_TRACE(EnvActionName(row.action));
    WorldConfig config;
    config.initial_status = row.initial;
    World world(5, config);
    world.Environment(row.action);
    world.RunFor(config.max_environment_delay);
    EXPECT_EQ(world.ServiceStatus(), row.after);
    const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].old_status, row.initial);
    EXPECT_EQ(changes[0].status, row.after);
  }
}

TEST(WorldEnvironment, ActionWithoutEffectTracesNothing) {
  WorldConfig config;
  config.initial_status = PEERDIST_STATUS_AVAILABLE;
  World world(2, config);
  int listener_calls = 0;
  world.SetStatusListener([&](PEERDIST_STATUS, PEERDIST_STATUS) { ++listener_calls; });
  world.Environment(EnvAction::kEnable);
  world.Environment(EnvAction::kRegain);
  world.RunFor(config.max_environment_delay);
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_AVAILABLE);
  EXPECT_TRUE(world.trace().events().empty());
  EXPECT_EQ(listener_calls, 0);
}

TEST(WorldEnvironment, CausesAreTracedOnlyFromTheFirstActionThatNamesOne) {
  WorldConfig config;
  config.initial_status = PEERDIST_STATUS_AVAILABLE;
  World world(3, config);
  world.Environment(EnvAction::kDisable);
  world.RunFor(config.max_environment_delay);
  EXPECT_TRUE(EventsOfKind(world, TraceKind::kServiceCause).empty());  // the trace of old scenarios
  EXPECT_EQ(world.DisabledCause(), ServiceCause::kUnknown);
  world.Environment(EnvAction::kStop);
  world.RunFor(config.max_environment_delay);
  world.Environment(EnvAction::kEnable);  // an original action: traced now that causes are
  world.RunFor(config.max_environment_delay);
  const std::vector<TraceEvent> causes = EventsOfKind(world, TraceKind::kServiceCause);
  ASSERT_EQ(causes.size(), 2u);
  EXPECT_EQ(causes[0].detail, "stopped+unknown");
  EXPECT_EQ(causes[1].detail, "stopped");
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_DISABLED);  // no status change for either
  EXPECT_EQ(EventsOfKind(world, TraceKind::kStatusChange).size(), 1u);
  EXPECT_EQ(world.DisabledCause(), ServiceCause::kStopped);
}

TEST(WorldEnvironment, RestartGoesDisabledThenComesBack) {
  const std::uint64_t seed = 42;
  WorldConfig config;
  config.initial_status = PEERDIST_STATUS_AVAILABLE;
  Prng mirror(seed);  // the World's draws, in order: delay, then downtime
  const Duration delay = mirror.Uniform(0, config.max_environment_delay);
  const Duration downtime = mirror.Uniform(kMillisecond, config.max_restart_downtime);
  ASSERT_GE(downtime, kMillisecond);
  ASSERT_LE(downtime, config.max_restart_downtime);
  ASSERT_GT(delay, 0u);

  World world(seed, config);
  world.Environment(EnvAction::kRestart);
  world.RunFor(delay - 1);
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_AVAILABLE);
  world.RunFor(1);
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_DISABLED);
  world.RunFor(downtime - 1);
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_DISABLED);
  world.RunFor(1);
  EXPECT_EQ(world.ServiceStatus(), PEERDIST_STATUS_AVAILABLE);

  const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].time, delay);
  EXPECT_EQ(changes[0].old_status, PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(changes[0].status, PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(changes[1].time, delay + downtime);
  EXPECT_EQ(changes[1].old_status, PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(changes[1].status, PEERDIST_STATUS_AVAILABLE);
}

TEST(WorldEnvironment, RestartDowntimeIsAtLeastOneMillisecond) {
  WorldConfig config;
  config.initial_status = PEERDIST_STATUS_UNAVAILABLE;
  config.max_environment_delay = 0;
  config.max_restart_downtime = kMillisecond;  // the draw range is [1ms, 1ms]
  World world(9, config);
  world.Environment(EnvAction::kRestart);
  world.RunFor(kMillisecond);
  const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].time, 0u);
  EXPECT_EQ(changes[0].status, PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(changes[1].time, kMillisecond);
  EXPECT_EQ(changes[1].old_status, PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(changes[1].status, PEERDIST_STATUS_UNAVAILABLE);
}

TEST(WorldEnvironment, ListenerHearsEveryChangeAtItsInstant) {
  WorldConfig config;
  config.initial_status = PEERDIST_STATUS_AVAILABLE;
  World world(11, config);
  std::vector<std::pair<PEERDIST_STATUS, PEERDIST_STATUS>> heard;
  std::vector<VirtualTime> when;
  world.SetStatusListener([&](PEERDIST_STATUS before, PEERDIST_STATUS now) {
    heard.emplace_back(before, now);
    when.push_back(world.Now());
    EXPECT_EQ(world.ServiceStatus(), now);
  });
  world.Environment(EnvAction::kRestart);
  world.RunFor(config.max_environment_delay + config.max_restart_downtime);
  EXPECT_EQ(heard, (std::vector<std::pair<PEERDIST_STATUS, PEERDIST_STATUS>>{
                       {PEERDIST_STATUS_AVAILABLE, PEERDIST_STATUS_DISABLED},
                       {PEERDIST_STATUS_DISABLED, PEERDIST_STATUS_AVAILABLE}}));
  const auto changes = EventsOfKind(world, TraceKind::kStatusChange);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(when, (std::vector<VirtualTime>{changes[0].time, changes[1].time}));
}

// ---------------------------------------------------------------------------
// Kernel objects and handles

TEST(WorldHandles, IdsHandlesAndKinds) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(true, false);
  const int port = world.CreateCompletionPort();
  const int event2 = world.CreateEvent(false, true);
  EXPECT_EQ(event, 0);
  EXPECT_EQ(port, 1);
  EXPECT_EQ(event2, 2);
  EXPECT_NE(world.HandleOf(event), nullptr);
  EXPECT_NE(world.HandleOf(event), world.HandleOf(port));
  EXPECT_TRUE(world.IsEvent(world.HandleOf(event)));
  EXPECT_FALSE(world.IsCompletionPort(world.HandleOf(event)));
  EXPECT_TRUE(world.IsCompletionPort(world.HandleOf(port)));
  EXPECT_FALSE(world.IsEvent(world.HandleOf(port)));
  EXPECT_FALSE(world.IsEvent(nullptr));
  EXPECT_FALSE(world.IsCompletionPort(nullptr));
  EXPECT_FALSE(world.IsEvent(World::BogusHandle(0)));
  EXPECT_FALSE(world.IsCompletionPort(World::BogusHandle(0)));
  EXPECT_NE(World::BogusHandle(0), World::BogusHandle(1));
  EXPECT_NE(world.EventById(event), nullptr);
  EXPECT_TRUE(world.EventById(event)->manual_reset());
  EXPECT_TRUE(world.EventById(event2)->IsSignaled());
  EXPECT_EQ(world.EventById(port), nullptr);
  EXPECT_EQ(world.EventById(-1), nullptr);
  EXPECT_EQ(world.EventById(3), nullptr);
}

TEST(WorldHandles, OverlappedSlots) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(true, false);
  OverlappedSlot& with_event = world.NewOverlappedSlot(event);
  OverlappedSlot& without = world.NewOverlappedSlot(-1);
  EXPECT_EQ(with_event.id, 0);
  EXPECT_EQ(without.id, 1);
  EXPECT_EQ(world.slot_count(), 2);
  EXPECT_EQ(with_event.event_id, event);
  EXPECT_EQ(with_event.overlapped.hEvent, world.HandleOf(event));
  EXPECT_EQ(without.overlapped.hEvent, nullptr);
  EXPECT_EQ(with_event.overlapped.Internal, kUnwrittenDword);  // "never written" stays visible
  EXPECT_EQ(with_event.status_info_out.cbSize, 16u);
  EXPECT_EQ(static_cast<std::int64_t>(with_event.status_info_out.status), 0x7F7F7F7F);
  EXPECT_EQ(with_event.status_info_out.dwMinVer, 0x7F7F7F7Fu);
  EXPECT_EQ(with_event.status_info_out.dwMaxVer, 0x7F7F7F7Fu);
  EXPECT_EQ(static_cast<std::int64_t>(with_event.status_out), 0x7F7F7F7F);

  EXPECT_EQ(world.SlotIdOf(&with_event.overlapped), 0);
  EXPECT_EQ(world.SlotIdOf(&without.overlapped), 1);
  EXPECT_EQ(world.SlotIdOf(nullptr), -1);
  OVERLAPPED foreign{};
  EXPECT_EQ(world.SlotIdOf(&foreign), -2);
  EXPECT_EQ(world.SlotById(0), &with_event);
  EXPECT_EQ(world.SlotById(2), nullptr);
  EXPECT_EQ(world.SlotById(-1), nullptr);

  // Addresses stay valid while many more slots are made.
  const OVERLAPPED* first = &with_event.overlapped;
  for (int i = 0; i < 1000; ++i) world.NewOverlappedSlot(-1);
  EXPECT_EQ(&world.SlotById(0)->overlapped, first);
  EXPECT_EQ(world.SlotIdOf(first), 0);
}

// ---------------------------------------------------------------------------
// SetEvent

TEST(WorldSetEvent, ValidEventIsSignalledAndTraced) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  world.RunFor(250);
  world.set_current_step(4);
  world.SetLastError(1234);
  EXPECT_EQ(world.SetEvent(world.HandleOf(event)), kTrue);
  EXPECT_TRUE(world.EventById(event)->IsSignaled());
  EXPECT_EQ(world.EventById(event)->times_set(), 1u);
  EXPECT_EQ(world.GetLastError(), 1234u);  // success leaves the last error alone

  ASSERT_EQ(world.trace().events().size(), 1u);
  const TraceEvent& signal = world.trace().events()[0];
  EXPECT_EQ(signal.kind, TraceKind::kEventSignal);
  EXPECT_EQ(signal.time, 250u);
  EXPECT_EQ(signal.step, 4);
  EXPECT_EQ(signal.event, event);
  EXPECT_EQ(signal.overlapped, -1);  // no slot uses this event
  EXPECT_EQ(signal.Render(), "t=250 step=4 signal event=0");
}

TEST(WorldSetEvent, SignalCarriesTheNewestSlotOfThatEvent) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(true, false);
  world.NewOverlappedSlot(event);  // older slot, same event
  OverlappedSlot& slot = world.NewOverlappedSlot(event);
  slot.overlapped.Internal = ERROR_SUCCESS;
  slot.overlapped.InternalHigh = 0;
  slot.status_out = PEERDIST_STATUS_UNAVAILABLE;
  ASSERT_EQ(world.SetEvent(world.HandleOf(event)), kTrue);
  const auto signals = EventsOfKind(world, TraceKind::kEventSignal);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].overlapped, 1);
  EXPECT_EQ(signals[0].event, event);
  EXPECT_EQ(signals[0].code, ERROR_SUCCESS);
  EXPECT_EQ(signals[0].bytes, 0);
  EXPECT_EQ(signals[0].status, PEERDIST_STATUS_UNAVAILABLE);
  EXPECT_EQ(signals[0].info_size, kNoValue);
}

TEST(WorldSetEvent, InvalidHandlesFailWithInvalidHandleAndAFinding) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(true, false);
  const int port = world.CreateCompletionPort();
  const HANDLE misaligned =
      reinterpret_cast<HANDLE>(reinterpret_cast<std::uintptr_t>(world.HandleOf(event)) + 1);
  const HANDLE bad[] = {nullptr, World::BogusHandle(0), World::BogusHandle(7), world.HandleOf(port),
                        misaligned};
  for (HANDLE handle : bad) {
    world.SetLastError(ERROR_SUCCESS);
    const std::size_t before = world.trace().events().size();
    EXPECT_EQ(world.SetEvent(handle), kFalse) << handle;
    EXPECT_EQ(world.GetLastError(), ERROR_INVALID_HANDLE) << handle;
    ASSERT_EQ(world.trace().events().size(), before + 1) << handle;
    const TraceEvent& finding = world.trace().events().back();
    EXPECT_EQ(finding.kind, TraceKind::kFinding);
    EXPECT_EQ(finding.detail, "host misuse: SetEvent on a handle that is not an event");
  }
  EXPECT_FALSE(world.EventById(event)->IsSignaled());
  EXPECT_EQ(world.EventById(event)->times_set(), 0u);
  EXPECT_TRUE(EventsOfKind(world, TraceKind::kEventSignal).empty());
}

// ---------------------------------------------------------------------------
// PostQueuedCompletionStatus

TEST(WorldPost, PacketCarriesSlotKeyAndSnapshot) {
  World world(0, WorldConfig{});
  const int port = world.CreateCompletionPort();
  OverlappedSlot& slot = world.NewOverlappedSlot(-1);
  slot.overlapped.Internal = ERROR_SUCCESS;
  slot.overlapped.InternalHigh = 0;
  slot.status_out = PEERDIST_STATUS_AVAILABLE;
  world.RunFor(77);
  world.set_current_step(2);
  world.SetLastError(555);

  EXPECT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 12, 0xC0FFEE, &slot.overlapped),
            kTrue);
  EXPECT_EQ(world.GetLastError(), 555u);

  const auto packets = EventsOfKind(world, TraceKind::kPacket);
  ASSERT_EQ(packets.size(), 1u);
  EXPECT_EQ(packets[0].time, 77u);
  EXPECT_EQ(packets[0].step, 2);
  EXPECT_EQ(packets[0].overlapped, slot.id);
  EXPECT_EQ(packets[0].port, port);
  EXPECT_EQ(packets[0].key, 0xC0FFEE);
  EXPECT_EQ(packets[0].bytes, 12);  // the packet's bytes, not InternalHigh
  EXPECT_EQ(packets[0].code, ERROR_SUCCESS);
  EXPECT_EQ(packets[0].status, PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(packets[0].info_size, kNoValue);
  EXPECT_EQ(packets[0].Render(),
            "t=77 step=2 packet ov=0 port=0 code=ERROR_SUCCESS status=available key=12648430 "
            "bytes=12");

  const auto packet = world.DequeuePacket(port);
  ASSERT_TRUE(packet.has_value());
  EXPECT_EQ(packet->bytes_transferred, 12u);
  EXPECT_EQ(packet->completion_key, 0xC0FFEEu);
  EXPECT_EQ(packet->overlapped, &slot.overlapped);
  EXPECT_FALSE(world.DequeuePacket(port).has_value());
}

TEST(WorldPost, SnapshotIsTakenAtPostTime) {
  World world(0, WorldConfig{});
  const int port = world.CreateCompletionPort();
  OverlappedSlot& slot = world.NewOverlappedSlot(-1);
  slot.overlapped.Internal = kStatusPending;
  ASSERT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 0, 1, &slot.overlapped), kTrue);
  slot.overlapped.Internal = ERROR_OPERATION_ABORTED;
  slot.status_out = PEERDIST_STATUS_DISABLED;
  ASSERT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 0, 2, &slot.overlapped), kTrue);
  const auto packets = EventsOfKind(world, TraceKind::kPacket);
  ASSERT_EQ(packets.size(), 2u);
  EXPECT_EQ(packets[0].code, static_cast<std::int64_t>(kStatusPending));
  EXPECT_EQ(packets[0].status, kUnwrittenStatus);
  EXPECT_EQ(packets[1].code, ERROR_OPERATION_ABORTED);
  EXPECT_EQ(packets[1].status, PEERDIST_STATUS_DISABLED);
  // FIFO through the World too.
  EXPECT_EQ(world.DequeuePacket(port)->completion_key, 1u);
  EXPECT_EQ(world.DequeuePacket(port)->completion_key, 2u);
}

TEST(WorldPost, ExSlotSnapshotIncludesTheStatusInfo) {
  World world(0, WorldConfig{});
  const int port = world.CreateCompletionPort();
  OverlappedSlot& slot = world.NewOverlappedSlot(-1);
  slot.uses_info = true;
  slot.overlapped.Internal = ERROR_SUCCESS;
  slot.status_info_out.status = PEERDIST_STATUS_UNAVAILABLE;
  slot.status_info_out.dwMinVer = 1;
  slot.status_info_out.dwMaxVer = 2;
  ASSERT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 0, 9, &slot.overlapped), kTrue);
  const auto packets = EventsOfKind(world, TraceKind::kPacket);
  ASSERT_EQ(packets.size(), 1u);
  EXPECT_EQ(packets[0].status, PEERDIST_STATUS_UNAVAILABLE);
  EXPECT_EQ(packets[0].info_size, 16);
  EXPECT_EQ(packets[0].info_min, 1);
  EXPECT_EQ(packets[0].info_max, 2);
}

TEST(WorldPost, ForeignAndNullOverlapped) {
  World world(0, WorldConfig{});
  const int port = world.CreateCompletionPort();
  OVERLAPPED foreign{};
  ASSERT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 0, 5, &foreign), kTrue);
  ASSERT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 0, 6, nullptr), kTrue);
  const auto packets = EventsOfKind(world, TraceKind::kPacket);
  ASSERT_EQ(packets.size(), 2u);
  EXPECT_EQ(packets[0].overlapped, -2);
  EXPECT_EQ(packets[0].code, kNoValue);
  EXPECT_EQ(packets[0].status, kNoValue);
  EXPECT_EQ(packets[0].Render(), "t=0 step=-1 packet ov=foreign port=0 key=5 bytes=0");
  EXPECT_EQ(packets[1].overlapped, -1);
  EXPECT_EQ(packets[1].Render(), "t=0 step=-1 packet port=0 key=6 bytes=0");
  EXPECT_EQ(world.DequeuePacket(port)->overlapped, &foreign);
  EXPECT_EQ(world.DequeuePacket(port)->overlapped, nullptr);
}

TEST(WorldPost, InvalidHandlesFailWithInvalidHandleAndAFinding) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(true, false);
  const int port = world.CreateCompletionPort();
  OverlappedSlot& slot = world.NewOverlappedSlot(event);
  const HANDLE bad[] = {nullptr, World::BogusHandle(3), world.HandleOf(event)};
  for (HANDLE handle : bad) {
    world.SetLastError(ERROR_SUCCESS);
    const std::size_t before = world.trace().events().size();
    EXPECT_EQ(world.PostQueuedCompletionStatus(handle, 0, 1, &slot.overlapped), kFalse) << handle;
    EXPECT_EQ(world.GetLastError(), ERROR_INVALID_HANDLE) << handle;
    ASSERT_EQ(world.trace().events().size(), before + 1);
    const TraceEvent& finding = world.trace().events().back();
    EXPECT_EQ(finding.kind, TraceKind::kFinding);
    EXPECT_EQ(finding.detail,
              "host misuse: PostQueuedCompletionStatus on a handle that is not a completion port");
  }
  EXPECT_TRUE(EventsOfKind(world, TraceKind::kPacket).empty());
  EXPECT_FALSE(world.DequeuePacket(port).has_value());
  EXPECT_FALSE(world.EventById(event)->IsSignaled());  // a port post never signals hEvent
}

TEST(WorldPost, QueueBoundFailsThePostWithAFinding) {
  World world(0, WorldConfig{});
  const int port = world.CreateCompletionPort();
  for (std::size_t i = 0; i < CompletionPort::kMaxQueued; ++i) {
    ASSERT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 0, i, nullptr), kTrue);
  }
  EXPECT_EQ(world.PostQueuedCompletionStatus(world.HandleOf(port), 0, 0, nullptr), kFalse);
  const auto findings = EventsOfKind(world, TraceKind::kFinding);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].detail, "host misuse: completion port queue bound exceeded");
  EXPECT_EQ(EventsOfKind(world, TraceKind::kPacket).size(), CompletionPort::kMaxQueued);
}

// ---------------------------------------------------------------------------
// WaitForEvent

TEST(WorldWait, WaitResultValuesArePinned) {
  EXPECT_EQ(WAIT_OBJECT_0, 0u);
  EXPECT_EQ(WAIT_TIMEOUT, 258u);
  EXPECT_EQ(WAIT_FAILED, 0xFFFFFFFFu);
}

TEST(WorldWait, TimesOutAfterExactlyTheTimeout) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  world.RunFor(3 * kMillisecond);
  EXPECT_EQ(world.WaitForEvent(world.HandleOf(event), 30), WAIT_TIMEOUT);
  EXPECT_EQ(world.Now(), 33 * kMillisecond);
  EXPECT_EQ(world.WaitForEvent(world.HandleOf(event), 0), WAIT_TIMEOUT);
  EXPECT_EQ(world.Now(), 33 * kMillisecond);
}

TEST(WorldWait, TimeoutRunsWorkDueMeanwhileButNotLater) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  std::vector<VirtualTime> ran_at;
  world.ScheduleAfter(10 * kMillisecond, [&] { ran_at.push_back(world.Now()); });
  world.ScheduleAfter(31 * kMillisecond, [&] { ran_at.push_back(world.Now()); });
  EXPECT_EQ(world.WaitForEvent(world.HandleOf(event), 30), WAIT_TIMEOUT);
  EXPECT_EQ(world.Now(), 30 * kMillisecond);
  EXPECT_EQ(ran_at, (std::vector<VirtualTime>{10 * kMillisecond}));
}

TEST(WorldWait, ReturnsAtTheInstantOfAScheduledSignal) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(/*manual_reset=*/false, false);
  const HANDLE handle = world.HandleOf(event);
  bool later_ran = false;
  world.ScheduleAfter(7 * kMillisecond, [&] { world.SetEvent(handle); });
  world.ScheduleAfter(7 * kMillisecond, [&] { later_ran = true; });  // same instant, after
  EXPECT_EQ(world.WaitForEvent(handle, 100), WAIT_OBJECT_0);
  EXPECT_EQ(world.Now(), 7 * kMillisecond);
  EXPECT_FALSE(world.EventById(event)->IsSignaled());  // auto-reset: the wait consumed it
  EXPECT_FALSE(later_ran);                             // the wait returned first
  world.RunFor(0);
  EXPECT_TRUE(later_ran);
  EXPECT_EQ(world.Now(), 7 * kMillisecond);
}

TEST(WorldWait, ManualResetStaysSignaledAfterTheWait) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(/*manual_reset=*/true, false);
  const HANDLE handle = world.HandleOf(event);
  world.ScheduleAfter(2 * kMillisecond, [&] { world.SetEvent(handle); });
  EXPECT_EQ(world.WaitForEvent(handle, 100), WAIT_OBJECT_0);
  EXPECT_EQ(world.Now(), 2 * kMillisecond);
  EXPECT_TRUE(world.EventById(event)->IsSignaled());
  // Already signalled: returns at once, no time passes.
  EXPECT_EQ(world.WaitForEvent(handle, 100), WAIT_OBJECT_0);
  EXPECT_EQ(world.Now(), 2 * kMillisecond);
}

TEST(WorldWait, SignalAtTheTimeoutInstantWins) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  const HANDLE handle = world.HandleOf(event);
  world.ScheduleAfter(20 * kMillisecond, [&] { world.SetEvent(handle); });
  EXPECT_EQ(world.WaitForEvent(handle, 20), WAIT_OBJECT_0);
  EXPECT_EQ(world.Now(), 20 * kMillisecond);
}

TEST(WorldWait, SignalOneMicrosecondTooLateTimesOut) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  const HANDLE handle = world.HandleOf(event);
  world.ScheduleAfter(20 * kMillisecond + 1, [&] { world.SetEvent(handle); });
  EXPECT_EQ(world.WaitForEvent(handle, 20), WAIT_TIMEOUT);
  EXPECT_EQ(world.Now(), 20 * kMillisecond);
  EXPECT_FALSE(world.EventById(event)->IsSignaled());
  world.RunFor(1);
  EXPECT_TRUE(world.EventById(event)->IsSignaled());
}

TEST(WorldWait, InfiniteWaitEndsAtTheSignal) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  const HANDLE handle = world.HandleOf(event);
  world.ScheduleAfter(2 * kSecond, [&] { world.SetEvent(handle); });
  EXPECT_EQ(world.WaitForEvent(handle, INFINITE), WAIT_OBJECT_0);
  EXPECT_EQ(world.Now(), 2 * kSecond);
}

TEST(WorldWait, InfiniteWaitsNeverPassTheVirtualTimeLimit) {
  World world(0, WorldConfig{});
  const HANDLE handle = world.HandleOf(world.CreateEvent(false, false));
  EXPECT_EQ(world.WaitForEvent(handle, INFINITE), WAIT_TIMEOUT);
  EXPECT_EQ(world.Now(), kVirtualTimeLimit / 2);
  EXPECT_EQ(world.WaitForEvent(handle, INFINITE), WAIT_TIMEOUT);
  EXPECT_EQ(world.Now(), kVirtualTimeLimit);
  EXPECT_EQ(world.WaitForEvent(handle, INFINITE), WAIT_TIMEOUT);
  EXPECT_EQ(world.Now(), kVirtualTimeLimit);  // the horizon, not beyond
  EXPECT_THROW(world.RunFor(1), WorldBoundExceeded);
  EXPECT_EQ(world.Now(), kVirtualTimeLimit);
}

TEST(WorldWait, StatusChangeCanEndAWait) {
  World world(0, WorldConfig{});  // seed 0: the enable lands at 40499 µs
  const int event = world.CreateEvent(false, false);
  const HANDLE handle = world.HandleOf(event);
  world.SetStatusListener([&](PEERDIST_STATUS, PEERDIST_STATUS) { world.SetEvent(handle); });
  world.Environment(EnvAction::kEnable);
  EXPECT_EQ(world.WaitForEvent(handle, 1000), WAIT_OBJECT_0);
  EXPECT_EQ(world.Now(), 40499u);
  const auto& events = world.trace().events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, TraceKind::kStatusChange);
  EXPECT_EQ(events[1].kind, TraceKind::kEventSignal);
  EXPECT_EQ(events[1].time, 40499u);
}

TEST(WorldWait, InvalidHandleFails) {
  World world(0, WorldConfig{});
  const int port = world.CreateCompletionPort();
  for (HANDLE handle : {HANDLE{nullptr}, World::BogusHandle(2), world.HandleOf(port)}) {
    world.SetLastError(ERROR_SUCCESS);
    EXPECT_EQ(world.WaitForEvent(handle, 10), WAIT_FAILED);
    EXPECT_EQ(world.GetLastError(), ERROR_INVALID_HANDLE);
    EXPECT_EQ(world.Now(), 0u);  // a failed wait does not advance time
  }
}

TEST(WorldWait, NestedWaitInsideRunForNeverMovesTimeBackwards) {
  // Work at 5 ms blocks in a 100 ms wait; the enclosing RunFor(10 ms) must not
  // then set the clock back to 10 ms.
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  DWORD inner = 0;
  VirtualTime other_ran_at = 0;
  world.ScheduleAfter(5 * kMillisecond,
                      [&] { inner = world.WaitForEvent(world.HandleOf(event), 100); });
  world.ScheduleAfter(8 * kMillisecond, [&] { other_ran_at = world.Now(); });
  world.RunFor(10 * kMillisecond);
  EXPECT_EQ(inner, WAIT_TIMEOUT);
  EXPECT_EQ(other_ran_at, 8 * kMillisecond);  // ran inside the nested wait
  EXPECT_EQ(world.Now(), 105 * kMillisecond);
  world.RunFor(1);
  EXPECT_EQ(world.Now(), 105 * kMillisecond + 1);
}

TEST(WorldWait, WaitsNestedTooDeeplyThrow) {
  World world(0, WorldConfig{});
  const int event = world.CreateEvent(false, false);
  const HANDLE handle = world.HandleOf(event);
  std::function<void()> nest = [&] {
    world.ScheduleAfter(kMillisecond, nest);
    world.WaitForEvent(handle, 1000);
  };
  world.ScheduleAfter(kMillisecond, nest);
  EXPECT_THROW(world.WaitForEvent(handle, 1000), WorldBoundExceeded);
}

// ---------------------------------------------------------------------------
// ScheduleAfter and RunFor

TEST(WorldSchedule, RunsByTimeThenScheduleOrder) {
  World world(0, WorldConfig{});
  world.RunFor(100);
  std::vector<std::pair<std::string, VirtualTime>> log;
  auto add = [&](Duration delay, std::string label) {
    world.ScheduleAfter(delay, [&world, &log, label] { log.emplace_back(label, world.Now()); });
  };
  add(5 * kMillisecond, "a");
  add(1 * kMillisecond, "b");
  add(5 * kMillisecond, "c");
  add(0, "d");
  world.RunFor(10 * kMillisecond);
  EXPECT_EQ(log, (std::vector<std::pair<std::string, VirtualTime>>{
                     {"d", 100},
                     {"b", 100 + 1 * kMillisecond},
                     {"a", 100 + 5 * kMillisecond},
                     {"c", 100 + 5 * kMillisecond}}));
}

TEST(WorldSchedule, DelayIsRelativeToTheSchedulingInstant) {
  World world(0, WorldConfig{});
  std::vector<VirtualTime> ran_at;
  world.ScheduleAfter(3 * kMillisecond, [&] {
    ran_at.push_back(world.Now());
    world.ScheduleAfter(4 * kMillisecond, [&] { ran_at.push_back(world.Now()); });
  });
  world.RunFor(20 * kMillisecond);
  EXPECT_EQ(ran_at, (std::vector<VirtualTime>{3 * kMillisecond, 7 * kMillisecond}));
}

TEST(WorldSchedule, CancelScheduled) {
  World world(0, WorldConfig{});
  bool cancelled_ran = false;
  bool kept_ran = false;
  const TimerId cancelled = world.ScheduleAfter(5, [&] { cancelled_ran = true; });
  const TimerId kept = world.ScheduleAfter(5, [&] { kept_ran = true; });
  EXPECT_TRUE(world.CancelScheduled(cancelled));
  EXPECT_FALSE(world.CancelScheduled(cancelled));
  world.RunFor(5);
  EXPECT_FALSE(cancelled_ran);
  EXPECT_TRUE(kept_ran);
  EXPECT_FALSE(world.CancelScheduled(kept));  // already ran
}

TEST(WorldSchedule, HugeDelayIsClampedToTheVirtualTimeLimit) {
  World world(0, WorldConfig{});
  VirtualTime ran_at = 0;
  world.ScheduleAfter(~Duration{0}, [&] { ran_at = world.Now(); });
  world.RunFor(kVirtualTimeLimit - 1);
  EXPECT_EQ(ran_at, 0u);
  world.RunFor(1);
  EXPECT_EQ(ran_at, kVirtualTimeLimit);
}

TEST(WorldRunFor, AdvancesTimeExactly) {
  World world(0, WorldConfig{});
  EXPECT_EQ(world.Now(), 0u);
  world.RunFor(0);
  EXPECT_EQ(world.Now(), 0u);
  world.RunFor(1234);
  EXPECT_EQ(world.Now(), 1234u);
  world.RunFor(1);
  EXPECT_EQ(world.Now(), 1235u);
}

TEST(WorldRunFor, RunsWorkDueUpToAndIncludingTheDeadlineOnly) {
  World world(0, WorldConfig{});
  std::vector<VirtualTime> ran_at;
  for (Duration delay : {100u, 1500u, 1501u}) {
    world.ScheduleAfter(delay, [&] { ran_at.push_back(world.Now()); });
  }
  world.RunFor(1500);
  EXPECT_EQ(world.Now(), 1500u);  // the deadline, not the last entry's time
  EXPECT_EQ(ran_at, (std::vector<VirtualTime>{100, 1500}));
  world.RunFor(1);
  EXPECT_EQ(ran_at, (std::vector<VirtualTime>{100, 1500, 1501}));
}

TEST(WorldRunFor, PastTheVirtualTimeLimitThrows) {
  World world(0, WorldConfig{});
  world.RunFor(10);
  EXPECT_THROW(world.RunFor(kVirtualTimeLimit - 9), WorldBoundExceeded);
  EXPECT_EQ(world.Now(), 10u);
  EXPECT_NO_THROW(world.RunFor(kVirtualTimeLimit - 10));
  EXPECT_EQ(world.Now(), kVirtualTimeLimit);
}

TEST(WorldRunFor, MaxWorkPerRunBound) {
  WorldConfig config;
  config.max_work_per_run = 10;
  World world(0, config);
  int runs = 0;
  for (int i = 0; i < 10; ++i) world.ScheduleAfter(1, [&] { ++runs; });
  EXPECT_NO_THROW(world.RunFor(1));  // exactly at the bound
  EXPECT_EQ(runs, 10);
  // The bound is per advance: the next ten are fine too.
  for (int i = 0; i < 10; ++i) world.ScheduleAfter(1, [&] { ++runs; });
  EXPECT_NO_THROW(world.RunFor(1));
  EXPECT_EQ(runs, 20);
  for (int i = 0; i < 11; ++i) world.ScheduleAfter(1, [&] { ++runs; });
  EXPECT_THROW(world.RunFor(1), WorldBoundExceeded);
  EXPECT_EQ(runs, 30);
}

TEST(WorldRunFor, RunawaySelfReschedulingThrows) {
  WorldConfig config;
  config.max_work_per_run = 1000;
  World world(0, config);
  std::uint64_t runs = 0;
  std::function<void()> again = [&] {
    ++runs;
    world.ScheduleAfter(0, again);
  };
  world.ScheduleAfter(0, again);
  EXPECT_THROW(world.RunFor(kSecond), WorldBoundExceeded);
  EXPECT_EQ(runs, 1000u);
  EXPECT_EQ(world.Now(), 0u);
}

// Work rescheduling itself with no delay never lets time move: the
// per-instant bound stops it long before the per-advance one, and names the
// implementation as the cause. Work that lets time move is not stopped by it.
TEST(WorldRunFor, WorkThatNeverLetsTimeMoveIsStoppedAtTheInstantBound) {
  WorldConfig config;
  config.max_work_per_instant = 50;
  World world(0, config);
  std::uint64_t runs = 0;
  std::function<void()> again = [&] {
    ++runs;
    world.ScheduleAfter(0, again);
  };
  world.ScheduleAfter(0, again);
  try {
    world.RunFor(kSecond);
    ADD_FAILURE() << "no bound stopped the livelock";
  } catch (const WorldBoundExceeded& bound) {
    EXPECT_EQ(bound.cause, WorldBoundExceeded::Cause::kImplementation);
    EXPECT_NE(bound.what.find("at one instant of virtual time"), std::string::npos) << bound.what;
  }
  EXPECT_EQ(runs, 50u);

  World moving(0, config);
  std::uint64_t steps = 0;
  std::function<void()> tick = [&] {
    if (++steps < 200) moving.ScheduleAfter(1, tick);
  };
  moving.ScheduleAfter(0, tick);
  EXPECT_NO_THROW(moving.RunFor(kSecond));
  EXPECT_EQ(steps, 200u);
}

TEST(WorldRunFor, TheVirtualTimeLimitIsTheCallersBound) {
  World world(0, WorldConfig{});
  try {
    world.RunFor(kVirtualTimeLimit + 1);
    ADD_FAILURE() << "no bound";
  } catch (const WorldBoundExceeded& bound) {
    EXPECT_EQ(bound.cause, WorldBoundExceeded::Cause::kCaller);
    EXPECT_EQ(bound.what, "virtual time limit");
  }
}

// ---------------------------------------------------------------------------
// Determinism

std::string ScriptedRun(std::uint64_t seed) {
  WorldConfig config;
  config.initial_status = PEERDIST_STATUS_UNAVAILABLE;
  World world(seed, config);
  const int event = world.CreateEvent(false, false);
  const int port = world.CreateCompletionPort();
  OverlappedSlot& slot = world.NewOverlappedSlot(event);
  world.SetStatusListener([&](PEERDIST_STATUS, PEERDIST_STATUS now) {
    slot.status_out = now;
    slot.overlapped.Internal = ERROR_SUCCESS;
    world.SetEvent(world.HandleOf(event));
    world.PostQueuedCompletionStatus(world.HandleOf(port), 0, 42, &slot.overlapped);
  });
  world.set_current_step(0);
  world.Environment(EnvAction::kRegain);
  world.Environment(EnvAction::kLose);
  world.RunFor(30 * kMillisecond);
  world.set_current_step(1);
  world.Environment(EnvAction::kRestart);
  world.WaitForEvent(world.HandleOf(event), 500);
  world.set_current_step(2);
  world.Environment(EnvAction::kDisable);
  world.Environment(EnvAction::kEnable);
  world.RunFor(kSecond);
  world.SetEvent(World::BogusHandle(1));
  return world.trace().Render();
}

TEST(WorldDeterminism, SameSeedSameActionsGiveByteIdenticalTraces) {
  const std::string first = ScriptedRun(2024);
  const std::string second = ScriptedRun(2024);
  EXPECT_EQ(first, second);
  // A meaningful trace: status changes, signals, packets and the finding.
  EXPECT_NE(first.find(" status from="), std::string::npos) << first;
  EXPECT_NE(first.find(" signal "), std::string::npos) << first;
  EXPECT_NE(first.find(" packet "), std::string::npos) << first;
  EXPECT_NE(first.find(" finding | host misuse: SetEvent on a handle that is not an event"), std::string::npos)
      << first;
}

TEST(WorldDeterminism, DifferentSeedsGiveDifferentTraces) {
  EXPECT_NE(ScriptedRun(0), ScriptedRun(1));
  EXPECT_NE(ScriptedRun(2024), ScriptedRun(2025));
}

}  // namespace
}  // namespace pd

namespace pd {
namespace {

TEST(WorldCompletionPort, GetQueuedCompletionStatusWaitsInVirtualTime) {
  World world(3, WorldConfig{});
  const int port = world.CreateCompletionPort();
  // Nothing posted: times out after exactly the timeout.
  EXPECT_FALSE(world.GetQueuedCompletionStatus(port, 25).has_value());
  EXPECT_EQ(world.Now(), 25 * kMillisecond);
  // A packet posted at +7ms ends the wait at that instant.
  world.ScheduleAfter(7 * kMillisecond, [&] { world.PostQueuedCompletionStatus(world.HandleOf(port), 3, 44, nullptr); });
  auto packet = world.GetQueuedCompletionStatus(port, 1000);
  ASSERT_TRUE(packet.has_value());
  EXPECT_EQ(packet->completion_key, 44u);
  EXPECT_EQ(packet->bytes_transferred, 3u);
  EXPECT_EQ(world.Now(), 32 * kMillisecond);
}

TEST(WorldService, OverlappingRestartsKeepTheServiceDownUntilTheLastEnds) {
  ServiceModel service(PEERDIST_STATUS_AVAILABLE);
  service.Apply(EnvAction::kRestart);
  service.Apply(EnvAction::kRestart);
  EXPECT_EQ(service.ComeBackUp(), PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(service.ComeBackUp(), PEERDIST_STATUS_AVAILABLE);
}

}  // namespace
}  // namespace pd

namespace pd {
namespace {

TEST(WorldOverlapped, CompletionsAreNotedAtTheInstantTheyHappen) {
  World world(5, WorldConfig{});
  OverlappedSlot& slot = world.NewOverlappedSlot(-1);
  world.ScheduleAfter(3 * kMillisecond, [&] { slot.overlapped.Internal = kStatusPending; });
  world.ScheduleAfter(9 * kMillisecond, [&] { slot.overlapped.Internal = ERROR_OPERATION_ABORTED; });
  world.RunFor(50 * kMillisecond);
  std::vector<TraceEvent> done;
  for (const TraceEvent& event : world.trace().events()) {
    if (event.kind == TraceKind::kOverlappedDone) done.push_back(event);
  }
  // Pending is not a completion; the abort is noted at 9 ms, not at 50 ms.
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].time, 9 * kMillisecond);
  EXPECT_EQ(done[0].code, ERROR_OPERATION_ABORTED);
  EXPECT_EQ(done[0].overlapped, slot.id);
}

TEST(WorldOverlapped, PacketKeysAreTracedIn63Bits) {
  World world(5, WorldConfig{});
  const int port = world.CreateCompletionPort();
  world.PostQueuedCompletionStatus(world.HandleOf(port), 0, ~ULONG_PTR{0}, nullptr);
  EXPECT_EQ(world.trace().events().back().key, 0x7FFFFFFFFFFFFFFFll);
}

}  // namespace
}  // namespace pd
