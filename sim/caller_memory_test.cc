#include "sim/caller_memory.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace pd {
namespace {

const BufferName kRead{"PeerDistClientBlockRead", "pBuffer", "BYTE[]"};

struct Info {  // a PEERDIST_STATUS_INFO's shape
  std::uint32_t cbSize, status, dwMinVer, dwMaxVer;
};

TEST(CallerMemory, BlocksHoldTheirInitialBytesAndAreAligned) {
  CallerMemory memory;
  const std::vector<unsigned char> init = {1, 2, 3};
  auto* bytes = static_cast<unsigned char*>(memory.Allocate(3, init.data(), kRead, CallerMemory::Scope::kCall));
  EXPECT_EQ(std::vector<unsigned char>(bytes, bytes + 3), init);
  auto* zeros = static_cast<unsigned char*>(memory.Allocate(5, nullptr, kRead, CallerMemory::Scope::kCall));
  EXPECT_EQ(std::vector<unsigned char>(zeros, zeros + 5), std::vector<unsigned char>(5, 0));
  Info* info = memory.New(Info{16, 0, 1, 2}, {"PeerDistGetStatusEx", "pPeerDistStatus", "PEERDIST_STATUS_INFO"},
                          CallerMemory::Scope::kCall);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(info) % alignof(std::max_align_t), 0u);
  EXPECT_EQ(info->cbSize, 16u);
}

TEST(CallerMemory, WritesInsideTheBufferAreNoFinding) {
  CallerMemory memory;
  auto* bytes = static_cast<unsigned char*>(memory.Allocate(64, nullptr, kRead, CallerMemory::Scope::kRun));
  std::memset(bytes, 0xAB, 64);
  std::vector<std::string> broken;
  memory.Check(&broken);
  memory.EndCall(&broken);
  EXPECT_TRUE(broken.empty());
}

#ifndef PD_EXACT_SIZE_BUFFERS  // there, AddressSanitizer stops these writes first

TEST(CallerMemory, OneBytePastAReadBufferIsFoundOnce) {
  CallerMemory memory;
  auto* bytes = static_cast<unsigned char*>(memory.Allocate(64, nullptr, kRead, CallerMemory::Scope::kRun));
  bytes[64] = 0;
  std::vector<std::string> broken;
  memory.Check(&broken);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0], "PeerDistClientBlockRead's pBuffer (BYTE[], 64 bytes) was written 1 byte(s) past its end");
  memory.Check(&broken);
  EXPECT_EQ(broken.size(), 1u) << "reported once";
}

TEST(CallerMemory, AWiderStructureWrittenIntoANarrowerOneIsFound) {
  CallerMemory memory;
  struct Narrow {
    std::uint32_t cbSize, status;
  };
  auto* narrow = memory.New(Narrow{8, 0}, {"PeerDistGetStatusEx", "pPeerDistStatus", "PEERDIST_STATUS_INFO"},
                            CallerMemory::Scope::kCall);
  const Info wide{16, 2, 1, 2};
  std::memcpy(static_cast<void*>(narrow), &wide, sizeof wide);
  std::vector<std::string> broken;
  memory.EndCall(&broken);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0],
            "PeerDistGetStatusEx's pPeerDistStatus (PEERDIST_STATUS_INFO, 8 bytes) was written 8 byte(s) past its end");
}

TEST(CallerMemory, AWriteBeforeTheStartIsFound) {
  CallerMemory memory;
  auto* bytes = static_cast<unsigned char*>(memory.Allocate(4, nullptr, kRead, CallerMemory::Scope::kRun));
  bytes[-2] = 0;
  std::vector<std::string> broken;
  memory.Check(&broken);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_NE(broken[0].find("2 byte(s) before its start"), std::string::npos) << broken[0];
}

TEST(CallerMemory, ACallScopedBufferIsCheckedUntilItsCallIsOver) {
  CallerMemory memory;
  auto* call = static_cast<unsigned char*>(memory.Allocate(4, nullptr, kRead, CallerMemory::Scope::kCall));
  auto* run = static_cast<unsigned char*>(memory.Allocate(4, nullptr, kRead, CallerMemory::Scope::kRun));
  std::vector<std::string> broken;
  memory.EndCall(&broken);
  call[4] = 0;  // after its call: its size no longer matters
  memory.Check(&broken);
  EXPECT_TRUE(broken.empty());
  run[4] = 0;  // an asynchronous operation's buffer: checked for the run
  memory.Check(&broken);
  EXPECT_EQ(broken.size(), 1u);
}

#endif  // PD_EXACT_SIZE_BUFFERS

TEST(CallerMemory, AWriteOutsideReportedByAnotherProcessIsFoundAtTheNextCheck) {
  CallerMemory memory;
  void* bytes = memory.Allocate(16, nullptr, kRead, CallerMemory::Scope::kCall);
  memory.Outside(&memory, GuardDamage{0, 3});  // not a block the harness handed out
  memory.Outside(bytes, GuardDamage{});        // no damage
  std::vector<std::string> broken;
  memory.Check(&broken);
  EXPECT_TRUE(broken.empty());
  memory.Outside(bytes, GuardDamage{0, 3});
  memory.EndCall(&broken);
  EXPECT_EQ(broken, std::vector<std::string>{
                        "PeerDistClientBlockRead's pBuffer (BYTE[], 16 bytes) was written 3 byte(s) past its end"});
}

TEST(CallerMemory, AnAccessNextToABlockIsDescribedForTheFuzzBuildsSanitizer) {
  EXPECT_EQ(CallerMemory::Current(), nullptr);
  {
    CallerMemory memory;
    EXPECT_EQ(CallerMemory::Current(), &memory);
    auto* info = static_cast<unsigned char*>(
        memory.Allocate(16, nullptr, {"PeerDistGetStatusEx", "pPeerDistStatus", "PEERDIST_STATUS_INFO"},
                        CallerMemory::Scope::kCall));
    EXPECT_EQ(memory.DescribeAccess(info + 16, 4),
              "PeerDistGetStatusEx's pPeerDistStatus (PEERDIST_STATUS_INFO, 16 bytes) was written 4 byte(s) past its "
              "end");
    EXPECT_EQ(memory.DescribeAccess(info + 8, 4), "") << "inside";
    EXPECT_EQ(memory.DescribeAccess(&memory, 4), "") << "not a block's neighbour";
  }
  EXPECT_EQ(CallerMemory::Current(), nullptr);
}

#ifdef PD_EXACT_SIZE_BUFFERS
// The fuzz build: each block is its own exact-size heap allocation, so
// AddressSanitizer stops the first byte past it, with the writer's stack.
TEST(CallerMemoryDeathTest, OneBytePastABlockIsAnAddressSanitizerReport) {
  CallerMemory memory;
  auto* bytes = static_cast<unsigned char*>(memory.Allocate(64, nullptr, kRead, CallerMemory::Scope::kRun));
  EXPECT_DEATH(static_cast<volatile unsigned char*>(bytes)[64] = 1, "heap-buffer-overflow");
}
#endif

TEST(Guards, InspectMeasuresHowFarAWriteReached) {
  unsigned char front[kGuardBytes], back[kGuardBytes];
  FillGuards(front, back);
  EXPECT_FALSE(InspectGuards(front, back).any());
  back[0] = 1;
  back[5] = 1;
  front[kGuardBytes - 1] = 1;
  const GuardDamage damage = InspectGuards(front, back);
  EXPECT_EQ(damage.after, 6u);
  EXPECT_EQ(damage.before, 1u);
}

}  // namespace
}  // namespace pd
