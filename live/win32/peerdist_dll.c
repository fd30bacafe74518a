/* peerdist_dll.c: the example implementation (adapters/examples/) as a real
 * Windows peerdist.dll. The example's files are compiled unchanged, their
 * peerdist.h functions renamed to Example_* (example_rename.h); this file
 * exports the real names with the real calling convention, each holding the
 * implementation's lock around the example's function, and hands the
 * example a host table made of real Win32 services (win32_host.c): real
 * events and completion ports, QueryPerformanceCounter for its clock, and a
 * delivery thread of its own for everything it schedules.
 *
 * A real peerdist.dll talks to the BranchCache service and to real peers;
 * this one simulates the service's status, and asks for peers' blocks
 * whoever its host names, through three test exports:
 *   void WINAPI PdTestReset(DWORD status)      a new case: forget every
 *        session, handle and scheduled work; the status is `status`
 *   void WINAPI PdTestSetServiceStatus(DWORD)  the service's status moves
 *        (notifications and invalidation follow, as on Windows)
 *   void WINAPI PdTestSetPeerSource(PdPeerSource)  where reads get peers'
 *        blocks (pdlive.exe: the harness's World); none set: no peer has any
 * The peer source is called from the DLL's delivery thread with the lock
 * held, and may block until its answer comes.
 *
 * Built with -DEXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION it is the example's
 * deliberately wrong variant (live/build_win32.sh builds both).
 */
#include "adapters/peerdist_plugin.h"
#include "live/win32/win32_host.h"

/* x86-64 has one calling convention, which WINAPI (__stdcall) names; on
 * 32-bit x86 the attribute would make the difference. */
#define PD_WINAPI __stdcall

#define DECLARE_EXAMPLE_(ret, name, params) ret Example_##name params;
PD_PLUGIN_PEERDIST_FUNCTIONS(DECLARE_EXAMPLE_)
#undef DECLARE_EXAMPLE_

static PEERDIST_STATUS simulated_status = PEERDIST_STATUS_DISABLED;

/* The peers: pd_host_services.peer_fetch's contract (adapters/peerdist_plugin.h). */
typedef uint64_t(PD_WINAPI* PdPeerSource)(uint64_t offset, DWORD length, uint64_t hash, BYTE* out);
static PdPeerSource peer_source;

/* --- the host table, on win32_host.c ---------------------------------------- */

static uint64_t HostNow(void* unused) {
  (void)unused;
  return Win32NowUs();
}
static PEERDIST_STATUS HostStatus(void* unused) {
  (void)unused;
  return simulated_status;
}
static BOOL HostSetEvent(void* unused, HANDLE event) {
  (void)unused;
  return Win32SetEvent(event);
}
static BOOL HostPost(void* unused, HANDLE port, DWORD bytes, ULONG_PTR key, LPOVERLAPPED overlapped) {
  (void)unused;
  return Win32Post(port, bytes, key, overlapped);
}
static BOOL HostIsPort(void* unused, HANDLE handle) {
  (void)unused;
  return Win32IsPort(handle);
}
static BOOL HostIsEvent(void* unused, HANDLE handle) {
  (void)unused;
  return Win32IsEvent(handle);
}
static DWORD HostWait(void* unused, HANDLE event, DWORD timeout_ms) {
  (void)unused;
  return Win32Wait(event, timeout_ms);
}
static uint64_t HostSchedule(void* unused, uint64_t delay_us, pd_work_fn work, void* context) {
  (void)unused;
  return Win32Schedule(delay_us, work, context);
}
static BOOL HostCancel(void* unused, uint64_t timer) {
  (void)unused;
  return Win32Cancel(timer);
}
static uint64_t HostDraw(void* unused, uint64_t low_us, uint64_t high_us) {
  (void)unused;
  return Win32DrawDelay(low_us, high_us);
}
static void HostSetLastError(void* unused, DWORD error) {
  (void)unused;
  Win32SetLastError(error);
}
static DWORD HostGetLastError(void* unused) {
  (void)unused;
  return Win32GetLastError();
}
static uint64_t HostPeerFetch(void* unused, uint64_t offset, DWORD length, uint64_t hash, BYTE* out) {
  (void)unused;
  return peer_source != NULL ? peer_source(offset, length, hash, out) : PD_PEER_NONE;
}

static const pd_host_services win32_services = {
    PD_PLUGIN_ABI_VERSION, sizeof(pd_host_services), NULL,       HostNow,         HostStatus,
    HostSetEvent,          HostPost,                 HostIsPort, HostIsEvent,     HostWait,
    HostSchedule,          HostCancel,               HostDraw,   HostSetLastError, HostGetLastError,
    HostPeerFetch};

/* The example starts from pd_plugin_init; a process that never called
 * PdTestReset gets it at its first call. */
static int initialized;

static void EnsureInitialized(void) {
  if (initialized) return;
  initialized = 1;
  pd_plugin_init(&win32_services);
}

/* --- the test exports ------------------------------------------------------- */

__declspec(dllexport) void PD_WINAPI PdTestReset(DWORD status) {
  Win32Lock();
  Win32CancelAll();
  Win32ResetClock();
  simulated_status = (PEERDIST_STATUS)status;
  initialized = 1;
  pd_plugin_init(&win32_services);
  Win32Unlock();
}

__declspec(dllexport) void PD_WINAPI PdTestSetPeerSource(PdPeerSource source) {
  Win32Lock();
  peer_source = source;
  Win32Unlock();
}

__declspec(dllexport) void PD_WINAPI PdTestSetServiceStatus(DWORD status) {
  PEERDIST_STATUS before;
  Win32Lock();
  EnsureInitialized();
  before = simulated_status;
  simulated_status = (PEERDIST_STATUS)status;
  if (before != simulated_status) pd_plugin_service_status_changed(before, simulated_status);
  Win32Unlock();
}

/* --- the 28 peerdist.h exports ---------------------------------------------- */

/* One export: the lock around the example's function. GetOverlappedResult
 * keeps the caller's last error: the lock's release must not reset it. */
#define EXPORT_(ret, name, params, args)              \
  __declspec(dllexport) ret PD_WINAPI name params {   \
    ret result;                                       \
    Win32Lock();                                      \
    EnsureInitialized();                              \
    result = Example_##name args;                     \
    Win32Unlock();                                    \
    return result;                                    \
  }

typedef PEERDIST_INSTANCE_HANDLE PD;
typedef PEERDIST_STATUS_INFO STATUS_INFO;
typedef PEERDIST_CONTENT_HANDLE CONTENT;

EXPORT_(DWORD, PeerDistStartup, (DWORD v, PPEERDIST_INSTANCE_HANDLE ph, DWORD* supported), (v, ph, supported))
EXPORT_(DWORD, PeerDistShutdown, (PD h), (h))
EXPORT_(DWORD, PeerDistGetStatus, (PD h, PEERDIST_STATUS* s), (h, s))
EXPORT_(DWORD, PeerDistGetStatusEx, (PD h, STATUS_INFO* s), (h, s))
EXPORT_(DWORD, PeerDistRegisterForStatusChangeNotification,
        (PD h, HANDLE port, ULONG_PTR key, LPOVERLAPPED ov, PEERDIST_STATUS* s), (h, port, key, ov, s))
EXPORT_(DWORD, PeerDistRegisterForStatusChangeNotificationEx,
        (PD h, HANDLE port, ULONG_PTR key, LPOVERLAPPED ov, STATUS_INFO* s), (h, port, key, ov, s))
EXPORT_(DWORD, PeerDistUnregisterForStatusChangeNotification, (PD h), (h))
EXPORT_(BOOL, PeerDistGetOverlappedResult, (LPOVERLAPPED ov, DWORD* bytes, BOOL wait), (ov, bytes, wait))
EXPORT_(DWORD, PeerDistServerPublishStream,
        (PD h, DWORD cb, PBYTE id, ULONGLONG length, PCPEERDIST_PUBLICATION_OPTIONS options, HANDLE port,
         ULONG_PTR key, PPEERDIST_STREAM_HANDLE out),
        (h, cb, id, length, options, port, key, out))
EXPORT_(DWORD, PeerDistServerPublishAddToStream,
        (PD h, PEERDIST_STREAM_HANDLE stream, DWORD cb, PBYTE buffer, LPOVERLAPPED ov), (h, stream, cb, buffer, ov))
EXPORT_(DWORD, PeerDistServerPublishCompleteStream, (PD h, PEERDIST_STREAM_HANDLE stream, LPOVERLAPPED ov),
        (h, stream, ov))
EXPORT_(DWORD, PeerDistServerCloseStreamHandle, (PD h, PEERDIST_STREAM_HANDLE stream), (h, stream))
EXPORT_(DWORD, PeerDistServerUnpublish, (PD h, DWORD cb, PBYTE id), (h, cb, id))
EXPORT_(DWORD, PeerDistServerOpenContentInformation,
        (PD h, DWORD cb, PBYTE id, ULONGLONG offset, ULONGLONG length, HANDLE port, ULONG_PTR key,
         PPEERDIST_CONTENTINFO_HANDLE out),
        (h, cb, id, offset, length, port, key, out))
EXPORT_(DWORD, PeerDistServerOpenContentInformationEx,
        (PD h, DWORD cb, PBYTE id, ULONGLONG offset, ULONGLONG length, PEERDIST_RETRIEVAL_OPTIONS* options,
         HANDLE port, ULONG_PTR key, PPEERDIST_CONTENTINFO_HANDLE out),
        (h, cb, id, offset, length, options, port, key, out))
EXPORT_(DWORD, PeerDistServerRetrieveContentInformation,
        (PD h, PEERDIST_CONTENTINFO_HANDLE info, DWORD cb, PBYTE buffer, LPOVERLAPPED ov), (h, info, cb, buffer, ov))
EXPORT_(DWORD, PeerDistServerCloseContentInformation, (PD h, PEERDIST_CONTENTINFO_HANDLE info), (h, info))
EXPORT_(DWORD, PeerDistServerCancelAsyncOperation, (PD h, DWORD cb, PBYTE id, LPOVERLAPPED ov), (h, cb, id, ov))
EXPORT_(DWORD, PeerDistClientOpenContent,
        (PD h, PCPEERDIST_CONTENT_TAG tag, HANDLE port, ULONG_PTR key, PPEERDIST_CONTENT_HANDLE out),
        (h, tag, port, key, out))
EXPORT_(DWORD, PeerDistClientCloseContent, (PD h, CONTENT content), (h, content))
EXPORT_(DWORD, PeerDistClientAddContentInformation, (PD h, CONTENT content, DWORD cb, PBYTE buffer, LPOVERLAPPED ov),
        (h, content, cb, buffer, ov))
EXPORT_(DWORD, PeerDistClientCompleteContentInformation, (PD h, CONTENT content, LPOVERLAPPED ov), (h, content, ov))
EXPORT_(DWORD, PeerDistClientAddData, (PD h, CONTENT content, DWORD cb, PBYTE buffer, LPOVERLAPPED ov),
        (h, content, cb, buffer, ov))
EXPORT_(DWORD, PeerDistClientBlockRead,
        (PD h, CONTENT content, DWORD cb, PBYTE buffer, DWORD timeout_ms, LPOVERLAPPED ov),
        (h, content, cb, buffer, timeout_ms, ov))
EXPORT_(DWORD, PeerDistClientStreamRead,
        (PD h, CONTENT content, DWORD cb, PBYTE buffer, DWORD timeout_ms, LPOVERLAPPED ov),
        (h, content, cb, buffer, timeout_ms, ov))
EXPORT_(DWORD, PeerDistClientFlushContent,
        (PD h, PCPEERDIST_CONTENT_TAG tag, HANDLE port, ULONG_PTR key, LPOVERLAPPED ov), (h, tag, port, key, ov))
EXPORT_(DWORD, PeerDistClientGetInformationByHandle,
        (PD h, CONTENT content, PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS info_class, DWORD cb, LPVOID info),
        (h, content, info_class, cb, info))
EXPORT_(DWORD, PeerDistClientCancelAsyncOperation, (PD h, CONTENT content, LPOVERLAPPED ov), (h, content, ov))
