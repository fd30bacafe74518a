/* example_plugin.h: what the files of the example plugin share. Private to
 * the plugin (the harness sees only adapters/peerdist_plugin.h):
 *
 *   example_plugin.c        entry points, sessions, status-change notifications
 *   example_content_info.c  the content information blob: block hashes, encoding
 *   example_objects.c       content/stream/content-information handles,
 *                           asynchronous operations, invalidation
 *   example_server.c        publishing and handing out content information
 *   example_client.c        content handles: adding information and data, reads
 *
 * Every table has an explicit bound; a scenario of the harness (at most 128
 * steps, contents of at most 4096 bytes) stays far inside all of them.
 */
#ifndef EXAMPLE_PLUGIN_H_
#define EXAMPLE_PLUGIN_H_

#include <stddef.h>
#include <stdint.h>

#include "peerdist_plugin.h"

/* The host table pd_plugin_init was handed (example_plugin.c). */
extern const pd_host_services* host;

/* --- sessions (example_plugin.c) ----------------------------------------- */

/* Whether `session` is the handle of an open session. */
int SessionIsOpen(PEERDIST_INSTANCE_HANDLE session);
/* Whether the open session negotiated the Windows 8 version, which the
 * Windows 8 functions (the Ex ones, GetInformationByHandle) need. */
int SessionIsWin8(PEERDIST_INSTANCE_HANDLE session);

/* --- the content model (example_content_info.c) ---------------------------
 * Published data is described by content information: the range it covers,
 * cut into blocks, each with a 64-bit FNV-1a hash, in a small versioned
 * binary layout with a trailing checksum. The harness never reads the blob:
 * it hands the bytes RetrieveContentInformation produced (sometimes with a
 * byte flipped) back to AddContentInformation. The layout is the harness's
 * reference implementation's, so the traces (sizes included) are the same. */

#define BLOCK_SIZE 64u
#define MAX_CONTENT_LENGTH 4096u /* one content, and any buffer a caller passes */
#define MAX_BLOCKS (MAX_CONTENT_LENGTH / BLOCK_SIZE)
#define CONTENT_INFO_HEADER_SIZE (4u + 4u + 8u + 8u + 4u + 4u)
/* The bound AddContentInformation enforces (room for one more hash than any
 * real blob has, as the reference allows). */
#define MAX_CONTENT_INFO_SIZE (CONTENT_INFO_HEADER_SIZE + 8u * (MAX_BLOCKS + 1u) + 8u)

typedef struct {
  DWORD version;
  uint64_t offset; /* start of the described range in the content */
  uint64_t length; /* bytes in the range */
  uint32_t block_count;
  uint64_t block_hashes[MAX_BLOCKS];
} ContentInfo;

uint64_t Fnv1a64(const BYTE* data, size_t size);
/* Describes data[offset, offset + length), clamped to `size`. */
void DescribeContent(const BYTE* data, size_t size, uint64_t offset, uint64_t length, DWORD version,
                     ContentInfo* info);
/* Writes the blob (at most MAX_CONTENT_INFO_SIZE bytes); returns its size. */
size_t EncodeContentInfo(const ContentInfo* info, BYTE* out);
/* 0 for a blob that is truncated, corrupted (checksum), of an unknown
 * version, or beyond the bounds. */
int DecodeContentInfo(const BYTE* data, size_t size, ContentInfo* info);
/* Length of block `block` of the range (the last one may be short). */
uint64_t BlockLength(const ContentInfo* info, size_t block);
/* Whether block `block` of the range is exactly data[0, size). */
int BlockMatches(const ContentInfo* info, size_t block, const BYTE* data, size_t size);

/* --- handles (example_objects.c) ------------------------------------------ */

#define MAX_IDENTIFIER_SIZE 256u

typedef enum { OBJECT_STREAM, OBJECT_CONTENT_INFO, OBJECT_CONTENT } ObjectKind;

/* What stands behind one stream, content-information or content handle. */
typedef struct {
  int open;
  ObjectKind kind;
  uintptr_t session; /* the session that opened it */
  HANDLE port;       /* completion port given at open (may be NULL) */
  ULONG_PTR key;
  /* Set when the status moved to DISABLED or UNAVAILABLE after the open:
   * every call but the close fails with PEERDIST_ERROR_INVALIDATED, for
   * good (a handle does not come back when the service does). */
  int invalidated;
  /* Operations on one handle complete in the order they were started: the
   * next one completes after this instant (virtual microseconds). */
  uint64_t busy_until;

  /* Streams and content information: the content identifier. */
  BYTE identifier[MAX_IDENTIFIER_SIZE];
  DWORD identifier_size;
  /* Content information: the blob and how much of it was handed out. */
  BYTE info_blob[MAX_CONTENT_INFO_SIZE];
  size_t info_size;
  size_t info_read;
  /* Content: its tag, the content information added so far and, once
   * complete, its decoded form; the blocks validated against the hashes. */
  PEERDIST_CONTENT_TAG tag;
  BYTE added_info[MAX_CONTENT_INFO_SIZE];
  size_t added_size;
  int has_info;
  int info_failed; /* CompleteContentInformation could not parse it */
  ContentInfo info;
  uint64_t valid_blocks; /* bit b: block b of the range is in `blocks` */
  BYTE blocks[MAX_BLOCKS][BLOCK_SIZE];
  uint64_t stream_position; /* StreamRead's next offset (in the content) */
} ContentObject;

/* The open object behind `handle` if it is of `kind` and `session` opened
 * it; NULL otherwise (never issued, closed, another kind or session). */
ContentObject* FindObject(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind kind);
/* The checks every call on a stream, content-information or content handle
 * starts with: the session's open object of `kind`, or NULL and the error
 * the call returns (ERROR_INVALID_HANDLE, PEERDIST_ERROR_INVALIDATED). */
ContentObject* ObjectFor(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind kind, DWORD* error);
/* The open object behind a handle value, whatever its kind; NULL if none. */
ContentObject* ObjectByValue(uintptr_t handle);
/* The objects in handle order: index 0..ObjectCount()-1, NULL when closed. */
size_t ObjectCount(void);
ContentObject* ObjectAt(size_t index);
uintptr_t ObjectValue(const ContentObject* object);
/* A new open object (cleared) and its handle; NULL when the table is full. */
ContentObject* NewObject(ObjectKind kind, PEERDIST_INSTANCE_HANDLE session, HANDLE port, ULONG_PTR key,
                         HANDLE* handle);
/* The close function of every handle kind: an invalidated handle still
 * closes, a closed one is gone (ERROR_INVALID_HANDLE). */
DWORD CloseObject(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind kind);
/* ERROR_SUCCESS when handles may be opened now; else why not. */
DWORD OpenableNow(void);

/* --- asynchronous operations (example_objects.c) --------------------------- */

typedef enum {
  OP_ADD_TO_STREAM,
  OP_COMPLETE_STREAM,
  OP_RETRIEVE_INFO,
  OP_ADD_INFO,
  OP_COMPLETE_INFO,
  OP_ADD_DATA,
  OP_BLOCK_READ,
  OP_STREAM_READ,
  OP_FLUSH
} OperationKind;

typedef struct {
  uint64_t id; /* start order */
  OperationKind kind;
  uintptr_t session;
  uintptr_t object; /* handle value; 0 for FlushContent (no handle) */
  LPOVERLAPPED overlapped;
  HANDLE port;
  ULONG_PTR key;
  uint64_t timer;
  /* Arguments the operation keeps until it completes. */
  PBYTE buffer;
  DWORD size;
  uint64_t offset;
  DWORD timeout_ms;
  PEERDIST_CONTENT_TAG tag;
  /* Reads: when the call was made (the timeout runs from there), and what a
   * read waiting for the peers resumes with at `resume_at`: their block, or
   * its timeout. */
  uint64_t started;
  uint64_t resume_at;
  int peer_pending;
  size_t peer_block;
  BYTE peer_bytes[BLOCK_SIZE];
  int timed_out;
} Operation;

/* What Perform returns for an operation it deferred to `resume_at`. */
#define PD_DEFERRED 0x103u

typedef struct {
  DWORD error;
  DWORD bytes;
} OperationResult;

/* What the operations of example_server.c and example_client.c return. */
static inline OperationResult Result(DWORD error, DWORD bytes) {
  OperationResult result;
  result.error = error;
  result.bytes = bytes;
  return result;
}

/* ERROR_SUCCESS when `overlapped` may start an operation: not NULL, not in
 * use by another one, and the operation table has room. */
DWORD CheckOverlapped(LPOVERLAPPED overlapped);
/* An asynchronous operation on a stream, content-information or content
 * handle, once the caller's own argument checks passed: the OVERLAPPED is
 * checked, then the object (ObjectFor); the order decides which error a call
 * with both wrong returns. The offset is the OVERLAPPED's; only AddData and
 * the reads use it (the server's operations append, or hand out in order). */
DWORD StartObjectOperation(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind object_kind,
                           OperationKind op_kind, LPOVERLAPPED overlapped, PBYTE buffer, DWORD size, DWORD timeout_ms);
/* Marks the OVERLAPPED pending and completes the operation after a delay
 * drawn for its kind (a read may reach peers: longer), never before the
 * operations started earlier on the same handle; returns ERROR_IO_PENDING. */
DWORD StartOperation(const Operation* operation);

typedef int (*OperationMatch)(const Operation* operation, const void* context);
/* Completes every pending operation that matches with `error`, in start
 * order, before returning. */
void AbortOperations(OperationMatch match, const void* context, DWORD error);
/* The end of both cancel functions: PEERDIST_ERROR_OPERATION_NOTFOUND if
 * `must_match` and no pending operation matches; else every match ends with
 * ERROR_OPERATION_ABORTED before the call returns, and ERROR_SUCCESS. */
DWORD CancelOperations(OperationMatch match, const void* context, int must_match);

/* What an operation does when its time comes (example_server.c and
 * example_client.c); `object` is the open object it was started on. */
OperationResult PerformServerOperation(const Operation* operation, ContentObject* object);
OperationResult PerformClientOperation(Operation* operation, ContentObject* object);
OperationResult PerformFlush(const Operation* operation);

/* --- cross-part hooks -------------------------------------------------------- */

/* pd_plugin_init: forget every object, operation and publication. */
void ContentReset(void);
void PublicationsReset(void);
void RawDataReset(void);
/* PeerDistShutdown: cancel the session's operations, drop its handles and
 * its publications. */
void ContentSessionClosed(PEERDIST_INSTANCE_HANDLE session);
void DropPublicationsOf(uintptr_t session);
/* A content object is gone: forget the data added to it. */
void DropRawData(uintptr_t object);
/* The service status moved: invalidate handles on DISABLED / UNAVAILABLE. */
void ContentStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now);
/* The "peers": copies block `block` of `info` from a complete publication
 * whose data matches its hash into `out`; 0 when none has it. */
int FetchFromPublications(const ContentInfo* info, size_t block, BYTE* out);

#endif /* EXAMPLE_PLUGIN_H_ */
