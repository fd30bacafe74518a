// An OVERLAPPED the harness hands to an asynchronous call, together with the
// out-buffers given to the same call. The World owns the memory, so pointers
// stay valid for the whole run and every slot has a stable id for the trace
// (raw addresses differ between runs and never reach a trace).
#ifndef SIM_OVERLAPPED_SLOT_H_
#define SIM_OVERLAPPED_SLOT_H_

#include <cstdint>
#include <vector>

#include "sim/peerdist_types.h"

namespace pd {

// Written into out-buffers before a call, so "never written" is visible.
constexpr std::int32_t kUnwrittenStatus = 0x7F7F7F7F;
constexpr DWORD kUnwrittenDword = 0x7F7F7F7F;

struct OverlappedSlot {
  int id = -1;
  int event_id = -1;  // handle id of overlapped.hEvent, -1 when NULL
  bool uses_info = false;  // the call took a PEERDIST_STATUS_INFO (Ex)
  // A status-change registration writes a status out-parameter; a content
  // operation (publish, read, ...) does not, so its trace events carry none.
  bool carries_status = true;
  OVERLAPPED overlapped{};
  // OVERLAPPED.Internal as the World last noted it; a change to a final
  // value is traced as kOverlappedDone (World::NoteOverlappedTransitions).
  ULONG_PTR noted_internal = kUnwrittenDword;
  // Virtual time (microseconds) at which it was last noted final.
  std::uint64_t done_at = 0;
  PEERDIST_STATUS status_out = static_cast<PEERDIST_STATUS>(kUnwrittenStatus);
  PEERDIST_STATUS_INFO status_info_out{};
  // The data buffer of a content operation (what it reads into or writes
  // from); its heap block never moves while the operation may use it.
  std::vector<BYTE> buffer;
};

}  // namespace pd

#endif  // SIM_OVERLAPPED_SLOT_H_
