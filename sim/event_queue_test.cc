#include "sim/event_queue.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "rapidcheck/gtest.h"

namespace pd {
namespace {

// Pops everything, running the work, and returns the (time, label) order.
std::vector<std::pair<VirtualTime, std::string>> Drain(EventQueue& queue,
                                                       std::vector<std::string>& log) {
  std::vector<std::pair<VirtualTime, std::string>> order;
  while (!queue.Empty()) {
    const VirtualTime next = queue.NextTime();
    auto [time, work] = queue.PopNext();
    EXPECT_EQ(time, next);
    work();
    order.emplace_back(time, log.back());
  }
  return order;
}

TEST(EventQueue, StartsEmpty) {
  EventQueue queue;
  EXPECT_TRUE(queue.Empty());
  EXPECT_EQ(queue.Pending(), 0u);
}

TEST(EventQueue, IdsAreIssuedFromOneUpwards) {
  EventQueue queue;
  EXPECT_EQ(queue.Schedule(50, [] {}), 1u);
  EXPECT_EQ(queue.Schedule(10, [] {}), 2u);
  EXPECT_EQ(queue.Schedule(10, [] {}), 3u);
  EXPECT_EQ(queue.Pending(), 3u);
}

TEST(EventQueue, RunsInTimeOrderAndTiesInScheduleOrder) {
  EventQueue queue;
  std::vector<std::string> log;
  auto add = [&](VirtualTime at, std::string label) {
    queue.Schedule(at, [&log, label] { log.push_back(label); });
  };
  add(30, "a");
  add(10, "b");
  add(20, "c");
  add(10, "d");
  add(0, "e");
  add(10, "f");
  EXPECT_EQ(queue.NextTime(), 0u);
  const auto order = Drain(queue, log);
  EXPECT_EQ(order, (std::vector<std::pair<VirtualTime, std::string>>{
                       {0, "e"}, {10, "b"}, {10, "d"}, {10, "f"}, {20, "c"}, {30, "a"}}));
  EXPECT_TRUE(queue.Empty());
}

TEST(EventQueue, WorkScheduledDuringDrainAtTheSameInstantRunsAfterEarlierTies) {
  EventQueue queue;
  std::vector<std::string> log;
  queue.Schedule(5, [&] {
    log.push_back("first");
    queue.Schedule(5, [&] { log.push_back("scheduled-by-first"); });
  });
  queue.Schedule(5, [&] { log.push_back("second"); });
  Drain(queue, log);
  EXPECT_EQ(log, (std::vector<std::string>{"first", "second", "scheduled-by-first"}));
}

TEST(EventQueue, CancelBeforeRunRemovesTheEntry) {
  EventQueue queue;
  std::vector<std::string> log;
  queue.Schedule(10, [&] { log.push_back("keep-1"); });
  const TimerId doomed = queue.Schedule(10, [&] { log.push_back("cancelled"); });
  queue.Schedule(10, [&] { log.push_back("keep-2"); });
  EXPECT_TRUE(queue.Cancel(doomed));
  EXPECT_EQ(queue.Pending(), 2u);
  EXPECT_FALSE(queue.Cancel(doomed));  // a second cancel finds nothing
  Drain(queue, log);
  EXPECT_EQ(log, (std::vector<std::string>{"keep-1", "keep-2"}));
}

TEST(EventQueue, CancellingTheEarliestMovesNextTime) {
  EventQueue queue;
  const TimerId early = queue.Schedule(3, [] {});
  queue.Schedule(8, [] {});
  EXPECT_EQ(queue.NextTime(), 3u);
  EXPECT_TRUE(queue.Cancel(early));
  EXPECT_EQ(queue.NextTime(), 8u);
}

TEST(EventQueue, CancelAfterRunFails) {
  EventQueue queue;
  int runs = 0;
  const TimerId id = queue.Schedule(1, [&] { ++runs; });
  queue.PopNext().second();
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(queue.Cancel(id));
  EXPECT_TRUE(queue.Empty());
}

TEST(EventQueue, CancelOfNeverIssuedIdsFails) {
  EventQueue queue;
  queue.Schedule(1, [] {});
  EXPECT_FALSE(queue.Cancel(0));  // 0 is never issued
  EXPECT_FALSE(queue.Cancel(2));
  EXPECT_FALSE(queue.Cancel(~TimerId{0}));
  EXPECT_EQ(queue.Pending(), 1u);
}

TEST(EventQueue, BoundOnPendingEntriesThrowsLengthError) {
  EventQueue queue;
  EXPECT_EQ(EventQueue::kMaxPending, 65536u);
  TimerId last = 0;
  for (std::size_t i = 0; i < EventQueue::kMaxPending; ++i) last = queue.Schedule(i, [] {});
  EXPECT_EQ(queue.Pending(), EventQueue::kMaxPending);
  EXPECT_THROW(queue.Schedule(0, [] {}), std::length_error);
  EXPECT_EQ(queue.Pending(), EventQueue::kMaxPending);  // the failed call added nothing
  // Freeing one entry makes room for exactly one more.
  EXPECT_TRUE(queue.Cancel(last));
  EXPECT_NO_THROW(queue.Schedule(0, [] {}));
  EXPECT_THROW(queue.Schedule(0, [] {}), std::length_error);
  queue.PopNext();
  EXPECT_NO_THROW(queue.Schedule(0, [] {}));
}

// Property: the pop order is the schedule order stably sorted by time.
RC_GTEST_PROP(EventQueueProperty, PopOrderIsStableSortByTime,
              (const std::vector<std::uint8_t>& times)) {
  EventQueue queue;
  std::vector<std::size_t> ran;
  for (std::size_t i = 0; i < times.size(); ++i) {
    queue.Schedule(times[i], [&ran, i] { ran.push_back(i); });
  }
  std::vector<std::size_t> expected(times.size());
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = i;
  std::stable_sort(expected.begin(), expected.end(),
                   [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
  VirtualTime previous = 0;
  while (!queue.Empty()) {
    auto [time, work] = queue.PopNext();
    RC_ASSERT(time >= previous);
    previous = time;
    work();
  }
  RC_ASSERT(ran == expected);
}

}  // namespace
}  // namespace pd
