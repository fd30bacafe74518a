#include "scenario/read_range.h"

#include "sim/trace.h"

namespace pd {
namespace {

std::string RangeText(const ReadFacts& read) {
  return "[" + std::to_string(read.range_start) + ", " + std::to_string(read.range_end) + ")";
}

bool Missing(DWORD code) { return code == PEERDIST_ERROR_MISSING_DATA || code == ERROR_TIMEOUT; }

}  // namespace

std::vector<std::string> JudgeReadRange(const ReadFacts& read) {
  std::vector<std::string> out;
  if (!read.known || !read.start || !read.range_request || !read.info_before_call) return out;
  // Cancelled or invalidated while pending: other rules judge those codes.
  if (read.code == ERROR_OPERATION_ABORTED || read.code == PEERDIST_ERROR_INVALIDATED) return out;
  const std::uint64_t start = *read.start;
  const std::string head = kReadRangeFinding + read.name + " at content offset " + std::to_string(start) +
                           " on information of the range request " + RangeText(read);
  // A stream position at the end, a block offset before the range or at or
  // past its end: no byte of the range is there to read.
  const bool outside = start >= read.range_end || (!read.stream && start < read.range_start);
  if (outside) {
    if (read.code != PEERDIST_ERROR_NO_MORE) {
      out.push_back(head + " completed with " + ErrorName(read.code) +
                    "; outside the range (at or past its end, or before its start) expected PEERDIST_ERROR_NO_MORE");
    }
    return out;
  }
  // "PeerDistClientStreamRead will begin at ullContentOffset": the first
  // stream read of the handle reports the range's start as where it read
  // (or where the data it misses begins).
  if (read.stream && read.first_stream_read && !read.earlier_pending &&
      (read.code == ERROR_SUCCESS || Missing(read.code)) && read.overlapped_offset != read.range_start) {
    out.push_back(head + ", the handle's first stream read, completed with " + ErrorName(read.code) +
                  " and OVERLAPPED Offset/OffsetHigh " + std::to_string(read.overlapped_offset) +
                  "; a stream read begins at ullContentOffset " + std::to_string(read.range_start));
  }
  // Constrained to the range: what a success delivers (or, for 0 bytes
  // asked, counts) ends at the range's end at the latest.
  if (read.code == ERROR_SUCCESS && start + read.transferred > read.range_end) {
    out.push_back(head + " succeeded with " + std::to_string(read.transferred) +
                  " bytes, running past the end of the range at " + std::to_string(read.range_end));
  }
  return out;
}

}  // namespace pd
