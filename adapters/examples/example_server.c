/* The server side of the content part: a session publishes a stream of data
 * under a content identifier (PublishStream, AddToStream, CompleteStream),
 * and hands out content information for a completed publication
 * (OpenContentInformation, RetrieveContentInformation). The publications are
 * also the "peers" client reads fetch blocks from.
 */
#include <string.h>

#include "example_plugin.h"

/* A scenario uses 16 identifiers; one session publishes each at most once. */
#define MAX_PUBLICATIONS 64

/* Content a server session published: the data added so far, complete once
 * PublishCompleteStream succeeded. */
typedef struct {
  int in_use;
  uintptr_t owner; /* session handle value */
  BYTE identifier[MAX_IDENTIFIER_SIZE];
  DWORD identifier_size;
  uint64_t declared_length; /* 0: not known in advance */
  BYTE data[MAX_CONTENT_LENGTH];
  size_t size;
  int complete;
} Publication;

static Publication publications[MAX_PUBLICATIONS];

void PublicationsReset(void) {
  size_t i;
  for (i = 0; i < MAX_PUBLICATIONS; ++i) publications[i].in_use = 0;
}

void DropPublicationsOf(uintptr_t session) {
  size_t i;
  for (i = 0; i < MAX_PUBLICATIONS; ++i) {
    if (publications[i].in_use && publications[i].owner == session) publications[i].in_use = 0;
  }
}

static int ValidIdentifier(DWORD size, const BYTE* identifier) {
  return identifier != NULL && size != 0 && size <= MAX_IDENTIFIER_SIZE;
}

static int SameIdentifier(const BYTE* a, DWORD a_size, const BYTE* b, DWORD b_size) {
  return a_size == b_size && memcmp(a, b, a_size) == 0;
}

static Publication* FindPublication(const BYTE* identifier, DWORD size) {
  size_t i;
  for (i = 0; i < MAX_PUBLICATIONS; ++i) {
    Publication* publication = &publications[i];
    if (publication->in_use &&
        SameIdentifier(publication->identifier, publication->identifier_size, identifier, size)) {
      return publication;
    }
  }
  return NULL;
}

static Publication* FreePublication(void) {
  size_t i;
  for (i = 0; i < MAX_PUBLICATIONS; ++i) {
    if (!publications[i].in_use) return &publications[i];
  }
  return NULL;
}

int FetchFromPublications(const ContentInfo* info, size_t block, BYTE* out) {
  const uint64_t start = info->offset + (uint64_t)block * BLOCK_SIZE;
  const uint64_t length = BlockLength(info, block);
  size_t i;
  /* Any publication whose bytes match the block's hash will do: matching
   * data is the same data, whichever publication it comes from. */
  for (i = 0; i < MAX_PUBLICATIONS; ++i) {
    const Publication* publication = &publications[i];
    if (!publication->in_use || !publication->complete || publication->size < start + length) continue;
    if (!BlockMatches(info, block, publication->data + start, (size_t)length)) continue;
    memcpy(out, publication->data + start, (size_t)length);
    return 1;
  }
  return 0;
}

static void SetIdentifier(ContentObject* object, const BYTE* identifier, DWORD size) {
  memcpy(object->identifier, identifier, size);
  object->identifier_size = size;
}

DWORD PeerDistServerPublishStream(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                  PBYTE pContentIdentifier, ULONGLONG cbContentLength,
                                  PCPEERDIST_PUBLICATION_OPTIONS pPublishOptions, HANDLE hCompletionPort,
                                  ULONG_PTR ulCompletionKey, PPEERDIST_STREAM_HANDLE phStream) {
  Publication* publication;
  ContentObject* stream;
  DWORD openable;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (phStream == NULL || !ValidIdentifier(cbContentIdentifier, pContentIdentifier) ||
      cbContentLength > MAX_CONTENT_LENGTH) {
    return ERROR_INVALID_PARAMETER;
  }
  if (pPublishOptions != NULL && pPublishOptions->dwVersion != PEERDIST_PUBLICATION_OPTIONS_VERSION_1 &&
      pPublishOptions->dwVersion != PEERDIST_PUBLICATION_OPTIONS_VERSION_2) {
    return ERROR_INVALID_PARAMETER;
  }
  if (hCompletionPort != NULL && !host->is_completion_port(host->host, hCompletionPort)) return ERROR_INVALID_HANDLE;
  openable = OpenableNow();
  if (openable != ERROR_SUCCESS) return openable;
  if (FindPublication(pContentIdentifier, cbContentIdentifier) != NULL) return PEERDIST_ERROR_ALREADY_EXISTS;
  publication = FreePublication();
  if (publication == NULL) return PEERDIST_ERROR_OUT_OF_BOUNDS;
  stream = NewObject(OBJECT_STREAM, hPeerDist, hCompletionPort, ulCompletionKey, phStream);
  if (stream == NULL) return PEERDIST_ERROR_OUT_OF_BOUNDS;
  SetIdentifier(stream, pContentIdentifier, cbContentIdentifier);
  publication->in_use = 1;
  publication->owner = (uintptr_t)hPeerDist;
  memcpy(publication->identifier, pContentIdentifier, cbContentIdentifier);
  publication->identifier_size = cbContentIdentifier;
  publication->declared_length = cbContentLength;
  publication->size = 0;
  publication->complete = 0;
  return ERROR_SUCCESS;
}

DWORD PeerDistServerPublishAddToStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream,
                                       DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (pBuffer == NULL || cbNumberOfBytes == 0) return ERROR_INVALID_PARAMETER;
  return StartObjectOperation(hPeerDist, hStream, OBJECT_STREAM, OP_ADD_TO_STREAM, lpOverlapped, pBuffer,
                              cbNumberOfBytes, 0);
}

DWORD PeerDistServerPublishCompleteStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream,
                                          LPOVERLAPPED lpOverlapped) {
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  return StartObjectOperation(hPeerDist, hStream, OBJECT_STREAM, OP_COMPLETE_STREAM, lpOverlapped, NULL, 0, 0);
}

DWORD PeerDistServerCloseStreamHandle(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream) {
  return CloseObject(hPeerDist, hStream, OBJECT_STREAM);
}

/* A publication of one session: its identifier and the session. */
typedef struct {
  const BYTE* identifier;
  DWORD size;
  uintptr_t session;
} IdentifierArg;

static int OnPublicationOf(const Operation* operation, const void* context) {
  const IdentifierArg* identifier = (const IdentifierArg*)context;
  const ContentObject* object = ObjectByValue(operation->object);
  return object != NULL && object->kind != OBJECT_CONTENT && operation->session == identifier->session &&
         SameIdentifier(object->identifier, object->identifier_size, identifier->identifier, identifier->size);
}

DWORD PeerDistServerUnpublish(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                              PBYTE pContentIdentifier) {
  Publication* publication;
  IdentifierArg identifier;
  size_t i;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (!ValidIdentifier(cbContentIdentifier, pContentIdentifier)) return ERROR_INVALID_PARAMETER;
  publication = FindPublication(pContentIdentifier, cbContentIdentifier);
  if (publication == NULL || publication->owner != (uintptr_t)hPeerDist) return ERROR_NOT_FOUND;
  publication->in_use = 0;
  /* The session's operations still running on its stream and content
     information handles end now (SUNPUBLISH-10). */
  identifier.identifier = pContentIdentifier;
  identifier.size = cbContentIdentifier;
  identifier.session = (uintptr_t)hPeerDist;
  AbortOperations(OnPublicationOf, &identifier, ERROR_OPERATION_ABORTED);
  /* Its handles stay open but lose their publication: a later publication
     under the same identifier is not theirs to complete or add to. */
  for (i = 0; i < ObjectCount(); ++i) {
    ContentObject* object = ObjectAt(i);
    if (object != NULL && object->kind != OBJECT_CONTENT &&
        SameIdentifier(object->identifier, object->identifier_size, pContentIdentifier, cbContentIdentifier)) {
      object->identifier_size = 0;
    }
  }
  return ERROR_SUCCESS;
}

/* Both OpenContentInformation functions, once their own checks passed. */
static DWORD OpenContentInfo(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier,
                             ULONGLONG offset, ULONGLONG length, DWORD version, HANDLE port, ULONG_PTR key,
                             PPEERDIST_CONTENTINFO_HANDLE out) {
  const Publication* publication;
  ContentObject* object;
  ContentInfo info;
  DWORD openable;
  int whole;
  if (!ValidIdentifier(cbContentIdentifier, pContentIdentifier)) return ERROR_INVALID_PARAMETER;
  if (port != NULL && !host->is_completion_port(host->host, port)) return ERROR_INVALID_HANDLE;
  openable = OpenableNow();
  if (openable != ERROR_SUCCESS) return openable;
  publication = FindPublication(pContentIdentifier, cbContentIdentifier);
  /* Content information exists once PublishCompleteStream succeeded. */
  if (publication == NULL || !publication->complete) return ERROR_NOT_FOUND;
  /* Offset and length both 0: the whole content. A range starts on a block. */
  whole = offset == 0 && length == 0;
  if (!whole && (offset >= publication->size || offset % BLOCK_SIZE != 0)) return ERROR_INVALID_PARAMETER;
  object = NewObject(OBJECT_CONTENT_INFO, hPeerDist, port, key, out);
  if (object == NULL) return PEERDIST_ERROR_OUT_OF_BOUNDS;
  SetIdentifier(object, pContentIdentifier, cbContentIdentifier);
  DescribeContent(publication->data, publication->size, offset, whole ? publication->size : length, version, &info);
  object->info_size = EncodeContentInfo(&info, object->info_blob);
  return ERROR_SUCCESS;
}

DWORD PeerDistServerOpenContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                           PBYTE pContentIdentifier, ULONGLONG ullContentOffset,
                                           ULONGLONG cbContentLength, HANDLE hCompletionPort,
                                           ULONG_PTR ulCompletionKey, PPEERDIST_CONTENTINFO_HANDLE phContentInfo) {
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (phContentInfo == NULL) return ERROR_INVALID_PARAMETER;
  /* The Windows 7 function hands out content information version 1. */
  return OpenContentInfo(hPeerDist, cbContentIdentifier, pContentIdentifier, ullContentOffset, cbContentLength,
                         PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1, hCompletionPort, ulCompletionKey,
                         phContentInfo);
}

DWORD PeerDistServerOpenContentInformationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                             PBYTE pContentIdentifier, ULONGLONG ullContentOffset,
                                             ULONGLONG cbContentLength, PEERDIST_RETRIEVAL_OPTIONS* pRetrievalOptions,
                                             HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                             PPEERDIST_CONTENTINFO_HANDLE phContentInfo) {
  DWORD version;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (phContentInfo == NULL || pRetrievalOptions == NULL) return ERROR_INVALID_PARAMETER;
  if (!SessionIsWin8(hPeerDist)) return PEERDIST_ERROR_VERSION_UNSUPPORTED;
  if (pRetrievalOptions->cbSize < sizeof(PEERDIST_RETRIEVAL_OPTIONS) ||
      pRetrievalOptions->dwContentInfoMinVersion > pRetrievalOptions->dwContentInfoMaxVersion) {
    return ERROR_INVALID_PARAMETER;
  }
  /* The highest version both sides know. */
  version = pRetrievalOptions->dwContentInfoMaxVersion;
  if (version > PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2) {
    version = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2;
  }
  if (version < pRetrievalOptions->dwContentInfoMinVersion ||
      version < PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1) {
    return PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED;
  }
  return OpenContentInfo(hPeerDist, cbContentIdentifier, pContentIdentifier, ullContentOffset, cbContentLength,
                         version, hCompletionPort, ulCompletionKey, phContentInfo);
}

DWORD PeerDistServerRetrieveContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                               PEERDIST_CONTENTINFO_HANDLE hContentInfo, DWORD cbMaxNumberOfBytes,
                                               PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (pBuffer == NULL || cbMaxNumberOfBytes == 0) return ERROR_INVALID_PARAMETER;
  return StartObjectOperation(hPeerDist, hContentInfo, OBJECT_CONTENT_INFO, OP_RETRIEVE_INFO, lpOverlapped, pBuffer,
                              cbMaxNumberOfBytes, 0);
}

DWORD PeerDistServerCloseContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                            PEERDIST_CONTENTINFO_HANDLE hContentInfo) {
  return CloseObject(hPeerDist, hContentInfo, OBJECT_CONTENT_INFO);
}

typedef struct {
  IdentifierArg identifier;
  uintptr_t session;
  LPOVERLAPPED overlapped;
} ServerCancelArg;

/* The session's operation on that OVERLAPPED, on a stream or content
 * information handle of that identifier. */
static int OnServerOperation(const Operation* operation, const void* context) {
  const ServerCancelArg* cancel = (const ServerCancelArg*)context;
  const ContentObject* object;
  if (operation->overlapped != cancel->overlapped || operation->session != cancel->session) return 0;
  object = ObjectByValue(operation->object);
  return object != NULL && object->kind != OBJECT_CONTENT &&
         SameIdentifier(object->identifier, object->identifier_size, cancel->identifier.identifier,
                        cancel->identifier.size);
}

DWORD PeerDistServerCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                         PBYTE pContentIdentifier, LPOVERLAPPED pOverlapped) {
  ServerCancelArg cancel;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (pOverlapped == NULL || !ValidIdentifier(cbContentIdentifier, pContentIdentifier)) {
    return ERROR_INVALID_PARAMETER;
  }
  cancel.identifier.identifier = pContentIdentifier;
  cancel.identifier.size = cbContentIdentifier;
  cancel.session = (uintptr_t)hPeerDist;
  cancel.overlapped = pOverlapped;
  return CancelOperations(OnServerOperation, &cancel, /*must_match=*/1);
}

/* --- what the server operations do when their time comes -------------------- */

static OperationResult AddToStream(const Operation* operation, const ContentObject* stream) {
  Publication* target = FindPublication(stream->identifier, stream->identifier_size);
  if (target == NULL) return Result(ERROR_NOT_FOUND, 0);
  if (target->complete) return Result(PEERDIST_ERROR_ALREADY_COMPLETED, 0);
  if (operation->size > MAX_CONTENT_LENGTH - target->size ||
      (target->declared_length != 0 && target->size + operation->size > target->declared_length)) {
    return Result(PEERDIST_ERROR_OUT_OF_BOUNDS, 0);
  }
  memcpy(target->data + target->size, operation->buffer, operation->size);
  target->size += operation->size;
  return Result(ERROR_SUCCESS, operation->size);
}

static OperationResult CompleteStream(const ContentObject* stream) {
  Publication* target = FindPublication(stream->identifier, stream->identifier_size);
  if (target == NULL) return Result(ERROR_NOT_FOUND, 0);
  if (target->complete) return Result(PEERDIST_ERROR_ALREADY_COMPLETED, 0);
  /* A declared length must match what was added. */
  if (target->declared_length != 0 && target->size != target->declared_length) {
    return Result(ERROR_INVALID_PARAMETER, 0);
  }
  target->complete = 1;
  return Result(ERROR_SUCCESS, 0);
}

static OperationResult RetrieveInfo(const Operation* operation, ContentObject* info) {
  const size_t left = info->info_size - (info->info_read < info->info_size ? info->info_read : info->info_size);
  const size_t n = left < operation->size ? left : operation->size;
  if (left == 0) return Result(PEERDIST_ERROR_NO_MORE, 0);
  /* Where the bytes sit in the information (SRETRIEVEINFO-15/16). */
  if (operation->overlapped != NULL) {
    operation->overlapped->Offset = (DWORD)info->info_read;
    operation->overlapped->OffsetHigh = (DWORD)((uint64_t)info->info_read >> 32);
  }
  memcpy(operation->buffer, info->info_blob + info->info_read, n);
  info->info_read += n;
  return Result(ERROR_SUCCESS, (DWORD)n);
}

OperationResult PerformServerOperation(const Operation* operation, ContentObject* object) {
  switch (operation->kind) {
    case OP_ADD_TO_STREAM: return AddToStream(operation, object);
    case OP_COMPLETE_STREAM: return CompleteStream(object);
    case OP_RETRIEVE_INFO: return RetrieveInfo(operation, object);
    default: break;
  }
  return Result(ERROR_SUCCESS, 0);
}
