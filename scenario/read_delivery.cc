#include "scenario/read_delivery.h"

#include "sim/trace.h"

namespace pd {
namespace {

// Why the data at the read's start was available, or "" when the harness
// cannot say it was.
std::string WhyAvailable(const ReadFacts& read) {
  if (read.surely_local && *read.surely_local == 0) {
    return "the block there was added whole to the local cache before the call";
  }
  // Queued behind another read of the handle, its time is that one's too.
  if (read.earlier_pending || !read.peer_latency || read.timeout == PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY) return "";
  if (*read.peer_latency + kReadSlack > ReadTimeoutSpan(read.timeout)) return "";
  return "a peer held the block there all along and delivers it within the read's timeout";
}

}  // namespace

std::string JudgeReadDelivers(const ReadFacts& read) {
  if (read.requested == 0 || !read.known || !read.start || !read.info_before_call) return "";
  const std::uint64_t start = *read.start;
  if (start < read.range_start || start >= read.range_end) return "";
  // Cancelled, closed, or invalidated: those rules' codes.
  if (read.code == ERROR_OPERATION_ABORTED || read.code == PEERDIST_ERROR_INVALIDATED) return "";
  if (read.code == ERROR_SUCCESS && read.transferred > 0) return "";
  const std::string why = WhyAvailable(read);
  if (why.empty()) return "";
  const std::string outcome = read.code == ERROR_SUCCESS ? "ERROR_SUCCESS with 0 bytes" : ErrorName(read.code);
  return kReadDeliversFinding + read.name + " of " + std::to_string(read.requested) + " bytes at content offset " +
         std::to_string(start) + " of content " + std::to_string(read.content) + " ended with " + outcome +
         ", although " + why + "; expected ERROR_SUCCESS with at least one byte";
}

}  // namespace pd
