// The virtual kernel objects: events, completion ports, overlapped slots.
#include <cstddef>

#include "gtest/gtest.h"
#include "sim/completion_port.h"
#include "sim/kernel_event.h"
#include "sim/overlapped_slot.h"

namespace pd {
namespace {

TEST(KernelEvent, InitialState) {
  const KernelEvent unsignaled(/*manual_reset=*/true, /*initially_signaled=*/false);
  EXPECT_FALSE(unsignaled.IsSignaled());
  EXPECT_TRUE(unsignaled.manual_reset());
  EXPECT_EQ(unsignaled.times_set(), 0u);

  const KernelEvent signaled(/*manual_reset=*/false, /*initially_signaled=*/true);
  EXPECT_TRUE(signaled.IsSignaled());
  EXPECT_FALSE(signaled.manual_reset());
  EXPECT_EQ(signaled.times_set(), 0u);  // the initial state is not a SetEvent
}

TEST(KernelEvent, ManualResetStaysSignaledAcrossWaits) {
  KernelEvent event(/*manual_reset=*/true, false);
  EXPECT_FALSE(event.TryAcquire());
  event.Set();
  EXPECT_TRUE(event.TryAcquire());
  EXPECT_TRUE(event.TryAcquire());
  EXPECT_TRUE(event.IsSignaled());
  event.Reset();
  EXPECT_FALSE(event.IsSignaled());
  EXPECT_FALSE(event.TryAcquire());
}

TEST(KernelEvent, AutoResetReleasesOneWait) {
  KernelEvent event(/*manual_reset=*/false, false);
  EXPECT_FALSE(event.TryAcquire());
  event.Set();
  EXPECT_TRUE(event.IsSignaled());
  EXPECT_TRUE(event.TryAcquire());
  EXPECT_FALSE(event.IsSignaled());
  EXPECT_FALSE(event.TryAcquire());
}

TEST(KernelEvent, InitiallySignaledAutoResetIsConsumedOnce) {
  KernelEvent event(/*manual_reset=*/false, /*initially_signaled=*/true);
  EXPECT_TRUE(event.TryAcquire());
  EXPECT_FALSE(event.TryAcquire());
}

TEST(KernelEvent, TimesSetCountsEverySetEvent) {
  KernelEvent event(/*manual_reset=*/true, false);
  event.Set();
  event.Set();  // no state change, still counted
  EXPECT_EQ(event.times_set(), 2u);
  event.Reset();
  EXPECT_EQ(event.times_set(), 2u);  // Reset does not count
  EXPECT_FALSE(event.TryAcquire());
  event.Set();
  EXPECT_EQ(event.times_set(), 3u);
  EXPECT_TRUE(event.TryAcquire());
  EXPECT_EQ(event.times_set(), 3u);  // nor does a wait
}

TEST(CompletionPort, FifoOrder) {
  CompletionPort port;
  OVERLAPPED a{}, b{};
  EXPECT_FALSE(port.TryDequeue().has_value());
  ASSERT_TRUE(port.Post({1, 100, &a}));
  ASSERT_TRUE(port.Post({2, 200, &b}));
  ASSERT_TRUE(port.Post({3, 300, nullptr}));
  EXPECT_EQ(port.Queued(), 3u);

  auto first = port.TryDequeue();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->bytes_transferred, 1u);
  EXPECT_EQ(first->completion_key, 100u);
  EXPECT_EQ(first->overlapped, &a);

  auto second = port.TryDequeue();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->bytes_transferred, 2u);
  EXPECT_EQ(second->completion_key, 200u);
  EXPECT_EQ(second->overlapped, &b);

  auto third = port.TryDequeue();
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->bytes_transferred, 3u);
  EXPECT_EQ(third->completion_key, 300u);
  EXPECT_EQ(third->overlapped, nullptr);

  EXPECT_FALSE(port.TryDequeue().has_value());
  EXPECT_EQ(port.Queued(), 0u);
}

TEST(CompletionPort, BoundRejectsThePostPastTheLimit) {
  CompletionPort port;
  EXPECT_EQ(CompletionPort::kMaxQueued, 4096u);
  for (std::size_t i = 0; i < CompletionPort::kMaxQueued; ++i) {
    ASSERT_TRUE(port.Post({0, i, nullptr})) << i;
  }
  EXPECT_FALSE(port.Post({0, 99999, nullptr}));
  EXPECT_EQ(port.Queued(), CompletionPort::kMaxQueued);
  // The rejected packet never shows up; the oldest comes out first.
  auto oldest = port.TryDequeue();
  ASSERT_TRUE(oldest.has_value());
  EXPECT_EQ(oldest->completion_key, 0u);
  EXPECT_TRUE(port.Post({0, 4096, nullptr}));
  EXPECT_FALSE(port.Post({0, 4097, nullptr}));
  ULONG_PTR last_key = 0;
  while (auto packet = port.TryDequeue()) last_key = packet->completion_key;
  EXPECT_EQ(last_key, 4096u);
}

TEST(OverlappedSlot, DefaultsMarkEverythingUnwritten) {
  // The World fills the blocks (world_test); the slot refers to them.
  OVERLAPPED overlapped{};
  PEERDIST_STATUS status = static_cast<PEERDIST_STATUS>(kUnwrittenStatus);
  PEERDIST_STATUS_INFO info{};
  const OverlappedSlot slot(overlapped, status, info);
  EXPECT_EQ(slot.id, -1);
  EXPECT_EQ(slot.event_id, -1);
  EXPECT_FALSE(slot.uses_info);
  EXPECT_EQ(&slot.overlapped, &overlapped);
  EXPECT_EQ(&slot.status_info_out, &info);
  EXPECT_TRUE(slot.buffer.empty());
  EXPECT_EQ(static_cast<std::int32_t>(slot.status_out), 0x7F7F7F7F);
  EXPECT_EQ(kUnwrittenStatus, 0x7F7F7F7F);
  EXPECT_EQ(kUnwrittenDword, 0x7F7F7F7Fu);
}

}  // namespace
}  // namespace pd
