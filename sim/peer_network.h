// The peers of the simulated machine: other BranchCache clients (or a hosted
// cache) that hold copies of content ranges. A read that misses the local
// cache may fetch a block from them; whoever holds it delivers after the
// latency the World drew when the copy appeared. Blocks are found the way
// BranchCache finds them: by their hash (and, in this model, the content
// offset and length the content information gives them), never by name.
#ifndef SIM_PEER_NETWORK_H_
#define SIM_PEER_NETWORK_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/peerdist_types.h"
#include "sim/virtual_time.h"

namespace pd {

// Bound on the copies the peers hold at once (a scenario adds at most one
// per step; the oldest is forgotten first).
constexpr std::size_t kMaxPeerCopies = 64;

// One peer's copy of bytes [offset, offset + length) of scenario content
// number `content`.
struct PeerCopy {
  std::uint32_t content = 0;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  Duration latency = 0;  // how long a fetch from this copy takes
};

// What a fetch finds: the block's bytes, and when they arrive.
struct PeerDelivery {
  Duration latency = 0;
  std::vector<BYTE> bytes;
};

class PeerNetwork {
 public:
  void Add(const PeerCopy& copy);
  // Every copy of `content` goes away.
  void Remove(std::uint32_t content);
  // The copy with the least latency that holds [offset, offset + length)
  // with these bytes' FNV-1a hash `hash` (the first added among equals).
  std::optional<PeerDelivery> Fetch(std::uint64_t offset, std::uint64_t length, std::uint64_t hash) const;
  // The harness's view: the copy that holds bytes [offset, offset + length)
  // of `content` and delivers soonest, if any (what Fetch finds for them).
  std::optional<PeerCopy> Holder(std::uint32_t content, std::uint64_t offset, std::uint64_t length) const;
  const std::vector<PeerCopy>& copies() const { return copies_; }
  // Moves on every Add and Remove: equal generations, equal copies.
  std::uint64_t generation() const { return generation_; }

 private:
  std::vector<PeerCopy> copies_;  // in the order they were added
  std::uint64_t generation_ = 0;
};

}  // namespace pd

#endif  // SIM_PEER_NETWORK_H_
