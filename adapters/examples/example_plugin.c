/* An example plugin: the whole of peerdist.h in plain C, on the harness's
 * host services only. It follows every rule of the suite and, step for step,
 * the harness's reference implementation, so its traces are the reference's.
 * This file holds the entry points, the sessions and the status-change
 * notifications; the content part (publishing, content information, content
 * handles, reads) is in the files example_plugin.h lists.
 *
 *   bazel build //adapters/examples:libexample_plugin.so
 *   pdconform --impl plugin:bazel-bin/adapters/examples/libexample_plugin.so
 *
 * Built with -DEXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION it is the deliberately
 * wrong variant: a second registration replaces the first instead of failing,
 * which the rule single-registration catches. Built with
 * -DEXAMPLE_BUG_STATUS_INFO_OVERRUN, PeerDistGetStatusEx writes a structure
 * 4 bytes wider than the cbSize the caller passed, which the rule
 * buffer-bounds catches (the plugin worker's guard bytes see the write).
 */
#include <stddef.h>
#include <string.h>

#include "example_plugin.h"

/* Explicit bound: scenarios start at most a few dozen sessions. */
#define MAX_SESSIONS 256
#define FIRST_HANDLE ((uintptr_t)0x5E550000u)
#define HANDLE_STRIDE ((uintptr_t)0x10u)

typedef struct {
  int active;
  HANDLE port;
  ULONG_PTR key;
  LPOVERLAPPED overlapped;
  PEERDIST_STATUS* status_out;
  PEERDIST_STATUS_INFO* status_info_out;
} Registration;

typedef struct {
  int open;
  /* Status of the session's previous notification; DISABLED before the
   * first (the documented baseline of the first registration). */
  PEERDIST_STATUS baseline;
  /* Negotiated at startup: the lower of the requested and PEERDIST_VERSION. */
  DWORD version;
  Registration registration;
} Session;

const pd_host_services* host;

/* Sessions in startup order (handle = FIRST_HANDLE + index * stride), so
 * delivery goes in the order sessions were started. */
static Session sessions[MAX_SESSIONS];
static size_t session_count;

uint32_t pd_plugin_abi_version(void) { return PD_PLUGIN_ABI_VERSION; }

int pd_plugin_init(const pd_host_services* services) {
  host = services;
  memset(sessions, 0, sizeof sessions);
  session_count = 0;
  ContentReset();
  return 0;
}

static PEERDIST_STATUS CurrentStatus(void) { return host->service_status(host->host); }

static Session* Find(PEERDIST_INSTANCE_HANDLE handle) {
  uintptr_t value = (uintptr_t)handle;
  size_t index;
  if (value < FIRST_HANDLE || (value - FIRST_HANDLE) % HANDLE_STRIDE != 0) return NULL;
  index = (size_t)((value - FIRST_HANDLE) / HANDLE_STRIDE);
  if (index >= session_count || !sessions[index].open) return NULL;
  return &sessions[index];
}

int SessionIsOpen(PEERDIST_INSTANCE_HANDLE session) { return Find(session) != NULL; }

int SessionIsWin8(PEERDIST_INSTANCE_HANDLE session) {
  const Session* open = Find(session);
  return open != NULL && open->version >= PEERDIST_VERSION_WIN8;
}

static void WriteStatus(const Registration* registration, PEERDIST_STATUS status) {
  if (registration->status_out != NULL) *registration->status_out = status;
  if (registration->status_info_out != NULL) {
    registration->status_info_out->status = status;
    registration->status_info_out->dwMinVer = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
    registration->status_info_out->dwMaxVer = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2;
  }
}

/* Ends the session's pending registration with `error`: ERROR_SUCCESS for a
 * notification, ERROR_OPERATION_ABORTED for a cancellation. */
static void Complete(Session* session, DWORD error) {
  Registration registration = session->registration;
  HANDLE event;
  if (error == ERROR_SUCCESS) {
    PEERDIST_STATUS now = CurrentStatus();
    WriteStatus(&registration, now);
    session->baseline = now;
  }
  session->registration.active = 0;
  registration.overlapped->Internal = error;
  registration.overlapped->InternalHigh = 0;
  event = registration.overlapped->hEvent;
  if (event != NULL) host->set_event(host->host, event);
  if (registration.port != NULL) {
    host->post_queued_completion_status(host->host, registration.port, 0, registration.key, registration.overlapped);
  }
}

static void DeliverDue(void* unused) {
  PEERDIST_STATUS now = CurrentStatus();
  size_t i;
  (void)unused;
  for (i = 0; i < session_count; ++i) {
    Session* session = &sessions[i];
    if (session->open && session->registration.active && now != session->baseline) Complete(session, ERROR_SUCCESS);
  }
}

/* Delivery happens in scheduled work right after the current instant's
 * caller returns, never inside a call. */
static void ScheduleDeliveryCheck(void) { host->schedule_after(host->host, 0, DeliverDue, NULL); }

void pd_plugin_service_status_changed(PEERDIST_STATUS before, PEERDIST_STATUS now) {
  /* Handles stop working at the instant of the move, before anything else
   * runs; notifications are delivered right after. */
  ContentStatusChanged(before, now);
  ScheduleDeliveryCheck();
}

DWORD PeerDistStartup(DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist, DWORD* pdwSupportedVersion) {
  Session* session;
  if (phPeerDist == NULL) return ERROR_INVALID_PARAMETER;
  if (dwVersionRequested < PEERDIST_VERSION_WIN7) return PEERDIST_ERROR_VERSION_UNSUPPORTED;
  if (session_count == MAX_SESSIONS) return PEERDIST_ERROR_OUT_OF_BOUNDS;
  session = &sessions[session_count];
  memset(session, 0, sizeof *session);
  session->open = 1;
  session->baseline = PEERDIST_STATUS_DISABLED;
  session->version = dwVersionRequested < PEERDIST_VERSION ? dwVersionRequested : PEERDIST_VERSION;
  *phPeerDist = (PEERDIST_INSTANCE_HANDLE)(FIRST_HANDLE + HANDLE_STRIDE * session_count);
  ++session_count;
  if (pdwSupportedVersion != NULL) *pdwSupportedVersion = session->version;
  return ERROR_SUCCESS;
}

DWORD PeerDistShutdown(PEERDIST_INSTANCE_HANDLE hPeerDist) {
  Session* session = Find(hPeerDist);
  if (session == NULL) return ERROR_INVALID_HANDLE;
  /* Closing the session ends its outstanding request, as closing a file
   * handle cancels its I/O. */
  if (session->registration.active) Complete(session, ERROR_OPERATION_ABORTED);
  ContentSessionClosed(hPeerDist);
  session->open = 0;
  return ERROR_SUCCESS;
}

DWORD PeerDistGetStatus(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS* pPeerDistStatus) {
  if (Find(hPeerDist) == NULL) return ERROR_INVALID_HANDLE;
  if (pPeerDistStatus == NULL) return ERROR_INVALID_PARAMETER;
  *pPeerDistStatus = CurrentStatus();
  return ERROR_SUCCESS;
}

DWORD PeerDistGetStatusEx(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS_INFO* pPeerDistStatus) {
  if (Find(hPeerDist) == NULL) return ERROR_INVALID_HANDLE;
  if (pPeerDistStatus == NULL || pPeerDistStatus->cbSize < sizeof(PEERDIST_STATUS_INFO)) {
    return ERROR_INVALID_PARAMETER;
  }
  pPeerDistStatus->status = CurrentStatus();
  pPeerDistStatus->dwMinVer = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
  pPeerDistStatus->dwMaxVer = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2;
#ifdef EXAMPLE_BUG_STATUS_INFO_OVERRUN
  {
    /* A newer, wider structure's extra member, past the caller's cbSize. */
    const DWORD extra = 0;
    memcpy((unsigned char*)pPeerDistStatus + pPeerDistStatus->cbSize, &extra, sizeof extra);
  }
#endif
  return ERROR_SUCCESS;
}

static DWORD Register(PEERDIST_INSTANCE_HANDLE handle, HANDLE port, ULONG_PTR key, LPOVERLAPPED overlapped,
                      PEERDIST_STATUS* status_out, PEERDIST_STATUS_INFO* status_info_out) {
  Session* session = Find(handle);
  Registration registration;
  if (session == NULL) return ERROR_INVALID_HANDLE;
  if (overlapped == NULL || (status_out == NULL && status_info_out == NULL)) return ERROR_INVALID_PARAMETER;
  if (port != NULL && !host->is_completion_port(host->host, port)) return ERROR_INVALID_HANDLE;
#ifndef EXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION
  if (session->registration.active) return PEERDIST_ERROR_ALREADY_EXISTS;
#endif
  registration.active = 1;
  registration.port = port;
  registration.key = key;
  registration.overlapped = overlapped;
  registration.status_out = status_out;
  registration.status_info_out = status_info_out;
  overlapped->Internal = PD_STATUS_PENDING;
  overlapped->InternalHigh = 0;
  /* The out-parameter holds the current status as soon as the call returns;
   * a notification overwrites it with the status it reports. */
  WriteStatus(&registration, CurrentStatus());
  session->registration = registration;
  if (CurrentStatus() != session->baseline) ScheduleDeliveryCheck();
  return ERROR_SUCCESS;
}

DWORD PeerDistRegisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort,
                                                  ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped,
                                                  PEERDIST_STATUS* pPeerDistStatus) {
  DWORD result = Register(hPeerDist, hCompletionPort, ulCompletionKey, lpOverlapped, pPeerDistStatus, NULL);
  /* The documented success value of the original function. */
  return result == ERROR_SUCCESS ? ERROR_IO_PENDING : result;
}

DWORD PeerDistRegisterForStatusChangeNotificationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort,
                                                    ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped,
                                                    PEERDIST_STATUS_INFO* pPeerDistStatus) {
  if (pPeerDistStatus != NULL && pPeerDistStatus->cbSize < sizeof(PEERDIST_STATUS_INFO)) {
    return ERROR_INVALID_PARAMETER;
  }
  return Register(hPeerDist, hCompletionPort, ulCompletionKey, lpOverlapped, NULL, pPeerDistStatus);
}

DWORD PeerDistUnregisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist) {
  Session* session = Find(hPeerDist);
  if (session == NULL) return ERROR_INVALID_HANDLE;
  if (session->registration.active) Complete(session, ERROR_OPERATION_ABORTED);
  return ERROR_SUCCESS;
}

BOOL PeerDistGetOverlappedResult(LPOVERLAPPED lpOverlapped, DWORD* lpNumberOfBytesTransferred, BOOL bWait) {
  if (lpOverlapped == NULL || lpNumberOfBytesTransferred == NULL) {
    host->set_last_error(host->host, ERROR_INVALID_PARAMETER);
    return 0;
  }
  if (lpOverlapped->Internal == PD_STATUS_PENDING && bWait && lpOverlapped->hEvent != NULL) {
    host->wait_for_event(host->host, lpOverlapped->hEvent, INFINITE);
  }
  if (lpOverlapped->Internal == PD_STATUS_PENDING) {
    host->set_last_error(host->host, ERROR_IO_INCOMPLETE);
    return 0;
  }
  *lpNumberOfBytesTransferred = (DWORD)lpOverlapped->InternalHigh;
  if (lpOverlapped->Internal != ERROR_SUCCESS) {
    host->set_last_error(host->host, (DWORD)lpOverlapped->Internal);
    return 0;
  }
  return 1;
}
