// The reference implementation, client side: content handles, content
// information added to them, data added or read from the local cache and
// from "peers" (the publications of every session of the World).
#include <algorithm>

#include "impls/reference_impl.h"

namespace pd {
namespace {

std::uintptr_t ValueOf(HANDLE handle) { return reinterpret_cast<std::uintptr_t>(handle); }

}  // namespace

DWORD ReferenceImpl::ReadCode(DWORD started, LPOVERLAPPED overlapped) {
  // The mutant's bug: it waits for the read it was to queue.
  if (started == ERROR_IO_PENDING && Is(Deviation::kReadWaitsInCall) && overlapped != nullptr &&
      overlapped->hEvent != nullptr) {
    host_.WaitForEvent(overlapped->hEvent, INFINITE);
  }
  return started == ERROR_IO_PENDING && Is(Deviation::kReadReturnsSuccess) ? ERROR_SUCCESS : started;
}

bool ReferenceImpl::HasReadPending(PEERDIST_CONTENT_HANDLE hContentHandle) const {
  for (const auto& [id, operation] : operations_) {
    const bool read = operation.kind == OperationKind::kBlockRead || operation.kind == OperationKind::kStreamRead;
    if (read && operation.object == ValueOf(hContentHandle)) return true;
  }
  return false;
}

bool ReferenceImpl::HasContentTagged(std::uintptr_t session, const PEERDIST_CONTENT_TAG& tag) const {
  for (const auto& [handle, object] : objects_) {
    if (object.kind == ObjectKind::kContent && object.session == session &&
        std::equal(object.tag.Data, object.tag.Data + 16, tag.Data)) {
      return true;
    }
  }
  return false;
}

DWORD ReferenceImpl::CloseObject(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE handle, ObjectKind kind) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  ContentObject* object = FindObject(ValueOf(hPeerDist), handle, kind, /*for_close=*/true);
  if (object == nullptr) return Is(Deviation::kDoubleCloseSucceeds) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
  if (object->invalidated && Is(Deviation::kCloseInvalidatedFails)) return PEERDIST_ERROR_INVALIDATED;
  RemoveObject(ValueOf(handle));
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistClientOpenContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                               HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                               PPEERDIST_CONTENT_HANDLE phContentHandle) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pContentTag == nullptr || phContentHandle == nullptr) return ERROR_INVALID_PARAMETER;
  if (hCompletionPort != nullptr && !host_.IsCompletionPort(hCompletionPort) && !Is(Deviation::kPortUnchecked)) {
    return ERROR_INVALID_HANDLE;
  }
  if (const DWORD openable = OpenableNow(); openable != ERROR_SUCCESS) return openable;
  // The mutant's bug: a tag of sixteen zero bytes taken to label nothing.
  if (Is(Deviation::kZeroTagRefused) &&
      std::all_of(pContentTag->Data, pContentTag->Data + 16, [](BYTE b) { return b == 0; })) {
    return ERROR_NOT_FOUND;
  }
  // The mutant's bug: one open content handle per session.
  if (Is(Deviation::kOpenContentLimitOne)) {
    for (const auto& [value, object] : objects_) {
      if (object.kind == ObjectKind::kContent && object.session == ValueOf(hPeerDist) && !object.closed) {
        return ERROR_INVALID_PARAMETER;
      }
    }
  }
  ContentObject content;
  content.kind = ObjectKind::kContent;
  content.session = ValueOf(hPeerDist);
  content.port = hCompletionPort;
  content.key = ulCompletionKey;
  content.tag = *pContentTag;
  *phContentHandle = AddObject(std::move(content));
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistClientCloseContent(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                PEERDIST_CONTENT_HANDLE hContentHandle) {
  // The mutant's bug: a handle still busy with an operation is not closed.
  if (Is(Deviation::kCloseContentRefusesBusy) && FindForContent(hPeerDist) != nullptr) {
    for (const auto& [id, operation] : operations_) {
      if (operation.object == ValueOf(hContentHandle)) return ERROR_INVALID_PARAMETER;
    }
  }
  return CloseObject(hPeerDist, hContentHandle, ObjectKind::kContent);
}

DWORD ReferenceImpl::PeerDistClientAddContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                         PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbNumberOfBytes,
                                                         PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pBuffer == nullptr || (cbNumberOfBytes == 0 && !Is(Deviation::kZeroInfoAccepted))) return ERROR_INVALID_PARAMETER;
  return StartObjectOperation(hPeerDist, hContentHandle, ObjectKind::kContent, OperationKind::kAddInfo, lpOverlapped,
                              pBuffer, cbNumberOfBytes);
}

DWORD ReferenceImpl::PeerDistClientCompleteContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                              PEERDIST_CONTENT_HANDLE hContentHandle,
                                                              LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  return StartObjectOperation(hPeerDist, hContentHandle, ObjectKind::kContent, OperationKind::kCompleteInfo,
                              lpOverlapped, nullptr, 0);
}

DWORD ReferenceImpl::PeerDistClientAddData(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                           DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pBuffer == nullptr || (cbNumberOfBytes == 0 && !Is(Deviation::kZeroSizeAccepted))) return ERROR_INVALID_PARAMETER;
  const DWORD code = StartObjectOperation(hPeerDist, hContentHandle, ObjectKind::kContent, OperationKind::kAddData,
                                          lpOverlapped, pBuffer, cbNumberOfBytes);
  return code == ERROR_IO_PENDING && Is(Deviation::kAddDataReturnsSuccess) ? ERROR_SUCCESS : code;
}

DWORD ReferenceImpl::PeerDistClientBlockRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                             DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                             LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  // "If the cbMaxNumberOfBytesToRead argument is equal to 0, the pBuffer
  // parameter can be NULL."
  if (pBuffer == nullptr && (cbMaxNumberOfBytes != 0 || Is(Deviation::kZeroReadNeedsBuffer))) {
    return ERROR_INVALID_PARAMETER;
  }
  // The mutant's bug: one read at a time.
  if (Is(Deviation::kSecondReadRefused) && HasReadPending(hContentHandle)) return ERROR_NOT_FOUND;
  return ReadCode(StartObjectOperation(hPeerDist, hContentHandle, ObjectKind::kContent, OperationKind::kBlockRead,
                                       lpOverlapped, pBuffer, cbMaxNumberOfBytes, dwTimeoutInMilliseconds),
                  lpOverlapped);
}

DWORD ReferenceImpl::PeerDistClientStreamRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                              DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                              LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pBuffer == nullptr && (cbMaxNumberOfBytes != 0 || Is(Deviation::kZeroReadNeedsBuffer))) {
    return ERROR_INVALID_PARAMETER;
  }
  // The mutant's bug: one read at a time.
  if (Is(Deviation::kSecondReadRefused) && HasReadPending(hContentHandle)) return ERROR_NOT_FOUND;
  return ReadCode(StartObjectOperation(hPeerDist, hContentHandle, ObjectKind::kContent, OperationKind::kStreamRead,
                                       lpOverlapped, pBuffer, cbMaxNumberOfBytes, dwTimeoutInMilliseconds),
                  lpOverlapped);
}

DWORD ReferenceImpl::PeerDistClientFlushContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                                HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                                LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pContentTag == nullptr) return ERROR_INVALID_PARAMETER;
  if (const DWORD check = CheckOverlapped(lpOverlapped); check != ERROR_SUCCESS) return check;
  if (hCompletionPort != nullptr && !host_.IsCompletionPort(hCompletionPort) && !Is(Deviation::kPortUnchecked)) {
    return ERROR_INVALID_HANDLE;
  }
  if (Is(Deviation::kFlushNeedsOpenContent) && !HasContentTagged(ValueOf(hPeerDist), *pContentTag)) {
    return ERROR_INVALID_HANDLE;
  }
  PendingOperation operation;
  operation.kind = OperationKind::kFlush;
  operation.session = ValueOf(hPeerDist);
  operation.overlapped = lpOverlapped;
  operation.port = hCompletionPort;
  operation.key = ulCompletionKey;
  operation.tag = *pContentTag;
  return StartOperation(operation);
}

DWORD ReferenceImpl::PeerDistClientGetInformationByHandle(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                          PEERDIST_CONTENT_HANDLE hContentHandle,
                                                          PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS PeerDistClientInfoClass,
                                                          DWORD dwBufferSize, LPVOID lpInformation) {
  Session* session = FindForContent(hPeerDist);
  if (session == nullptr) return ERROR_INVALID_HANDLE;
  // The mutant's bug: it serves PeerDistClientBasicInfo whatever the class.
  if (lpInformation == nullptr ||
      (PeerDistClientInfoClass != PeerDistClientBasicInfo && !Is(Deviation::kInfoClassIgnored))) {
    return ERROR_INVALID_PARAMETER;
  }
  // A Windows 8 function: the session must have negotiated that version.
  if (!IsWin8(*session)) return PEERDIST_ERROR_VERSION_UNSUPPORTED;
  auto [content, error] = ObjectFor(hPeerDist, hContentHandle, ObjectKind::kContent);
  if (content == nullptr) return error;
  if (dwBufferSize < sizeof(PEERDIST_CLIENT_BASIC_INFO) && !Is(Deviation::kInfoIgnoresBufferSize)) {
    return ERROR_INSUFFICIENT_BUFFER;
  }
  // The simulated network never sees a flash crowd.
  static_cast<PEERDIST_CLIENT_BASIC_INFO*>(lpInformation)->fFlashCrowd = kFalse;
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistClientCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                        PEERDIST_CONTENT_HANDLE hContentHandle,
                                                        LPOVERLAPPED pOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  auto [content, error] = ObjectFor(hPeerDist, hContentHandle, ObjectKind::kContent);
  if (content == nullptr) return error;
  const std::uintptr_t object = ValueOf(hContentHandle);
  // A NULL pOverlapped cancels every operation of the handle.
  // (kCancelFindsReadsOnly: the mutant looks among the handle's reads only.)
  const bool reads_only = Is(Deviation::kCancelFindsReadsOnly);
  auto match = [object, pOverlapped, reads_only](const PendingOperation& op) {
    if (reads_only && op.kind != OperationKind::kBlockRead && op.kind != OperationKind::kStreamRead) return false;
    return op.object == object && (pOverlapped == nullptr || op.overlapped == pOverlapped);
  };
  bool found = false;
  for (const auto& [id, operation] : operations_) found = found || match(operation);
  if (!found && pOverlapped != nullptr) {
    // The mutant's bug: an operation of the handle that completed gets a
    // cancellation result after its own: its event is signalled again.
    if (Is(Deviation::kCancelPostsAfterResult) && content->finished.count(pOverlapped) != 0 &&
        pOverlapped->hEvent != nullptr) {
      host_.SetEvent(pOverlapped->hEvent);
    }
    return Is(Deviation::kCancelUnknownSucceeds) ? ERROR_SUCCESS : PEERDIST_ERROR_OPERATION_NOTFOUND;
  }
  // "will not return until the cancellation result is posted".
  if (!Is(Deviation::kCancelLeavesPending)) CancelOperations(match);
  SetCancelledLastError();
  return ERROR_SUCCESS;
}

}  // namespace pd
