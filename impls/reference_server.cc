// The reference implementation, server side: publishing a stream of data
// under a content identifier, and handing out content information for it.
#include <algorithm>
#include <string>

#include "impls/reference_impl.h"

namespace pd {
namespace {

// Bounds on the identifiers and sizes a caller may pass.
constexpr DWORD kMaxIdentifierSize = 256;

std::uintptr_t ValueOf(HANDLE handle) { return reinterpret_cast<std::uintptr_t>(handle); }

}  // namespace

// The success code of a started server operation (the mutant's bug: the
// synchronous code instead of the pages' ERROR_IO_PENDING).
DWORD ReferenceImpl::AsyncSuccess(DWORD code) const {
  return code == ERROR_IO_PENDING && Is(Deviation::kServerAsyncReturnsSuccess) ? ERROR_SUCCESS : code;
}

bool ReferenceImpl::IdentifierValid(DWORD size, const BYTE* identifier) const {
  if (identifier == nullptr || size > kMaxIdentifierSize) return false;
  return size != 0 || Is(Deviation::kEmptyIdentifierAccepted);
}

DWORD ReferenceImpl::PeerDistServerPublishStream(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                                 PBYTE pContentIdentifier, ULONGLONG cbContentLength,
                                                 PCPEERDIST_PUBLICATION_OPTIONS pPublishOptions,
                                                 HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                                 PPEERDIST_STREAM_HANDLE phStream) {
  Session* session = FindForContent(hPeerDist);
  if (session == nullptr) return ERROR_INVALID_HANDLE;
  if (phStream == nullptr || !IdentifierValid(cbContentIdentifier, pContentIdentifier) ||
      cbContentLength > kMaxContentLength) {
    return ERROR_INVALID_PARAMETER;
  }
  // The mutant's bug: any version is taken.
  if (pPublishOptions != nullptr && pPublishOptions->dwVersion != PEERDIST_PUBLICATION_OPTIONS_VERSION_1 &&
      pPublishOptions->dwVersion != PEERDIST_PUBLICATION_OPTIONS_VERSION_2 &&
      !Is(Deviation::kPublishAcceptsAnyVersion)) {
    return ERROR_INVALID_PARAMETER;
  }
  if (hCompletionPort != nullptr && !host_.IsCompletionPort(hCompletionPort) && !Is(Deviation::kPortUnchecked)) {
    return ERROR_INVALID_HANDLE;
  }
  if (const DWORD openable = OpenableNow(); openable != ERROR_SUCCESS) return openable;
  const std::string identifier(reinterpret_cast<const char*>(pContentIdentifier), cbContentIdentifier);
  if (publications_.count(identifier) != 0 && !Is(Deviation::kPublishReplaces)) return PEERDIST_ERROR_ALREADY_EXISTS;
  // The mutant's bug: identifiers compared over the shorter one's bytes, so
  // "pd-content-10" is taken for the published "pd-content-1".
  if (Is(Deviation::kIdentifierPrefixMatch)) {
    for (const auto& [published, publication] : publications_) {
      const std::size_t n = std::min(published.size(), identifier.size());
      if (published.compare(0, n, identifier, 0, n) == 0) return PEERDIST_ERROR_ALREADY_EXISTS;
    }
  }
  // The mutant's bug: version 2 options refused (where the publish would succeed).
  if (pPublishOptions != nullptr && pPublishOptions->dwVersion == PEERDIST_PUBLICATION_OPTIONS_VERSION_2 &&
      Is(Deviation::kPublishRefusesVersion2)) {
    return ERROR_INVALID_PARAMETER;
  }
  // The mutant's bug: only content of unknown length is published (where
  // the publish would succeed).
  if (cbContentLength != 0 && Is(Deviation::kDeclaredLengthRefused)) return ERROR_INVALID_PARAMETER;
  Publication& publication = publications_[identifier] = Publication();
  publication.owner = ValueOf(hPeerDist);
  publication.declared_length = cbContentLength;
  ContentObject stream;
  stream.kind = ObjectKind::kStream;
  stream.session = ValueOf(hPeerDist);
  stream.port = hCompletionPort;
  stream.key = ulCompletionKey;
  stream.identifier = identifier;
  *phStream = AddObject(std::move(stream));
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistServerPublishAddToStream(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                      PEERDIST_STREAM_HANDLE hStream, DWORD cbNumberOfBytes,
                                                      PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pBuffer == nullptr || (cbNumberOfBytes == 0 && !Is(Deviation::kZeroSizeAccepted))) return ERROR_INVALID_PARAMETER;
  return AsyncSuccess(StartObjectOperation(hPeerDist, hStream, ObjectKind::kStream, OperationKind::kAddToStream,
                                          lpOverlapped, pBuffer, cbNumberOfBytes));
}

DWORD ReferenceImpl::PeerDistServerPublishCompleteStream(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                         PEERDIST_STREAM_HANDLE hStream, LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  return AsyncSuccess(StartObjectOperation(hPeerDist, hStream, ObjectKind::kStream, OperationKind::kCompleteStream,
                                           lpOverlapped, nullptr, 0));
}

DWORD ReferenceImpl::PeerDistServerCloseStreamHandle(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                     PEERDIST_STREAM_HANDLE hStream) {
  // The mutant's bug: a stream still busy with operations is not closed.
  if (Is(Deviation::kCloseRefusesBusyStream) && FindForContent(hPeerDist) != nullptr) {
    auto object = objects_.find(ValueOf(hStream));
    const bool usable = object != objects_.end() && object->second.kind == ObjectKind::kStream &&
                        !object->second.invalidated && !object->second.closed;
    for (const auto& [id, operation] : operations_) {
      if (usable && operation.object == ValueOf(hStream)) return ERROR_INVALID_HANDLE;
    }
  }
  return CloseObject(hPeerDist, hStream, ObjectKind::kStream);
}

// An identifier is all its cbContentIdentifier bytes. The mutant's bug:
// unpublish, open-info and the server cancel compare identifiers over the
// shorter one's bytes, so "pd-content-10" names "pd-content-1".
bool ReferenceImpl::NamesIdentifier(const std::string& passed, const std::string& known) const {
  if (!Is(Deviation::kLookupPrefixMatch)) return passed == known;
  const std::size_t n = std::min(passed.size(), known.size());
  return passed.compare(0, n, known, 0, n) == 0;
}

std::map<std::string, Publication>::iterator ReferenceImpl::FindPublication(
    const std::string& passed) {
  if (!Is(Deviation::kLookupPrefixMatch)) return publications_.find(passed);
  for (auto it = publications_.begin(); it != publications_.end(); ++it) {
    if (NamesIdentifier(passed, it->first)) return it;
  }
  return publications_.end();
}

DWORD ReferenceImpl::PeerDistServerUnpublish(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                             PBYTE pContentIdentifier) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (!IdentifierValid(cbContentIdentifier, pContentIdentifier)) {
    return ERROR_INVALID_PARAMETER;
  }
  const std::string passed(reinterpret_cast<const char*>(pContentIdentifier), cbContentIdentifier);
  auto it = FindPublication(passed);
  if (it == publications_.end() || it->second.owner != ValueOf(hPeerDist)) return ERROR_NOT_FOUND;
  const std::string identifier = it->first;
  publications_.erase(it);
  // The session's operations still running on the content's stream and
  // content-information handles end now (SUNPUBLISH-10).
  const std::uintptr_t session = ValueOf(hPeerDist);
  AbortOperations(
      [this, &identifier, session](const PendingOperation& op) {
        auto object = objects_.find(op.object);
        return op.session == session && object != objects_.end() && object->second.kind != ObjectKind::kContent &&
               object->second.identifier == identifier;
      },
      ERROR_OPERATION_ABORTED);
  // Its handles stay open but lose their publication: a later publication
  // under the same identifier is not theirs to complete or add to.
  for (auto& [handle, object] : objects_) {
    if (object.kind != ObjectKind::kContent && object.identifier == identifier) object.identifier.clear();
  }
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistServerOpenContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                          DWORD cbContentIdentifier, PBYTE pContentIdentifier,
                                                          ULONGLONG ullContentOffset, ULONGLONG cbContentLength,
                                                          HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                                          PPEERDIST_CONTENTINFO_HANDLE phContentInfo) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (phContentInfo == nullptr) return ERROR_INVALID_PARAMETER;
  // The Windows 7 function hands out content information version 1.
  return OpenContentInfo(hPeerDist, cbContentIdentifier, pContentIdentifier, ullContentOffset, cbContentLength,
                         PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1, hCompletionPort, ulCompletionKey,
                         phContentInfo);
}

DWORD ReferenceImpl::PeerDistServerOpenContentInformationEx(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                            DWORD cbContentIdentifier, PBYTE pContentIdentifier,
                                                            ULONGLONG ullContentOffset, ULONGLONG cbContentLength,
                                                            PEERDIST_RETRIEVAL_OPTIONS* pRetrievalOptions,
                                                            HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                                            PPEERDIST_CONTENTINFO_HANDLE phContentInfo) {
  Session* session = FindForContent(hPeerDist);
  if (session == nullptr) return ERROR_INVALID_HANDLE;
  if (phContentInfo == nullptr || pRetrievalOptions == nullptr) return ERROR_INVALID_PARAMETER;
  // A Windows 8 function: the session must have negotiated that version.
  if (!IsWin8(*session)) return PEERDIST_ERROR_VERSION_UNSUPPORTED;
  if (pRetrievalOptions->cbSize < sizeof(PEERDIST_RETRIEVAL_OPTIONS) ||
      pRetrievalOptions->dwContentInfoMinVersion > pRetrievalOptions->dwContentInfoMaxVersion) {
    return ERROR_INVALID_PARAMETER;
  }
  // The highest version both sides know.
  const DWORD version = std::min<DWORD>(pRetrievalOptions->dwContentInfoMaxVersion,
                                        PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2);
  // The mutant's bug: the options asked for are not looked at.
  if (Is(Deviation::kRetrievalOptionsIgnored)) {
    return OpenContentInfo(hPeerDist, cbContentIdentifier, pContentIdentifier, ullContentOffset, cbContentLength,
                           PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2, hCompletionPort, ulCompletionKey,
                           phContentInfo);
  }
  if (version < pRetrievalOptions->dwContentInfoMinVersion ||
      version < PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1) {
    return PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED;
  }
  return OpenContentInfo(hPeerDist, cbContentIdentifier, pContentIdentifier, ullContentOffset, cbContentLength,
                         version, hCompletionPort, ulCompletionKey, phContentInfo);
}

DWORD ReferenceImpl::OpenContentInfo(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                     PBYTE pContentIdentifier, ULONGLONG offset, ULONGLONG length, DWORD version,
                                     HANDLE port, ULONG_PTR key, PPEERDIST_CONTENTINFO_HANDLE out) {
  if (!IdentifierValid(cbContentIdentifier, pContentIdentifier)) {
    return ERROR_INVALID_PARAMETER;
  }
  if (port != nullptr && !host_.IsCompletionPort(port) && !Is(Deviation::kPortUnchecked)) return ERROR_INVALID_HANDLE;
  if (const DWORD openable = OpenableNow(); openable != ERROR_SUCCESS) return openable;
  const std::string identifier(reinterpret_cast<const char*>(pContentIdentifier), cbContentIdentifier);
  auto it = FindPublication(identifier);
  // The mutant's bug: an identifier never published reads as empty content.
  static const Publication kNothingPublished{0, 0, {}, true};
  const bool found = it != publications_.end() && it->second.complete;
  if (!found && !(it == publications_.end() && Is(Deviation::kOpenInfoUnpublishedFound))) return ERROR_NOT_FOUND;
  const std::vector<BYTE>& data = found ? it->second.data : kNothingPublished.data;
  // Offset and length both 0: the whole content. A range starts on a block.
  const bool whole = offset == 0 && length == 0;
  if (!whole && (offset >= data.size() || offset % kContentBlockSize != 0)) return ERROR_INVALID_PARAMETER;
  ContentObject info;
  info.kind = ObjectKind::kContentInfo;
  info.session = ValueOf(hPeerDist);
  info.port = port;
  info.key = key;
  info.identifier = identifier;
  // The mutant's bug: the range asked for is dropped.
  const bool range_dropped = Is(Deviation::kInfoRangeIgnored);
  info.info_blob = EncodeContentInfo(DescribeContent(data, range_dropped ? 0 : offset,
                                                     whole || range_dropped ? data.size() : length, version));
  *out = AddObject(std::move(info));
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistServerRetrieveContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                              PEERDIST_CONTENTINFO_HANDLE hContentInfo,
                                                              DWORD cbMaxNumberOfBytes, PBYTE pBuffer,
                                                              LPOVERLAPPED lpOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pBuffer == nullptr || (cbMaxNumberOfBytes == 0 && !Is(Deviation::kZeroSizeAccepted))) return ERROR_INVALID_PARAMETER;
  if (Is(Deviation::kRetrieveRefusesVersion2)) {
    // The mutant's bug: handles of the Ex function's information (version 2,
    // the byte after the magic) are taken for foreign ones.
    auto it = objects_.find(ValueOf(hContentInfo));
    if (it != objects_.end() && it->second.info_blob.size() > 4 &&
        it->second.info_blob[4] == PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2) {
      return ERROR_INVALID_HANDLE;
    }
  }
  return AsyncSuccess(StartObjectOperation(hPeerDist, hContentInfo, ObjectKind::kContentInfo,
                                          OperationKind::kRetrieveInfo, lpOverlapped, pBuffer, cbMaxNumberOfBytes));
}

DWORD ReferenceImpl::PeerDistServerCloseContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                           PEERDIST_CONTENTINFO_HANDLE hContentInfo) {
  // The mutant's bug: a handle still busy with a retrieve is not closed.
  if (Is(Deviation::kCloseInfoRefusesBusy) && FindForContent(hPeerDist) != nullptr) {
    for (const auto& [id, operation] : operations_) {
      if (operation.object == ValueOf(hContentInfo)) return ERROR_INVALID_PARAMETER;
    }
  }
  return CloseObject(hPeerDist, hContentInfo, ObjectKind::kContentInfo);
}

DWORD ReferenceImpl::PeerDistServerCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                        DWORD cbContentIdentifier, PBYTE pContentIdentifier,
                                                        LPOVERLAPPED pOverlapped) {
  if (FindForContent(hPeerDist) == nullptr) return ERROR_INVALID_HANDLE;
  if (pOverlapped == nullptr || !IdentifierValid(cbContentIdentifier, pContentIdentifier)) {
    return ERROR_INVALID_PARAMETER;
  }
  const std::string identifier(reinterpret_cast<const char*>(pContentIdentifier), cbContentIdentifier);
  const std::uintptr_t session = ValueOf(hPeerDist);
  auto match = [this, &identifier, session, pOverlapped](const PendingOperation& op) {
    // (kServerCancelAnySession: the mutant does not compare the session.)
    if (op.overlapped != pOverlapped || (op.session != session && !Is(Deviation::kServerCancelAnySession))) {
      return false;
    }
    auto object = objects_.find(op.object);
    // The mutant's bug: the identifier passed is not compared.
    return object != objects_.end() && object->second.kind != ObjectKind::kContent &&
           (NamesIdentifier(identifier, object->second.identifier) || Is(Deviation::kServerCancelAnyIdentifier));
  };
  bool found = false;
  for (const auto& [id, operation] : operations_) found = found || match(operation);
  if (!found && Is(Deviation::kCancelSignalsCompleted) && pOverlapped->hEvent != nullptr &&
      pOverlapped->Internal == ERROR_SUCCESS) {
    // The mutant's bug: a second result for an operation that has its own.
    host_.SetEvent(pOverlapped->hEvent);
  }
  if (!found) return Is(Deviation::kCancelUnknownSucceeds) ? ERROR_SUCCESS : PEERDIST_ERROR_OPERATION_NOTFOUND;
  // The cancellation result is posted before the call returns.
  if (!Is(Deviation::kCancelLeavesPending)) CancelOperations(match);
  SetCancelledLastError();
  return ERROR_SUCCESS;
}

}  // namespace pd
