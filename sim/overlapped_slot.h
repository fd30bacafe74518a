// An OVERLAPPED the harness hands to an asynchronous call, together with the
// out-buffers given to the same call. The World owns the memory (each one a
// block of sim/caller_memory.h, between guard bytes), so pointers stay valid
// for the whole run and every slot has a stable id for the trace (raw
// addresses differ between runs and never reach a trace).
#ifndef SIM_OVERLAPPED_SLOT_H_
#define SIM_OVERLAPPED_SLOT_H_

#include <cstddef>
#include <cstdint>

#include "sim/peerdist_types.h"

namespace pd {

// Written into out-buffers before a call, so "never written" is visible.
constexpr std::int32_t kUnwrittenStatus = 0x7F7F7F7F;
constexpr DWORD kUnwrittenDword = 0x7F7F7F7F;

// A data buffer of a content operation: `size` bytes at `data`.
struct SlotBuffer {
  BYTE* bytes = nullptr;
  std::size_t length = 0;
  BYTE* data() const { return bytes; }
  std::size_t size() const { return length; }
  bool empty() const { return length == 0; }
  const BYTE* begin() const { return bytes; }
  const BYTE* end() const { return bytes + length; }
};

struct OverlappedSlot {
  OverlappedSlot(OVERLAPPED& overlapped_block, PEERDIST_STATUS& status_block, PEERDIST_STATUS_INFO& info_block)
      : overlapped(overlapped_block), status_out(status_block), status_info_out(info_block) {}

  int id = -1;
  int event_id = -1;  // handle id of overlapped.hEvent, -1 when NULL
  bool uses_info = false;  // the call took a PEERDIST_STATUS_INFO (Ex)
  // A status-change registration writes a status out-parameter; a content
  // operation (publish, read, ...) does not, so its trace events carry none.
  bool carries_status = true;
  OVERLAPPED& overlapped;
  // OVERLAPPED.Internal as the World last noted it; a change to a final
  // value is traced as kOverlappedDone (World::NoteOverlappedTransitions).
  ULONG_PTR noted_internal = kUnwrittenDword;
  // Virtual time (microseconds) at which it was last noted final.
  std::uint64_t done_at = 0;
  PEERDIST_STATUS& status_out;
  PEERDIST_STATUS_INFO& status_info_out;
  // The data buffer of a content operation (what it reads into or writes
  // from), when the operation has one (World::NewSlotBuffer).
  SlotBuffer buffer;
};

}  // namespace pd

#endif  // SIM_OVERLAPPED_SLOT_H_
