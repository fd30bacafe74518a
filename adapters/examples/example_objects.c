/* The handles of the content part (streams, content information, content)
 * and the asynchronous operations started on them: an operation completes at
 * a virtual time the host draws, through its OVERLAPPED, the OVERLAPPED's
 * event and the handle's completion port. When the service status moves to
 * DISABLED or UNAVAILABLE every handle stops working, and what was in flight
 * on it fails with PEERDIST_ERROR_INVALIDATED.
 */
#include <string.h>

#include "example_plugin.h"

/* Handle values: FIRST_OBJECT + index * OBJECT_STRIDE, never reused, so a
 * closed handle stays invalid and the table is in handle order. A scenario
 * opens at most 128 handles. */
#define MAX_OBJECTS 256
#define FIRST_OBJECT ((uintptr_t)0x0B1E0000u)
#define OBJECT_STRIDE ((uintptr_t)0x10u)
/* Bound on operations in flight: a scenario cannot start that many, but an
 * implementation must not grow without end either. */
#define MAX_OPERATIONS 1024
/* How long operations take (virtual microseconds, drawn by the host between
 * the bounds): a read may have to reach peers, so it takes longer. */
#define SHORT_OPERATION_MIN_US 1000u
#define SHORT_OPERATION_MAX_US 30000u
#define READ_MIN_US 2000u
#define READ_MAX_US 80000u

static ContentObject objects[MAX_OBJECTS];
static size_t object_count;
/* Pending operations in start order (ids ascending). */
static Operation operations[MAX_OPERATIONS];
static size_t operation_count;
static uint64_t next_operation_id;

void ContentReset(void) {
  object_count = 0;
  operation_count = 0;
  next_operation_id = 1;
  PublicationsReset();
  RawDataReset();
}

/* --- handles ---------------------------------------------------------------- */

ContentObject* ObjectByValue(uintptr_t value) {
  size_t index;
  if (value < FIRST_OBJECT || (value - FIRST_OBJECT) % OBJECT_STRIDE != 0) return NULL;
  index = (size_t)((value - FIRST_OBJECT) / OBJECT_STRIDE);
  if (index >= object_count || !objects[index].open) return NULL;
  return &objects[index];
}

ContentObject* FindObject(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind kind) {
  ContentObject* object = ObjectByValue((uintptr_t)handle);
  if (object == NULL || object->kind != kind || object->session != (uintptr_t)session) return NULL;
  return object;
}

size_t ObjectCount(void) { return object_count; }

ContentObject* ObjectAt(size_t index) {
  return index < object_count && objects[index].open ? &objects[index] : NULL;
}

uintptr_t ObjectValue(const ContentObject* object) {
  return FIRST_OBJECT + OBJECT_STRIDE * (uintptr_t)(object - objects);
}

ContentObject* NewObject(ObjectKind kind, PEERDIST_INSTANCE_HANDLE session, HANDLE port, ULONG_PTR key,
                         HANDLE* handle) {
  ContentObject* object;
  if (object_count == MAX_OBJECTS) return NULL;
  object = &objects[object_count++];
  memset(object, 0, sizeof *object);
  object->open = 1;
  object->kind = kind;
  object->session = (uintptr_t)session;
  object->port = port;
  object->key = key;
  *handle = (HANDLE)ObjectValue(object);
  return object;
}

DWORD OpenableNow(void) {
  switch (host->service_status(host->host)) {
    case PEERDIST_STATUS_AVAILABLE: return ERROR_SUCCESS;
    case PEERDIST_STATUS_UNAVAILABLE: return PEERDIST_ERROR_SERVICE_UNAVAILABLE;
    case PEERDIST_STATUS_DISABLED: break;
  }
  /* The row of the cause: a service stopped by its configuration is
   * unavailable, a Group Policy (or a cause the host does not name) is the
   * policy row. */
  if (PD_HOST_HAS_SERVICE_CAUSE(host) && host->service_cause(host->host) == PD_SERVICE_CAUSE_STOPPED) {
    return PEERDIST_ERROR_SERVICE_UNAVAILABLE;
  }
  return ERROR_ACCESS_DISABLED_BY_POLICY;
}

static int OnObject(const Operation* operation, const void* object) {
  return operation->object == *(const uintptr_t*)object;
}

/* Closing a handle cancels its pending operations (documented for
 * PeerDistServerCloseContentInformation; done here for every kind). */
static void RemoveObject(ContentObject* object) {
  const uintptr_t value = ObjectValue(object);
  AbortOperations(OnObject, &value, ERROR_OPERATION_ABORTED);
  if (object->kind == OBJECT_CONTENT) DropRawData(value);
  object->open = 0;
}

ContentObject* ObjectFor(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind kind, DWORD* error) {
  ContentObject* object = FindObject(session, handle, kind);
  if (object == NULL) {
    *error = ERROR_INVALID_HANDLE;
    return NULL;
  }
  if (object->invalidated) {
    *error = PEERDIST_ERROR_INVALIDATED;
    return NULL;
  }
  return object;
}

DWORD CloseObject(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind kind) {
  ContentObject* object;
  if (!SessionIsOpen(session)) return ERROR_INVALID_HANDLE;
  object = FindObject(session, handle, kind);
  if (object == NULL) return ERROR_INVALID_HANDLE;
  RemoveObject(object);
  return ERROR_SUCCESS;
}

/* --- operations ----------------------------------------------------------- */

DWORD CheckOverlapped(LPOVERLAPPED overlapped) {
  size_t i;
  if (overlapped == NULL || operation_count >= MAX_OPERATIONS) return ERROR_INVALID_PARAMETER;
  /* One OVERLAPPED serves one operation at a time. */
  for (i = 0; i < operation_count; ++i) {
    if (operations[i].overlapped == overlapped) return ERROR_INVALID_PARAMETER;
  }
  return ERROR_SUCCESS;
}

static void CompleteOperation(const Operation* operation, DWORD error, DWORD bytes) {
  HANDLE event = NULL;
  if (operation->overlapped != NULL) {
    operation->overlapped->Internal = error;
    operation->overlapped->InternalHigh = bytes;
    event = operation->overlapped->hEvent;
  }
  if (event != NULL) host->set_event(host->host, event);
  if (operation->port != NULL) {
    host->post_queued_completion_status(host->host, operation->port, bytes, operation->key, operation->overlapped);
  }
}

static void RemoveOperationAt(size_t index) {
  memmove(&operations[index], &operations[index + 1], (operation_count - index - 1) * sizeof operations[0]);
  --operation_count;
}

static OperationResult Perform(Operation* operation) {
  ContentObject* object;
  OperationResult result;
  if (operation->kind == OP_FLUSH) return PerformFlush(operation);
  object = ObjectByValue(operation->object);
  result.bytes = 0;
  if (object == NULL) {
    result.error = ERROR_OPERATION_ABORTED;
    return result;
  }
  if (object->invalidated) {
    result.error = PEERDIST_ERROR_INVALIDATED;
    return result;
  }
  return object->kind == OBJECT_CONTENT ? PerformClientOperation(operation, object)
                                        : PerformServerOperation(operation, object);
}

static void FinishOperation(void* context);

/* Reschedules an operation at `at` (it stays pending and cancellable); the
 * handle's later operations wait for it (first in, first out). */
static void Defer(Operation* operation, uint64_t at) {
  const uint64_t now = host->now_us(host->host);
  ContentObject* object = ObjectByValue(operation->object);
  if (at < now) at = now;
  if (object != NULL && object->busy_until < at) object->busy_until = at;
  operation->timer = host->schedule_after(host->host, at - now, FinishOperation, (void*)(uintptr_t)operation->id);
  operations[operation_count++] = *operation;
}

/* Scheduled work: the operation's time has come (unless it was aborted). */
static void FinishOperation(void* context) {
  const uint64_t id = (uint64_t)(uintptr_t)context;
  Operation operation;
  OperationResult result;
  ContentObject* object;
  size_t i;
  for (i = 0; i < operation_count && operations[i].id != id; ++i) {
  }
  if (i == operation_count) return;
  operation = operations[i];
  RemoveOperationAt(i);
  /* An earlier operation of the handle still waits for the peers: after it. */
  for (i = 0; i < operation_count && operation.object != 0; ++i) {
    if (operations[i].object != operation.object || operations[i].id >= id) continue;
    object = ObjectByValue(operation.object);
    Defer(&operation, object != NULL ? object->busy_until + 1 : host->now_us(host->host));
    return;
  }
  result = Perform(&operation);
  if (result.error == PD_DEFERRED) {
    Defer(&operation, operation.resume_at);
    return;
  }
  CompleteOperation(&operation, result.error, result.bytes);
}

static int IsRead(OperationKind kind) { return kind == OP_BLOCK_READ || kind == OP_STREAM_READ; }

DWORD StartOperation(const Operation* start) {
  Operation operation = *start;
  ContentObject* object;
  uint64_t delay;
  operation.id = next_operation_id++;
  if (operation.overlapped != NULL) {
    operation.overlapped->Internal = PD_STATUS_PENDING;
    operation.overlapped->InternalHigh = 0;
  }
  delay = IsRead(operation.kind) ? host->draw_delay(host->host, READ_MIN_US, READ_MAX_US)
                                 : host->draw_delay(host->host, SHORT_OPERATION_MIN_US, SHORT_OPERATION_MAX_US);
  object = ObjectByValue(operation.object);
  if (object != NULL) {
    /* Never before the operation started earlier on the same handle. */
    const uint64_t now = host->now_us(host->host);
    if (object->busy_until >= now + delay) delay = object->busy_until - now + 1;
    object->busy_until = now + delay;
  }
  operation.started = host->now_us(host->host);
  operation.timer = host->schedule_after(host->host, delay, FinishOperation, (void*)(uintptr_t)operation.id);
  operations[operation_count++] = operation;
  return ERROR_IO_PENDING;
}

/* The start offset of a read or AddData: OVERLAPPED.Offset/OffsetHigh. */
static uint64_t OffsetOf(LPOVERLAPPED overlapped) {
  if (overlapped == NULL) return 0;
  return ((uint64_t)overlapped->OffsetHigh << 32) | overlapped->Offset;
}

DWORD StartObjectOperation(PEERDIST_INSTANCE_HANDLE session, HANDLE handle, ObjectKind object_kind,
                           OperationKind op_kind, LPOVERLAPPED overlapped, PBYTE buffer, DWORD size, DWORD timeout_ms) {
  ContentObject* object;
  Operation operation;
  DWORD error = CheckOverlapped(overlapped);
  if (error != ERROR_SUCCESS) return error;
  object = ObjectFor(session, handle, object_kind, &error);
  if (object == NULL) return error;
  memset(&operation, 0, sizeof operation);
  operation.kind = op_kind;
  operation.session = (uintptr_t)session;
  operation.object = (uintptr_t)handle;
  operation.overlapped = overlapped;
  operation.port = object->port;
  operation.key = object->key;
  operation.buffer = buffer;
  operation.size = size;
  operation.offset = OffsetOf(overlapped);
  operation.timeout_ms = timeout_ms;
  return StartOperation(&operation);
}

static int AnyOperation(OperationMatch match, const void* context) {
  size_t i;
  for (i = 0; i < operation_count; ++i) {
    if (match(&operations[i], context)) return 1;
  }
  return 0;
}

void AbortOperations(OperationMatch match, const void* context, DWORD error) {
  size_t i = 0;
  /* Completing one touches only its OVERLAPPED, event and port, never the
   * table or what `match` looks at, so the walk may remove as it goes. */
  while (i < operation_count) {
    Operation operation = operations[i];
    if (!match(&operation, context)) {
      ++i;
      continue;
    }
    RemoveOperationAt(i);
    host->cancel_scheduled(host->host, operation.timer);
    CompleteOperation(&operation, error, 0);
  }
}

DWORD CancelOperations(OperationMatch match, const void* context, int must_match) {
  if (must_match && !AnyOperation(match, context)) return PEERDIST_ERROR_OPERATION_NOTFOUND;
  /* "will not return until the cancellation result is posted". */
  AbortOperations(match, context, ERROR_OPERATION_ABORTED);
  /* "calling GetLastError immediately after a successful" cancel "will
   * return the ERROR_OPERATION_ABORTED error code". */
  host->set_last_error(host->host, ERROR_OPERATION_ABORTED);
  return ERROR_SUCCESS;
}

/* --- sessions and the service status --------------------------------------- */

static int OfSession(const Operation* operation, const void* session) {
  return operation->session == *(const uintptr_t*)session;
}

void ContentSessionClosed(PEERDIST_INSTANCE_HANDLE session) {
  const uintptr_t value = (uintptr_t)session;
  size_t i;
  /* "PeerDistShutdown cancels all the pending Peer Distribution client and
   * server operations" and removes the session's publications. */
  AbortOperations(OfSession, &value, ERROR_OPERATION_ABORTED);
  for (i = 0; i < object_count; ++i) {
    ContentObject* object = &objects[i];
    if (!object->open || object->session != value) continue;
    if (object->kind == OBJECT_CONTENT) DropRawData(ObjectValue(object));
    object->open = 0;
  }
  DropPublicationsOf(value);
}

static int OnInvalidatedObject(const Operation* operation, const void* unused) {
  const ContentObject* object = ObjectByValue(operation->object);
  (void)unused;
  return object != NULL && object->invalidated;
}

void ContentStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) {
  size_t i;
  if (now == PEERDIST_STATUS_AVAILABLE || before == now) return;
  for (i = 0; i < object_count; ++i) objects[i].invalidated = 1;
  /* Operations in flight on an invalidated handle fail with it (the
   * interpretation the harness's reference follows: AMBIGUITIES.md,
   * in-flight-at-invalidation). */
  AbortOperations(OnInvalidatedObject, NULL, PEERDIST_ERROR_INVALIDATED);
}
