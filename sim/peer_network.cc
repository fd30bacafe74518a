#include "sim/peer_network.h"

#include <algorithm>

#include "sim/content_info.h"

namespace pd {

void PeerNetwork::Add(const PeerCopy& copy) {
  ++generation_;
  if (copies_.size() >= kMaxPeerCopies) copies_.erase(copies_.begin());
  copies_.push_back(copy);
}

void PeerNetwork::Remove(std::uint32_t content) {
  ++generation_;
  copies_.erase(std::remove_if(copies_.begin(), copies_.end(),
                               [content](const PeerCopy& copy) { return copy.content == content; }),
                copies_.end());
}

std::optional<PeerDelivery> PeerNetwork::Fetch(std::uint64_t offset, std::uint64_t length,
                                               std::uint64_t hash) const {
  if (length == 0 || length > kMaxContentLength) return std::nullopt;
  // Every peer is asked; the soonest that holds the block delivers.
  std::optional<PeerDelivery> best;
  for (const PeerCopy& copy : copies_) {
    if (offset < copy.offset || offset + length > copy.offset + copy.length) continue;
    if (best && best->latency <= copy.latency) continue;
    std::vector<BYTE> bytes = ContentBytes(copy.content, offset, length);
    if (Fnv1a64(bytes.data(), bytes.size()) != hash) continue;
    best = PeerDelivery{copy.latency, std::move(bytes)};
  }
  return best;
}

std::optional<PeerCopy> PeerNetwork::Holder(std::uint32_t content, std::uint64_t offset, std::uint64_t length) const {
  std::optional<PeerCopy> best;
  for (const PeerCopy& copy : copies_) {
    if (copy.content != content || offset < copy.offset || offset + length > copy.offset + copy.length) continue;
    if (!best || copy.latency < best->latency) best = copy;
  }
  return best;
}

}  // namespace pd
