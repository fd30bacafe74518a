#include "sim/caller_memory.h"

#include <algorithm>
#include <cstring>

namespace pd {

namespace {

// The common case, checked after every piece of work: both guards intact,
// compared a word at a time.
bool GuardsIntact(const unsigned char* front, const unsigned char* back) {
  static_assert(kGuardBytes % sizeof(std::uint64_t) == 0, "guards are whole words");
  constexpr std::uint64_t kFillWord = 0x0101010101010101ull * kGuardFill;
  std::uint64_t differs = 0;
  for (std::size_t i = 0; i < kGuardBytes; i += sizeof(std::uint64_t)) {
    std::uint64_t a, b;
    std::memcpy(&a, front + i, sizeof a);
    std::memcpy(&b, back + i, sizeof b);
    differs |= (a ^ kFillWord) | (b ^ kFillWord);
  }
  return differs == 0;
}

}  // namespace

GuardDamage InspectGuards(const unsigned char* front, const unsigned char* back) {
  GuardDamage damage;
  if (GuardsIntact(front, back)) return damage;
  // The farthest byte changed on each side says how far the write reached.
  for (std::size_t i = 0; i < kGuardBytes; ++i) {
    if (front[i] != kGuardFill) {
      damage.before = kGuardBytes - i;
      break;
    }
  }
  for (std::size_t i = kGuardBytes; i > 0; --i) {
    if (back[i - 1] != kGuardFill) {
      damage.after = i;
      break;
    }
  }
  return damage;
}

void FillGuards(unsigned char* front, unsigned char* back) {
  std::memset(front, kGuardFill, kGuardBytes);
  std::memset(back, kGuardFill, kGuardBytes);
}

std::string DescribeOutOfBounds(const BufferName& name, std::size_t size, const GuardDamage& damage) {
  std::string text = std::string(name.function) + "'s " + name.parameter + " (" + name.type + ", " +
                     std::to_string(size) + (size == 1 ? " byte" : " bytes") + ") was written ";
  if (damage.after != 0) text += std::to_string(damage.after) + " byte(s) past its end";
  if (damage.before != 0 && damage.after != 0) text += " and ";
  if (damage.before != 0) text += std::to_string(damage.before) + " byte(s) before its start";
  return text;
}

namespace {
const CallerMemory* current_memory = nullptr;
}  // namespace

CallerMemory::CallerMemory() : previous_(current_memory) { current_memory = this; }

CallerMemory::~CallerMemory() {
  if (current_memory == this) current_memory = previous_;
}

const CallerMemory* CallerMemory::Current() { return current_memory; }

std::string CallerMemory::DescribeAccess(const void* address, std::size_t size) const {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  for (const Block& block : blocks_) {
    const auto start = reinterpret_cast<std::uintptr_t>(block.payload);
    const std::uintptr_t end = start + block.size;
    GuardDamage damage;
    if (at >= end && at < end + kGuardBytes) damage.after = at - end + std::max<std::size_t>(size, 1);
    if (at < start && at + kGuardBytes >= start) damage.before = start - at;
    if (damage.any()) return DescribeOutOfBounds(block.name, block.size, damage);
  }
  return "";
}

void* CallerMemory::Allocate(std::size_t size, const void* init, const BufferName& name, Scope scope) {
  Block& block = blocks_.emplace_back();
  block.size = size;
  block.name = name;
  block.scope = scope;
#ifdef PD_EXACT_SIZE_BUFFERS
  const std::size_t bytes = 2 * kGuardBytes;
#else
  const std::size_t bytes = 2 * kGuardBytes + size;
#endif
  const std::size_t units = (bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
  block.storage.reset(new std::max_align_t[units]);
  unsigned char* base = reinterpret_cast<unsigned char*>(block.storage.get());
  block.front = base;
#ifdef PD_EXACT_SIZE_BUFFERS
  block.exact.reset(new unsigned char[size]);
  block.payload = block.exact.get();
  block.back = base + kGuardBytes;
#else
  // kGuardBytes is a multiple of any fundamental alignment: the bytes are
  // aligned as the allocation is.
  block.payload = base + kGuardBytes;
  block.back = block.payload + size;
#endif
  FillGuards(block.front, block.back);
  if (size != 0) {
    if (init != nullptr) {
      std::memcpy(block.payload, init, size);
    } else {
      std::memset(block.payload, 0, size);
    }
  }
  const std::size_t index = blocks_.size() - 1;
  live_.push_back(index);
  if (scope == Scope::kCall) call_.push_back(index);
  return block.payload;
}

void CallerMemory::CheckBlock(Block& block, std::vector<std::string>* broken) {
  if (!block.checked) return;
  if (!block.outside.any() && GuardsIntact(block.front, block.back)) return;
  GuardDamage damage = InspectGuards(block.front, block.back);
  damage.before = std::max(damage.before, block.outside.before);
  damage.after = std::max(damage.after, block.outside.after);
  if (!damage.any()) return;
  block.checked = false;  // one finding per buffer
  broken->push_back(DescribeOutOfBounds(block.name, block.size, damage));
}

void CallerMemory::Check(std::vector<std::string>* broken) {
  std::size_t kept = 0;
  for (std::size_t index : live_) {
    Block& block = blocks_[index];
    CheckBlock(block, broken);
    if (block.checked) live_[kept++] = index;
  }
  live_.resize(kept);
}

void CallerMemory::EndCall(std::vector<std::string>* broken) {
  Check(broken);
  if (call_.empty()) return;
  for (std::size_t index : call_) blocks_[index].checked = false;
  call_.clear();
  std::size_t kept = 0;
  for (std::size_t index : live_) {
    if (blocks_[index].checked) live_[kept++] = index;
  }
  live_.resize(kept);
}

void CallerMemory::Outside(const void* payload, const GuardDamage& damage) {
  if (!damage.any()) return;
  // Rare (a bug): a search beats indexing every allocation by address.
  auto it = std::find_if(blocks_.begin(), blocks_.end(), [payload](const Block& b) { return b.payload == payload; });
  if (it == blocks_.end() || !it->checked) return;
  it->outside.before = std::max(it->outside.before, damage.before);
  it->outside.after = std::max(it->outside.after, damage.after);
}

}  // namespace pd
