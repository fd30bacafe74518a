// Memory the caller hands in. Every buffer the harness passes an
// implementation by pointer (status out-parameters, PEERDIST_STATUS_INFO,
// OVERLAPPEDs, handle out-parameters, identifiers, tags, options, content and
// read buffers) is a block of exactly its documented size between guard
// bytes, in the spirit of Application Verifier's page heap: a write outside
// the documented size lands in a guard, where the next check finds it. The
// World checks after every piece of scheduled work, the scenario runner
// after every call; each broken guard is one finding (rule buffer-bounds).
//
// Blocks live until the run ends, so a pointer an implementation keeps past
// its call still points into memory the harness owns. A call-scoped block
// (valid for its call only) is checked up to the check after its call; a
// run-scoped one (an OVERLAPPED, the buffers of an asynchronous operation)
// after every call and piece of work until the run ends.
//
// In the fuzz build (PD_EXACT_SIZE_BUFFERS) each block's bytes are also their
// own exact-size heap allocation, so AddressSanitizer's redzone starts at the
// first byte past the documented size and reports the write at once, with
// the stack that made it; the guards stay the check of the other builds.
#ifndef SIM_CALLER_MEMORY_H_
#define SIM_CALLER_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace pd {

// The guard bytes on each side of a block, and their fill (the "no man's
// land" byte of Microsoft's debug heap): a write of that very byte into a
// guard goes unseen.
constexpr std::size_t kGuardBytes = 16;
constexpr unsigned char kGuardFill = 0xFD;

// How far writes reached into the guards of a block: `before` bytes before
// its start, `after` past its end; both 0 when intact. `front` is the
// kGuardBytes just before the block, `back` the kGuardBytes just after it.
struct GuardDamage {
  std::size_t before = 0;
  std::size_t after = 0;
  bool any() const { return before != 0 || after != 0; }
};
GuardDamage InspectGuards(const unsigned char* front, const unsigned char* back);
void FillGuards(unsigned char* front, unsigned char* back);

// "PeerDistGetStatusEx's pPeerDistStatus (PEERDIST_STATUS_INFO, 16 bytes) was
// written 4 byte(s) past its end": the text of a finding after its prefix.
struct BufferName {
  const char* function;   // e.g. "PeerDistGetStatusEx"; static storage
  const char* parameter;  // e.g. "pPeerDistStatus"
  const char* type;       // e.g. "PEERDIST_STATUS_INFO", "BYTE[]"
};
std::string DescribeOutOfBounds(const BufferName& name, std::size_t size, const GuardDamage& damage);

class CallerMemory {
 public:
  enum class Scope : std::uint8_t { kCall, kRun };

  CallerMemory();
  ~CallerMemory();
  CallerMemory(const CallerMemory&) = delete;
  CallerMemory& operator=(const CallerMemory&) = delete;

  // `size` bytes between guards, a copy of `init` (`size` bytes; nullptr:
  // zeros). The address is stable and suitably aligned for any type.
  void* Allocate(std::size_t size, const void* init, const BufferName& name, Scope scope);
  template <typename T>
  T* New(const T& init, const BufferName& name, Scope scope) {
    return static_cast<T*>(Allocate(sizeof(T), &init, name, scope));
  }

  // Appends a description for each block checked whose guards a write
  // broke since it was last checked; a block is reported once.
  void Check(std::vector<std::string>* broken);
  // After a call returned: Check, then call-scoped blocks are checked no more.
  void EndCall(std::vector<std::string>* broken);
  // An implementation in another process wrote outside the block at
  // `payload` (its adapter saw it: adapters/PROTOCOL.md). The next check
  // reports it as if the guards had caught it, so the finding lands where it
  // would in process. Ignored for memory that is no block, or no longer checked.
  void Outside(const void* payload, const GuardDamage& damage);

  std::size_t block_count() const { return blocks_.size(); }

  // For the fuzz build, whose AddressSanitizer stops a write past an
  // exact-size block before any guard check: the caller memory created most
  // recently and not yet destroyed (one run at a time in a fuzz process),
  // and what an access of `size` bytes at `address` next to one of its
  // blocks was ("" when it touches none: not the harness's buffer).
  static const CallerMemory* Current();
  std::string DescribeAccess(const void* address, std::size_t size) const;

 private:
  struct Block {
    // The guards and the bytes, one allocation; in the fuzz build the bytes
    // live in `exact` instead and the allocation holds the guards only.
    std::unique_ptr<std::max_align_t[]> storage;
    std::unique_ptr<unsigned char[]> exact;
    unsigned char* front = nullptr;
    unsigned char* payload = nullptr;
    unsigned char* back = nullptr;
    std::size_t size = 0;
    BufferName name{};
    Scope scope = Scope::kCall;
    bool checked = true;   // false once reported, or once its call is over
    GuardDamage outside;   // reported by another process, not yet checked
  };

  void CheckBlock(Block& block, std::vector<std::string>* broken);

  std::deque<Block> blocks_;       // in allocation order: checks report in that order
  std::vector<std::size_t> live_;  // indexes of blocks still checked
  std::vector<std::size_t> call_;  // indexes of the current call's blocks
  const CallerMemory* previous_;   // Current() before this one
};

}  // namespace pd

#endif  // SIM_CALLER_MEMORY_H_
