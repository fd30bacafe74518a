/* peerdist_plugin.h: the C ABI between the conformance harness and an
 * implementation of the Peer Distribution API built as a shared library.
 *
 * A plugin is a .so that
 *   1. exports the peerdist.h functions listed in PD_PLUGIN_PEERDIST_FUNCTIONS
 *      below, with the same names, parameters and meanings as peerdist.h;
 *   2. exports the three entry points listed in PD_PLUGIN_ENTRY_POINTS:
 *        uint32_t pd_plugin_abi_version(void);   return PD_PLUGIN_ABI_VERSION
 *        int pd_plugin_init(const pd_host_services* host);
 *        void pd_plugin_service_status_changed(PEERDIST_STATUS before,
 *                                              PEERDIST_STATUS now);
 *   3. touches the world (events, completion ports, time, the service status,
 *      the last error) only through the pd_host_services table it is handed.
 *
 * Run it:  pdconform --impl plugin:./libmyimpl.so
 *
 * The harness loads the plugin inside worker processes (kept for many
 * scenarios: pd_plugin_init resets it between them; every finding is then
 * replayed alone in a fresh worker, and one that does not reproduce there is
 * reported as an incomplete reset), never in its own process, so a plugin that crashes, exits or hangs (in a
 * call, or in its constructors or destructors) is reported as a finding, or
 * refused before the suite, instead of taking the harness down. Everything runs on one thread, in virtual time:
 * never block, never read a clock, never start a thread. Work that must
 * happen later is scheduled with host->schedule_after and runs when the
 * harness's simulated clock gets there.
 *
 * pd_plugin_init is called once at the start of every scenario, before any
 * other function; the plugin must start from a clean state. The host table
 * and everything it points to stay valid until the next pd_plugin_init.
 *
 * Plain C (C89 plus <stdint.h>), usable from C and C++. The types below have
 * the Windows SDK's layouts on LP64 (DWORD is 32 bits even where unsigned
 * long is 64), so the harness and a plugin exchange the same bits; a test in
 * the harness pins every size, offset and value against its own copy.
 *
 * Versioning: any change to a layout, a signature, or the tables below bumps
 * PD_PLUGIN_ABI_VERSION. A plugin built against another version is refused
 * at load time with one line naming both versions.
 */
#ifndef PEERDIST_PLUGIN_H_
#define PEERDIST_PLUGIN_H_

#include <stddef.h>
#include <stdint.h>

#define PD_PLUGIN_ABI_VERSION 1u

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define PD_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define PD_PLUGIN_EXPORT
#endif

/* --- Win32 types (windows.h subset, SDK layouts) ------------------------ */

typedef uint32_t DWORD;
typedef int32_t BOOL;
typedef uint32_t ULONG;
typedef uintptr_t ULONG_PTR;
typedef uint64_t ULONGLONG;
typedef unsigned char BYTE;
typedef BYTE* PBYTE;
typedef void* LPVOID;
typedef void* HANDLE;

/* The SDK's Offset/OffsetHigh/Pointer union is flattened to its DWORD view;
 * the layout is the same. Internal holds the operation's Win32 result once
 * complete, and 0x103 (STATUS_PENDING) while pending. */
typedef struct _OVERLAPPED {
  ULONG_PTR Internal;
  ULONG_PTR InternalHigh;
  DWORD Offset;
  DWORD OffsetHigh;
  HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;

/* Enumerators, not macros, so that C++ code may include this header next to
 * another definition of the same names in a namespace. */
enum {
  PD_STATUS_PENDING = 0x103, /* OVERLAPPED.Internal while pending */
  ERROR_SUCCESS = 0,
  ERROR_INVALID_HANDLE = 6,
  ERROR_INVALID_PARAMETER = 87,
  ERROR_CALL_NOT_IMPLEMENTED = 120,
  ERROR_INSUFFICIENT_BUFFER = 122,
  ERROR_ALREADY_EXISTS = 183,
  ERROR_MORE_DATA = 234,
  ERROR_OPERATION_ABORTED = 995,
  ERROR_IO_INCOMPLETE = 996,
  ERROR_IO_PENDING = 997,
  ERROR_NOT_FOUND = 1168,
  ERROR_ACCESS_DISABLED_BY_POLICY = 1260,
  ERROR_TIMEOUT = 1460,
  WAIT_OBJECT_0 = 0,
  WAIT_TIMEOUT = 258
};
static const DWORD INFINITE = 0xFFFFFFFFu;
static const DWORD WAIT_FAILED = 0xFFFFFFFFu;

/* --- peerdist.h types and constants -------------------------------------- */

typedef HANDLE PEERDIST_INSTANCE_HANDLE, *PPEERDIST_INSTANCE_HANDLE;
typedef HANDLE PEERDIST_CONTENT_HANDLE, *PPEERDIST_CONTENT_HANDLE;
typedef HANDLE PEERDIST_CONTENTINFO_HANDLE, *PPEERDIST_CONTENTINFO_HANDLE;
typedef HANDLE PEERDIST_STREAM_HANDLE, *PPEERDIST_STREAM_HANDLE;

typedef enum {
  PEERDIST_STATUS_DISABLED = 0,
  PEERDIST_STATUS_UNAVAILABLE = 1,
  PEERDIST_STATUS_AVAILABLE = 2
} PEERDIST_STATUS;

typedef struct {
  DWORD cbSize;
  PEERDIST_STATUS status;
  DWORD dwMinVer;
  DWORD dwMaxVer;
} PEERDIST_STATUS_INFO;

typedef struct {
  DWORD cbSize;
  DWORD dwContentInfoMinVersion;
  DWORD dwContentInfoMaxVersion;
  DWORD dwReserved;
} PEERDIST_RETRIEVAL_OPTIONS;

typedef struct {
  BYTE Data[16];
} PEERDIST_CONTENT_TAG;
typedef const PEERDIST_CONTENT_TAG* PCPEERDIST_CONTENT_TAG;

typedef struct {
  DWORD dwVersion;
  DWORD dwFlags;
} PEERDIST_PUBLICATION_OPTIONS;
typedef const PEERDIST_PUBLICATION_OPTIONS* PCPEERDIST_PUBLICATION_OPTIONS;

typedef struct {
  BOOL fFlashCrowd;
} PEERDIST_CLIENT_BASIC_INFO;

typedef enum { PeerDistClientBasicInfo = 0 } PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS;

enum {
  PEERDIST_VERSION_WIN7 = 0x0001,    /* MAKEWORD(1, 0) */
  PEERDIST_VERSION_WIN8 = 0x00000002, /* MAKELONG(2, 0) */
  PEERDIST_VERSION = PEERDIST_VERSION_WIN8,
  PEERDIST_PUBLICATION_OPTIONS_VERSION_1 = 1,
  PEERDIST_PUBLICATION_OPTIONS_VERSION_2 = 2,
  PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1 = 1,
  PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2 = 2,
  PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION = 2,
  PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY = 0
};
static const DWORD PEERDIST_READ_TIMEOUT_DEFAULT = 0xFFFFFFFEu;

enum {
  PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED = 4050,
  PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO = 4051,
  PEERDIST_ERROR_MISSING_DATA = 4052,
  PEERDIST_ERROR_NO_MORE = 4053,
  PEERDIST_ERROR_NOT_INITIALIZED = 4054,
  PEERDIST_ERROR_ALREADY_INITIALIZED = 4055,
  PEERDIST_ERROR_SHUTDOWN_IN_PROGRESS = 4056,
  PEERDIST_ERROR_INVALIDATED = 4057,
  PEERDIST_ERROR_ALREADY_EXISTS = 4058,
  PEERDIST_ERROR_OPERATION_NOTFOUND = 4059,
  PEERDIST_ERROR_ALREADY_COMPLETED = 4060,
  PEERDIST_ERROR_OUT_OF_BOUNDS = 4061,
  PEERDIST_ERROR_VERSION_UNSUPPORTED = 4062,
  PEERDIST_ERROR_INVALID_CONFIGURATION = 4063,
  PEERDIST_ERROR_NOT_LICENSED = 4064,
  PEERDIST_ERROR_SERVICE_UNAVAILABLE = 4065,
  PEERDIST_ERROR_TRUST_FAILURE = 4066
};

/* --- host services ------------------------------------------------------- */

/* Work scheduled with schedule_after. */
typedef void (*pd_work_fn)(void* context);

/* What the harness offers the plugin. Pass `host` as the first argument of
 * every function. Handles are the harness's (events and completion ports
 * the caller passed in); OVERLAPPED pointers are the ones the caller passed. */
typedef struct pd_host_services {
  uint32_t abi_version; /* the harness's PD_PLUGIN_ABI_VERSION */
  uint32_t struct_size; /* sizeof(pd_host_services) */
  void* host;

  /* Virtual time in microseconds since the scenario began. */
  uint64_t (*now_us)(void* host);
  /* The simulated service's status right now. */
  PEERDIST_STATUS (*service_status)(void* host);
  /* SetEvent. FALSE for a handle that is not an event. */
  BOOL (*set_event)(void* host, HANDLE event);
  /* PostQueuedCompletionStatus. FALSE for a handle that is not a port. */
  BOOL (*post_queued_completion_status)(void* host, HANDLE port, DWORD bytes, ULONG_PTR key,
                                        LPOVERLAPPED overlapped);
  BOOL (*is_completion_port)(void* host, HANDLE handle);
  BOOL (*is_event)(void* host, HANDLE handle);
  /* WaitForSingleObject on an event in virtual time: the harness runs its
   * clock (and any work the plugin scheduled) until the event is signalled
   * or timeout_ms pass. WAIT_OBJECT_0, WAIT_TIMEOUT or WAIT_FAILED. */
  DWORD (*wait_for_event)(void* host, HANDLE event, DWORD timeout_ms);
  /* Runs work(context) at now + delay_us. Work scheduled for one instant runs
   * in the order it was scheduled. Returns a timer id (never 0). */
  uint64_t (*schedule_after)(void* host, uint64_t delay_us, pd_work_fn work, void* context);
  /* FALSE when the timer already ran, was cancelled or never existed. */
  BOOL (*cancel_scheduled)(void* host, uint64_t timer);
  /* A duration in [low_us, high_us] drawn from the harness's seeded PRNG:
   * how long an asynchronous operation takes, so completions race status
   * changes reproducibly. */
  uint64_t (*draw_delay)(void* host, uint64_t low_us, uint64_t high_us);
  /* The calling thread's last error (what GetLastError returns to the
   * caller after PeerDistGetOverlappedResult returns FALSE). */
  void (*set_last_error)(void* host, DWORD error);
  DWORD (*get_last_error)(void* host);
  /* Added after ABI version 1's first release, at the end: present when
   * struct_size reaches past it (PD_HOST_HAS_PEER_FETCH).
   * Asks the simulated peers for the `length` bytes at content offset
   * `offset` whose 64-bit FNV-1a hash is `hash` (a block the content
   * information describes). When a peer holds them, writes them to `out`
   * and returns how long, in microseconds, fetching them takes: they count
   * as arrived only that much later in virtual time. PD_PEER_NONE when no
   * peer holds them. */
  uint64_t (*peer_fetch)(void* host, uint64_t offset, DWORD length, uint64_t hash, BYTE* out);
  /* Added after ABI version 1's first release, at the end: present when
   * struct_size reaches past it (PD_HOST_HAS_SERVICE_CAUSE).
   * Why the service is DISABLED right now, which is the row a call answers
   * while it cannot serve: PD_SERVICE_CAUSE_POLICY (a Group Policy disables
   * the feature: ERROR_ACCESS_DISABLED_BY_POLICY), PD_SERVICE_CAUSE_STOPPED
   * (the service is stopped by its configuration:
   * PEERDIST_ERROR_SERVICE_UNAVAILABLE), PD_SERVICE_CAUSE_UNKNOWN (the
   * status is not DISABLED, or nothing named the cause: either row is
   * accepted). The cause may change while the status stays DISABLED, with no
   * status change to say so: ask when answering, do not keep it. A plugin
   * built before this entry never asks, and answers as it always did. */
  uint32_t (*service_cause)(void* host);
} pd_host_services;

#define PD_PEER_NONE UINT64_MAX
#define PD_HOST_HAS_PEER_FETCH(services)                                                   \
  ((services)->struct_size >= offsetof(pd_host_services, peer_fetch) + sizeof(void*) && \
   (services)->peer_fetch != NULL)

/* What service_cause answers (the values of the exec protocol's `get-cause`). */
enum { PD_SERVICE_CAUSE_UNKNOWN = 0, PD_SERVICE_CAUSE_POLICY = 1, PD_SERVICE_CAUSE_STOPPED = 2 };
#define PD_HOST_HAS_SERVICE_CAUSE(services)                                                   \
  ((services)->struct_size >= offsetof(pd_host_services, service_cause) + sizeof(void*) && \
   (services)->service_cause != NULL)

/* --- what the plugin exports ---------------------------------------------- */

/* The peerdist.h functions, one entry each: X(return type, name, (parameters)),
 * in two groups. The harness looks every one up by name; a plugin missing one
 * is refused. Adding a function is one entry here (and a forwarding method in
 * the harness's ProtocolAdapter). */
#define PD_PLUGIN_PEERDIST_FUNCTIONS(X) PD_PLUGIN_NOTIFICATION_FUNCTIONS(X) PD_PLUGIN_CONTENT_FUNCTIONS(X)

/* The status-change notification part (and the session it needs). */
#define PD_PLUGIN_NOTIFICATION_FUNCTIONS(X)                                                               \
  X(DWORD, PeerDistStartup,                                                                               \
    (DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist, DWORD * pdwSupportedVersion))        \
  X(DWORD, PeerDistShutdown, (PEERDIST_INSTANCE_HANDLE hPeerDist))                                        \
  X(DWORD, PeerDistGetStatus, (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS * pPeerDistStatus))    \
  X(DWORD, PeerDistGetStatusEx, (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS_INFO * pPeerDistStatus)) \
  X(DWORD, PeerDistRegisterForStatusChangeNotification,                                                   \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,               \
     LPOVERLAPPED lpOverlapped, PEERDIST_STATUS * pPeerDistStatus))                                       \
  X(DWORD, PeerDistRegisterForStatusChangeNotificationEx,                                                 \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,               \
     LPOVERLAPPED lpOverlapped, PEERDIST_STATUS_INFO * pPeerDistStatus))                                  \
  X(DWORD, PeerDistUnregisterForStatusChangeNotification, (PEERDIST_INSTANCE_HANDLE hPeerDist))           \
  X(BOOL, PeerDistGetOverlappedResult,                                                                    \
    (LPOVERLAPPED lpOverlapped, DWORD * lpNumberOfBytesTransferred, BOOL bWait))

/* The content part: server side, then client side. */
#define PD_PLUGIN_CONTENT_FUNCTIONS(X)                                                                    \
  X(DWORD, PeerDistServerPublishStream,                                                                   \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier,             \
     ULONGLONG cbContentLength, PCPEERDIST_PUBLICATION_OPTIONS pPublishOptions, HANDLE hCompletionPort,   \
     ULONG_PTR ulCompletionKey, PPEERDIST_STREAM_HANDLE phStream))                                        \
  X(DWORD, PeerDistServerPublishAddToStream,                                                              \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream, DWORD cbNumberOfBytes,           \
     PBYTE pBuffer, LPOVERLAPPED lpOverlapped))                                                           \
  X(DWORD, PeerDistServerPublishCompleteStream,                                                           \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream, LPOVERLAPPED lpOverlapped))      \
  X(DWORD, PeerDistServerCloseStreamHandle, (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream)) \
  X(DWORD, PeerDistServerUnpublish,                                                                       \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier))            \
  X(DWORD, PeerDistServerOpenContentInformation,                                                          \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier,             \
     ULONGLONG ullContentOffset, ULONGLONG cbContentLength, HANDLE hCompletionPort,                      \
     ULONG_PTR ulCompletionKey, PPEERDIST_CONTENTINFO_HANDLE phContentInfo))                              \
  X(DWORD, PeerDistServerOpenContentInformationEx,                                                        \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier,             \
     ULONGLONG ullContentOffset, ULONGLONG cbContentLength, PEERDIST_RETRIEVAL_OPTIONS * pRetrievalOptions, \
     HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, PPEERDIST_CONTENTINFO_HANDLE phContentInfo))      \
  X(DWORD, PeerDistServerRetrieveContentInformation,                                                      \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENTINFO_HANDLE hContentInfo, DWORD cbMaxNumberOfBytes, \
     PBYTE pBuffer, LPOVERLAPPED lpOverlapped))                                                           \
  X(DWORD, PeerDistServerCloseContentInformation,                                                         \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENTINFO_HANDLE hContentInfo))                       \
  X(DWORD, PeerDistServerCancelAsyncOperation,                                                            \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier,             \
     LPOVERLAPPED pOverlapped))                                                                           \
  X(DWORD, PeerDistClientOpenContent,                                                                     \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag, HANDLE hCompletionPort,      \
     ULONG_PTR ulCompletionKey, PPEERDIST_CONTENT_HANDLE phContentHandle))                                \
  X(DWORD, PeerDistClientCloseContent, (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle)) \
  X(DWORD, PeerDistClientAddContentInformation,                                                           \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbNumberOfBytes,   \
     PBYTE pBuffer, LPOVERLAPPED lpOverlapped))                                                           \
  X(DWORD, PeerDistClientCompleteContentInformation,                                                      \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, LPOVERLAPPED lpOverlapped)) \
  X(DWORD, PeerDistClientAddData,                                                                         \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbNumberOfBytes,   \
     PBYTE pBuffer, LPOVERLAPPED lpOverlapped))                                                           \
  X(DWORD, PeerDistClientBlockRead,                                                                       \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbMaxNumberOfBytes, \
     PBYTE pBuffer, DWORD dwTimeoutInMilliseconds, LPOVERLAPPED lpOverlapped))                            \
  X(DWORD, PeerDistClientStreamRead,                                                                      \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbMaxNumberOfBytes, \
     PBYTE pBuffer, DWORD dwTimeoutInMilliseconds, LPOVERLAPPED lpOverlapped))                            \
  X(DWORD, PeerDistClientFlushContent,                                                                    \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag, HANDLE hCompletionPort,      \
     ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped))                                               \
  X(DWORD, PeerDistClientGetInformationByHandle,                                                          \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,                          \
     PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS PeerDistClientInfoClass, DWORD dwBufferSize, LPVOID lpInformation)) \
  X(DWORD, PeerDistClientCancelAsyncOperation,                                                            \
    (PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, LPOVERLAPPED pOverlapped))

/* The harness's own entry points, same form. */
#define PD_PLUGIN_ENTRY_POINTS(X)                                         \
  X(uint32_t, pd_plugin_abi_version, (void))                              \
  X(int, pd_plugin_init, (const pd_host_services* host))                  \
  X(void, pd_plugin_service_status_changed, (PEERDIST_STATUS before, PEERDIST_STATUS now))

/* Declarations (so the compiler checks the plugin's definitions against
 * them) and function-pointer types named pd_fn_<name> for loaders. */
#define PD_PLUGIN_DECLARE_(ret, name, params) \
  PD_PLUGIN_EXPORT ret name params;           \
  typedef ret(*pd_fn_##name) params;
PD_PLUGIN_PEERDIST_FUNCTIONS(PD_PLUGIN_DECLARE_)
PD_PLUGIN_ENTRY_POINTS(PD_PLUGIN_DECLARE_)
#undef PD_PLUGIN_DECLARE_

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* PEERDIST_PLUGIN_H_ */
