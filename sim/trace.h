// The trace: every observable event of a run, stamped with virtual time.
// Rules judge traces; replays compare their text byte for byte, so Render()
// must depend only on the fields below (never on addresses or wall time).
#ifndef SIM_TRACE_H_
#define SIM_TRACE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/peerdist_types.h"
#include "sim/virtual_time.h"

namespace pd {

enum class TraceKind : std::uint8_t {
  kStep,            // a scenario step begins (detail: its text form)
  kCall,            // the harness calls the implementation
  kReturn,          // ... and the call returns
  kStatusChange,    // the simulated service's status moves
  kEventSignal,     // the implementation signals an event (SetEvent)
  kPacket,          // the implementation posts a completion packet
  kOverlappedDone,  // an OVERLAPPED left the pending state (seen by the harness)
  kFinding,         // the implementation broke the host contract (bad handle, ...)
  kPeerChange,      // the peers gained or dropped copies of content (detail says which)
  // What keeps the service DISABLED changed (detail: ServiceCausesName). Only
  // in runs with an action that names its cause (sim/service_model.h): from
  // the first such action on, every change is traced, so a trace without
  // one means "cause unknown" throughout.
  kServiceCause,
};

const char* TraceKindName(TraceKind kind);

// The API functions the harness can call.
enum class ApiFunction : std::uint8_t {
  kNone,
  kStartup,
  kShutdown,
  kGetStatus,
  kGetStatusEx,
  kRegister,
  kRegisterEx,
  kUnregister,
  kGetOverlappedResult,
  // The content part of peerdist.h: server side ...
  kServerPublishStream,
  kServerPublishAddToStream,
  kServerPublishCompleteStream,
  kServerCloseStreamHandle,
  kServerUnpublish,
  kServerOpenContentInformation,
  kServerOpenContentInformationEx,
  kServerRetrieveContentInformation,
  kServerCloseContentInformation,
  kServerCancelAsyncOperation,
  // ... and client side.
  kClientOpenContent,
  kClientCloseContent,
  kClientAddContentInformation,
  kClientCompleteContentInformation,
  kClientAddData,
  kClientBlockRead,
  kClientStreamRead,
  kClientFlushContent,
  kClientGetInformationByHandle,
  kClientCancelAsyncOperation,
};

const char* ApiFunctionName(ApiFunction function);

// The kinds of handle the content functions take (besides the session).
enum class HandleKind : std::uint8_t {
  kNone,
  kStream,       // PEERDIST_STREAM_HANDLE
  kContentInfo,  // PEERDIST_CONTENTINFO_HANDLE
  kContent,      // PEERDIST_CONTENT_HANDLE
};

const char* HandleKindName(HandleKind kind);  // "stream", "contentinfo", "content"

// The state of the handle a call passes, as the harness knows it.
enum class HandleState : std::int8_t {
  kUnknown = -1,
  kNeverIssued = 0,  // a value no open call returned
  kOpen = 1,         // returned by a successful open, not closed since
  kClosed = 2,       // closed successfully before this call
};

constexpr int kBogusObject = -2;  // TraceEvent::object of a handle never issued

constexpr std::int64_t kNoValue = -1;

// Where a call that names a content identifier passed one of 0 bytes
// (cbContentIdentifier 0 with a buffer), its detail carries this.
inline constexpr char kEmptyIdentifierDetail[] = " identifier=empty";
// How a kFinding the World records about a host service the implementation
// misused begins (SetEvent on a non-event, a packet posted to a non-port, a
// port flooded past its bound); the rule host-objects judges them.
inline constexpr char kHostMisuseFinding[] = "host misuse: ";
// How a kFinding the harness records about a read begins when the bytes a
// successful PeerDistClientBlockRead / StreamRead delivered are not the
// content's (scenario/content_calls.cc); the rule read-data judges them.
inline constexpr char kReadDataFinding[] = "read-data: ";
// How a kFinding the harness records about PeerDistClientGetInformationByHandle
// begins: bytes written past dwBufferSize, or a success that did not write
// PEERDIST_CLIENT_BASIC_INFO (scenario/content_calls.cc); the rule
// client-info judges them.
inline constexpr char kClientInfoFinding[] = "client-info: ";
// How a kFinding the harness records about PeerDistClientAddData begins:
// PEERDIST_ERROR_OUT_OF_BOUNDS before the end of the information's range, or
// data added whole that a local-cache-only read then missed
// (scenario/content_calls.cc); the rule add-data judges them.
inline constexpr char kAddDataFinding[] = "add-data: ";
// How a kFinding begins when, on a handle whose information came from a
// range request, an add of the content's bytes outside the range but inside
// the content failed, or one past the range's end but before the content's
// completed with PEERDIST_ERROR_OUT_OF_BOUNDS (scenario/content_calls.cc);
// the rule add-data-outside-range judges them.
inline constexpr char kAddDataOutsideRangeFinding[] = "add-data-outside-range: ";
// How a kFinding begins when a successful PeerDistServerRetrieveContentInformation
// left in its OVERLAPPED's Offset/OffsetHigh another offset than that of the
// bytes it delivered (scenario/content_calls.cc); the rule retrieve-offset
// judges them.
inline constexpr char kRetrieveOffsetFinding[] = "retrieve-offset: ";
// How the findings about the content information a content-information
// handle delivered begin (scenario/retrieved_info.h): information that does
// not describe the range the open asked for, of the bytes published
// (info-range); the end reported before the information's end, or bytes
// delivered past it (retrieve-end).
inline constexpr char kInfoRangeFinding[] = "info-range: ";
inline constexpr char kRetrieveEndFinding[] = "retrieve-end: ";
// How a kFinding begins when the content information a handle delivered is
// of a version its open did not ask for (PEERDIST_RETRIEVAL_OPTIONS), or
// outside the versions the implementation last reported supporting
// (PEERDIST_STATUS_INFO): the rule info-version judges them.
inline constexpr char kInfoVersionFinding[] = "info-version: ";
// How a kFinding begins when the caller's last error (HostServices::
// GetLastError) right after a cancel that returned ERROR_SUCCESS is not
// ERROR_OPERATION_ABORTED (scenario/content_calls.cc); the rule
// cancel-last-error judges them.
inline constexpr char kCancelLastErrorFinding[] = "cancel-last-error: ";
// How a kFinding the World records begins when the implementation wrote
// outside a buffer the caller handed in (its guard bytes changed,
// sim/caller_memory.h); the rule buffer-bounds judges them.
inline constexpr char kBufferBoundsFinding[] = "buffer-bounds: ";
// How the findings about a completed read's outcome begin, one prefix per
// rule (scenario/read_outcome.h judges them; the rules of the same names
// report them): its timing against its timeout and its peers, what it may
// take from the local cache with PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY,
// the missing-data error, the end of the content, the OVERLAPPED offset.
inline constexpr char kReadTimeoutFinding[] = "read-timeout: ";
inline constexpr char kReadLocalOnlyFinding[] = "read-local-only: ";
inline constexpr char kReadMissingFinding[] = "read-missing-data: ";
inline constexpr char kReadEndFinding[] = "read-end: ";
// A read on a content handle whose information came from a range request
// that left the range's bounds (scenario/read_range.h); the rule
// read-range-bounds judges them.
inline constexpr char kReadRangeFinding[] = "read-range-bounds: ";
// An add or complete of the content information a range request delivered
// whole that failed (scenario/content_calls.cc); the rule range-info-accepted
// judges them.
inline constexpr char kRangeInfoFinding[] = "range-info-accepted: ";
// How a kFinding begins when the content information retrieved whole for the
// whole of a publication describes other bytes than its successful adds
// published (scenario/content_calls.cc); the rule published-content judges them.
inline constexpr char kPublishedContentFinding[] = "published-content: ";
inline constexpr char kReadOffsetFinding[] = "read-offset: ";
// A completed read whose byte count says other than what its buffer shows:
// content past the count (understated), or bytes within it the read never
// wrote, or more bytes than the content range holds from its start
// (scenario/read_outcome.cc); the rule read-bytes-transferred.
inline constexpr char kReadCountFinding[] = "read-bytes-transferred: ";
// A read completed with PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT whose
// missing range does not begin at the first byte it asked for, begins in a
// block the local cache held at the call, or (information of a range
// request) does not run to the end of the range (scenario/read_outcome.cc);
// the rule read-missing-range.
inline constexpr char kReadMissingRangeFinding[] = "read-missing-range: ";
// A read that completed later than its first block was available (in the
// local cache at the call, or delivered by a peer within its timeout): the
// rule read-prompt.
inline constexpr char kReadPromptFinding[] = "read-prompt: ";
// How a kFinding begins when a local-cache-only read delivered data that a
// completed PeerDistClientFlushContent of its handle's tag removed, nothing
// having added or fetched it since (scenario/content_calls.cc); the rule
// flush-forgets judges them.
inline constexpr char kFlushFinding[] = "flush-forgets: ";
// How a kFinding begins when a stream read, the first after one that
// reported a missing range, started where that one had started, not past the
// missing range (scenario/content_calls.cc); the rule stream-advance.
inline constexpr char kStreamAdvanceFinding[] = "stream-advance: ";
// How a kFinding begins when PeerDistClientAddContentInformation refused the
// next portion of well-formed content information, or
// PeerDistClientCompleteContentInformation failed although the portions
// added, in the order of their calls, are whole content information
// (scenario/content_calls.cc); the rule info-portions judges them.
inline constexpr char kInfoPortionsFinding[] = "info-portions: ";
// How a kFinding begins when a read with a buffer, on information complete
// before the call, did not deliver at least one byte although the data at its
// start was available (added whole to the local cache before the call, or
// held by a peer that delivers within its timeout): scenario/read_delivery.h;
// the rule read-delivers judges them.
inline constexpr char kReadDeliversFinding[] = "read-delivers: ";
// How a kFinding begins when a successful PeerDistClientOpenContent left
// *phContentHandle NULL or wrote the handle of another content handle its
// session holds open (scenario/content_calls.cc); the rule
// client-handles-accepted judges them.
inline constexpr char kOpenContentHandleFinding[] = "client-handles-accepted: ";

struct TraceEvent {
  TraceKind kind = TraceKind::kStep;
  VirtualTime time = 0;
  int step = -1;  // index of the scenario step running when it happened
  ApiFunction function = ApiFunction::kNone;
  int session = -1;     // session slot of the call
  int overlapped = -1;  // overlapped slot id; -2: a pointer the harness never gave out
  int event = -1;       // event handle id
  int port = -1;        // completion port handle id
  // Shape of a call's arguments, as the harness chose them.
  int handle_open = -1;  // 1: a session handle that is open; 0: closed or never issued
  int null_arg = -1;     // 1: a required pointer was NULL
  // The content, content-information or stream handle a call passes (or an
  // open call returns): its kind, its trace id (kBogusObject: never issued)
  // and its state when called.
  HandleKind object_kind = HandleKind::kNone;
  int object = -1;
  HandleState object_state = HandleState::kUnknown;
  std::int64_t bool_result = kNoValue;  // BOOL return value (GetOverlappedResult)
  std::int64_t code = kNoValue;        // return code, completion error, last error
  std::int64_t status = kNoValue;      // status value (new status, status out)
  std::int64_t old_status = kNoValue;  // kStatusChange: the status before
  std::int64_t key = kNoValue;         // completion key
  std::int64_t bytes = kNoValue;       // bytes transferred
  // Ex status info out-buffer as seen at this event (kNoValue when n/a).
  std::int64_t info_size = kNoValue, info_min = kNoValue, info_max = kNoValue;
  std::string detail;  // free text: arguments of a call, step text, finding

  std::string Render() const;
};

class Trace {
 public:
  // Bound on recorded events: a run that produces more is cut off with a
  // finding rather than filling memory.
  static constexpr std::size_t kMaxEvents = 1 << 16;

  void Add(TraceEvent event);
  const std::vector<TraceEvent>& events() const { return events_; }
  bool truncated() const { return truncated_; }
  // One line per event; the byte-for-byte replay comparison uses this.
  std::string Render() const;

 private:
  std::vector<TraceEvent> events_;
  bool truncated_ = false;
};

}  // namespace pd

#endif  // SIM_TRACE_H_
