#include "scenario/read_outcome.h"

#include <algorithm>

#include "sim/content_info.h"
#include "sim/trace.h"

namespace pd {
namespace {

std::string Ms(Duration span) {
  const std::string whole = std::to_string(span / kMillisecond);
  const Duration rest = span % kMillisecond;
  if (rest == 0) return whole + " ms";
  std::string fraction = std::to_string(rest + 1000).substr(1);
  while (fraction.back() == '0') fraction.pop_back();
  return whole + "." + fraction + " ms";
}

std::string Code(DWORD code) { return ErrorName(code); }

bool Missing(DWORD code) { return code == PEERDIST_ERROR_MISSING_DATA || code == ERROR_TIMEOUT; }

// Cancelled or invalidated while pending: other rules judge those codes.
bool EndedByOthers(DWORD code) { return code == ERROR_OPERATION_ABORTED || code == PEERDIST_ERROR_INVALIDATED; }

// The first block of [from, to) (blocks of the content information's range)
// that cannot be in the local cache, or nullopt.
std::optional<std::uint64_t> FirstPeerOnlyBlock(const ReadFacts& read, std::uint64_t from, std::uint64_t to) {
  for (std::uint64_t block = read.range_start + (from - read.range_start) / kContentBlockSize * kContentBlockSize;
       block < to; block += kContentBlockSize) {
    const std::uint64_t end = std::min<std::uint64_t>(block + kContentBlockSize, read.range_end);
    if (!read.possibly_local(block, end)) return block;
  }
  return std::nullopt;
}

void JudgeTiming(const ReadFacts& read, std::vector<std::string>& out) {
  const Duration span = ReadTimeoutSpan(read.timeout);
  if (read.earlier_pending || read.done <= read.called + span + kReadSlack) return;
  out.push_back(kReadTimeoutFinding + read.name + " completed with " + Code(read.code) + " " +
                Ms(read.done - read.called) + " after the call; its timeout allows " + Ms(span));
}

void JudgePeers(const ReadFacts& read, std::uint64_t start, std::vector<std::string>& out) {
  const Duration span = ReadTimeoutSpan(read.timeout);
  const std::string at = " at content offset " + std::to_string(start) + " of content " + std::to_string(read.content);
  if (read.no_peer && read.code != PEERDIST_ERROR_MISSING_DATA) {
    out.push_back(kReadMissingFinding + read.name + at + " completed with " + Code(read.code) +
                  "; neither the local cache nor any peer held that block, so PEERDIST_ERROR_MISSING_DATA was due");
  }
  if (!read.peer_latency || read.earlier_pending) return;
  const Duration latency = *read.peer_latency;
  if (latency + kReadSlack <= span && read.code != ERROR_SUCCESS) {
    out.push_back(kReadTimeoutFinding + read.name + at + " completed with " + Code(read.code) +
                  " although a peer held the block and delivers it in " + Ms(latency) + ", within its timeout of " +
                  Ms(span));
  }
  if (latency >= span + kReadSlack && read.code != ERROR_SUCCESS && !Missing(read.code)) {
    out.push_back(kReadTimeoutFinding + read.name + at + " completed with " + Code(read.code) +
                  "; the only peer holding the block needs " + Ms(latency) + ", past its timeout of " + Ms(span) +
                  ", so ERROR_TIMEOUT (or PEERDIST_ERROR_MISSING_DATA) was due");
  }
}

// "will complete a read as soon as any data is available and will not wait
// for the buffer to fill completely": the block at the start is available
// at the call when it is surely in the local cache, or when the peer that
// holds it delivers within the timeout.
void JudgePrompt(const ReadFacts& read, std::uint64_t start, std::vector<std::string>& out) {
  if (read.earlier_pending || read.requested == 0) return;
  std::optional<Duration> available;
  std::string why;
  if (read.surely_local) {
    available = *read.surely_local;
    why = "the block there was in the local cache (added whole before the call)";
  } else if (read.peer_latency && read.timeout != PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY &&
             *read.peer_latency + kReadSlack <= ReadTimeoutSpan(read.timeout)) {
    available = *read.peer_latency;
    why = "a peer delivers the block there in " + Ms(*read.peer_latency);
  }
  if (!available || read.done <= read.called + *available + kReadSlack) return;
  out.push_back(kReadPromptFinding + read.name + " at content offset " + std::to_string(start) + " completed with " +
                Code(read.code) + " " + Ms(read.done - read.called) + " after the call, although " + why +
                "; expected it to complete as soon as any data is available (within " + Ms(kReadSlack) + ")");
}

// cbMaxNumberOfBytes 0 queries "the length of available consecutive
// content bytes in the local cache" at the offset, and its count of bytes
// transferred "will contain the actual length of content available in the
// local cache": at least the run of blocks surely there (its other bound,
// no block only the peers hold, is judged with the local-cache-only reads).
void JudgeQueryCountsRun(const ReadFacts& read, std::uint64_t start, std::vector<std::string>& out) {
  if (read.surely_local_end <= start) return;
  // Codes about the content only: a read ended by a close, a cancel or the
  // service is other rules' to judge.
  const bool about_content = read.code == ERROR_SUCCESS || Missing(read.code) || read.code == PEERDIST_ERROR_NO_MORE;
  if (!about_content) return;
  const std::uint64_t run = read.surely_local_end - start;
  if (read.code == ERROR_SUCCESS && read.transferred >= run) return;
  out.push_back(kReadLocalOnlyFinding + read.name + " with cbMaxNumberOfBytes 0 at content offset " +
                std::to_string(start) + " completed with " + Code(read.code) + " counting " +
                std::to_string(read.transferred) + " bytes, although data added whole before the call holds the " +
                std::to_string(run) + " consecutive bytes [" + std::to_string(start) + ", " +
                std::to_string(read.surely_local_end) + ") in the local cache");
}

// "GetOverlappedResult will populate lpNumberOfBytesTransferred with the
// number of bytes transferred": the buffer, prefilled with bytes the content
// never has at each position, shows how many the read wrote. (That the
// count reads the same in the OVERLAPPED, the packet and
// PeerDistGetOverlappedResult is judged on the trace by the rule.)
void JudgeCount(const ReadFacts& read, std::uint64_t start, std::vector<std::string>& out) {
  if (read.code != ERROR_SUCCESS || read.requested == 0) return;
  const std::string what = read.name + " at content offset " + std::to_string(start) + " of content " +
                           std::to_string(read.content) + " succeeded counting " + std::to_string(read.transferred) +
                           " bytes transferred";
  if (start + read.transferred > read.range_end) {
    out.push_back(kReadCountFinding + what + ", more than the " + std::to_string(read.range_end - start) +
                  " bytes the content range [" + std::to_string(read.range_start) + ", " +
                  std::to_string(read.range_end) + ") holds from there");
    return;
  }
  for (std::size_t i = 0; i < read.buffer.size(); ++i) {
    const bool counted = i < read.transferred;
    const bool written = read.buffer[i] == read.expected[i];
    const bool untouched = read.buffer[i] == PrefillOf(read.expected[i]);
    if (!counted && written) {
      out.push_back(kReadCountFinding + what + ", but its buffer holds the content's byte at position " +
                    std::to_string(i) + " too (the harness had put another byte there): more bytes were " +
                    "transferred than counted");
      return;
    }
    if (counted && untouched) {
      out.push_back(kReadCountFinding + what + ", but byte " + std::to_string(i) +
                    " of its buffer still holds what the harness put there before the call: fewer bytes were " +
                    "transferred than counted");
      return;
    }
  }
}

// The missing range of a PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT
// completion, read as in AMBIGUITIES.md ("where a missing data range
// begins", "the missing data range of ranged content information"): it
// begins at the first byte the read asked for (its start: a read that
// completes so delivered nothing), in content offsets; that byte is data
// the local cache did not hold at the call; it runs 1 byte or more, never
// past the end of the content range, and with information made for a range
// request exactly to the end of that range.
void JudgeMissingRange(const ReadFacts& read, std::uint64_t start, std::vector<std::string>& out) {
  const std::string what = read.name + " from content offset " + std::to_string(start) + " completed with " +
                           Code(read.code) + " reporting a missing range of " + std::to_string(read.transferred) +
                           " bytes at " + std::to_string(read.overlapped_offset);
  if (read.overlapped_offset != start) {
    out.push_back(kReadMissingRangeFinding + what + "; the first byte the read asked for, " + std::to_string(start) +
                  ", is where its missing data begins");
  } else if (read.surely_local && *read.surely_local == 0) {
    out.push_back(kReadMissingRangeFinding + what + ", although data added whole before the call put the block at " +
                  std::to_string(start) + " in the local cache: it needs no alternate source");
  } else if (read.transferred == 0 || start + read.transferred > read.range_end) {
    out.push_back(kReadMissingRangeFinding + what + "; its length must be 1 byte or more, up to the end " +
                  std::to_string(read.range_end) + " of the content range");
  } else if (read.range_request && start + read.transferred != read.range_end) {
    out.push_back(kReadMissingRangeFinding + what + "; with content information of a range request the missing "
                  "range runs up to the end of the range, " + std::to_string(read.range_end));
  }
}

}  // namespace

Duration ReadTimeoutSpan(DWORD timeout) {
  if (timeout == PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY) return 0;
  if (timeout == PEERDIST_READ_TIMEOUT_DEFAULT) return kDefaultReadTimeoutSpan;
  return Duration{timeout} * kMillisecond;
}

std::vector<std::string> JudgeRead(const ReadFacts& read) {
  std::vector<std::string> out;
  JudgeTiming(read, out);
  if (EndedByOthers(read.code) || !read.known || !read.start) return out;
  const std::uint64_t start = *read.start;
  const bool beyond = read.stream ? start >= read.range_end : start > read.range_end || start < read.range_start;
  if (beyond) {
    if (read.code != PEERDIST_ERROR_NO_MORE) {
      out.push_back(kReadEndFinding + read.name + " at content offset " + std::to_string(start) +
                    ", outside the range [" + std::to_string(read.range_start) + ", " +
                    std::to_string(read.range_end) + ") of its content information, completed with " +
                    Code(read.code) + "; expected PEERDIST_ERROR_NO_MORE");
    }
    return out;
  }
  // A block read exactly at the end of the range: "beyond" or not, the
  // pages do not say.
  if (start >= read.range_end) return out;
  // "A completion with ERROR_NO_MORE in this case indicates that the read
  // offset is outside of the sub-range": inside it, the code says what is
  // not so (only against information complete before the call).
  if (read.code == PEERDIST_ERROR_NO_MORE && read.info_before_call) {
    out.push_back(kReadEndFinding + read.name + " at content offset " + std::to_string(start) +
                  ", inside the range [" + std::to_string(read.range_start) + ", " + std::to_string(read.range_end) +
                  ") of its content information, completed with PEERDIST_ERROR_NO_MORE, which indicates an offset "
                  "outside that range; expected another code inside it");
  }
  const std::uint64_t block = read.range_start + (start - read.range_start) / kContentBlockSize * kContentBlockSize;
  const std::uint64_t block_end = std::min<std::uint64_t>(block + kContentBlockSize, read.range_end);
  JudgePrompt(read, start, out);
  JudgeCount(read, start, out);
  if (read.code == ERROR_SUCCESS && read.overlapped_offset != start) {
    out.push_back(kReadOffsetFinding + read.name + " succeeded reading from content offset " + std::to_string(start) +
                  " but left OVERLAPPED Offset/OffsetHigh at " + std::to_string(read.overlapped_offset));
  }
  if (Missing(read.code)) {
    JudgeMissingRange(read, start, out);
    // "the missing data range will be constrained to the range request
    // bounds": a range that begins before the content range breaks that
    // as well as the offset the read owes.
    if (read.overlapped_offset < read.range_start) {
      out.push_back(kReadMissingFinding + read.name + " completed with " + Code(read.code) +
                    " reporting a missing range at " + std::to_string(read.overlapped_offset) +
                    ", before the start of the content range [" + std::to_string(read.range_start) + ", " +
                    std::to_string(read.range_end) + ")");
    }
    if (read.overlapped_offset < block || read.overlapped_offset >= read.range_end) {
      out.push_back(kReadOffsetFinding + read.name + " from content offset " + std::to_string(start) +
                    " completed with " + Code(read.code) + " and OVERLAPPED Offset/OffsetHigh " +
                    std::to_string(read.overlapped_offset) + ", which is not where data missing at that offset begins");
    } else if (read.transferred == 0 || read.overlapped_offset + read.transferred > read.range_end) {
      out.push_back(kReadMissingFinding + read.name + " completed with " + Code(read.code) +
                    " reporting a missing range of " + std::to_string(read.transferred) + " bytes at " +
                    std::to_string(read.overlapped_offset) + "; the range must be 1 byte or more within the content " +
                    "range [" + std::to_string(read.range_start) + ", " + std::to_string(read.range_end) + ")");
    }
  }
  if (read.published) return out;
  if (read.requested == 0) {
    JudgeQueryCountsRun(read, start, out);
    // The query counts local bytes only: "neither download content from the
    // peers, nor return the count of bytes present in the peer cache".
    if (read.code != ERROR_SUCCESS || read.transferred == 0) return out;
    const std::uint64_t to = std::min<std::uint64_t>(start + read.transferred, read.range_end);
    if (auto peer_only = FirstPeerOnlyBlock(read, start, to)) {
      out.push_back(kReadLocalOnlyFinding + read.name + " with cbMaxNumberOfBytes 0 at content offset " +
                    std::to_string(start) + " counted " + std::to_string(read.transferred) +
                    " bytes, including the block at " + std::to_string(*peer_only) +
                    " that no data added and no read fetched: only peers hold it");
    }
    return out;
  }
  const bool local = read.possibly_local(block, block_end);
  if (read.timeout == PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY) {
    if (read.code == ERROR_SUCCESS && read.transferred > 0) {
      const std::uint64_t to =
          std::min<std::uint64_t>(start + std::min<std::uint64_t>(read.transferred, read.requested), read.range_end);
      if (auto peer_only = FirstPeerOnlyBlock(read, start, to)) {
        out.push_back(kReadLocalOnlyFinding + read.name +
                      " with PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY delivered the block at content offset " +
                      std::to_string(*peer_only) + " of content " + std::to_string(read.content) +
                      ", which no data added and no read fetched into the local cache");
      }
    } else if (!local && read.code != ERROR_SUCCESS && !Missing(read.code)) {
      out.push_back(kReadMissingFinding + read.name + " with PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY at content offset " +
                    std::to_string(start) + " completed with " + Code(read.code) +
                    "; the block is not in the local cache, so PEERDIST_ERROR_MISSING_DATA was due");
    }
    return out;
  }
  if (!local) JudgePeers(read, start, out);
  return out;
}

std::string JudgeReadStillPending(const ReadFacts& read, VirtualTime now) {
  const Duration span = ReadTimeoutSpan(read.timeout);
  if (read.earlier_pending || now <= read.called + span + kReadSlack) return "";
  return kReadTimeoutFinding + read.name + " is still pending " + Ms(now - read.called) +
         " after the call; its timeout allows " + Ms(span);
}

}  // namespace pd
