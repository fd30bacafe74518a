// The reference implementation's content objects and asynchronous
// operations: the handle table, operations completing at drawn virtual
// times, their completion through the OVERLAPPED, its event and the port,
// and the invalidation of every handle when the status moves to DISABLED or
// UNAVAILABLE.
#include <algorithm>
#include <vector>

#include "impls/reference_impl.h"

namespace pd {
namespace {

constexpr std::uintptr_t kObjectStride = 0x10;
// Bound on operations in flight: a scenario cannot start more, but an
// implementation must not grow without end either.
constexpr std::size_t kMaxOperations = 1024;

// How long operations take (drawn between the bounds): a read may have to
// reach peers, so it takes longer.
constexpr Duration kShortOperationMin = 1 * kMillisecond;
constexpr Duration kShortOperationMax = 30 * kMillisecond;
constexpr Duration kReadMin = 2 * kMillisecond;
constexpr Duration kReadMax = 80 * kMillisecond;
// PEERDIST_READ_TIMEOUT_DEFAULT: "the default timeout of 5 seconds".
constexpr Duration kDefaultReadTimeout = 5 * kSecond;
// What Perform returns for an operation it deferred (Defer) instead of completing.
constexpr DWORD kDeferred = static_cast<DWORD>(kStatusPending);

std::uintptr_t ValueOf(HANDLE handle) { return reinterpret_cast<std::uintptr_t>(handle); }

// The start offset of a read or AddData: OVERLAPPED.Offset/OffsetHigh.
std::uint64_t OffsetOf(LPOVERLAPPED overlapped) {
  if (overlapped == nullptr) return 0;
  return (static_cast<std::uint64_t>(overlapped->OffsetHigh) << 32) | overlapped->Offset;
}

bool Invalidating(PEERDIST_STATUS status) {
  return status == PEERDIST_STATUS_DISABLED || status == PEERDIST_STATUS_UNAVAILABLE;
}

}  // namespace

ContentObject* ReferenceImpl::FindObject(std::uintptr_t session, HANDLE handle, ObjectKind kind, bool for_close) {
  auto it = objects_.find(reinterpret_cast<std::uintptr_t>(handle));
  if (it == objects_.end() || it->second.kind != kind || it->second.session != session) return nullptr;
  if (it->second.closed && for_close) return nullptr;
  return &it->second;
}

HANDLE ReferenceImpl::AddObject(ContentObject object) {
  const std::uintptr_t value = next_object_;
  next_object_ += kObjectStride;
  objects_.emplace(value, std::move(object));
  return reinterpret_cast<HANDLE>(value);
}

DWORD ReferenceImpl::OpenableNow() const {
  switch (host_.ServiceStatus()) {
    case PEERDIST_STATUS_AVAILABLE: return ERROR_SUCCESS;
    case PEERDIST_STATUS_UNAVAILABLE:
      return Is(Deviation::kPolicyRowWhileUnavailable) ? ERROR_ACCESS_DISABLED_BY_POLICY
                                                       : PEERDIST_ERROR_SERVICE_UNAVAILABLE;
    case PEERDIST_STATUS_DISABLED: break;
  }
  // The row of the cause (AMBIGUITIES.md, "Not classified: which row a
  // DISABLED service answers"); a cause the host does not name keeps the
  // policy row, as before causes existed, so every trace written then
  // replays unchanged.
  if (Is(Deviation::kUnavailableRowUnderPolicy)) return PEERDIST_ERROR_SERVICE_UNAVAILABLE;
  const bool stopped = host_.DisabledCause() == ServiceCause::kStopped && !Is(Deviation::kPolicyRowWhileStopped);
  return stopped ? PEERDIST_ERROR_SERVICE_UNAVAILABLE : ERROR_ACCESS_DISABLED_BY_POLICY;
}

void ReferenceImpl::RemoveObject(std::uintptr_t handle) {
  // Closing a handle cancels its pending operations (documented for
  // PeerDistServerCloseContentInformation and PeerDistClientCloseContent;
  // the reference does it for all).
  auto on_handle = [handle](const PendingOperation& op) { return op.object == handle; };
  const bool content = objects_.count(handle) != 0 && objects_.at(handle).kind == ObjectKind::kContent;
  const bool leave = Is(Deviation::kCloseLeavesPending) && content;  // they run on
  if (Is(Deviation::kCloseForgetsOperations) && objects_.count(handle) != 0 && !content) {
    ForgetOperations(on_handle);
  } else if (!leave) {
    AbortOperations(on_handle, ERROR_OPERATION_ABORTED);
  }
  if (Is(Deviation::kAcceptClosedObjectHandle)) {
    auto it = objects_.find(handle);
    if (it != objects_.end()) it->second.closed = true;
    return;
  }
  objects_.erase(handle);
}

// The mutant's bug: a write to a complete publication reads as cancelled.
DWORD ReferenceImpl::AlreadyCompleted() const {
  return Is(Deviation::kCompletedWriteAborted) ? ERROR_OPERATION_ABORTED : PEERDIST_ERROR_ALREADY_COMPLETED;
}

DWORD ReferenceImpl::CheckOverlapped(LPOVERLAPPED overlapped) const {
  if (overlapped == nullptr && !Is(Deviation::kAcceptNullOverlapped)) return ERROR_INVALID_PARAMETER;
  if (operations_.size() >= kMaxOperations) return ERROR_INVALID_PARAMETER;
  for (const auto& [id, operation] : operations_) {
    // One OVERLAPPED serves one operation at a time.
    if (overlapped != nullptr && operation.overlapped == overlapped) return ERROR_INVALID_PARAMETER;
  }
  return ERROR_SUCCESS;
}

std::pair<ContentObject*, DWORD> ReferenceImpl::ObjectFor(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE handle,
                                                          ObjectKind kind) {
  ContentObject* object = FindObject(ValueOf(hPeerDist), handle, kind);
  if (object == nullptr) {
    const bool as_parameter = Is(Deviation::kGoneContentHandleParameter) && kind == ObjectKind::kContent;
    return {nullptr, as_parameter ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE};
  }
  if (object->invalidated) return {nullptr, PEERDIST_ERROR_INVALIDATED};
  return {object, ERROR_SUCCESS};
}

DWORD ReferenceImpl::StartObjectOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE handle, ObjectKind object_kind,
                                          OperationKind kind, LPOVERLAPPED overlapped, PBYTE buffer, DWORD size,
                                          DWORD timeout_ms) {
  if (const DWORD check = CheckOverlapped(overlapped); check != ERROR_SUCCESS) return check;
  auto [object, error] = ObjectFor(hPeerDist, handle, object_kind);
  if (object == nullptr) return error;
  PendingOperation operation;
  operation.kind = kind;
  operation.session = ValueOf(hPeerDist);
  operation.object = ValueOf(handle);
  operation.overlapped = overlapped;
  operation.port = object->port;
  operation.key = object_kind != ObjectKind::kContent && Is(Deviation::kServerPacketKeyZero) ? 0 : object->key;
  operation.buffer = buffer;
  operation.size = size;
  operation.offset = OffsetOf(overlapped);
  // The mutants' bug: OffsetHigh dropped, the start taken modulo 2^32.
  if ((kind == OperationKind::kBlockRead && Is(Deviation::kOffsetHighIgnored)) ||
      (kind == OperationKind::kAddData && Is(Deviation::kAddDataOffsetHighIgnored))) {
    operation.offset &= 0xFFFFFFFFu;
  }
  operation.timeout_ms = timeout_ms;
  return StartOperation(operation);
}

DWORD ReferenceImpl::StartOperation(PendingOperation operation) {
  const bool read = operation.kind == OperationKind::kBlockRead || operation.kind == OperationKind::kStreamRead;
  operation.id = next_operation_++;
  if (operation.overlapped != nullptr) {
    operation.overlapped->Internal = kStatusPending;
    operation.overlapped->InternalHigh = 0;
  }
  const std::uint64_t id = operation.id;
  Duration delay = read ? host_.DrawDelay(kReadMin, kReadMax) : host_.DrawDelay(kShortOperationMin, kShortOperationMax);
  auto object = objects_.find(operation.object);
  if (object != objects_.end()) {
    const VirtualTime now = host_.Now();
    if (object->second.busy_until >= now + delay) delay = object->second.busy_until - now + 1;
    object->second.busy_until = now + delay;
  }
  operation.started = host_.Now();
  operation.timer = host_.ScheduleAfter(delay, [this, id] { FinishOperation(id); });
  operations_.emplace(id, operation);
  return ERROR_IO_PENDING;
}

void ReferenceImpl::Defer(PendingOperation operation, VirtualTime at) {
  const VirtualTime now = host_.Now();
  if (at < now) at = now;
  const std::uint64_t id = operation.id;
  auto object = objects_.find(operation.object);
  // The handle's later operations wait for this one (first in, first out).
  if (object != objects_.end() && object->second.busy_until < at) object->second.busy_until = at;
  operation.timer = host_.ScheduleAfter(at - now, [this, id] { FinishOperation(id); });
  operations_.emplace(id, std::move(operation));
}

void ReferenceImpl::FinishOperation(std::uint64_t id) {
  auto it = operations_.find(id);
  if (it == operations_.end()) return;
  PendingOperation operation = it->second;
  operations_.erase(it);
  // An earlier operation of the handle still pending waits for the peers:
  // this one completes after it.
  for (const auto& [earlier, pending] : operations_) {
    if (earlier >= id || operation.object == 0 || pending.object != operation.object) continue;
    auto object = objects_.find(operation.object);
    const VirtualTime after = object != objects_.end() ? object->second.busy_until + 1 : host_.Now();
    return Defer(std::move(operation), after);
  }
  const auto [error, bytes] = Perform(operation);
  if (error == kDeferred) return;
  CompleteOperation(operation, error, bytes);
  // The mutant's bug: a completed stream is closed with it.
  if (operation.kind == OperationKind::kCompleteStream && error == ERROR_SUCCESS &&
      Is(Deviation::kCompleteClosesStream)) {
    objects_.erase(operation.object);
  }
}

void ReferenceImpl::CompleteOperation(const PendingOperation& operation, DWORD error, DWORD bytes) {
  if (Is(Deviation::kCancelPostsAfterResult) && operation.overlapped != nullptr) {
    auto object = objects_.find(operation.object);
    if (object != objects_.end()) object->second.finished.insert(operation.overlapped);
  }
  if (operation.overlapped != nullptr) {
    operation.overlapped->Internal = error;
    operation.overlapped->InternalHigh = bytes;
    if (Is(Deviation::kResultBytesOffByOne) && operation.kind == OperationKind::kAddData) {
      off_by_one_.insert(operation.overlapped);
    }
  }
  const bool server = operation.kind == OperationKind::kAddToStream || operation.kind == OperationKind::kRetrieveInfo;
  const bool content = operation.kind != OperationKind::kFlush && operation.kind != OperationKind::kAddToStream &&
                       operation.kind != OperationKind::kCompleteStream &&
                       operation.kind != OperationKind::kRetrieveInfo;
  HANDLE event = operation.overlapped != nullptr ? operation.overlapped->hEvent : nullptr;
  // The mutant's bug: of the other operations, only the aborted ones signal their event.
  const bool skip_event = !content && error != ERROR_OPERATION_ABORTED && Is(Deviation::kObjectSkipsEvent);
  if (event != nullptr && !skip_event) host_.SetEvent(event);
  if (operation.port == nullptr) return;
  const bool flush = operation.kind == OperationKind::kFlush;
  const ULONG_PTR key = (content && Is(Deviation::kContentKeyZero)) || (flush && Is(Deviation::kFlushPacketKeyZero))
                            ? 0
                            : operation.key;
  const bool read = operation.kind == OperationKind::kBlockRead || operation.kind == OperationKind::kStreamRead;
  const DWORD posted = (server && Is(Deviation::kServerPacketBytesZero)) || (read && Is(Deviation::kReadPacketBytesZero))
                           ? 0
                           : bytes;
  host_.PostQueuedCompletionStatus(operation.port, posted, key, operation.overlapped);
  // The mutant's bug: the copy it keeps of the caller's OVERLAPPED goes to the port too.
  if (Is(Deviation::kStrayPacket) && content && operation.overlapped != nullptr) {
    stray_overlapped_ = *operation.overlapped;
    host_.PostQueuedCompletionStatus(operation.port, posted, key, &stray_overlapped_);
  }
}

std::vector<PendingOperation> ReferenceImpl::MatchingOperations(
    const std::function<bool(const PendingOperation&)>& match) const {
  // Collected first: completing one may not disturb the walk.
  std::vector<PendingOperation> matched;
  for (const auto& [id, operation] : operations_) {
    if (match(operation)) matched.push_back(operation);
  }
  return matched;
}

void ReferenceImpl::Withdraw(const PendingOperation& operation) {
  operations_.erase(operation.id);
  host_.CancelScheduled(operation.timer);
}

int ReferenceImpl::AbortOperations(const std::function<bool(const PendingOperation&)>& match, DWORD error) {
  const std::vector<PendingOperation> matched = MatchingOperations(match);
  for (const PendingOperation& operation : matched) {
    Withdraw(operation);
    CompleteOperation(operation, error, 0);
  }
  return static_cast<int>(matched.size());
}

void ReferenceImpl::CancelOperations(const std::function<bool(const PendingOperation&)>& match) {
  if (!Is(Deviation::kCancelDefersNotice)) {
    AbortOperations(match, ERROR_OPERATION_ABORTED);
    return;
  }
  // The mutant's bug: the OVERLAPPED says aborted before the cancel returns,
  // but its event and its packet come a millisecond later.
  for (const PendingOperation& operation : MatchingOperations(match)) {
    Withdraw(operation);
    if (operation.overlapped != nullptr) operation.overlapped->Internal = ERROR_OPERATION_ABORTED;
    host_.ScheduleAfter(kMillisecond, [this, operation] { CompleteOperation(operation, ERROR_OPERATION_ABORTED, 0); });
  }
}

void ReferenceImpl::ForgetOperations(const std::function<bool(const PendingOperation&)>& match) {
  for (auto it = operations_.begin(); it != operations_.end();) {
    if (!match(it->second)) {
      ++it;
      continue;
    }
    host_.CancelScheduled(it->second.timer);
    it = operations_.erase(it);
  }
}

void ReferenceImpl::InvalidateObjects(PEERDIST_STATUS before, PEERDIST_STATUS now) {
  if (now == PEERDIST_STATUS_AVAILABLE && Is(Deviation::kRevalidateOnReturn)) {
    for (auto& [handle, object] : objects_) object.invalidated = false;
    return;
  }
  if (!Invalidating(now) || before == now) return;
  if (now == PEERDIST_STATUS_UNAVAILABLE && Is(Deviation::kUnavailableKeepsHandles)) return;
  for (auto& [handle, object] : objects_) {
    if (object.kind == ObjectKind::kStream && Is(Deviation::kStreamNeverInvalidated)) continue;
    object.invalidated = true;
  }
  // Operations in flight on an invalidated handle fail with it (the
  // interpretation the reference follows; see AMBIGUITIES.md,
  // in-flight-at-invalidation).
  AbortOperations(
      [this](const PendingOperation& op) {
        auto it = objects_.find(op.object);
        if (it == objects_.end() || !it->second.invalidated) return false;
        if (Is(Deviation::kInFlightReadSucceeds) &&
            (op.kind == OperationKind::kBlockRead || op.kind == OperationKind::kStreamRead)) {
          return false;
        }
        return true;
      },
      PEERDIST_ERROR_INVALIDATED);
}

std::pair<DWORD, DWORD> ReferenceImpl::Perform(PendingOperation& operation) {
  if (operation.kind == OperationKind::kFlush) {
    if (Is(Deviation::kFlushKeepsData)) return {ERROR_SUCCESS, 0};
    for (auto& [handle, object] : objects_) {
      if (object.kind != ObjectKind::kContent || object.session != operation.session) continue;
      if (!std::equal(object.tag.Data, object.tag.Data + 16, operation.tag.Data)) continue;
      object.valid_blocks.clear();
      object.raw_data.clear();
    }
    return {ERROR_SUCCESS, 0};
  }
  auto it = objects_.find(operation.object);
  if (it == objects_.end()) {
    // The mutant's bug: an operation its close left running fails later, on
    // a handle that is gone, instead of being cancelled by the close.
    if (Is(Deviation::kCloseLeavesPending)) return {ERROR_INVALID_HANDLE, 0};
    return {ERROR_OPERATION_ABORTED, 0};
  }
  ContentObject& object = it->second;
  const bool read = operation.kind == OperationKind::kBlockRead || operation.kind == OperationKind::kStreamRead;
  if (object.invalidated) {
    // The mutant's bug: a read that was in flight reports success anyway.
    if (read && Is(Deviation::kInFlightReadSucceeds)) return {ERROR_SUCCESS, 0};
    return {PEERDIST_ERROR_INVALIDATED, 0};
  }
  switch (operation.kind) {
    case OperationKind::kAddToStream: {
      auto publication = publications_.find(object.identifier);
      if (publication == publications_.end()) return {ERROR_NOT_FOUND, 0};
      Publication& target = publication->second;
      if (target.complete) return {AlreadyCompleted(), 0};
      const std::uint64_t room = kMaxContentLength - std::min<std::uint64_t>(kMaxContentLength, target.data.size());
      if (operation.size > room ||
          (target.declared_length != 0 && target.data.size() + operation.size > target.declared_length)) {
        return {PEERDIST_ERROR_OUT_OF_BOUNDS, 0};
      }
      // The mutant's bug: the declared length is taken as an exclusive bound.
      if (Is(Deviation::kDeclaredLengthExclusive) && target.declared_length != 0 &&
          target.data.size() + operation.size == target.declared_length) {
        return {PEERDIST_ERROR_OUT_OF_BOUNDS, 0};
      }
      const std::size_t start = target.data.size();
      target.data.insert(target.data.end(), operation.buffer, operation.buffer + operation.size);
      // The mutant's bug: the first byte of each add is lost.
      if (Is(Deviation::kAddZeroesFirstByte) && operation.size > 0) target.data[start] = 0;
      return {ERROR_SUCCESS, operation.size};
    }
    case OperationKind::kCompleteStream: {
      auto publication = publications_.find(object.identifier);
      if (publication == publications_.end()) return {ERROR_NOT_FOUND, 0};
      Publication& target = publication->second;
      if (target.complete) return {AlreadyCompleted(), 0};
      // A declared length must match what was added.
      if (target.declared_length != 0 && target.data.size() != target.declared_length) {
        return {ERROR_INVALID_PARAMETER, 0};
      }
      target.complete = true;
      return {ERROR_SUCCESS, 0};
    }
    case OperationKind::kRetrieveInfo: {
      const std::size_t left = object.info_blob.size() - std::min(object.info_read, object.info_blob.size());
      // The mutant's bug: the end is a success of 0 bytes (at its offset).
      if (left == 0 && !Is(Deviation::kRetrieveEndSucceeds)) return {PEERDIST_ERROR_NO_MORE, 0};
      const std::size_t n = std::min<std::size_t>(left, operation.size);
      std::copy_n(object.info_blob.begin() + static_cast<std::ptrdiff_t>(object.info_read), n, operation.buffer);
      // Where the bytes sit in the information (SRETRIEVEINFO-15/16).
      if (operation.overlapped != nullptr && !Is(Deviation::kRetrieveOffsetUnwritten)) {
        operation.overlapped->Offset = static_cast<DWORD>(object.info_read);
        operation.overlapped->OffsetHigh = static_cast<DWORD>(static_cast<std::uint64_t>(object.info_read) >> 32);
      }
      object.info_read += n;
      return {ERROR_SUCCESS, static_cast<DWORD>(n)};
    }
    case OperationKind::kAddInfo:
      if (object.info || object.info_failed) return {PEERDIST_ERROR_ALREADY_COMPLETED, 0};
      if (object.added_info.size() + operation.size > kMaxContentInfoSize) {
        return {PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO, 0};
      }
      // The mutant's bug: only the latest portion is kept.
      if (Is(Deviation::kInfoPortionReplaces)) object.added_info.clear();
      object.added_info.insert(object.added_info.end(), operation.buffer, operation.buffer + operation.size);
      return {ERROR_SUCCESS, operation.size};
    case OperationKind::kCompleteInfo: {
      if (object.info || object.info_failed) return {PEERDIST_ERROR_ALREADY_COMPLETED, 0};
      object.info = DecodeContentInfo(object.added_info.data(), object.added_info.size());
      // The mutant's bug: only information from offset 0 (a whole content's) parses.
      if (object.info && object.info->offset != 0 && Is(Deviation::kRangedInfoRefused)) object.info.reset();
      if (!object.info) {
        object.info_failed = true;
        return {PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO, 0};
      }
      object.stream_position = object.info->offset;
      ValidateRawData(object);
      return {ERROR_SUCCESS, 0};
    }
    case OperationKind::kAddData:
      // Beyond the end of any content there can be. The information's range
      // does not bound the data: the read pages allow data for the entire
      // content when only a range's information was added, and the
      // information of a whole content looks like that of a range from 0.
      // (The mutant's bug: its range is taken as the content.)
      if (operation.offset >= kMaxContentLength ||
          (object.info && operation.offset >= object.info->offset + object.info->length &&
           Is(Deviation::kAddDataRangeBound))) {
        return {PEERDIST_ERROR_OUT_OF_BOUNDS, 0};
      }
      if (operation.offset < kMaxContentLength && operation.size <= kMaxContentLength) {
        object.raw_data[operation.offset] = std::vector<BYTE>(operation.buffer, operation.buffer + operation.size);
        ValidateRawData(object);
      }
      return {ERROR_SUCCESS, operation.size};
    case OperationKind::kBlockRead: {
      const auto result = PerformRead(operation, object, operation.offset);
      // The mutant's bug: its missing range begins a byte after the read's start.
      const bool missing = result.first == PEERDIST_ERROR_MISSING_DATA || result.first == ERROR_TIMEOUT;
      if (missing && result.second > 1 && operation.overlapped != nullptr && Is(Deviation::kMissingRangeOneLate)) {
        const std::uint64_t late = operation.offset + 1;
        operation.overlapped->Offset = static_cast<DWORD>(late);
        operation.overlapped->OffsetHigh = static_cast<DWORD>(late >> 32);
        return {result.first, result.second - 1};
      }
      return result;
    }
    case OperationKind::kStreamRead: {
      if (!object.info) return {PEERDIST_ERROR_NO_MORE, 0};
      // The mutant's bug: an OVERLAPPED offset the caller left there wins over the stream position.
      const bool at_offset = operation.offset != 0 && Is(Deviation::kStreamReadAtOffset);
      const auto result = PerformRead(operation, object, at_offset ? operation.offset : object.stream_position);
      // Advanced by the bytes read, and past a missing range by its length
      // (the mutant's bug: it stays before the range).
      const bool missing = result.first == PEERDIST_ERROR_MISSING_DATA || result.first == ERROR_TIMEOUT;
      if (result.first == ERROR_SUCCESS || (missing && !Is(Deviation::kStreamMissingStays))) {
        object.stream_position += result.second;
      }
      return result;
    }
    case OperationKind::kFlush:
      break;
  }
  return {ERROR_SUCCESS, 0};
}

DWORD ReferenceImpl::MissingLength(const ContentInfo& info, std::uint64_t offset) const {
  const std::uint64_t end = info.offset + info.length;
  // The mutant's bug: it counts ullContentOffset bytes too many (none for a range from 0).
  if (Is(Deviation::kMissingPastRangeEnd)) return static_cast<DWORD>(end + info.offset - offset);
  return static_cast<DWORD>(end - offset);
}

std::uint64_t ReferenceImpl::LocalRun(const ContentObject& content, std::uint64_t offset) const {
  if (!content.info) return 0;
  const ContentInfo& info = *content.info;
  std::uint64_t run = 0;
  std::uint64_t at = offset;
  while (at < info.offset + info.length) {
    const std::size_t block = static_cast<std::size_t>((at - info.offset) / kContentBlockSize);
    if (content.valid_blocks.count(block) == 0) break;
    const std::uint64_t block_end = info.offset + block * std::uint64_t{kContentBlockSize} + BlockLength(info, block);
    run += block_end - at;
    at = block_end;
  }
  return run;
}

bool ReferenceImpl::FetchFromPeers(ContentObject& content, std::size_t block) {
  const ContentInfo& info = *content.info;
  const std::uint64_t start = info.offset + block * std::uint64_t{kContentBlockSize};
  const std::uint64_t length = BlockLength(info, block);
  for (const auto& [identifier, publication] : publications_) {
    if (!publication.complete || publication.data.size() < start + length) continue;
    const BYTE* data = publication.data.data() + start;
    if (!BlockMatches(info, block, data, static_cast<std::size_t>(length))) continue;
    content.valid_blocks[block] = std::vector<BYTE>(data, data + length);
    return true;
  }
  return false;
}

std::pair<DWORD, DWORD> ReferenceImpl::ReadFromPeers(PendingOperation& operation, const ContentInfo& info,
                                                     std::size_t block, std::uint64_t offset) {
  const std::uint64_t start = info.offset + block * std::uint64_t{kContentBlockSize};
  const DWORD length = static_cast<DWORD>(BlockLength(info, block));
  std::vector<BYTE> bytes(length);
  const std::optional<Duration> latency = host_.FetchFromPeers(start, length, info.block_hashes[block], bytes.data());
  if (!latency) {
    const DWORD missing = Is(Deviation::kMissingReportsTimeout) ? ERROR_TIMEOUT : PEERDIST_ERROR_MISSING_DATA;
    return {missing, MissingLength(info, offset)};
  }
  Duration timeout = operation.timeout_ms;
  if (operation.timeout_ms == PEERDIST_READ_TIMEOUT_DEFAULT) {
    timeout = Is(Deviation::kDefaultTimeoutUnbounded) ? kVirtualTimeLimit / 2 : kDefaultReadTimeout;
  } else {
    timeout = Is(Deviation::kReadTimeoutIgnored) ? kDefaultReadTimeout : timeout * kMillisecond;
  }
  const VirtualTime arrival = host_.Now() + *latency;
  const VirtualTime deadline = operation.started + timeout;
  if (arrival <= deadline) {
    operation.peer_block = block;
    operation.peer_bytes = std::move(bytes);
    Defer(operation, arrival);
  } else {
    operation.timed_out = true;
    Defer(operation, deadline);
  }
  return {kDeferred, 0};
}

void ReferenceImpl::ValidateRawData(ContentObject& content) {
  if (!content.info) return;
  const ContentInfo& info = *content.info;
  for (std::size_t block = 0; block < info.block_hashes.size(); ++block) {
    if (content.valid_blocks.count(block) != 0) continue;
    const std::uint64_t start = info.offset + block * std::uint64_t{kContentBlockSize};
    const std::uint64_t length = BlockLength(info, block);
    // Data added in one piece that covers the whole block.
    for (const auto& [offset, bytes] : content.raw_data) {
      if (offset > start || offset + bytes.size() < start + length) continue;
      const BYTE* data = bytes.data() + (start - offset);
      if (BlockMatches(info, block, data, static_cast<std::size_t>(length))) {
        content.valid_blocks[block] = std::vector<BYTE>(data, data + length);
        break;
      }
    }
  }
}

std::pair<DWORD, DWORD> ReferenceImpl::PerformRead(PendingOperation& operation, ContentObject& content,
                                                   std::uint64_t offset) {
  if (!content.info) return {PEERDIST_ERROR_NO_MORE, 0};
  const ContentInfo& info = *content.info;
  const std::uint64_t end = info.offset + info.length;
  const bool stream = operation.kind == OperationKind::kStreamRead;
  if (operation.overlapped != nullptr && !(stream && Is(Deviation::kStreamOffsetUnwritten))) {
    operation.overlapped->Offset = static_cast<DWORD>(offset);
    operation.overlapped->OffsetHigh = static_cast<DWORD>(offset >> 32);
  }
  // The mutant's bug: a block read at the very end of the range reads nothing, successfully.
  if (!stream && offset == end && Is(Deviation::kRangeEndReadSucceeds)) return {ERROR_SUCCESS, 0};
  if (offset < info.offset || offset >= end || (Is(Deviation::kRangeEndFromLength) && offset >= info.length)) {
    if (Is(Deviation::kEndReportsMissing) && operation.size > 0) return {PEERDIST_ERROR_MISSING_DATA, 1};
    return {PEERDIST_ERROR_NO_MORE, 0};
  }
  // cbMaxNumberOfBytes 0: how many consecutive bytes the local cache holds.
  if (operation.size == 0) {
    std::uint64_t run = LocalRun(content, offset);
    // The mutant's bug: it stops counting at the end of the first block.
    if (Is(Deviation::kQueryCountsOneBlock)) {
      const std::uint64_t block_end =
          info.offset + ((offset - info.offset) / kContentBlockSize + 1) * std::uint64_t{kContentBlockSize};
      run = std::min<std::uint64_t>(run, block_end - offset);
    }
    return {ERROR_SUCCESS, static_cast<DWORD>(run)};
  }
  const std::size_t block = static_cast<std::size_t>((offset - info.offset) / kContentBlockSize);
  // Resuming after the peers: their block arrived, or the timeout did.
  if (operation.timed_out) return {ERROR_TIMEOUT, MissingLength(info, offset)};
  // The mutant's bug: a block the cache held before this read is "read" as nothing.
  if (Is(Deviation::kCachedReadEmpty) && operation.peer_bytes.empty() && content.valid_blocks.count(block) != 0 &&
      operation.timeout_ms != PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY) {
    return {ERROR_SUCCESS, 0};
  }
  if (!operation.peer_bytes.empty()) {
    if (operation.peer_block == block && content.valid_blocks.count(block) == 0) {
      content.valid_blocks[block] = std::move(operation.peer_bytes);
    }
    operation.peer_bytes.clear();
  }
  if (content.valid_blocks.count(block) == 0) {
    const bool local_only = operation.timeout_ms == PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY;
    if (local_only) {
      // The mutant's bug: it takes the block from a peer (at once).
      const DWORD length = static_cast<DWORD>(BlockLength(info, block));
      std::vector<BYTE> bytes(length);
      const std::uint64_t start = info.offset + block * std::uint64_t{kContentBlockSize};
      if (!Is(Deviation::kLocalOnlyAsksPeers) ||
          !host_.FetchFromPeers(start, length, info.block_hashes[block], bytes.data())) {
        // The missing range runs to the end of the described range.
        return {PEERDIST_ERROR_MISSING_DATA, MissingLength(info, offset)};
      }
      content.valid_blocks[block] = std::move(bytes);
    } else if (!FetchFromPeers(content, block)) {
      return ReadFromPeers(operation, info, block, offset);
    }
  }
  // Completes as soon as some data is there: up to the end of the local run.
  const std::uint64_t available = LocalRun(content, offset);
  // The mutant's bug: with part of the buffer unfilled it waits half its
  // timeout for the rest (and then completes with what it has).
  if (Is(Deviation::kReadWaitsToFill) && available < operation.size && !operation.waited_to_fill &&
      operation.timeout_ms != PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY) {
    const Duration span = operation.timeout_ms == PEERDIST_READ_TIMEOUT_DEFAULT
                              ? kDefaultReadTimeout
                              : Duration{operation.timeout_ms} * kMillisecond;
    operation.waited_to_fill = true;
    Defer(operation, operation.started + span / 2);
    return {kDeferred, 0};
  }
  const std::uint64_t n = std::min<std::uint64_t>(available, operation.size);
  for (std::uint64_t i = 0; i < n; ++i) {
    // The mutant copies from one byte further on (the last byte again at the
    // end of the run, so it never reads past the data it has).
    const std::uint64_t at = Is(Deviation::kReadOffByOne) ? offset + std::min(i + 1, n - 1) : offset + i;
    const std::size_t b = static_cast<std::size_t>((at - info.offset) / kContentBlockSize);
    operation.buffer[i] = content.valid_blocks[b][static_cast<std::size_t>((at - info.offset) % kContentBlockSize)];
  }
  // The mutant's bug: it counts one byte fewer than it delivered.
  if (!stream && n > 1 && Is(Deviation::kBlockReadCountsOneShort)) return {ERROR_SUCCESS, static_cast<DWORD>(n - 1)};
  return {ERROR_SUCCESS, static_cast<DWORD>(n)};
}

}  // namespace pd
