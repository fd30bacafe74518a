#include "scenario/content_calls.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "scenario/read_delivery.h"
#include "scenario/read_range.h"
#include "scenario/step_fields.h"
#include "scenario/scenario_text.h"
#include "sim/content_info.h"
#include "sim/overlapped_slot.h"

namespace pd {
namespace {

std::string Slot(char prefix, int index) { return std::string(1, prefix) + std::to_string(index); }

// Tags 0..15 differ in Data[0] alone (as they always did, so older
// scenarios pass the same bytes). A tag from 16 on is tag N % 16 with the
// top bit of Data[N / 16] flipped: it differs from that tag in one byte of
// the other fifteen, so an implementation that tells tags apart by fewer
// than all 16 bytes is caught confusing two of them (flush-forgets).
PEERDIST_CONTENT_TAG TagOf(std::uint8_t number) {
  PEERDIST_CONTENT_TAG tag{};
  tag.Data[0] = static_cast<BYTE>(number % 16);
  tag.Data[15] = 0x5A;  // a fixed marker: tags are never all zero
  if (number >= 16) tag.Data[number / 16] ^= 0x80;
  return tag;
}

// The 16 bytes a step passes: TagOf its number, or its unusual shape's.
PEERDIST_CONTENT_TAG TagFor(const Step& step) {
  PEERDIST_CONTENT_TAG tag{};
  switch (step.tag_shape) {
    case TagShape::kNumbered: return TagOf(step.tag);
    case TagShape::kZeros: break;
    case TagShape::kOnes: std::fill(std::begin(tag.Data), std::end(tag.Data), static_cast<BYTE>(0xFF)); break;
    case TagShape::kLast1: tag.Data[15] = 0x01; break;
  }
  return tag;
}

// Portion `piece` of `bytes` cut into `pieces` runs as equal as can be (the
// later ones a byte longer); never empty, so a step always passes data
// (`bytes` is never empty: piece < pieces puts `from` inside it).
std::vector<BYTE> PieceOf(const std::vector<BYTE>& bytes, std::uint32_t piece, std::uint32_t pieces) {
  const std::size_t from = bytes.size() * piece / pieces;
  const std::size_t to = std::max(from + 1, bytes.size() * (piece + 1) / pieces);
  return std::vector<BYTE>(bytes.begin() + static_cast<std::ptrdiff_t>(from),
                           bytes.begin() + static_cast<std::ptrdiff_t>(to));
}

}  // namespace

ContentCalls::ContentCalls(World& world, PeerDistAdapter& impl, BeginCall begin_call, PortFor port_for)
    : world_(world), impl_(impl), begin_call_(std::move(begin_call)), port_for_(std::move(port_for)) {}

std::array<ContentCalls::ObjectSlot, kMaxObjects>& ContentCalls::SlotsOf(HandleKind kind) {
  switch (kind) {
    case HandleKind::kStream: return streams_;
    case HandleKind::kContentInfo: return infos_;
    case HandleKind::kContent:
    case HandleKind::kNone: break;
  }
  return contents_;
}

HANDLE ContentCalls::ObjectFor(HandleKind kind, const Step& step, TraceEvent& call) {
  const ObjectSlot& slot = SlotsOf(kind)[step.object];
  call.object_kind = kind;
  if (slot.id < 0) {
    // A value no open call returned (distinct per kind and slot).
    call.object = kBogusObject;
    call.object_state = HandleState::kNeverIssued;
    return World::BogusHandle(200 + 10 * static_cast<int>(kind) + step.object);
  }
  call.object = slot.id;
  call.object_state = slot.open ? HandleState::kOpen : HandleState::kClosed;
  return slot.handle;
}

void ContentCalls::Opened(HandleKind kind, const Step& step, HANDLE handle, int session, TraceEvent& ret) {
  ObjectSlot& slot = SlotsOf(kind)[step.object];
  slot = ObjectSlot();
  slot.handle = handle;
  slot.id = next_object_id_++;
  slot.session = session;
  slot.open = true;
  slot.content = step.content;
  ret.object_kind = kind;
  ret.object = slot.id;
  ret.object_state = HandleState::kOpen;
}

void ContentCalls::Closed(HandleKind kind, const Step& step, const TraceEvent& call, DWORD code) {
  if (code == ERROR_SUCCESS && call.object_state == HandleState::kOpen) SlotsOf(kind)[step.object].open = false;
}

OverlappedSlot* ContentCalls::NewOperation(const Step& step, TraceEvent& call, std::size_t buffer_size,
                                           int info_slot) {
  Operation operation;
  operation.info_slot = info_slot;
  call.detail = "o" + std::to_string(operations_.size()) + (call.detail.empty() ? "" : " " + call.detail);
  OverlappedSlot* slot = nullptr;
  if (!step.null_overlapped) {
    const int event_id = step.event ? world_.CreateEvent(/*manual_reset=*/true, false) : -1;
    slot = &world_.NewOverlappedSlot(event_id, call.function, World::SlotStatus::kNone);
    slot->carries_status = false;
    if (buffer_size > 0) world_.NewSlotBuffer(*slot, buffer_size, call.function, "pBuffer");
    operation.slot = slot->id;
    call.overlapped = slot->id;
    call.event = event_id;
  }
  operations_.push_back(operation);
  return slot;
}

int ContentCalls::OperationSlot(int index) const {
  if (index < 0 || index >= static_cast<int>(operations_.size())) return -1;
  return operations_[index].slot;
}

void ContentCalls::Finish(const TraceEvent& call, DWORD code, TraceEvent ret) {
  // An OVERLAPPED the call completed itself (a cancel, say) shows as done
  // before the return: completions inside a call are seen inside it.
  world_.NoteOverlappedTransitions();
  ret.kind = TraceKind::kReturn;
  ret.time = world_.Now();
  ret.step = world_.current_step();
  ret.function = call.function;
  ret.session = call.session;
  ret.overlapped = call.overlapped;
  if (ret.object_kind == HandleKind::kNone) {
    ret.object_kind = call.object_kind;
    ret.object = call.object;
  }
  ret.code = code;
  world_.trace().Add(std::move(ret));
}

BYTE* ContentCalls::Input(const std::vector<BYTE>& bytes, ApiFunction function, const char* parameter,
                          CallerMemory::Scope scope) {
  return static_cast<BYTE*>(world_.caller_memory().Allocate(bytes.size(), bytes.data(),
                                                            {ApiFunctionName(function), parameter, "BYTE[]"}, scope));
}

std::vector<BYTE> ContentCalls::Identifier(const Step& step) const {
  if (step.empty_id && !step.null_in) return {};
  const std::string id = ContentIdentifier(step.content);
  return std::vector<BYTE>(id.begin(), id.end());
}

void ContentCalls::Execute(const Step& step) {
  switch (step.kind) {
    case StepKind::kPublish: return Publish(step);
    case StepKind::kAddToStream: return AddToStream(step);
    case StepKind::kCompleteStream: return CompleteStream(step);
    case StepKind::kCloseStream: return CloseObject(step, HandleKind::kStream, ApiFunction::kServerCloseStreamHandle);
    case StepKind::kUnpublish: return Unpublish(step);
    case StepKind::kOpenInfo: return OpenInfo(step);
    case StepKind::kRetrieveInfo: return RetrieveInfo(step);
    case StepKind::kCloseInfo:
      return CloseObject(step, HandleKind::kContentInfo, ApiFunction::kServerCloseContentInformation);
    case StepKind::kServerCancel: return ServerCancel(step);
    case StepKind::kOpenContent: return OpenContent(step);
    case StepKind::kCloseContent: return CloseObject(step, HandleKind::kContent, ApiFunction::kClientCloseContent);
    case StepKind::kAddInfo: return ContentOperation(step, ApiFunction::kClientAddContentInformation);
    case StepKind::kCompleteInfo: return ContentOperation(step, ApiFunction::kClientCompleteContentInformation);
    case StepKind::kAddData: return ContentOperation(step, ApiFunction::kClientAddData);
    case StepKind::kBlockRead: return ContentOperation(step, ApiFunction::kClientBlockRead);
    case StepKind::kStreamRead: return ContentOperation(step, ApiFunction::kClientStreamRead);
    case StepKind::kFlush: return Flush(step);
    case StepKind::kGetInfo: return GetInfo(step);
    case StepKind::kClientCancel: return ClientCancel(step);
    default: return;
  }
}

void ContentCalls::Scan() {
  for (FlushCall& flush : flushes_) {
    const OverlappedSlot* slot = world_.SlotById(flush.slot);
    if (flush.done_step >= 0 || slot == nullptr) continue;
    const ULONG_PTR internal = slot->overlapped.Internal;
    if (internal != kStatusPending && internal != kUnwrittenDword) flush.done_step = world_.current_step();
  }
  // In oN order: completions seen in one scan are taken in the order the
  // operations were started (an add-info before the read that needs it).
  for (std::size_t index = 0; index < operations_.size(); ++index) {
    Operation& operation = operations_[index];
    if (operation.slot < 0) continue;
    if (operation.info_slot >= 0) {
      CollectRetrieved(operation, index);
    } else if (operation.stream_object >= 0) {
      CollectAdded(operation);
    } else if (operation.function != ApiFunction::kNone) {
      JudgeContentOperation(operation, index);
      JudgeReadLateness(operation, index);
    }
  }
}

void ContentCalls::CollectRetrieved(Operation& operation, std::size_t index) {
  if (operation.collected) return;
  OverlappedSlot* slot = world_.SlotById(operation.slot);
  const ULONG_PTR internal = slot->overlapped.Internal;
  if (internal == kStatusPending || internal == kUnwrittenDword) return;
  operation.collected = true;
  ObjectSlot& info = infos_[operation.info_slot];
  // The slot was opened again while this retrieve was pending: its bytes are
  // the earlier handle's information, not the one the slot holds now (they
  // used to be counted in, and the new handle's first offset judged wrong).
  if (info.id != operation.info_object) return;
  const std::string what = "o" + std::to_string(index) + " PeerDistServerRetrieveContentInformation on " +
                           Slot('i', operation.info_slot);
  const std::size_t n = std::min<std::size_t>(slot->overlapped.InternalHigh, slot->buffer.size());
  if (operation.sole) CheckEnd(info, what, static_cast<DWORD>(internal), n);
  if (internal != ERROR_SUCCESS) return;
  std::vector<BYTE>& retrieved = info.retrieved;
  if (operation.sole && info.retrieved_whole) {
    CheckRetrieveOffset(operation, index, retrieved.size());
  }
  if (!operation.sole && n > 0) info.in_order = false;
  info.retrieved_in_order = info.retrieved_in_order && operation.sole;
  if (retrieved.size() + n <= kMaxContentInfoSize) {
    retrieved.insert(retrieved.end(), slot->buffer.begin(), slot->buffer.begin() + static_cast<std::ptrdiff_t>(n));
    CheckInfoRange(info, what);
  } else {
    info.retrieved_whole = false;
  }
  CheckPublishedContent(info, operation.info_slot);
}

void ContentCalls::NotePublishedData(const Step& step, ObjectSlot& info) {
  if (step.offset != 0 || step.length != 0) return;
  auto publisher = publishers_.find(step.content);
  if (publisher == publishers_.end()) return;
  const ObjectSlot& stream = streams_[static_cast<std::size_t>(publisher->second.first)];
  if (stream.id != publisher->second.second || stream.stream_untracked || stream.completes.empty()) return;
  // Every add done with ERROR_SUCCESS (one still pending, failed or
  // cancelled leaves the published bytes unknown), and a complete too.
  auto succeeded = [this](int slot) { return world_.SlotById(slot)->overlapped.Internal == ERROR_SUCCESS; };
  for (int slot : stream.stream_operations) {
    if (!succeeded(slot)) return;
  }
  bool complete = false;
  for (int slot : stream.completes) complete = complete || succeeded(slot);
  if (!complete) return;
  info.expects_published = true;
  info.published_content = stream.content;
  info.published_length = stream.written;
}

void ContentCalls::CheckPublishedContent(ObjectSlot& info, int info_slot) {
  if (!info.expects_published || info.published_judged || !info.retrieved_whole || !info.retrieved_in_order) return;
  const std::optional<ContentInfo> decoded = DecodeContentInfo(info.retrieved.data(), info.retrieved.size());
  if (!decoded) return;  // not all of it yet
  info.published_judged = true;
  const std::vector<BYTE> data = ContentBytes(info.published_content, 0, info.published_length);
  const ContentInfo expected = DescribeContent(data, 0, data.size(), decoded->version);
  if (decoded->offset == expected.offset && decoded->length == expected.length &&
      decoded->block_hashes == expected.block_hashes) {
    return;
  }
  std::size_t differing = 0;
  while (differing < decoded->block_hashes.size() && differing < expected.block_hashes.size() &&
         decoded->block_hashes[differing] == expected.block_hashes[differing]) {
    ++differing;
  }
  world_.Finding(std::string(kPublishedContentFinding) + "the content information retrieved whole on " +
                 Slot('i', info_slot) + " (identifier " + std::to_string(info.published_content) +
                 ", offset 0 length 0) describes [" + std::to_string(decoded->offset) + ", " +
                 std::to_string(decoded->offset + decoded->length) + ") in " +
                 std::to_string(decoded->block_hashes.size()) + " blocks, block " + std::to_string(differing) +
                 " first differing, but the adds of its publication, every one and the complete successful, "
                 "published " + std::to_string(info.published_length) + " bytes");
}

void ContentCalls::CollectAdded(Operation& operation) {
  if (operation.collected) return;
  const ULONG_PTR internal = world_.SlotById(operation.slot)->overlapped.Internal;
  if (internal == kStatusPending || internal == kUnwrittenDword) return;
  operation.collected = true;
  auto it = publications_.find(operation.stream_content);
  if (it == publications_.end() || it->second.stream_object != operation.stream_object) return;
  PublishedData& published = it->second;
  --published.pending;
  if (internal == ERROR_SUCCESS) {
    published.length += operation.stream_bytes;
  } else {
    // Its bytes are not in the content, and the adds after it passed the
    // bytes that follow them: the published bytes are no longer known.
    published.unknown = true;
  }
}

// The end is where the bytes delivered so far decode as one whole content
// information (sim/content_info.h): the page's EOF (SRETRIEVEINFO-12).
void ContentCalls::CheckEnd(const ObjectSlot& info, const std::string& what, DWORD code, std::size_t delivered) {
  if (!info.retrieved_whole || !info.in_order) return;
  const bool at_end = DecodeContentInfo(info.retrieved.data(), info.retrieved.size()).has_value();
  const std::string so_far = std::to_string(info.retrieved.size()) + " bytes";
  if (code == PEERDIST_ERROR_NO_MORE && !at_end) {
    world_.Finding(std::string(kRetrieveEndFinding) + what + " reported PEERDIST_ERROR_NO_MORE after " + so_far +
                   ", which are not the whole content information");
  } else if (code == ERROR_SUCCESS && at_end) {
    world_.Finding(std::string(kRetrieveEndFinding) + what + " completed with ERROR_SUCCESS and " +
                   std::to_string(delivered) + " bytes after the whole content information (" + so_far +
                   ") was delivered");
  }
}

void ContentCalls::CheckInfoRange(ObjectSlot& info, const std::string& what) {
  if (info.range_judged || !info.request || !info.retrieved_whole || !info.in_order) return;
  const std::optional<ContentInfo> decoded = DecodeContentInfo(info.retrieved.data(), info.retrieved.size());
  if (!decoded) return;
  info.range_judged = true;
  if (const std::optional<std::string> mismatch = InfoRangeMismatch(*info.request, *decoded)) {
    world_.Finding(std::string(kInfoRangeFinding) + what + " completed the information: " + *mismatch);
  }
  if (const std::optional<std::string> mismatch =
          InfoVersionMismatch(*info.request, *decoded)) {
    world_.Finding(std::string(kInfoVersionFinding) + what + " completed the information: " + *mismatch);
  }
}

// The offset a successful retrieve writes back (SRETRIEVEINFO-15/16) is
// where its bytes sit in the handle's content information: the count of
// bytes the retrieves before it delivered.
void ContentCalls::CheckRetrieveOffset(const Operation& operation, std::size_t index, std::uint64_t expected) {
  const OVERLAPPED& overlapped = world_.SlotById(operation.slot)->overlapped;
  const std::uint64_t written = (static_cast<std::uint64_t>(overlapped.OffsetHigh) << 32) | overlapped.Offset;
  if (written == expected) return;
  world_.Finding(std::string(kRetrieveOffsetFinding) + "o" + std::to_string(index) +
                 " PeerDistServerRetrieveContentInformation on " + Slot('i', operation.info_slot) +
                 " completed with the bytes at offset " + std::to_string(expected) +
                 " of the content information, but its OVERLAPPED says Offset " + std::to_string(overlapped.Offset) +
                 ", OffsetHigh " + std::to_string(overlapped.OffsetHigh));
}

// Follows a content handle's information and reads as they complete. Only
// successful completions count; anything the harness cannot follow marks
// the handle unknown, and its reads go unchecked from then on.
void ContentCalls::JudgeContentOperation(Operation& operation, std::size_t index) {
  if (operation.judged) return;
  const OverlappedSlot* slot = world_.SlotById(operation.slot);
  const ULONG_PTR internal = slot->overlapped.Internal;
  if (internal == kStatusPending || internal == kUnwrittenDword) return;
  operation.judged = true;
  const bool read =
      operation.function == ApiFunction::kClientBlockRead || operation.function == ApiFunction::kClientStreamRead;
  if (read) JudgeReadCompletion(operation, index);
  operation.failed = internal != ERROR_SUCCESS;
  if (operation.content_object < 0) return;
  CheckLocalCache(operation, index, internal);
  CheckRangedInformation(operation, index, internal);
  CheckPortionFailure(operation, index, internal);
  if (internal != ERROR_SUCCESS) {
    // "The stream offset is advanced by the number of bytes reported as the
    // length of the missing data range" (CSTREAMREAD-36): the harness
    // follows it when it knew where the read started and the range reported
    // lies within the content information.
    if (operation.function == ApiFunction::kClientStreamRead &&
        (internal == PEERDIST_ERROR_MISSING_DATA || internal == ERROR_TIMEOUT)) {
      ReadTrack& track = read_tracks_[operation.content_object];
      const std::uint64_t missing = slot->overlapped.InternalHigh;
      // Unclear where the stream stands now: only its position is lost,
      // block reads on the handle stay judged.
      if (track.unknown || !track.info || track.stream_lost || operation.earlier_pending || missing == 0 ||
          track.stream_position + missing > track.info->offset + track.info->length) {
        track.stream_lost = true;
        return;
      }
      track.before_missing = track.stream_position;
      track.stream_position += missing;
    }
    return;
  }
  ReadTrack& track = read_tracks_[operation.content_object];
  const std::uint64_t done = slot->overlapped.InternalHigh;
  const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(done, slot->buffer.size()));
  switch (operation.function) {
    case ApiFunction::kClientAddContentInformation:
      // Information for two contents, added after completion, added only in
      // part, or from an info slot that was never opened: unclear.
      if (operation.added_content < 0 || (track.content >= 0 && track.content != operation.added_content) ||
          track.info || done != operation.added.size() ||
          track.added.size() + operation.added.size() > kMaxContentInfoSize) {
        track.unknown = true;
        return;
      }
      track.content = operation.added_content;
      ++track.portions;
      track.range_request = track.range_request || operation.added_range_request;
      if (track.portions == 1) {
        track.content_length = operation.added_content_length;
      } else if (track.content_length != operation.added_content_length) {
        track.content_length.reset();
      }
      track.added.insert(track.added.end(), operation.added.begin(), operation.added.end());
      return;
    case ApiFunction::kClientCompleteContentInformation:
      return InformationComplete(track);
    case ApiFunction::kClientBlockRead:
      if (track.unknown || !track.info || n == 0) return;
      return CheckRead(operation, index, track, operation.offset, n);
    case ApiFunction::kClientStreamRead: {
      if (track.unknown || !track.info || track.stream_lost) return;
      // A read with no buffer reports what is available; whether that moves
      // the stream position is not for this check to decide.
      if (slot->buffer.empty() || done > slot->buffer.size()) {
        track.stream_lost = true;
        return;
      }
      const std::uint64_t at = track.stream_position;
      track.stream_position += done;
      if (n > 0) CheckRead(operation, index, track, at, n);
      return;
    }
    default:
      return;
  }
}

namespace {

// The information `bytes` give when they decode whole and describe content
// number `content`'s own bytes; nullopt otherwise. The published data is
// ContentBytes(K) only while every add-to-stream went through in order (a
// cancelled add leaves a gap the harness does not see); the block hashes say
// whether the information describes exactly those bytes.
std::optional<ContentInfo> InformationOfContent(const std::vector<BYTE>& bytes, std::uint32_t content) {
  std::optional<ContentInfo> info = DecodeContentInfo(bytes.data(), bytes.size());
  const std::uint64_t blocks = info ? (info->length + kContentBlockSize - 1) / kContentBlockSize : 0;
  if (!info || info->block_hashes.size() != blocks) return std::nullopt;
  for (std::size_t block = 0; block < info->block_hashes.size(); ++block) {
    const std::uint64_t length = BlockLength(*info, block);
    const std::vector<BYTE> expected =
        ContentBytes(content, info->offset + block * std::uint64_t{kContentBlockSize}, length);
    if (!BlockMatches(*info, block, expected.data(), expected.size())) return std::nullopt;
  }
  return info;
}

}  // namespace

std::optional<ContentInfo> ContentCalls::DescribedInformation(const ReadTrack& track) const {
  if (track.unknown || track.content < 0 || track.info) return std::nullopt;
  return InformationOfContent(track.added, static_cast<std::uint32_t>(track.content));
}

void ContentCalls::CheckRangedInformation(const Operation& operation, std::size_t index, ULONG_PTR internal) {
  if (internal == ERROR_SUCCESS || internal == ERROR_OPERATION_ABORTED || internal == PEERDIST_ERROR_INVALIDATED) {
    return;
  }
  const auto found = read_tracks_.find(operation.content_object);
  const bool fresh = found == read_tracks_.end() || (!found->second.unknown && !found->second.info);
  if (!fresh) return;
  // The first add of the handle, of information a range request delivered
  // whole; or the complete of such information added whole.
  const std::vector<BYTE>* added = nullptr;
  int content = -1;
  if (operation.function == ApiFunction::kClientAddContentInformation) {
    // Not after a complete was called on the handle (it may have completed
    // the handle's information first, with nothing or less in it).
    if (!operation.added_range_request ||
        (found != read_tracks_.end() && (!found->second.added.empty() || found->second.complete_called))) {
      return;
    }
    added = &operation.added;
    content = operation.added_content;
  } else if (operation.function == ApiFunction::kClientCompleteContentInformation) {
    if (found == read_tracks_.end() || !found->second.range_request) return;
    added = &found->second.added;
    content = found->second.content;
  }
  if (added == nullptr || content < 0) return;
  const std::optional<ContentInfo> info = InformationOfContent(*added, static_cast<std::uint32_t>(content));
  if (!info) return;
  world_.Finding(std::string(kRangeInfoFinding) + "o" + std::to_string(index) + " " +
                 ApiFunctionName(operation.function) + " on " + Slot('c', operation.content_slot) +
                 " completed with " + ErrorName(static_cast<DWORD>(internal)) +
                 " for the whole content information of the range [" + std::to_string(info->offset) + ", " +
                 std::to_string(info->offset + info->length) + ") of content " + std::to_string(content) +
                 " (a range request); expected ERROR_SUCCESS, as for the information of a whole content");
}

void ContentCalls::InformationComplete(ReadTrack& track) {
  std::optional<ContentInfo> info = DescribedInformation(track);
  if (!info) {
    track.unknown = true;
    return;
  }
  track.stream_position = info->offset;
  track.info = std::move(info);
  track.info_step = world_.current_step();
}

void ContentCalls::NotePortionCall(Operation& operation, const std::vector<BYTE>& input, int source) {
  if (operation.content_object < 0) return;
  ReadTrack& track = read_tracks_[operation.content_object];
  // Without an OVERLAPPED the harness cannot see when (or whether) it took.
  if (operation.slot < 0) {
    track.portions_followed = false;
    return;
  }
  // Adds that may still be running leave their order to the implementation
  // (the pages do not say that operations of a handle run in turn).
  operation.handle_idle = true;
  for (std::size_t i = 0; i + 1 < operations_.size(); ++i) {
    const Operation& other = operations_[i];
    if (other.content_object != operation.content_object) continue;
    if (other.function != ApiFunction::kClientAddContentInformation &&
        other.function != ApiFunction::kClientCompleteContentInformation) {
      continue;
    }
    const OverlappedSlot* slot = world_.SlotById(other.slot);
    if (slot == nullptr || slot->overlapped.Internal == kStatusPending || slot->overlapped.Internal == kUnwrittenDword) {
      operation.handle_idle = false;
    }
  }
  if (operation.function == ApiFunction::kClientCompleteContentInformation) {
    track.complete_called = true;
    return;
  }
  if (!operation.handle_idle) track.portions_followed = false;
  const ObjectSlot& info = infos_[static_cast<std::size_t>(source)];
  if (!operation.handle_idle || !track.portions_followed || track.complete_called || track.unknown || track.info ||
      input.empty() || info.id < 0 || !info.retrieved_whole || !info.in_order || operation.added_content < 0 ||
      (track.content >= 0 && track.content != operation.added_content)) {
    return;
  }
  const std::vector<BYTE>& whole = info.retrieved;
  if (track.added.size() + input.size() > whole.size() ||
      !std::equal(track.added.begin(), track.added.end(), whole.begin()) ||
      !std::equal(input.begin(), input.end(), whole.begin() + static_cast<std::ptrdiff_t>(track.added.size()))) {
    return;
  }
  operation.next_portion = DecodeContentInfo(whole.data(), whole.size()).has_value();
}

bool ContentCalls::StatusLeftAvailableSince(std::size_t from) const {
  const std::vector<TraceEvent>& events = world_.trace().events();
  for (std::size_t i = from; i < events.size(); ++i) {
    if (events[i].kind == TraceKind::kStatusChange && events[i].status != PEERDIST_STATUS_AVAILABLE) return true;
  }
  return false;
}

void ContentCalls::CheckPortionFailure(const Operation& operation, std::size_t index, ULONG_PTR internal) {
  // A cancel, a close or the session's end may take an operation away.
  if (internal == ERROR_SUCCESS || internal == ERROR_OPERATION_ABORTED || internal == ERROR_INVALID_HANDLE) {
    if (internal == ERROR_OPERATION_ABORTED && operation.function == ApiFunction::kClientAddContentInformation) {
      read_tracks_[operation.content_object].portions_followed = false;
    }
    return;
  }
  ReadTrack& track = read_tracks_[operation.content_object];
  if (StatusLeftAvailableSince(track.opened_at)) return;  // the handle may be invalidated
  const std::string name = "o" + std::to_string(index) + " " + ApiFunctionName(operation.function) + " on " +
                           Slot('c', operation.content_slot) + " completed with " + ErrorName(static_cast<DWORD>(internal));
  if (operation.function == ApiFunction::kClientAddContentInformation) {
    if (!operation.next_portion) return;
    world_.Finding(std::string(kInfoPortionsFinding) + name + ", although its " +
                   std::to_string(operation.added.size()) + " bytes continue the " + std::to_string(track.added.size()) +
                   " added before (" + std::to_string(track.portions) +
                   " portions) into well-formed content information; expected ERROR_SUCCESS: information may be "
                   "added in portions");
    return;
  }
  if (operation.function != ApiFunction::kClientCompleteContentInformation || !operation.handle_idle ||
      !track.portions_followed || !DescribedInformation(track)) {
    return;
  }
  world_.Finding(std::string(kInfoPortionsFinding) + name + ", although the " + std::to_string(track.portions) +
                 " portions added with success before the call, " + std::to_string(track.added.size()) +
                 " bytes in the order of their calls, are whole content information of content " +
                 std::to_string(track.content) + "; expected ERROR_SUCCESS");
}

void ContentCalls::CheckLocalCache(const Operation& operation, std::size_t index, ULONG_PTR internal) {
  ReadTrack& track = read_tracks_[operation.content_object];
  // Only against information complete before the call.
  if (track.unknown || !track.info || track.info_step < 0 || track.info_step >= operation.call_step) return;
  const ContentInfo& info = *track.info;
  const std::uint64_t end = info.offset + info.length;
  const std::string name = "o" + std::to_string(index) + " " + ApiFunctionName(operation.function) + " on " +
                           Slot('c', operation.content_slot) + " at offset " + std::to_string(operation.offset);
  const std::string range = " (the content information describes [" + std::to_string(info.offset) + ", " +
                            std::to_string(end) + "))";
  if (operation.function == ApiFunction::kClientAddData) {
    // Past the end of the information the client cannot tell the content's
    // end: either code (AMBIGUITIES.md, "PeerDistClientAddData outside
    // ranged content information").
    if (internal == PEERDIST_ERROR_OUT_OF_BOUNDS && operation.offset < end) {
      world_.Finding(std::string(kAddDataFinding) + name + " completed with PEERDIST_ERROR_OUT_OF_BOUNDS" + range +
                     "; expected that code only for an offset beyond the end of the content");
    } else if (internal == ERROR_SUCCESS && operation.offset >= kMaxContentLength && !track.range_request) {
      // Beyond every content the model holds: surely past this one's end.
      world_.Finding(std::string(kAddDataFinding) + name + " completed with ERROR_SUCCESS" + range +
                     ", beyond every content (at most " + std::to_string(kMaxContentLength) +
                     " bytes); expected PEERDIST_ERROR_OUT_OF_BOUNDS for an offset beyond the end of the content");
    } else if (track.range_request) {
      CheckOutsideRange(operation, name, range, internal);
    }
    if (internal == ERROR_SUCCESS && !operation.corrupt && operation.data_content == track.content) {
      for (std::size_t block = 0; block < info.block_hashes.size(); ++block) {
        const std::uint64_t start = info.offset + block * std::uint64_t{kContentBlockSize};
        if (start >= operation.offset && start + BlockLength(info, block) <= operation.offset + operation.data_bytes) {
          track.cached.emplace(block, world_.current_step());
          track.cached_call.emplace(block, operation.call_step);
        }
      }
    }
    return;
  }
  const bool missed = internal == PEERDIST_ERROR_MISSING_DATA || internal == ERROR_TIMEOUT;
  if (operation.function != ApiFunction::kClientBlockRead || !operation.local_only || !missed) return;
  if (operation.offset < info.offset || operation.offset >= end) return;
  const auto block = static_cast<std::size_t>((operation.offset - info.offset) / kContentBlockSize);
  const auto cached = track.cached.find(block);
  if (cached == track.cached.end() || cached->second >= operation.call_step) return;
  // Flushes seen done before the add was called cannot have dropped it.
  const int added_at = track.cached_call.at(block);
  if (FlushMayDrop(track.content, added_at)) return;
  // Flushes of other tags only: theirs is the selectivity the tag gives.
  const bool flushed_since = std::any_of(flushes_.begin(), flushes_.end(), [added_at](const FlushCall& flush) {
    return flush.done_step < 0 || flush.done_step >= added_at;
  });
  const char* prefix = flushed_since ? kFlushFinding : kAddDataFinding;
  world_.Finding(std::string(prefix) + name + " (local cache only) completed with " +
                 (internal == ERROR_TIMEOUT ? "ERROR_TIMEOUT" : "PEERDIST_ERROR_MISSING_DATA") + ", although block " +
                 std::to_string(block) + " was added whole with the content's bytes (done by step " +
                 std::to_string(cached->second) + ")" +
                 (flushed_since ? " and only flushes of tags no handle holding that content carries ran since" : "") +
                 "; expected the added data in the local cache");
}

void ContentCalls::CheckOutsideRange(const Operation& operation, const std::string& name, const std::string& range,
                                     ULONG_PTR internal) {
  const ReadTrack& track = read_tracks_[operation.content_object];
  const ContentInfo& info = *track.info;
  const std::uint64_t end = info.offset + info.length;
  if (!track.content_length || *track.content_length < end) return;
  const std::uint64_t content_end = *track.content_length;
  const std::string content = " of content " + std::to_string(track.content) + " (" + std::to_string(content_end) +
                              " bytes published)";
  if (internal == PEERDIST_ERROR_OUT_OF_BOUNDS && operation.offset >= end && operation.offset < content_end) {
    world_.Finding(std::string(kAddDataOutsideRangeFinding) + name + " completed with PEERDIST_ERROR_OUT_OF_BOUNDS" +
                   range + ", an offset inside the whole" + content +
                   "; expected that code only beyond the end of the content: data outside the range is allowed");
    return;
  }
  const std::uint64_t to = operation.offset + operation.data_bytes;
  const bool outside = operation.offset < info.offset || to > end;
  const bool own_bytes = !operation.corrupt && operation.data_content == track.content && operation.data_bytes > 0;
  if (internal == ERROR_SUCCESS || !outside || !own_bytes || to > content_end) return;
  // A cancel, a close, the session's end or the service's move may take it away.
  if (internal == ERROR_OPERATION_ABORTED || internal == ERROR_INVALID_HANDLE ||
      internal == PEERDIST_ERROR_INVALIDATED || StatusLeftAvailableSince(track.opened_at)) {
    return;
  }
  world_.Finding(std::string(kAddDataOutsideRangeFinding) + name + " of " + std::to_string(operation.data_bytes) +
                 " bytes" + content + " completed with " + ErrorName(static_cast<DWORD>(internal)) + range +
                 "; expected ERROR_SUCCESS: data outside the range, for the entire content, is allowed");
}

bool ContentCalls::FlushMayDrop(int content, int added_at) const {
  for (const FlushCall& flush : flushes_) {
    if (added_at >= 0 && flush.done_step >= 0 && flush.done_step < added_at) continue;
    for (const auto& [handle, owner] : content_tags_) {
      if (owner.second != flush.tag) continue;
      const auto track = read_tracks_.find(handle);
      if (track == read_tracks_.end() || track->second.unknown || track->second.content < 0 ||
          track->second.content == content) {
        return true;
      }
    }
  }
  return false;
}

void ContentCalls::CheckRead(const Operation& operation, std::size_t index, const ReadTrack& track,
                             std::uint64_t offset, std::size_t n) {
  const ContentInfo& info = *track.info;
  const std::uint64_t end = info.offset + info.length;
  const auto content = static_cast<std::uint32_t>(track.content);
  // Information of a whole content ends where the content does: past it
  // there is no byte to deliver. A block read there with OffsetHigh set
  // finds data only when the implementation drops OffsetHigh (CBLOCKREAD-15).
  if (offset >= end && !track.range_request) {
    world_.Finding(std::string(kReadDataFinding) + "o" + std::to_string(index) + " " +
                   ApiFunctionName(operation.function) + " on " + Slot('c', operation.content_slot) +
                   " delivered " + std::to_string(n) + " bytes at content offset " + std::to_string(offset) +
                   " (Offset " + std::to_string(offset & 0xFFFFFFFFu) + ", OffsetHigh " +
                   std::to_string(offset >> 32) + "), at or past the end " + std::to_string(end) + " of content " +
                   std::to_string(content) + ", where it has no bytes");
    return;
  }
  // Outside the described range the harness knows no bytes.
  if (offset < info.offset || offset >= end) return;
  const std::size_t checked = static_cast<std::size_t>(std::min<std::uint64_t>(n, end - offset));
  const std::vector<BYTE> expected = ContentBytes(content, offset, checked);
  // What a successful read delivered may be in the local cache from now on.
  local_hints_.push_back(LocalHint{-1, track.content, false, offset, offset + n, world_.SlotById(operation.slot)->done_at,
                                   operation.content_object});
  const SlotBuffer& buffer = world_.SlotById(operation.slot)->buffer;
  for (std::size_t i = 0; i < checked; ++i) {
    if (buffer.data()[i] == expected[i]) continue;
    world_.Finding(std::string(kReadDataFinding) + "o" + std::to_string(index) + " " +
                   ApiFunctionName(operation.function) + " on " + Slot('c', operation.content_slot) +
                   " delivered " + std::to_string(n) + " bytes at content offset " + std::to_string(offset) +
                   " of content " + std::to_string(content) + "; byte " + std::to_string(i) + " is " +
                   std::to_string(buffer.data()[i]) + " where the content has " + std::to_string(expected[i]));
    return;
  }
}

void ContentCalls::Publish(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kServerPublishStream, step, &session);
  HANDLE port = port_for_(step.port, call);
  call.key = static_cast<std::int64_t>(step.key & 0x7FFFFFFFFFFFFFFFull);
  call.null_arg = (step.null_in || step.null_out) ? 1 : 0;
  call.detail = Slot('t', step.object) + " id=" + std::to_string(step.content) + " length=" + std::to_string(step.length);
  if (step.options != 0) call.detail += " options=" + std::to_string(step.options);
  if (step.empty_id && !step.null_in) call.detail += kEmptyIdentifierDetail;
  world_.trace().Add(call);
  const std::vector<BYTE> identifier = Identifier(step);
  BYTE* id = Input(identifier, call.function, "pContentIdentifier", CallerMemory::Scope::kCall);
  PEERDIST_STREAM_HANDLE* stream = Arg<PEERDIST_STREAM_HANDLE>(nullptr, call.function, "phStream", "PEERDIST_STREAM_HANDLE");
  const PEERDIST_PUBLICATION_OPTIONS* options =
      step.options == 0 ? nullptr
                        : Arg(PEERDIST_PUBLICATION_OPTIONS{step.options, 0}, call.function, "pPublishOptions",
                              "PEERDIST_PUBLICATION_OPTIONS");
  const DWORD code = impl_.PeerDistServerPublishStream(
      session, static_cast<DWORD>(identifier.size()), step.null_in ? nullptr : id, step.length,
      options, port, step.key, step.null_out ? nullptr : stream);
  TraceEvent ret;
  if (code == ERROR_SUCCESS && !step.null_out) Opened(HandleKind::kStream, step, *stream, call.session, ret);
  if (code == ERROR_SUCCESS) {
    published_.push_back(PublishedSpan{step.content, world_.Now()});
    // Without a stream handle nothing can be added: its bytes are unknown.
    publications_[step.content] = PublishedData{step.null_out ? -1 : ret.object, 0, 0, step.null_out};
  }
  if (code == ERROR_SUCCESS && !step.null_out) {
    publishers_[step.content] = {step.object, streams_[step.object].id};
  } else if (code == ERROR_SUCCESS) {
    publishers_.erase(step.content);
  }
  Finish(call, code, ret);
}

void ContentCalls::AddToStream(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kServerPublishAddToStream, step, &session);
  HANDLE stream = ObjectFor(HandleKind::kStream, step, call);
  ObjectSlot& slot = streams_[step.object];
  call.null_arg = (step.null_in || step.null_overlapped) ? 1 : 0;
  call.bytes = step.bytes;
  call.detail = Slot('t', step.object) + " bytes=" + std::to_string(step.bytes);
  OverlappedSlot* overlapped = NewOperation(step, call, 0);
  // Read by the operation until it completes: run-scoped.
  BYTE* data = Input(ContentBytes(slot.content, slot.written, step.bytes), call.function, "pBuffer",
                     CallerMemory::Scope::kRun);
  world_.trace().Add(call);
  const DWORD code = impl_.PeerDistServerPublishAddToStream(
      session, stream, step.bytes, step.null_in ? nullptr : data, overlapped ? &overlapped->overlapped : nullptr);
  // The next add continues the content where this one ends.
  if (code == ERROR_IO_PENDING || code == ERROR_SUCCESS) {
    slot.written += step.bytes;
    FollowAdd(step, call);
    const bool tracked = overlapped != nullptr && call.object == slot.id && call.object_state == HandleState::kOpen;
    if (tracked) slot.stream_operations.push_back(overlapped->id);
    slot.stream_untracked = slot.stream_untracked || !tracked;
  }
  Finish(call, code);
}

void ContentCalls::FollowAdd(const Step& step, const TraceEvent& call) {
  auto it = publications_.find(streams_[step.object].content);
  if (it == publications_.end() || call.object_state != HandleState::kOpen ||
      it->second.stream_object != call.object) {
    return;
  }
  PublishedData& published = it->second;
  // Bytes the implementation could not read, an add nobody can see complete,
  // or two adds in flight (which goes first?): the bytes are not known.
  if (step.null_in || step.null_overlapped || published.pending > 0) {
    published.unknown = true;
    return;
  }
  ++published.pending;
  Operation& operation = operations_.back();
  operation.stream_object = call.object;
  operation.stream_content = streams_[step.object].content;
  operation.stream_bytes = step.bytes;
}

void ContentCalls::CompleteStream(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kServerPublishCompleteStream, step, &session);
  HANDLE stream = ObjectFor(HandleKind::kStream, step, call);
  call.null_arg = step.null_overlapped ? 1 : 0;
  call.detail = Slot('t', step.object);
  OverlappedSlot* overlapped = NewOperation(step, call, 0);
  world_.trace().Add(call);
  const DWORD code =
      impl_.PeerDistServerPublishCompleteStream(session, stream, overlapped ? &overlapped->overlapped : nullptr);
  ObjectSlot& slot = streams_[step.object];
  if (code == ERROR_IO_PENDING || code == ERROR_SUCCESS) {
    const bool tracked = overlapped != nullptr && call.object == slot.id && call.object_state == HandleState::kOpen;
    if (tracked) slot.completes.push_back(overlapped->id);
    slot.stream_untracked = slot.stream_untracked || !tracked;
  }
  Finish(call, code);
}

void ContentCalls::CloseObject(const Step& step, HandleKind kind, ApiFunction function) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(function, step, &session);
  HANDLE object = ObjectFor(kind, step, call);
  const char prefix = kind == HandleKind::kStream ? 't' : kind == HandleKind::kContentInfo ? 'i' : 'c';
  call.detail = Slot(prefix, step.object);
  world_.trace().Add(call);
  DWORD code = ERROR_SUCCESS;
  switch (kind) {
    case HandleKind::kStream: code = impl_.PeerDistServerCloseStreamHandle(session, object); break;
    case HandleKind::kContentInfo: code = impl_.PeerDistServerCloseContentInformation(session, object); break;
    case HandleKind::kContent:
    case HandleKind::kNone: code = impl_.PeerDistClientCloseContent(session, object); break;
  }
  Closed(kind, step, call, code);
  Finish(call, code);
}

void ContentCalls::Unpublish(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kServerUnpublish, step, &session);
  call.null_arg = step.null_in ? 1 : 0;
  call.detail = "id=" + std::to_string(step.content);
  if (step.empty_id && !step.null_in) call.detail += kEmptyIdentifierDetail;
  world_.trace().Add(call);
  const std::vector<BYTE> identifier = Identifier(step);
  BYTE* id = Input(identifier, call.function, "pContentIdentifier", CallerMemory::Scope::kCall);
  const DWORD code = impl_.PeerDistServerUnpublish(session, static_cast<DWORD>(identifier.size()),
                                                   step.null_in ? nullptr : id);
  if (code == ERROR_SUCCESS && !step.null_in) {
    for (PublishedSpan& span : published_) {
      if (span.content == step.content && span.until == ~VirtualTime{0}) span.until = world_.Now();
    }
    publications_.erase(step.content);
    publishers_.erase(step.content);
  }
  Finish(call, code);
}

void ContentCalls::OpenInfo(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(
      step.ex ? ApiFunction::kServerOpenContentInformationEx : ApiFunction::kServerOpenContentInformation, step,
      &session);
  HANDLE port = port_for_(step.port, call);
  call.key = static_cast<std::int64_t>(step.key & 0x7FFFFFFFFFFFFFFFull);
  call.null_arg = (step.null_in || step.null_out) ? 1 : 0;
  call.detail = Slot('i', step.object) + " id=" + std::to_string(step.content) + " offset=" +
                std::to_string(step.offset) + " length=" + std::to_string(step.length);
  // The versions the Ex open asks for: 1..2 unless the step names one.
  const DWORD min_version = step.options != 0 ? step.options : PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
  const DWORD max_version = step.options != 0 ? step.options : PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2;
  if (step.ex && step.options != 0) {
    call.detail += " min=" + std::to_string(min_version) + " max=" + std::to_string(max_version);
  }
  if (step.empty_id && !step.null_in) call.detail += kEmptyIdentifierDetail;
  world_.trace().Add(call);
  const std::vector<BYTE> identifier = Identifier(step);
  BYTE* id = Input(identifier, call.function, "pContentIdentifier", CallerMemory::Scope::kCall);
  PEERDIST_CONTENTINFO_HANDLE* info =
      Arg<PEERDIST_CONTENTINFO_HANDLE>(nullptr, call.function, "phContentInfo", "PEERDIST_CONTENTINFO_HANDLE");
  DWORD code;
  if (step.ex) {
    PEERDIST_RETRIEVAL_OPTIONS* options = Arg(
        PEERDIST_RETRIEVAL_OPTIONS{sizeof(PEERDIST_RETRIEVAL_OPTIONS), min_version, max_version, 0},
        call.function, "pRetrievalOptions", "PEERDIST_RETRIEVAL_OPTIONS");
    code = impl_.PeerDistServerOpenContentInformationEx(
        session, static_cast<DWORD>(identifier.size()), step.null_in ? nullptr : id, step.offset,
        step.length, options, port, step.key, step.null_out ? nullptr : info);
  } else {
    code = impl_.PeerDistServerOpenContentInformation(
        session, static_cast<DWORD>(identifier.size()), step.null_in ? nullptr : id, step.offset,
        step.length, port, step.key, step.null_out ? nullptr : info);
  }
  TraceEvent ret;
  if (code == ERROR_SUCCESS && !step.null_out) {
    Opened(HandleKind::kContentInfo, step, *info, call.session, ret);
    InfoRequest request{step.content, step.offset, step.length, std::nullopt, std::nullopt};
    if (step.ex) request.versions_asked = std::make_pair(min_version, max_version);
    request.versions_reported = ReportedVersionsBefore(world_.trace().events(), world_.trace().events().size());
    auto published = publications_.find(step.content);
    if (!step.null_in && published != publications_.end() && !published->second.unknown &&
        published->second.pending == 0) {
      request.published_length = published->second.length;
    }
    infos_[step.object].request = request;
    NotePublishedData(step, infos_[step.object]);
    infos_[step.object].range_request = step.offset != 0 || step.length != 0;
  }
  Finish(call, code, ret);
}

void ContentCalls::RetrieveInfo(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kServerRetrieveContentInformation, step, &session);
  HANDLE info = ObjectFor(HandleKind::kContentInfo, step, call);
  call.null_arg = (step.null_in || step.null_overlapped) ? 1 : 0;
  call.bytes = step.bytes;
  call.detail = Slot('i', step.object) + " bytes=" + std::to_string(step.bytes);
  bool sole = true;
  for (const Operation& earlier : operations_) {
    if (earlier.info_slot == step.object && earlier.info_object == call.object && !earlier.collected) sole = false;
  }
  OverlappedSlot* overlapped = NewOperation(step, call, step.bytes, step.object);
  operations_.back().info_object = call.object;
  operations_.back().sole = sole && call.object >= 0;
  BYTE* buffer = overlapped != nullptr ? overlapped->buffer.data()
                                       : Input(std::vector<BYTE>(step.bytes, 0), call.function, "pBuffer",
                                               CallerMemory::Scope::kCall);
  world_.trace().Add(call);
  const DWORD code = impl_.PeerDistServerRetrieveContentInformation(
      session, info, step.bytes, step.null_in ? nullptr : buffer, overlapped ? &overlapped->overlapped : nullptr);
  // A refused retrieve delivers nothing and holds no place in the information.
  if (code != ERROR_IO_PENDING && code != ERROR_SUCCESS) {
    operations_.back().collected = true;
    // The end may be returned at once rather than as the completion.
    if (operations_.back().sole) {
      CheckEnd(infos_[step.object], "o" + std::to_string(operations_.size() - 1) +
                                        " PeerDistServerRetrieveContentInformation on " + Slot('i', step.object),
               code, 0);
    }
  }
  Finish(call, code);
}

// What a cancel passes: the OVERLAPPED of the scenario's operation
// oN, or, when oN never ran, a fresh one no operation ever used.
LPOVERLAPPED ContentCalls::OverlappedToCancel(const Step& step, TraceEvent& call) {
  OverlappedSlot* slot = world_.SlotById(OperationSlot(step.registration));
  if (slot == nullptr) {
    slot = &world_.NewOverlappedSlot(-1, call.function, World::SlotStatus::kNone);
    slot->carries_status = false;
  }
  call.overlapped = slot->id;
  return &slot->overlapped;
}

void ContentCalls::ServerCancel(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kServerCancelAsyncOperation, step, &session);
  call.null_arg = (step.null_in || step.null_overlapped) ? 1 : 0;
  call.detail = "o" + std::to_string(step.registration) + " id=" + std::to_string(step.content);
  LPOVERLAPPED overlapped = step.null_overlapped ? nullptr : OverlappedToCancel(step, call);
  if (step.empty_id && !step.null_in) call.detail += kEmptyIdentifierDetail;
  world_.trace().Add(call);
  const std::vector<BYTE> identifier = Identifier(step);
  BYTE* id = Input(identifier, call.function, "pContentIdentifier", CallerMemory::Scope::kCall);
  world_.SetLastError(ERROR_SUCCESS);
  const DWORD code = impl_.PeerDistServerCancelAsyncOperation(
      session, static_cast<DWORD>(identifier.size()), step.null_in ? nullptr : id, overlapped);
  Finish(call, code);
  CheckCancelLastError(call, code);
}

void ContentCalls::OpenContent(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kClientOpenContent, step, &session);
  HANDLE port = port_for_(step.port, call);
  call.key = static_cast<std::int64_t>(step.key & 0x7FFFFFFFFFFFFFFFull);
  call.null_arg = (step.null_in || step.null_out) ? 1 : 0;
  call.detail = Slot('c', step.object) + " tag=" + TagText(step);
  world_.trace().Add(call);
  const PEERDIST_CONTENT_TAG* tag = Arg(TagFor(step), call.function, "pContentTag", "PEERDIST_CONTENT_TAG");
  PEERDIST_CONTENT_HANDLE* content =
      Arg<PEERDIST_CONTENT_HANDLE>(nullptr, call.function, "phContentHandle", "PEERDIST_CONTENT_HANDLE");
  const DWORD code = impl_.PeerDistClientOpenContent(session, step.null_in ? nullptr : tag, port, step.key,
                                                     step.null_out ? nullptr : content);
  TraceEvent ret;
  if (code == ERROR_SUCCESS && !step.null_out) {
    CheckNewContentHandle(step, *content, call.session);
    Opened(HandleKind::kContent, step, *content, call.session, ret);
    const int id = contents_[static_cast<std::size_t>(step.object)].id;
    content_tags_[id] = {call.session, TagKey(step)};
    read_tracks_[id].opened_at = world_.trace().events().size();
  }
  Finish(call, code, ret);
}

// "opens and returns a PEERDIST_CONTENT_HANDLE": a handle of its own, not
// NULL and not one the session holds open already.
void ContentCalls::CheckNewContentHandle(const Step& step, HANDLE handle, int session) {
  std::string held;
  for (std::size_t i = 0; i < contents_.size(); ++i) {
    const ObjectSlot& other = contents_[i];
    if (other.id >= 0 && other.open && other.session == session && other.handle == handle) held = Slot('c', static_cast<int>(i));
  }
  if (handle != nullptr && held.empty()) return;
  world_.Finding(std::string(kOpenContentHandleFinding) + "PeerDistClientOpenContent into " + Slot('c', step.object) +
                 " returned ERROR_SUCCESS and " +
                 (handle == nullptr ? std::string("left *phContentHandle NULL")
                                    : "wrote the handle of " + held + ", which its session holds open") +
                 "; expected a new content handle");
}

void ContentCalls::ContentOperation(const Step& step, ApiFunction function) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(function, step, &session);
  HANDLE content = ObjectFor(HandleKind::kContent, step, call);
  // A read of 0 bytes may pass a NULL buffer ("If the cbMaxNumberOfBytesToRead
  // argument is equal to 0, the pBuffer parameter can be NULL").
  const bool read = function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientStreamRead;
  const bool has_buffer = function != ApiFunction::kClientCompleteContentInformation && !(read && step.bytes == 0);
  call.null_arg = ((has_buffer && step.null_in) || step.null_overlapped) ? 1 : 0;
  call.detail = Slot('c', step.object);
  // The input data, or the size of the buffer a read fills.
  std::vector<BYTE> input;
  std::size_t read_size = 0;
  switch (function) {
    case ApiFunction::kClientAddContentInformation:
      input = infos_[step.source].retrieved;
      // Nothing retrieved: bytes that are no content information at all.
      if (input.empty()) input = ContentBytes(kMaxContentId + 1, 0, 16);
      if (step.pieces >= 2) input = PieceOf(input, step.piece, step.pieces);
      if (step.corrupt) input[input.size() / 2] ^= 0x20;
      call.detail += " from=i" + std::to_string(step.source) + (step.corrupt ? " corrupt" : "");
      if (step.pieces >= 2) call.detail += " part=" + std::to_string(step.piece) + "/" + std::to_string(step.pieces);
      if (step.no_info) call.detail += " bytes=0";
      break;
    case ApiFunction::kClientAddData:
      input = ContentBytes(step.content, step.offset, step.bytes);
      if (step.corrupt && !input.empty()) input[0] ^= 0x01;
      call.detail += " id=" + std::to_string(step.content) + " offset=" + std::to_string(step.offset) +
                     " bytes=" + std::to_string(step.bytes) + (step.corrupt ? " corrupt" : "");
      break;
    case ApiFunction::kClientBlockRead:
      read_size = step.bytes;
      call.detail += " offset=" + std::to_string(step.offset) + " bytes=" + std::to_string(step.bytes);
      break;
    case ApiFunction::kClientStreamRead:
      read_size = step.bytes;
      call.detail += " bytes=" + std::to_string(step.bytes);
      if (step.overlapped_offset != 0) call.detail += " overlapped-offset=" + std::to_string(step.overlapped_offset);
      break;
    default:
      break;
  }
  if (!input.empty()) call.bytes = static_cast<std::int64_t>(input.size());
  // No data: the buffer is still passed (a NULL one is buffer=null's), its size 0.
  const bool no_info = function == ApiFunction::kClientAddContentInformation && step.no_info;
  if (no_info) call.bytes = 0;
  const DWORD timeout = step.timeout == TimeoutArg::kLocalOnly      ? PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY
                        : step.timeout == TimeoutArg::kMilliseconds ? step.timeout_ms
                                                                    : PEERDIST_READ_TIMEOUT_DEFAULT;
  if (read_size > 0 || function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientStreamRead) {
    call.detail += step.timeout == TimeoutArg::kLocalOnly ? " timeout=local" : "";
    if (step.timeout == TimeoutArg::kMilliseconds) call.detail += " timeout=" + std::to_string(step.timeout_ms);
  }
  if (function == ApiFunction::kClientAddData) {
    local_hints_.push_back(LocalHint{-1, static_cast<int>(step.content), false, step.offset,
                                     step.offset + step.bytes, world_.Now(), call.object});
  }
  const std::vector<BYTE> added =
      function == ApiFunction::kClientAddContentInformation && !no_info ? input : std::vector<BYTE>();
  OverlappedSlot* overlapped = NewOperation(step, call, read_size);
  Operation& operation = operations_.back();
  operation.function = function;
  operation.content_slot = step.object;
  operation.content_object = call.object >= 0 ? call.object : -1;
  operation.offset = step.offset;
  operation.added = added;
  operation.call_step = world_.current_step();
  operation.data_content = static_cast<int>(step.content);
  operation.data_bytes = step.bytes;
  operation.corrupt = step.corrupt;
  operation.local_only = step.timeout == TimeoutArg::kLocalOnly;
  if (function == ApiFunction::kClientAddContentInformation && infos_[step.source].id >= 0) {
    operation.added_content = static_cast<int>(infos_[step.source].content);
    operation.added_range_request = infos_[step.source].range_request;
    if (infos_[step.source].request) operation.added_content_length = infos_[step.source].request->published_length;
  }
  if (overlapped != nullptr && (function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientAddData)) {
    overlapped->overlapped.Offset = static_cast<DWORD>(step.offset);
    overlapped->overlapped.OffsetHigh = static_cast<DWORD>(step.offset >> 32);
  }
  // A stream read's start is the handle's stream position whatever the
  // OVERLAPPED holds (CSTREAMREAD-15): the step may leave garbage there.
  if (overlapped != nullptr && function == ApiFunction::kClientStreamRead) {
    overlapped->overlapped.Offset = static_cast<DWORD>(step.overlapped_offset);
    overlapped->overlapped.OffsetHigh = static_cast<DWORD>(step.overlapped_offset >> 32);
  }
  // The content handle's own session: another session's handle is session-isolation's.
  operation.on_open_handles = call.handle_open == 1 && call.object_state == HandleState::kOpen &&
                              contents_[step.object].session == call.session;
  if (read && overlapped != nullptr) NoteReadCall(operation, step, timeout);
  if (function == ApiFunction::kClientAddContentInformation || function == ApiFunction::kClientCompleteContentInformation) {
    NotePortionCall(operation, step.corrupt || no_info ? std::vector<BYTE>() : input, step.source);
  }
  LPOVERLAPPED lp = overlapped != nullptr ? &overlapped->overlapped : nullptr;
  BYTE* buffer = nullptr;
  if (read_size > 0) {
    buffer = overlapped != nullptr ? overlapped->buffer.data()
                                   : Input(std::vector<BYTE>(read_size, 0), function, "pBuffer",
                                           CallerMemory::Scope::kCall);
  }
  // Read by the operation until it completes: run-scoped.
  if (!input.empty()) buffer = Input(input, function, "pBuffer", CallerMemory::Scope::kRun);
  const DWORD size = read_size > 0 ? static_cast<DWORD>(read_size) : static_cast<DWORD>(call.bytes == kNoValue ? 0 : call.bytes);
  if (step.null_in) buffer = nullptr;
  world_.trace().Add(call);
  DWORD code = ERROR_SUCCESS;
  switch (function) {
    case ApiFunction::kClientAddContentInformation:
      code = impl_.PeerDistClientAddContentInformation(session, content, size, buffer, lp);
      break;
    case ApiFunction::kClientCompleteContentInformation:
      code = impl_.PeerDistClientCompleteContentInformation(session, content, lp);
      break;
    case ApiFunction::kClientAddData:
      code = impl_.PeerDistClientAddData(session, content, size, buffer, lp);
      break;
    case ApiFunction::kClientBlockRead:
      code = impl_.PeerDistClientBlockRead(session, content, size, buffer, timeout, lp);
      break;
    case ApiFunction::kClientStreamRead:
      code = impl_.PeerDistClientStreamRead(session, content, size, buffer, timeout, lp);
      break;
    default:
      break;
  }
  Finish(call, code);
  // A read its call refused never completes: judged here, with the call's code.
  if (read && overlapped != nullptr && !step.null_in && code != ERROR_IO_PENDING && code != ERROR_SUCCESS) {
    const std::size_t index = operations_.size() - 1;
    ReadFacts facts = FactsOf(operations_[index], index);
    facts.code = code;
    facts.transferred = 0;
    JudgeDelivery(operations_[index], facts);
  }
}

void ContentCalls::Flush(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kClientFlushContent, step, &session);
  HANDLE port = port_for_(step.port, call);
  call.key = static_cast<std::int64_t>(step.key & 0x7FFFFFFFFFFFFFFFull);
  call.null_arg = (step.null_in || step.null_overlapped) ? 1 : 0;
  call.detail = "tag=" + TagText(step);
  OverlappedSlot* overlapped = NewOperation(step, call, 0);
  if (overlapped != nullptr && !step.null_in) {
    flushes_.push_back(FlushCall{call.session, TagKey(step), overlapped->id, world_.Now(), operations_.size() - 1});
  }
  world_.trace().Add(call);
  const PEERDIST_CONTENT_TAG* tag = Arg(TagFor(step), call.function, "pContentTag", "PEERDIST_CONTENT_TAG");
  const DWORD code = impl_.PeerDistClientFlushContent(session, step.null_in ? nullptr : tag, port, step.key,
                                                      overlapped ? &overlapped->overlapped : nullptr);
  Finish(call, code);
}

void ContentCalls::GetInfo(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kClientGetInformationByHandle, step, &session);
  HANDLE content = ObjectFor(HandleKind::kContent, step, call);
  call.null_arg = step.null_out ? 1 : 0;
  call.detail = Slot('c', step.object) + " bytes=" + std::to_string(step.bytes);
  if (step.info_class != 0) call.detail += " class=" + std::to_string(step.info_class);
  world_.trace().Add(call);
  // Exactly the size claimed: a PEERDIST_CLIENT_BASIC_INFO written into
  // fewer bytes is a write outside the buffer.
  BYTE* buffer = Input(std::vector<BYTE>(step.bytes, 0x7F), call.function, "lpInformation", CallerMemory::Scope::kCall);
  const DWORD code = impl_.PeerDistClientGetInformationByHandle(
      session, content, static_cast<PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS>(step.info_class), step.bytes,
      step.null_out ? nullptr : buffer);
  if (!step.null_out && step.info_class == PeerDistClientBasicInfo) CheckInformation(step, code, buffer, 0x7F);
  Finish(call, code);
}

void ContentCalls::CheckInformation(const Step& step, DWORD code, const BYTE* buffer, BYTE unwritten) {
  // Writes past dwBufferSize are buffer-bounds' (the buffer has exactly that size).
  if (code != ERROR_SUCCESS || step.bytes < sizeof(PEERDIST_CLIENT_BASIC_INFO)) return;
  const bool written = std::any_of(buffer, buffer + sizeof(PEERDIST_CLIENT_BASIC_INFO),
                                   [unwritten](BYTE b) { return b != unwritten; });
  if (written) return;
  world_.Finding(std::string(kClientInfoFinding) + "PeerDistClientGetInformationByHandle on " + Slot('c', step.object) +
                 " with dwBufferSize " + std::to_string(step.bytes) +
                 " returned ERROR_SUCCESS but left PEERDIST_CLIENT_BASIC_INFO (fFlashCrowd) unwritten");
}

void ContentCalls::ClientCancel(const Step& step) {
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  TraceEvent call = begin_call_(ApiFunction::kClientCancelAsyncOperation, step, &session);
  HANDLE content = ObjectFor(HandleKind::kContent, step, call);
  call.detail = Slot('c', step.object) + (step.all ? std::string(" all") : " o" + std::to_string(step.registration));
  LPOVERLAPPED overlapped = step.all ? nullptr : OverlappedToCancel(step, call);
  world_.trace().Add(call);
  world_.SetLastError(ERROR_SUCCESS);
  const DWORD code = impl_.PeerDistClientCancelAsyncOperation(session, content, overlapped);
  Finish(call, code);
  CheckCancelLastError(call, code);
}

// The cancel pages: "calling GetLastError immediately after a successful"
// cancel "will return the ERROR_OPERATION_ABORTED error code". The harness
// cleared the last error before the call; an implementation sets it through
// the host's SetLastError (every adapter kind carries it).
void ContentCalls::CheckCancelLastError(const TraceEvent& call, DWORD code) {
  if (code != ERROR_SUCCESS) return;
  const DWORD last_error = world_.GetLastError();
  if (last_error == ERROR_OPERATION_ABORTED) return;
  world_.Finding(std::string(kCancelLastErrorFinding) + ApiFunctionName(call.function) + " (" + call.detail +
                 ") returned ERROR_SUCCESS, and GetLastError right after it returns " + std::to_string(last_error));
}

// --- reads: what the harness knows of them, and their judgement ----------

void ContentCalls::NoteReadCall(Operation& operation, const Step& step, DWORD timeout) {
  const int index = static_cast<int>(operations_.size()) - 1;
  operation.requested = step.bytes;
  operation.timeout = timeout;
  operation.called = world_.Now();
  if (operation.content_object < 0) return;
  operation.first_stream_read = operation.function == ApiFunction::kClientStreamRead;
  for (const Operation& other : operations_) {
    if (&other != &operation && other.function == ApiFunction::kClientStreamRead &&
        other.content_object == operation.content_object) {
      operation.first_stream_read = false;
    }
    if (&other == &operation || other.slot < 0 || other.content_object != operation.content_object) continue;
    if (world_.SlotById(other.slot)->overlapped.Internal == kStatusPending) operation.earlier_pending = true;
  }
  auto found = read_tracks_.find(operation.content_object);
  const ReadTrack* track = found != read_tracks_.end() && !found->second.unknown && found->second.info &&
                                   found->second.content >= 0
                               ? &found->second
                               : nullptr;
  const bool fetches = step.bytes > 0 && timeout != PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY;
  const bool stream = operation.function == ApiFunction::kClientStreamRead;
  if (track == nullptr || (stream && (operation.earlier_pending || track->stream_lost))) {
    // Where it reads is not known: it may fetch anything of its content.
    const int content = track != nullptr ? track->content : -1;
    if (fetches) local_hints_.push_back(LocalHint{index, content, true, 0, 0, operation.called, operation.content_object});
    return;
  }
  const std::uint64_t start = stream ? track->stream_position : step.offset;
  operation.start_at_call = start;
  if (fetches) {
    local_hints_.push_back(
        LocalHint{index, track->content, false, start, start + step.bytes, operation.called, operation.content_object});
  }
  const ContentInfo& info = *track->info;
  if (start < info.offset || start >= info.offset + info.length) return;
  PrefillReadBuffer(operation, static_cast<std::uint32_t>(track->content), start, info.offset + info.length);
  const std::uint64_t block = info.offset + (start - info.offset) / kContentBlockSize * kContentBlockSize;
  const std::uint64_t block_end = std::min<std::uint64_t>(block + kContentBlockSize, info.offset + info.length);
  const std::optional<PeerCopy> holder =
      world_.peers().Holder(static_cast<std::uint32_t>(track->content), block, block_end - block);
  if (holder) operation.peer_latency = holder->latency;
  operation.peers_known = true;
  operation.peer_generation = world_.peers().generation();
}

// Each byte of the read's buffer that the content range covers from the
// read's start gets the complement of the content's byte there, so what the
// read writes past its byte count, or leaves unwritten within it, shows
// (read-bytes-transferred).
void ContentCalls::PrefillReadBuffer(Operation& operation, std::uint32_t content, std::uint64_t start,
                                     std::uint64_t range_end) {
  SlotBuffer& buffer = world_.SlotById(operation.slot)->buffer;
  const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), range_end - start));
  const std::vector<BYTE> expected = ContentBytes(content, start, n);
  for (std::size_t i = 0; i < n; ++i) buffer.data()[i] = PrefillOf(expected[i]);
  operation.prefilled = n;
}

bool ContentCalls::PossiblyLocal(std::uint32_t content, std::uint64_t from, std::uint64_t to, VirtualTime by,
                                 std::size_t index) const {
  for (const LocalHint& hint : local_hints_) {
    if (hint.operation == static_cast<int>(index) || hint.at > by) continue;
    // A read that failed fetched nothing; one not judged yet may have.
    if (hint.operation >= 0 && operations_[static_cast<std::size_t>(hint.operation)].failed) continue;
    if (hint.content >= 0 && static_cast<std::uint32_t>(hint.content) != content) continue;
    if (hint.whole || (hint.from < to && from < hint.to)) return true;
  }
  return false;
}

bool ContentCalls::Published(std::uint32_t content, VirtualTime from, VirtualTime until) const {
  for (const PublishedSpan& span : published_) {
    if (span.content == content && span.from <= until && span.until >= from) return true;
  }
  return false;
}

ReadFacts ContentCalls::FactsOf(const Operation& operation, std::size_t index) const {
  ReadFacts read;
  read.name = "o" + std::to_string(index) + " " + ApiFunctionName(operation.function) + " on " +
              Slot('c', operation.content_slot);
  read.stream = operation.function == ApiFunction::kClientStreamRead;
  read.requested = operation.requested;
  read.timeout = operation.timeout;
  read.called = operation.called;
  read.earlier_pending = operation.earlier_pending;
  const OverlappedSlot* slot = world_.SlotById(operation.slot);
  const ULONG_PTR internal = slot->overlapped.Internal;
  read.done = internal == kStatusPending ? world_.Now() : slot->done_at;
  read.code = static_cast<DWORD>(internal);
  read.transferred = slot->overlapped.InternalHigh;
  read.overlapped_offset = (static_cast<std::uint64_t>(slot->overlapped.OffsetHigh) << 32) | slot->overlapped.Offset;
  auto found = read_tracks_.find(operation.content_object);
  if (found == read_tracks_.end() || found->second.unknown || !found->second.info || found->second.content < 0) {
    return read;
  }
  const ReadTrack& track = found->second;
  const auto content = static_cast<std::uint32_t>(track.content);
  read.known = true;
  read.content = content;
  read.range_start = track.info->offset;
  read.range_end = track.info->offset + track.info->length;
  read.info_before_call = track.info_step >= 0 && track.info_step < operation.call_step;
  read.range_request = track.range_request;
  read.first_stream_read = operation.first_stream_read;
  if (!read.stream) {
    read.start = operation.offset;
  } else if (!track.stream_lost) {
    read.start = track.stream_position;
  }
  read.published = Published(content, read.called, read.done);
  const VirtualTime done = read.done;
  read.possibly_local = [this, content, done, index](std::uint64_t from, std::uint64_t to) {
    return PossiblyLocal(content, from, to, done, index);
  };
  // Data added whole before the call, no flush since that may drop it:
  // the block is in the local cache when the read is called.
  if (read.info_before_call && read.start && *read.start >= read.range_start && *read.start < read.range_end &&
      !FlushMayDrop(track.content)) {
    auto block = static_cast<std::size_t>((*read.start - read.range_start) / kContentBlockSize);
    const auto cached = track.cached.find(block);
    if (cached != track.cached.end() && cached->second < operation.call_step) read.surely_local = Duration{0};
    for (auto run = cached; run != track.cached.end() && run->first == block && run->second < operation.call_step;
         ++run, ++block) {
      read.surely_local_end = std::min<std::uint64_t>(
          read.range_start + (block + 1) * std::uint64_t{kContentBlockSize}, read.range_end);
    }
  }
  if (operation.prefilled > 0 && operation.start_at_call == read.start) {
    const SlotBuffer& buffer = slot->buffer;
    read.expected = ContentBytes(content, *read.start, operation.prefilled);
    read.buffer.assign(buffer.data(), buffer.data() + operation.prefilled);
  }
  if (operation.peers_known && operation.peer_generation == world_.peers().generation() &&
      operation.start_at_call == read.start) {
    read.peer_latency = operation.peer_latency;
    read.no_peer = !operation.peer_latency.has_value();
  }
  return read;
}

void ContentCalls::JudgeReadCompletion(const Operation& operation, std::size_t index) {
  if (operation.slot < 0) return;
  const ReadFacts read = FactsOf(operation, index);
  if (JudgeStreamAdvance(operation, read)) return;
  for (const std::string& finding : JudgeRead(read)) world_.Finding(finding);
  for (const std::string& finding : JudgeReadRange(read)) world_.Finding(finding);
  JudgeFlushed(operation, read);
  JudgeDelivery(operation, read);
}

void ContentCalls::JudgeDelivery(const Operation& operation, const ReadFacts& read) {
  if (!operation.on_open_handles || operation.content_object < 0) return;
  const ObjectSlot& slot = contents_[static_cast<std::size_t>(operation.content_slot)];
  if (slot.id != operation.content_object || !slot.open) return;  // closed since: close-cancels'
  const auto track = read_tracks_.find(operation.content_object);
  if (track == read_tracks_.end() || StatusLeftAvailableSince(track->second.opened_at)) return;
  const std::string finding = JudgeReadDelivers(read);
  if (!finding.empty()) world_.Finding(finding);
}

bool ContentCalls::JudgeStreamAdvance(const Operation& operation, const ReadFacts& read) {
  if (operation.function != ApiFunction::kClientStreamRead || operation.content_object < 0) return false;
  auto found = read_tracks_.find(operation.content_object);
  if (found == read_tracks_.end() || !found->second.before_missing) return false;
  ReadTrack& track = found->second;
  const std::uint64_t before = *track.before_missing;
  track.before_missing.reset();
  // Only a read that says where it started (success, or missing data at its
  // own start) shows the position. One queued behind the missing one is
  // served after it (first in, first out), so it starts past the range too.
  const bool says_start = read.code == ERROR_SUCCESS || read.code == PEERDIST_ERROR_MISSING_DATA ||
                          read.code == ERROR_TIMEOUT;
  // A missing range may be reported from the start of the block the read
  // is in (read-offset): only a start before that block is surely the old one.
  const std::uint64_t range_start = track.info ? track.info->offset : 0;
  const std::uint64_t block =
      range_start + (track.stream_position - range_start) / kContentBlockSize * kContentBlockSize;
  if (track.unknown || !track.info || !says_start || read.overlapped_offset != before || before >= block) {
    return false;
  }
  track.unknown = true;
  world_.Finding(std::string(kStreamAdvanceFinding) + read.name + " completed with " + ErrorName(read.code) +
                 " starting at content offset " + std::to_string(before) +
                 " (its OVERLAPPED Offset/OffsetHigh), where the stream read before it had reported a missing range of " +
                 std::to_string(track.stream_position - before) + " bytes; the stream offset stayed instead of moving to " +
                 std::to_string(track.stream_position));
  return true;
}

void ContentCalls::JudgeFlushed(const Operation& operation, const ReadFacts& read) {
  // Local-cache-only reads, and queries of 0 bytes (they count the local cache).
  const bool local = read.timeout == PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY || read.requested == 0;
  if (!read.known || !read.start || !local || read.code != ERROR_SUCCESS || read.transferred == 0) {
    return;
  }
  const std::uint64_t start = *read.start;
  if (start < read.range_start || start >= read.range_end) return;
  const auto owner = content_tags_.find(operation.content_object);
  if (owner == content_tags_.end()) return;
  // The flush of the handle's session and tag completed successfully last
  // before the read was called.
  const FlushCall* flush = nullptr;
  for (const FlushCall& f : flushes_) {
    const OverlappedSlot* slot = world_.SlotById(f.slot);
    if (f.session != owner->second.first || f.tag != owner->second.second || slot == nullptr) continue;
    if (slot->overlapped.Internal != ERROR_SUCCESS || slot->done_at >= read.called) continue;
    if (flush == nullptr || f.called > flush->called) flush = &f;
  }
  if (flush == nullptr) return;
  // Content published on this machine is the service's own: a flush of what
  // clients added need not drop it.
  if (Published(read.content, flush->called, read.done)) return;
  // Every operation called before the flush was done before it was called:
  // none of them may have added or fetched data after the flush ran.
  for (std::size_t i = 0; i < flush->operation; ++i) {
    const OverlappedSlot* slot = operations_[i].slot >= 0 ? world_.SlotById(operations_[i].slot) : nullptr;
    if (slot != nullptr && (slot->overlapped.Internal == kStatusPending || slot->done_at >= flush->called)) return;
  }
  // The block the read starts in: nothing may have put it back since the
  // flush was called, and nothing but the session's handles of that tag may
  // ever have put it there (the cache is the machine's; what another tag
  // labels stays).
  const std::uint64_t block = read.range_start + (start - read.range_start) / kContentBlockSize * kContentBlockSize;
  const std::uint64_t block_end = std::min<std::uint64_t>(block + kContentBlockSize, read.range_end);
  for (const LocalHint& hint : local_hints_) {
    if (hint.operation >= 0 && &operations_[static_cast<std::size_t>(hint.operation)] == &operation) continue;
    if (hint.content >= 0 && static_cast<std::uint32_t>(hint.content) != read.content) continue;
    if (!hint.whole && !(hint.from < block_end && block < hint.to)) continue;
    const auto source = content_tags_.find(hint.object);
    if (hint.at >= flush->called || source == content_tags_.end() || source->second != owner->second) return;
  }
  world_.Finding(std::string(kFlushFinding) + read.name + " with PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY delivered " +
                 std::to_string(read.transferred) +  " bytes from content offset " + std::to_string(start) +
                 " of content " + std::to_string(read.content) + ", although a PeerDistClientFlushContent of its tag " +
                 std::to_string(static_cast<int>(flush->tag)) + " completed before the call and nothing added or " +
                 "fetched that block since");
}

void ContentCalls::JudgeReadLateness(Operation& operation, std::size_t index) {
  const bool read =
      operation.function == ApiFunction::kClientBlockRead || operation.function == ApiFunction::kClientStreamRead;
  if (!read || operation.judged || operation.late_reported || operation.slot < 0) return;
  if (world_.SlotById(operation.slot)->overlapped.Internal != kStatusPending) return;
  const std::string finding = JudgeReadStillPending(FactsOf(operation, index), world_.Now());
  if (finding.empty()) return;
  operation.late_reported = true;
  world_.Finding(finding);
}

}  // namespace pd
