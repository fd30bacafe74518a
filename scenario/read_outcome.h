// What the documentation says a completed PeerDistClientBlockRead or
// PeerDistClientStreamRead owes, given what the harness knows when it
// completes: where it started, its timeout, which blocks could be in the
// local cache, which peer held the block and how soon it delivers, and the
// end of the content range. Each departure is a finding with the prefix of
// the rule that names it (sim/trace.h); the rules only report them.
#ifndef SCENARIO_READ_OUTCOME_H_
#define SCENARIO_READ_OUTCOME_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/peerdist_types.h"
#include "sim/virtual_time.h"

namespace pd {

// How late a read may complete past what its timeout (or its peer's
// latency) allows: the implementation's own work. The reference needs at
// most 80 ms.
constexpr Duration kReadSlack = 250 * kMillisecond;
// PEERDIST_READ_TIMEOUT_DEFAULT: "the default timeout of 5 seconds".
constexpr Duration kDefaultReadTimeoutSpan = 5 * kSecond;

// The span a dwTimeoutInMilliseconds value allows.
Duration ReadTimeoutSpan(DWORD timeout);

struct ReadFacts {
  std::string name;  // "o3 PeerDistClientBlockRead on c0", for messages
  bool stream = false;
  DWORD requested = 0;  // cbMaxNumberOfBytes
  DWORD timeout = PEERDIST_READ_TIMEOUT_DEFAULT;
  VirtualTime called = 0, done = 0;
  // Another operation of the handle was pending when it was called: its
  // timing then depends on that one, and only its code is judged.
  bool earlier_pending = false;
  // Where the read starts: known for block reads, and for stream reads while
  // the harness follows the handle's stream position.
  std::optional<std::uint64_t> start;
  // The content behind the handle, when the harness follows it.
  bool known = false;
  std::uint32_t content = 0;
  std::uint64_t range_start = 0, range_end = 0;  // the content information's range
  // Some of the information came from a range request (the open asked for
  // ullContentOffset / cbContentLength not 0); and, for a stream read, no
  // stream read was called on the handle before it.
  bool range_request = false;
  bool first_stream_read = false;
  // The information was complete before the read was called (not only by
  // the time it completed).
  bool info_before_call = false;
  // The content was published on this machine while the read ran (an
  // implementation may serve its own publications; the harness does not
  // judge what it then finds).
  bool published = false;
  // Whether the block [from, to) of the content may be in the local cache:
  // data added for it, or reads that may have fetched it.
  std::function<bool(std::uint64_t from, std::uint64_t to)> possibly_local;
  // The peers and the block at `start`: the latency of the soonest copy
  // that held it from the call to the completion (nullopt: none held it
  // all along), and whether none held it at any time during the read.
  std::optional<Duration> peer_latency;
  bool no_peer = false;
  // How long after the call the block at `start` was surely available: 0
  // when data added whole put it in the local cache before the call (and
  // no flush may have dropped it); nullopt when the harness cannot say.
  std::optional<Duration> surely_local;
  // Where the run of blocks surely in the local cache from `start` on ends
  // (data added whole before the call, no flush since that may drop it);
  // `start` itself, or 0, when the block at `start` is not surely there.
  std::uint64_t surely_local_end = 0;
  // The read's buffer: the content's bytes from `start` that the harness
  // knows (at most cbMaxNumberOfBytes), and what the buffer holds once the
  // read completed. Before the call the harness filled each byte with the
  // complement of the content's byte there (PrefillOf), so a byte equal to
  // the content's was written by the read. Empty when the harness did not
  // know where the read starts at the call.
  std::vector<BYTE> expected;
  std::vector<BYTE> buffer;
  // The completion.
  DWORD code = ERROR_SUCCESS;
  std::uint64_t transferred = 0;  // OVERLAPPED.InternalHigh
  std::uint64_t overlapped_offset = 0;  // OVERLAPPED Offset/OffsetHigh after completion
};

// The byte the harness puts at each position of a read's buffer before the
// call: never the content's byte there, so a write of content shows.
inline BYTE PrefillOf(BYTE content_byte) { return static_cast<BYTE>(~content_byte); }

// Findings for a completed read, each starting with its rule's prefix.
std::vector<std::string> JudgeRead(const ReadFacts& read);

// A read still pending at `now`, past what its timeout allows: the finding,
// or "" while it may still complete in time.
std::string JudgeReadStillPending(const ReadFacts& read, VirtualTime now);

}  // namespace pd

#endif  // SCENARIO_READ_OUTCOME_H_
