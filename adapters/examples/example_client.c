/* The client side of the content part: a content handle receives content
 * information (AddContentInformation, CompleteContentInformation) and data
 * (AddData); reads (BlockRead, StreamRead) hand out the blocks whose bytes
 * match the information's hashes, from the local cache or else from the
 * "peers": every complete publication at once, then the World's peers
 * (host->peer_fetch) after their latency, within the read's timeout.
 * FlushContent empties the cache.
 */
#include <string.h>

#include "example_plugin.h"

/* --- data added before the content information ------------------------------
 * AddData before CompleteContentInformation cannot be checked yet: the piece
 * is kept (one per offset, a later one replacing it) until the information
 * arrives. Once it is there, each piece is checked as it comes and only the
 * blocks it validates are kept. A scenario adds data at most 128 times. */
#define MAX_RAW_PIECES 128

typedef struct {
  int in_use;
  uintptr_t object; /* content handle value */
  uint64_t offset;  /* in the content */
  DWORD size;
  BYTE bytes[MAX_CONTENT_LENGTH];
} RawPiece;

static RawPiece pieces[MAX_RAW_PIECES];

void RawDataReset(void) {
  size_t i;
  for (i = 0; i < MAX_RAW_PIECES; ++i) pieces[i].in_use = 0;
}

void DropRawData(uintptr_t object) {
  size_t i;
  for (i = 0; i < MAX_RAW_PIECES; ++i) {
    if (pieces[i].in_use && pieces[i].object == object) pieces[i].in_use = 0;
  }
}

static void KeepPiece(uintptr_t object, uint64_t offset, const BYTE* data, DWORD size) {
  RawPiece* slot = NULL;
  size_t i;
  for (i = 0; i < MAX_RAW_PIECES; ++i) {
    RawPiece* piece = &pieces[i];
    if (piece->in_use && piece->object == object && piece->offset == offset) {
      slot = piece;
      break;
    }
    if (!piece->in_use && slot == NULL) slot = piece;
  }
  if (slot == NULL) return; /* beyond the bound: the data is dropped, a read fetches it */
  slot->in_use = 1;
  slot->object = object;
  slot->offset = offset;
  slot->size = size;
  memcpy(slot->bytes, data, size);
}

static int BlockValid(const ContentObject* content, size_t block) {
  return (content->valid_blocks >> block) & 1u;
}

static void SetBlock(ContentObject* content, size_t block, const BYTE* data, size_t size) {
  memcpy(content->blocks[block], data, size);
  content->valid_blocks |= (uint64_t)1 << block;
}

/* Keeps every block of the range that data[0, size), added at content offset
 * `offset` in one piece, covers whole and matches. */
static void ValidatePiece(ContentObject* content, uint64_t offset, const BYTE* data, size_t size) {
  const ContentInfo* info = &content->info;
  size_t block;
  for (block = 0; block < info->block_count; ++block) {
    const uint64_t start = info->offset + (uint64_t)block * BLOCK_SIZE;
    const uint64_t length = BlockLength(info, block);
    if (BlockValid(content, block) || offset > start || offset + size < start + length) continue;
    if (BlockMatches(info, block, data + (start - offset), (size_t)length)) {
      SetBlock(content, block, data + (start - offset), (size_t)length);
    }
  }
}

static void ValidateKeptPieces(ContentObject* content) {
  const uintptr_t object = ObjectValue(content);
  size_t i;
  for (i = 0; i < MAX_RAW_PIECES; ++i) {
    const RawPiece* piece = &pieces[i];
    if (piece->in_use && piece->object == object) ValidatePiece(content, piece->offset, piece->bytes, piece->size);
  }
  DropRawData(object);
}

/* --- the calls ---------------------------------------------------------------- */

DWORD PeerDistClientOpenContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                PPEERDIST_CONTENT_HANDLE phContentHandle) {
  ContentObject* content;
  DWORD openable;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (pContentTag == NULL || phContentHandle == NULL) return ERROR_INVALID_PARAMETER;
  if (hCompletionPort != NULL && !host->is_completion_port(host->host, hCompletionPort)) return ERROR_INVALID_HANDLE;
  openable = OpenableNow();
  if (openable != ERROR_SUCCESS) return openable;
  content = NewObject(OBJECT_CONTENT, hPeerDist, hCompletionPort, ulCompletionKey, phContentHandle);
  if (content == NULL) return PEERDIST_ERROR_OUT_OF_BOUNDS;
  content->tag = *pContentTag;
  return ERROR_SUCCESS;
}

DWORD PeerDistClientCloseContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle) {
  return CloseObject(hPeerDist, hContentHandle, OBJECT_CONTENT);
}

/* AddContentInformation and AddData: a piece of at least one byte. */
static DWORD StartAdd(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, OperationKind kind,
                      DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (pBuffer == NULL || cbNumberOfBytes == 0) return ERROR_INVALID_PARAMETER;
  return StartObjectOperation(hPeerDist, hContentHandle, OBJECT_CONTENT, kind, lpOverlapped, pBuffer,
                              cbNumberOfBytes, 0);
}

DWORD PeerDistClientAddContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                          DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  return StartAdd(hPeerDist, hContentHandle, OP_ADD_INFO, cbNumberOfBytes, pBuffer, lpOverlapped);
}

DWORD PeerDistClientCompleteContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                               PEERDIST_CONTENT_HANDLE hContentHandle, LPOVERLAPPED lpOverlapped) {
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  return StartObjectOperation(hPeerDist, hContentHandle, OBJECT_CONTENT, OP_COMPLETE_INFO, lpOverlapped, NULL, 0, 0);
}

DWORD PeerDistClientAddData(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                            DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) {
  return StartAdd(hPeerDist, hContentHandle, OP_ADD_DATA, cbNumberOfBytes, pBuffer, lpOverlapped);
}

/* Both reads: the offset BlockRead reads from is the OVERLAPPED's, StreamRead
 * reads on from where the handle's previous StreamRead stopped. */
static DWORD StartRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, OperationKind kind,
                       DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                       LPOVERLAPPED lpOverlapped) {
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  /* "If the cbMaxNumberOfBytesToRead argument is equal to 0, the pBuffer
   * parameter can be NULL." */
  if (pBuffer == NULL && cbMaxNumberOfBytes != 0) return ERROR_INVALID_PARAMETER;
  return StartObjectOperation(hPeerDist, hContentHandle, OBJECT_CONTENT, kind, lpOverlapped, pBuffer,
                              cbMaxNumberOfBytes, dwTimeoutInMilliseconds);
}

DWORD PeerDistClientBlockRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                              DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                              LPOVERLAPPED lpOverlapped) {
  return StartRead(hPeerDist, hContentHandle, OP_BLOCK_READ, cbMaxNumberOfBytes, pBuffer, dwTimeoutInMilliseconds,
                   lpOverlapped);
}

DWORD PeerDistClientStreamRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                               DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                               LPOVERLAPPED lpOverlapped) {
  return StartRead(hPeerDist, hContentHandle, OP_STREAM_READ, cbMaxNumberOfBytes, pBuffer, dwTimeoutInMilliseconds,
                   lpOverlapped);
}

DWORD PeerDistClientFlushContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                 HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped) {
  Operation operation;
  DWORD check;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (pContentTag == NULL) return ERROR_INVALID_PARAMETER;
  check = CheckOverlapped(lpOverlapped);
  if (check != ERROR_SUCCESS) return check;
  if (hCompletionPort != NULL && !host->is_completion_port(host->host, hCompletionPort)) return ERROR_INVALID_HANDLE;
  /* No handle: the flush is the session's, and completes on the port given. */
  memset(&operation, 0, sizeof operation);
  operation.kind = OP_FLUSH;
  operation.session = (uintptr_t)hPeerDist;
  operation.overlapped = lpOverlapped;
  operation.port = hCompletionPort;
  operation.key = ulCompletionKey;
  operation.tag = *pContentTag;
  return StartOperation(&operation);
}

DWORD PeerDistClientGetInformationByHandle(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                           PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS PeerDistClientInfoClass,
                                           DWORD dwBufferSize, LPVOID lpInformation) {
  DWORD error;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (lpInformation == NULL || PeerDistClientInfoClass != PeerDistClientBasicInfo) return ERROR_INVALID_PARAMETER;
  if (!SessionIsWin8(hPeerDist)) return PEERDIST_ERROR_VERSION_UNSUPPORTED;
  if (ObjectFor(hPeerDist, hContentHandle, OBJECT_CONTENT, &error) == NULL) return error;
  if (dwBufferSize < sizeof(PEERDIST_CLIENT_BASIC_INFO)) return ERROR_INSUFFICIENT_BUFFER;
  /* The simulated network never sees a flash crowd. */
  ((PEERDIST_CLIENT_BASIC_INFO*)lpInformation)->fFlashCrowd = 0;
  return ERROR_SUCCESS;
}

typedef struct {
  uintptr_t object;
  LPOVERLAPPED overlapped; /* NULL: every operation of the handle */
} ClientCancelArg;

static int OnContentOperation(const Operation* operation, const void* context) {
  const ClientCancelArg* cancel = (const ClientCancelArg*)context;
  return operation->object == cancel->object &&
         (cancel->overlapped == NULL || operation->overlapped == cancel->overlapped);
}

DWORD PeerDistClientCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                         LPOVERLAPPED pOverlapped) {
  ClientCancelArg cancel;
  DWORD error;
  if (!SessionIsOpen(hPeerDist)) return ERROR_INVALID_HANDLE;
  if (ObjectFor(hPeerDist, hContentHandle, OBJECT_CONTENT, &error) == NULL) return error;
  cancel.object = (uintptr_t)hContentHandle;
  cancel.overlapped = pOverlapped;
  /* A NULL pOverlapped cancels every operation of the handle: none is no
   * error then. */
  return CancelOperations(OnContentOperation, &cancel, /*must_match=*/pOverlapped != NULL);
}

/* --- what the client operations do when their time comes -------------------- */

static OperationResult AddInfo(const Operation* operation, ContentObject* content) {
  if (content->has_info || content->info_failed) return Result(PEERDIST_ERROR_ALREADY_COMPLETED, 0);
  if (content->added_size + operation->size > MAX_CONTENT_INFO_SIZE) {
    return Result(PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO, 0);
  }
  memcpy(content->added_info + content->added_size, operation->buffer, operation->size);
  content->added_size += operation->size;
  return Result(ERROR_SUCCESS, operation->size);
}

static OperationResult CompleteInfo(ContentObject* content) {
  if (content->has_info || content->info_failed) return Result(PEERDIST_ERROR_ALREADY_COMPLETED, 0);
  if (!DecodeContentInfo(content->added_info, content->added_size, &content->info)) {
    content->info_failed = 1;
    DropRawData(ObjectValue(content));
    return Result(PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO, 0);
  }
  content->has_info = 1;
  content->stream_position = content->info.offset;
  ValidateKeptPieces(content);
  return Result(ERROR_SUCCESS, 0);
}

static OperationResult AddData(const Operation* operation, ContentObject* content) {
  /* Beyond the end of any content. Not the end of the information's range:
     data for the entire content is allowed when only a range's information
     was added, and a whole content's information looks like a range's. */
  if (operation->offset >= MAX_CONTENT_LENGTH) return Result(PEERDIST_ERROR_OUT_OF_BOUNDS, 0);
  /* Data longer than any content cannot match a block: accepted, not kept. */
  if (operation->offset < MAX_CONTENT_LENGTH && operation->size <= MAX_CONTENT_LENGTH) {
    if (content->has_info) {
      ValidatePiece(content, operation->offset, operation->buffer, operation->size);
    } else if (!content->info_failed) {
      KeepPiece(ObjectValue(content), operation->offset, operation->buffer, operation->size);
    }
  }
  return Result(ERROR_SUCCESS, operation->size);
}

/* Validated bytes of `content` available from `offset` on (the local cache). */
static uint64_t LocalRun(const ContentObject* content, uint64_t offset) {
  const ContentInfo* info = &content->info;
  uint64_t run = 0;
  uint64_t at = offset;
  while (at < info->offset + info->length) {
    const size_t block = (size_t)((at - info->offset) / BLOCK_SIZE);
    uint64_t block_end;
    if (!BlockValid(content, block)) break;
    block_end = info->offset + (uint64_t)block * BLOCK_SIZE + BlockLength(info, block);
    run += block_end - at;
    at = block_end;
  }
  return run;
}

/* PEERDIST_READ_TIMEOUT_DEFAULT: "the default timeout of 5 seconds". */
#define DEFAULT_READ_TIMEOUT_US 5000000u

/* A block neither the cache nor a publication holds: asks the World's peers
 * and defers the read to their delivery or to its timeout, whichever comes
 * first; a block no peer holds is missing. */
static OperationResult ReadFromPeers(Operation* operation, const ContentInfo* info, size_t block, uint64_t offset) {
  const uint64_t end = info->offset + info->length;
  const uint64_t start = info->offset + (uint64_t)block * BLOCK_SIZE;
  const DWORD length = (DWORD)BlockLength(info, block);
  uint64_t latency, timeout, arrival, deadline;
  if (!PD_HOST_HAS_PEER_FETCH(host)) return Result(PEERDIST_ERROR_MISSING_DATA, (DWORD)(end - offset));
  latency = host->peer_fetch(host->host, start, length, info->block_hashes[block], operation->peer_bytes);
  if (latency == PD_PEER_NONE) return Result(PEERDIST_ERROR_MISSING_DATA, (DWORD)(end - offset));
  timeout = operation->timeout_ms == PEERDIST_READ_TIMEOUT_DEFAULT ? DEFAULT_READ_TIMEOUT_US
                                                                   : (uint64_t)operation->timeout_ms * 1000u;
  arrival = host->now_us(host->host) + latency;
  deadline = operation->started + timeout;
  if (arrival <= deadline) {
    operation->peer_pending = 1;
    operation->peer_block = block;
    operation->resume_at = arrival;
  } else {
    operation->timed_out = 1;
    operation->resume_at = deadline;
  }
  return Result(PD_DEFERRED, 0);
}

static OperationResult Read(Operation* operation, ContentObject* content, uint64_t offset) {
  const ContentInfo* info = &content->info;
  const uint64_t end = info->offset + info->length;
  uint64_t available, n, i;
  size_t block;
  if (!content->has_info) return Result(PEERDIST_ERROR_NO_MORE, 0);
  if (operation->overlapped != NULL) {
    operation->overlapped->Offset = (DWORD)offset;
    operation->overlapped->OffsetHigh = (DWORD)(offset >> 32);
  }
  if (offset < info->offset || offset >= end) return Result(PEERDIST_ERROR_NO_MORE, 0);
  /* cbMaxNumberOfBytes 0: how many consecutive bytes the local cache holds. */
  if (operation->size == 0) return Result(ERROR_SUCCESS, (DWORD)LocalRun(content, offset));
  block = (size_t)((offset - info->offset) / BLOCK_SIZE);
  /* Resuming after the peers: their block arrived, or the timeout did. */
  if (operation->timed_out) return Result(ERROR_TIMEOUT, (DWORD)(end - offset));
  if (operation->peer_pending) {
    if (operation->peer_block == block && !BlockValid(content, block)) {
      memcpy(content->blocks[block], operation->peer_bytes, (size_t)BlockLength(info, block));
      content->valid_blocks |= (uint64_t)1 << block;
    }
    operation->peer_pending = 0;
  }
  if (!BlockValid(content, block)) {
    if (operation->timeout_ms == PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY) {
      /* The missing range runs to the end of the described range. */
      return Result(PEERDIST_ERROR_MISSING_DATA, (DWORD)(end - offset));
    }
    if (!FetchFromPublications(info, block, content->blocks[block])) return ReadFromPeers(operation, info, block, offset);
    content->valid_blocks |= (uint64_t)1 << block;
  }
  /* Completes as soon as some data is there: up to the end of the local run. */
  available = LocalRun(content, offset);
  n = available < operation->size ? available : operation->size;
  for (i = 0; i < n; ++i) {
    const uint64_t at = offset + i - info->offset;
    operation->buffer[i] = content->blocks[at / BLOCK_SIZE][at % BLOCK_SIZE];
  }
  return Result(ERROR_SUCCESS, (DWORD)n);
}

static OperationResult StreamRead(Operation* operation, ContentObject* content) {
  OperationResult result;
  if (!content->has_info) return Result(PEERDIST_ERROR_NO_MORE, 0);
  result = Read(operation, content, content->stream_position);
  /* Advanced by the bytes read, and past a missing range by its length. */
  if (result.error == ERROR_SUCCESS || result.error == PEERDIST_ERROR_MISSING_DATA || result.error == ERROR_TIMEOUT) {
    content->stream_position += result.bytes;
  }
  return result;
}

OperationResult PerformClientOperation(Operation* operation, ContentObject* content) {
  switch (operation->kind) {
    case OP_ADD_INFO: return AddInfo(operation, content);
    case OP_COMPLETE_INFO: return CompleteInfo(content);
    case OP_ADD_DATA: return AddData(operation, content);
    case OP_BLOCK_READ: return Read(operation, content, operation->offset);
    case OP_STREAM_READ: return StreamRead(operation, content);
    default: break;
  }
  return Result(ERROR_SUCCESS, 0);
}

OperationResult PerformFlush(const Operation* operation) {
  size_t i;
  for (i = 0; i < ObjectCount(); ++i) {
    ContentObject* content = ObjectAt(i);
    if (content == NULL || content->kind != OBJECT_CONTENT || content->session != operation->session) continue;
    if (memcmp(content->tag.Data, operation->tag.Data, sizeof content->tag.Data) != 0) continue;
    content->valid_blocks = 0;
    DropRawData(ObjectValue(content));
  }
  return Result(ERROR_SUCCESS, 0);
}
