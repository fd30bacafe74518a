// The content part of a scenario run: the harness's handle slots (streams
// tN, content information iN, content cN), the buffers and OVERLAPPEDs of
// asynchronous operations oN, and the calls of every content step. The
// runner hands each content step here with the session handle it chose.
#ifndef SCENARIO_CONTENT_CALLS_H_
#define SCENARIO_CONTENT_CALLS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/peerdist_adapter.h"
#include "scenario/read_outcome.h"
#include "scenario/retrieved_info.h"
#include "scenario/step.h"
#include "sim/content_info.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace pd {

class ContentCalls {
 public:
  // `begin_call` stamps a call event of a function with the session handle
  // the step passes filled in (session, handle_open) and returns that handle.
  using BeginCall = std::function<TraceEvent(ApiFunction, const Step&, PEERDIST_INSTANCE_HANDLE*)>;
  // `port_for` resolves a step's port argument (sharing the runner's ports).
  using PortFor = std::function<HANDLE(PortArg, TraceEvent&)>;

  ContentCalls(World& world, PeerDistAdapter& impl, BeginCall begin_call, PortFor port_for);

  void Execute(const Step& step);
  // After every step: collects the bytes retrieve-info operations delivered
  // and checks the bytes reads delivered.
  void Scan();
  // The OVERLAPPED slot id of operation oN; -1 when it had none or never ran.
  int OperationSlot(int index) const;

 private:
  // What the harness knows of one handle slot.
  struct ObjectSlot {
    HANDLE handle = nullptr;
    int id = -1;       // trace id of the handle it holds or last held
    int session = -1;  // the session id that opened it
    bool open = false;
    // Stream slots: the content number and how many bytes were added.
    std::uint32_t content = 0;
    std::uint64_t written = 0;
    // Stream slots: the OVERLAPPED slots of the adds and completes its open
    // handle accepted, and whether one was accepted another way (a NULL
    // OVERLAPPED, another handle): then what it published is unknown.
    std::vector<int> stream_operations;
    std::vector<int> completes;
    bool stream_untracked = false;
    // Info slots opened on the whole of a publication whose every add and a
    // complete had succeeded: the content number and the bytes its adds
    // published, which the retrieved information must describe (judged once).
    bool expects_published = false;
    std::uint32_t published_content = 0;
    std::uint64_t published_length = 0;
    bool published_judged = false;
    bool retrieved_in_order = true;
    // Info slots: the content information retrieved so far, and whether
    // all of it is there (a retrieve too large to keep breaks the count).
    std::vector<BYTE> retrieved;
    bool retrieved_whole = true;
    // Info slots: what the open asked for; whether the retrieved bytes are
    // in the handle's order (a retrieve started while another was pending
    // may have taken its bytes first), and whether they were judged whole.
    std::optional<InfoRequest> request;
    bool in_order = true;
    bool range_judged = false;
    // Info slots: opened for a range request (ullContentOffset or
    // cbContentLength not 0).
    bool range_request = false;
  };
  // What the harness knows of the bytes published under one content number:
  // the stream handle (trace id) of the publication, the bytes its adds
  // completed with success, the adds still pending, and whether something
  // (a failed or overlapping add, no stream handle) made it unknown.
  struct PublishedData {
    int stream_object = -1;
    std::uint64_t length = 0;
    int pending = 0;
    bool unknown = false;
  };
  struct Operation {
    int slot = -1;         // OVERLAPPED slot id, -1 for a NULL lpOverlapped
    int info_slot = -1;    // retrieve-info: the iN slot its bytes go to
    bool collected = false;
    // Retrieve-info: the trace id of the handle it was called on, and whether
    // no other retrieve on it was pending then (its offset is then known).
    int info_object = -1;
    bool sole = false;
    // Add-to-stream: the stream handle (trace id) and content number of the
    // publication it adds to, and its size; -1: not followed.
    int stream_object = -1;
    std::uint32_t stream_content = 0;
    std::uint32_t stream_bytes = 0;
    // Client content operations: the function, the content slot cN and the
    // trace id of the handle passed (-1: never issued), what the read asked
    // for, and for add-info the bytes added and the content number their
    // info slot was opened for (-1: unknown).
    ApiFunction function = ApiFunction::kNone;
    int content_slot = -1;
    int content_object = -1;
    std::uint64_t offset = 0;
    std::vector<BYTE> added;
    int added_content = -1;
    bool added_range_request = false;  // add-info: from an info slot opened for a range request
    // add-info: the length of the content its info slot was opened on (the
    // publication's bytes at the open), when the harness knew it.
    std::optional<std::uint64_t> added_content_length;
    bool judged = false;
    // What the local-cache check (CheckLocalCache) needs: the step that
    // called it; add-data: the content number, size and whether a byte was
    // flipped; block-read: whether it reads the local cache only.
    int call_step = -1;
    int data_content = -1;
    std::uint32_t data_bytes = 0;
    bool corrupt = false;
    bool local_only = false;
    // Reads: what the harness knew when it called (read_outcome.h).
    DWORD requested = 0;
    DWORD timeout = PEERDIST_READ_TIMEOUT_DEFAULT;
    VirtualTime called = 0;
    bool earlier_pending = false;
    bool first_stream_read = false;  // no stream read was called on the handle before
    std::optional<std::uint64_t> start_at_call;
    std::size_t prefilled = 0;  // bytes of the buffer the harness filled with PrefillOf the content from start_at_call
    std::optional<Duration> peer_latency;  // of the soonest copy holding the start's block at the call
    bool peers_known = false;              // the two fields above were taken
    std::uint64_t peer_generation = 0;
    bool late_reported = false;
    bool failed = false;  // judged, and completed with an error: it fetched nothing
    // Reads: called with an open session handle and an open content handle
    // of that session (read-delivers judges only those).
    bool on_open_handles = false;
    // Add-info and complete-info (info-portions): no add-info or
    // complete-info of the handle was pending at the call; add-info: its
    // bytes continue what the handle holds into a prefix of content
    // information retrieved whole, which decodes.
    bool handle_idle = false;
    bool next_portion = false;
  };
  // Bytes of a content (content -1: of any content; whole: all of them)
  // that may be in the local cache from `at` on: data added for them, or a
  // read that may have fetched them.
  struct LocalHint {
    int operation = -1;  // the read oN that may fetch them (not a hint for itself)
    int content = -1;
    bool whole = false;
    std::uint64_t from = 0, to = 0;
    VirtualTime at = 0;
    int object = -1;  // the content handle (trace id) that added or fetched them; -1: unknown
  };
  // A PeerDistClientFlushContent the harness called: its session id, tag,
  // OVERLAPPED slot and when it was called.
  struct FlushCall {
    int session = -1;
    int tag = 0;  // TagKey
    int slot = -1;
    VirtualTime called = 0;
    std::size_t operation = 0;  // its oN
    int done_step = -1;         // the step after which it was seen done; -1: not yet
  };
  // A content published on this machine from `from` until `until`.
  struct PublishedSpan {
    std::uint32_t content = 0;
    VirtualTime from = 0, until = ~VirtualTime{0};
  };
  // What the harness knows of the data behind one content handle (by trace
  // id): the content its information describes, so the bytes a successful
  // read delivers can be checked.
  struct ReadTrack {
    int content = -1;           // content number of the added information
    bool unknown = false;       // unclear: reads on this handle are not checked
    std::vector<BYTE> added;    // the information added successfully so far
    std::optional<ContentInfo> info;  // set by a successful complete-info
    std::uint64_t stream_position = 0;  // StreamRead's next offset (absolute)
    // A stream read completed reporting a missing range: the position it
    // read at, until the next stream read shows whether the handle's stream
    // moved past the range.
    std::optional<std::uint64_t> before_missing;
    // Where the stream position stands is no longer known (a stream read
    // missed data, or counted what is there): block reads are still judged.
    bool stream_lost = false;
    int info_step = -1;  // the step during which the complete was seen
    // Blocks of the information's range that a successful add-data of the
    // content's own bytes covered whole, with the step it was seen done.
    std::map<std::size_t, int> cached;
    std::map<std::size_t, int> cached_call;  // the step that called the add that cached it
    // Some of the information came from a range request: outside its range
    // but inside the content, AddData takes the content's bytes
    // (AMBIGUITIES.md, "PeerDistClientAddData outside ranged content
    // information"); the content's length as every add-info's info slot knew
    // it (nullopt: unknown, or the slots disagree).
    bool range_request = false;
    std::optional<std::uint64_t> content_length;
    // info-portions: the trace position of the open, how many portions were
    // added with success, whether every add-info was called with the
    // handle idle and none was aborted (their order is then the calls'),
    // and whether a complete-info was called.
    std::size_t opened_at = 0;
    int portions = 0;
    bool portions_followed = true;
    bool complete_called = false;
  };

  std::array<ObjectSlot, kMaxObjects>& SlotsOf(HandleKind kind);
  // The handle a step passes for its slot, with its kind, id and state traced.
  HANDLE ObjectFor(HandleKind kind, const Step& step, TraceEvent& call);
  // Records an open call's new handle in its slot.
  void Opened(HandleKind kind, const Step& step, HANDLE handle, int session, TraceEvent& ret);
  void Closed(HandleKind kind, const Step& step, const TraceEvent& call, DWORD code);
  // A new OVERLAPPED (and event) for an asynchronous step, or nullptr.
  OverlappedSlot* NewOperation(const Step& step, TraceEvent& call, std::size_t buffer_size, int info_slot = -1);
  void Finish(const TraceEvent& call, DWORD code, TraceEvent ret = TraceEvent());
  std::vector<BYTE> Identifier(const Step& step) const;
  // Caller memory (sim/caller_memory.h) for one argument: a copy of `bytes`,
  // or a call-scoped `T` holding `init`.
  BYTE* Input(const std::vector<BYTE>& bytes, ApiFunction function, const char* parameter, CallerMemory::Scope scope);
  template <typename T>
  T* Arg(const T& init, ApiFunction function, const char* parameter, const char* type) {
    return world_.caller_memory().New(init, {ApiFunctionName(function), parameter, type}, CallerMemory::Scope::kCall);
  }
  // Scan's two halves: retrieve-info bytes, then client content operations.
  void CollectRetrieved(Operation& operation, std::size_t index);
  void CheckRetrieveOffset(const Operation& operation, std::size_t index, std::uint64_t expected);
  // An add-to-stream's completion, counted into its publication.
  void CollectAdded(Operation& operation);
  // The end of a handle's content information (retrieve-end): a finding when
  // PEERDIST_ERROR_NO_MORE came before it, or `delivered` bytes after it.
  // `what` names the retrieve.
  void CheckEnd(const ObjectSlot& info, const std::string& what, DWORD code, std::size_t delivered);
  // Once the retrieved bytes decode whole: a finding (info-range) when they
  // do not describe what the open asked for.
  void CheckInfoRange(ObjectSlot& info, const std::string& what);
  void CheckCancelLastError(const TraceEvent& call, DWORD code);
  // published-content: at an open of the whole content information, what
  // the publication's adds published (when every one and a complete
  // succeeded); once the handle's information is retrieved whole, a
  // finding (kPublishedContentFinding) when it describes other bytes.
  void NotePublishedData(const Step& step, ObjectSlot& info);
  void CheckPublishedContent(ObjectSlot& info, int info_slot);
  void JudgeContentOperation(Operation& operation, std::size_t index);
  // Reads: what the harness knows at the call, and the judgement of their
  // completion (or of their lateness while still pending).
  void NoteReadCall(Operation& operation, const Step& step, DWORD timeout);
  ReadFacts FactsOf(const Operation& operation, std::size_t index) const;
  void JudgeReadCompletion(const Operation& operation, std::size_t index);
  void CheckNewContentHandle(const Step& step, HANDLE handle, int session);
  // read-delivers (scenario/read_delivery.h), for a read that ended with
  // `read.code`: only on handles open at the call and still open, the status
  // AVAILABLE all along since the content handle was opened.
  void JudgeDelivery(const Operation& operation, const ReadFacts& read);
  // A stream read after one that reported a missing range: a finding
  // (kStreamAdvanceFinding) when it started where that one had; true when
  // it did (its handle's position is then unknown).
  bool JudgeStreamAdvance(const Operation& operation, const ReadFacts& read);
  void JudgeReadLateness(Operation& operation, std::size_t index);
  // A local-cache-only read that delivered data a completed flush of its
  // handle's tag removed, with nothing putting it back since: a finding
  // (kFlushFinding).
  void JudgeFlushed(const Operation& operation, const ReadFacts& read);
  void PrefillReadBuffer(Operation& operation, std::uint32_t content, std::uint64_t start, std::uint64_t range_end);
  bool PossiblyLocal(std::uint32_t content, std::uint64_t from, std::uint64_t to, VirtualTime by,
                     std::size_t index) const;
  bool Published(std::uint32_t content, VirtualTime from, VirtualTime until) const;
  // range-info-accepted: an add-info of information a range request
  // delivered whole, or the complete of it, that failed (not cancelled or
  // invalidated): a finding (kRangeInfoFinding).
  void CheckRangedInformation(const Operation& operation, std::size_t index, ULONG_PTR internal);
  // A successful complete-info: the information the client now holds.
  void InformationComplete(ReadTrack& track);
  // The information the handle's added bytes decode to, when it describes
  // exactly the bytes of its content number; nullopt otherwise.
  std::optional<ContentInfo> DescribedInformation(const ReadTrack& track) const;
  // info-portions: at an add-info or complete-info call, whether the handle
  // is idle and the bytes are the information's next portion; at its
  // failure, a finding (kInfoPortionsFinding) when it should have taken.
  void NotePortionCall(Operation& operation, const std::vector<BYTE>& input, int source);
  void CheckPortionFailure(const Operation& operation, std::size_t index, ULONG_PTR internal);
  // Whether the status left AVAILABLE at or after trace position `from`.
  bool StatusLeftAvailableSince(std::size_t from) const;
  // AddData against the completed information: a finding (kAddDataFinding)
  // for PEERDIST_ERROR_OUT_OF_BOUNDS within the content or success past its
  // end, and for a local-cache-only block read missing a block added whole.
  void CheckLocalCache(const Operation& operation, std::size_t index, ULONG_PTR internal);
  // add-data-outside-range: an add on a handle whose completed information
  // came from a range request, against the content's length: a finding
  // (kAddDataOutsideRangeFinding) for PEERDIST_ERROR_OUT_OF_BOUNDS between
  // the range's end and the content's, and for any failure (not a cancel, a
  // close or an invalidation) of the content's own bytes that lie inside the
  // content and not all inside the range.
  void CheckOutsideRange(const Operation& operation, const std::string& name, const std::string& range,
                         ULONG_PTR internal);
  // Whether a flush called so far may have dropped data of `content`: one of
  // a tag some content handle carries whose content is that one, or unknown
  // (the cache is the machine's: the tag, not the session, selects).
  // With `added_at` (a step), flushes seen done before that step are left
  // out: they ran before data added at that step.
  bool FlushMayDrop(int content, int added_at = -1) const;
  // A successful read of `n` bytes at content offset `offset`.
  void CheckRead(const Operation& operation, std::size_t index, const ReadTrack& track, std::uint64_t offset,
                 std::size_t n);

  void Publish(const Step& step);
  void AddToStream(const Step& step);
  // Follows an accepted add-to-stream into its publication's bytes.
  void FollowAdd(const Step& step, const TraceEvent& call);
  void CompleteStream(const Step& step);
  void CloseObject(const Step& step, HandleKind kind, ApiFunction function);
  void Unpublish(const Step& step);
  void OpenInfo(const Step& step);
  void RetrieveInfo(const Step& step);
  void ServerCancel(const Step& step);
  LPOVERLAPPED OverlappedToCancel(const Step& step, TraceEvent& call);
  void OpenContent(const Step& step);
  void ContentOperation(const Step& step, ApiFunction function);
  void Flush(const Step& step);
  void GetInfo(const Step& step);
  // Records a finding (kClientInfoFinding) when the call succeeded without
  // writing the information.
  void CheckInformation(const Step& step, DWORD code, const BYTE* buffer, BYTE unwritten);
  void ClientCancel(const Step& step);

  World& world_;
  PeerDistAdapter& impl_;
  BeginCall begin_call_;
  PortFor port_for_;
  std::array<ObjectSlot, kMaxObjects> streams_{}, infos_{}, contents_{};
  int next_object_id_ = 0;
  std::vector<Operation> operations_;  // index = oN
  std::map<int, ReadTrack> read_tracks_;  // by content handle trace id
  std::vector<LocalHint> local_hints_;
  std::map<int, std::pair<int, int>> content_tags_;  // content handle trace id -> (session id, TagKey)
  std::vector<FlushCall> flushes_;
  std::vector<PublishedSpan> published_;
  std::map<std::uint32_t, PublishedData> publications_;  // by content number
  // The stream slot (index, trace id) of each content number's publication,
  // while the harness believes it published.
  std::map<std::uint32_t, std::pair<int, int>> publishers_;
};

}  // namespace pd

#endif  // SCENARIO_CONTENT_CALLS_H_
