// One step of a scenario: an API call with the shape of its arguments, an
// environment action, or a virtual-time advance. Every combination of field
// values is meaningful (calls on an empty session slot pass a closed or never
// issued handle), so any edit, shrink or fuzz mutation stays runnable.
#ifndef SCENARIO_STEP_H_
#define SCENARIO_STEP_H_

#include <cstdint>

#include "sim/service_model.h"
#include "sim/virtual_time.h"
#include "sim/win32_types.h"

namespace pd {

constexpr int kMaxSessions = 4;              // session slots s0..s3
constexpr int kMaxObjects = 4;               // handle slots t0..t3, i0..i3, c0..c3 (per kind)
constexpr std::uint32_t kMaxContentId = 15;  // content numbers id=0..15
constexpr std::uint32_t kMaxStepBytes = 4096;  // bound on a buffer a step passes
constexpr int kMaxSteps = 128;               // bound on a scenario's length
constexpr Duration kMaxAdvance = 10 * kSecond;  // bound on one advance
// A block read's or add-data's offset may carry OffsetHigh 1..kMaxOffsetHigh
// over an Offset of at most kMaxStepBytes: far past the end of any content
// the World publishes, where only an implementation that drops OffsetHigh
// finds data (CBLOCKREAD-15, CADDDATA-10).
constexpr std::uint32_t kMaxOffsetHigh = 255;
constexpr std::uint64_t kMaxStepOffset = (std::uint64_t{kMaxOffsetHigh} << 32) | kMaxStepBytes;

enum class StepKind : std::uint8_t {
  kStartup,
  kShutdown,
  kGetStatus,
  kRegister,
  kUnregister,
  kGetOverlappedResult,
  kEnvironment,
  kAdvance,
  // The content part (format version 1 keeps reading the verbs above).
  kPublish,         // PeerDistServerPublishStream              -> stream slot tN
  kAddToStream,     // PeerDistServerPublishAddToStream (async)
  kCompleteStream,  // PeerDistServerPublishCompleteStream (async)
  kCloseStream,     // PeerDistServerCloseStreamHandle
  kUnpublish,       // PeerDistServerUnpublish
  kOpenInfo,        // PeerDistServerOpenContentInformation(Ex) -> info slot iN
  kRetrieveInfo,    // PeerDistServerRetrieveContentInformation (async)
  kCloseInfo,       // PeerDistServerCloseContentInformation
  kServerCancel,    // PeerDistServerCancelAsyncOperation
  kOpenContent,     // PeerDistClientOpenContent                -> content slot cN
  kCloseContent,    // PeerDistClientCloseContent
  kAddInfo,         // PeerDistClientAddContentInformation (async)
  kCompleteInfo,    // PeerDistClientCompleteContentInformation (async)
  kAddData,         // PeerDistClientAddData (async)
  kBlockRead,       // PeerDistClientBlockRead (async)
  kStreamRead,      // PeerDistClientStreamRead (async)
  kFlush,           // PeerDistClientFlushContent (async)
  kGetInfo,         // PeerDistClientGetInformationByHandle
  kClientCancel,    // PeerDistClientCancelAsyncOperation
  // The peer network (sim/peer_network.h): environment steps, no session.
  kPeerAdd,         // a peer gains a copy of a range of content id=K
  kPeerRemove,      // every peer drops its copies of content id=K
};

// The read timeout a read step passes.
enum class TimeoutArg : std::uint8_t {
  kDefault,       // PEERDIST_READ_TIMEOUT_DEFAULT
  kLocalOnly,     // PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY
  kMilliseconds,  // Step::timeout_ms
};

// Bound on a read step's own timeout (timeout=N) and on a peer copy's
// latency bound (delay=N), in milliseconds: a little over the documented
// 5 s default, so a peer can be too slow for it.
constexpr std::uint32_t kMaxReadTimeoutMs = 10000;

// Bound on a publish step's options=N (the dwVersion passed): the page knows
// 1 and 2; a little room above them for the versions it does not know.
constexpr std::uint32_t kMaxPublicationOptionsVersion = 255;
// Bound on get-info's class= (a few values past the enumeration's end).
constexpr std::uint32_t kMaxInfoClass = 15;
// Bound on the number of portions add-info's part=K/N cuts the retrieved
// content information into.
constexpr std::uint32_t kMaxInfoPieces = 8;

// Which session handle a call passes.
enum class HandleArg : std::uint8_t {
  kSlot,   // the slot's handle: open, or the closed one it last held, or bogus
  kBogus,  // a value no Startup returned
};

// Which completion port a registration passes.
enum class PortArg : std::uint8_t {
  kNone,   // NULL
  kNew,    // a port created for this call
  kLast,   // the port created most recently (a new one if none yet)
  kBogus,  // a handle value that is not a port
};

struct Step {
  StepKind kind = StepKind::kAdvance;
  int session = 0;                   // slot, 0..kMaxSessions-1
  HandleArg handle = HandleArg::kSlot;
  bool ex = false;                   // GetStatusEx / RegisterEx
  bool null_out = false;             // the status / handle out-pointer is NULL
  // kStartup
  DWORD version = 0x00000002;        // dwVersionRequested (PEERDIST_VERSION)
  // kRegister
  PortArg port = PortArg::kNone;
  std::uint64_t key = 0;
  bool event = true;                 // lpOverlapped->hEvent is a new event
  bool null_overlapped = false;
  // kGetOverlappedResult: the n-th registration attempt of the scenario (rN),
  // or with `of_operation` the n-th asynchronous content operation (oN).
  // kServerCancel / kClientCancel: the n-th content operation's OVERLAPPED.
  int registration = 0;
  bool of_operation = false;
  bool wait = false;
  // --- the content part ---
  int object = 0;              // handle slot of the step's kind (tN, iN or cN)
  std::uint32_t content = 0;   // content number (identifier "pd-content-N")
  std::uint64_t offset = 0;    // open-info range start, read / add-data offset (up to kMaxStepOffset)
  // stream-read: the Offset/OffsetHigh the caller leaves in the OVERLAPPED,
  // which the read must not take as its start (CSTREAMREAD-15).
  std::uint64_t overlapped_offset = 0;
  std::uint64_t length = 0;    // publish: declared length; open-info: range length
  std::uint32_t bytes = 64;    // buffer size: data added, bytes to read or retrieve
  TimeoutArg timeout = TimeoutArg::kDefault;
  std::uint32_t timeout_ms = 0;  // with TimeoutArg::kMilliseconds (1..kMaxReadTimeoutMs)
  std::uint32_t latency_ms = 0;  // peer-add: bound of the latency the World draws (0: at once)
  std::uint8_t tag = 0;        // content tag number (open-content, flush); its 16 bytes: TagOf (content_calls.cc)
  bool null_in = false;        // the required input pointer (identifier, tag, buffer, info) is NULL
  bool empty_id = false;       // publish, unpublish, open-info, server-cancel: an identifier of 0 bytes (cbContentIdentifier 0)
  bool corrupt = false;        // add-info / add-data: one byte flipped
  bool all = false;            // client-cancel: pOverlapped NULL (every operation of the handle)
  int source = 0;              // add-info: the info slot iN whose retrieved bytes it adds
  // publish: pPublishOptions NULL (0) or a PEERDIST_PUBLICATION_OPTIONS whose
  // dwVersion is this (1..kMaxPublicationOptionsVersion), dwFlags 0.
  // open-info ex: 0 passes PEERDIST_RETRIEVAL_OPTIONS asking versions 1..2
  // (the default); N asks versions N..N (dwContentInfoMinVersion and
  // dwContentInfoMaxVersion both N). The Windows 7 open takes no options.
  std::uint32_t options = 0;
  // get-info: the PeerDistClientInfoClass passed (0 PeerDistClientBasicInfo;
  // 1 MaximumPeerDistClientInfoByHandlesClass and up are outside the
  // enumeration), up to kMaxInfoClass.
  std::uint32_t info_class = 0;
  // add-info: with pieces 2..kMaxInfoPieces, only portion `piece` (0-based)
  // of the retrieved bytes cut into `pieces` nearly equal runs ("part=K/N");
  // pieces 0: all of them (CADDINFO-20: information added in portions).
  std::uint32_t piece = 0;
  std::uint32_t pieces = 0;
  // kEnvironment
  EnvAction action = EnvAction::kEnable;
  // kAdvance
  Duration advance = 0;

  bool operator==(const Step& other) const;
};

}  // namespace pd

#endif  // SCENARIO_STEP_H_
