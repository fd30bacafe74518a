// The reference implementation's bookkeeping for the content part of the
// API: publications, the objects behind content, content-information and
// stream handles, and asynchronous operations in flight. Plain data; the
// behaviour lives in reference_server.cc, reference_client.cc and
// reference_async.cc.
#ifndef IMPLS_REFERENCE_OBJECTS_H_
#define IMPLS_REFERENCE_OBJECTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/content_info.h"
#include "sim/event_queue.h"
#include "sim/peerdist_types.h"
#include "sim/virtual_time.h"

namespace pd {

// Content a server session published: the data added so far, complete once
// PublishCompleteStream succeeded.
struct Publication {
  std::uintptr_t owner = 0;  // session handle value
  std::uint64_t declared_length = 0;  // 0: not known in advance
  std::vector<BYTE> data;
  bool complete = false;
};

enum class ObjectKind : std::uint8_t { kStream, kContentInfo, kContent };

// What stands behind one content, content-information or stream handle.
struct ContentObject {
  ObjectKind kind = ObjectKind::kContent;
  // The mutant cancel-posts-after-result: the OVERLAPPEDs of the handle's
  // completed operations (kept by no other implementation).
  std::set<LPOVERLAPPED> finished;
  std::uintptr_t session = 0;  // the session that opened it
  HANDLE port = nullptr;       // completion port given at open (may be NULL)
  ULONG_PTR key = 0;
  // Set when the status moved to DISABLED or UNAVAILABLE after the open:
  // every call but the close fails with PEERDIST_ERROR_INVALIDATED.
  bool invalidated = false;
  // kAcceptClosedObjectHandle only: closed, but still served.
  bool closed = false;
  // Operations on one handle complete in the order they were started (a
  // caller adding to a stream waits for each add anyway): the next one
  // completes after this instant.
  VirtualTime busy_until = 0;

  // kStream and kContentInfo: the content identifier it belongs to.
  std::string identifier;
  // kContentInfo: the encoded content information and how much of it
  // RetrieveContentInformation handed out already.
  std::vector<BYTE> info_blob;
  std::size_t info_read = 0;
  // kContent: the tag, the content information added so far and, once
  // complete, its decoded form; data added or fetched, by content offset,
  // kept per block once validated against the hashes.
  PEERDIST_CONTENT_TAG tag{};
  std::vector<BYTE> added_info;
  std::optional<ContentInfo> info;
  bool info_failed = false;  // CompleteContentInformation could not parse it
  std::map<std::uint64_t, std::vector<BYTE>> raw_data;     // AddData, by offset
  std::map<std::size_t, std::vector<BYTE>> valid_blocks;  // block index -> bytes
  std::uint64_t stream_position = 0;  // StreamRead's next offset (absolute)
  bool stream_started = false;
};

// What an operation does when its time comes: fills the OVERLAPPED's result.
enum class OperationKind : std::uint8_t {
  kAddToStream,
  kCompleteStream,
  kRetrieveInfo,
  kAddInfo,
  kCompleteInfo,
  kAddData,
  kBlockRead,
  kStreamRead,
  kFlush,
};

struct PendingOperation {
  std::uint64_t id = 0;
  OperationKind kind = OperationKind::kBlockRead;
  std::uintptr_t session = 0;
  std::uintptr_t object = 0;  // 0 for FlushContent (no handle)
  LPOVERLAPPED overlapped = nullptr;
  HANDLE port = nullptr;
  ULONG_PTR key = 0;
  TimerId timer = 0;
  // Arguments the operation keeps until it completes.
  PBYTE buffer = nullptr;
  DWORD size = 0;
  std::uint64_t offset = 0;
  DWORD timeout_ms = 0;
  PEERDIST_CONTENT_TAG tag{};
  // Reads: when the call was made (the timeout runs from there), and what a
  // read waiting for the peers resumes with: the block they deliver, or
  // the timeout.
  VirtualTime started = 0;
  std::size_t peer_block = 0;
  std::vector<BYTE> peer_bytes;
  bool timed_out = false;
  // The mutant read-waits-to-fill: it waited once for the rest of its buffer.
  bool waited_to_fill = false;
};

}  // namespace pd

#endif  // IMPLS_REFERENCE_OBJECTS_H_
