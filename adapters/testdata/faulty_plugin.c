/* A plugin that misbehaves on the third API call of every case (built with
 * -DFAULT_SEGV, -DFAULT_ABORT or -DFAULT_HANG), or that does not export
 * PeerDistGetStatusEx (-DFAULT_OMIT_GET_STATUS_EX). Until the fault it keeps
 * sessions and reports the status; registrations are refused, so nothing is
 * ever pending. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "adapters/peerdist_plugin.h"

static const pd_host_services* host;
/* volatile: the compiler may not see that it stays NULL. */
static int* volatile nowhere = 0;
static int calls;
static uintptr_t next_handle;

uint32_t pd_plugin_abi_version(void) { return PD_PLUGIN_ABI_VERSION; }

int pd_plugin_init(const pd_host_services* services) {
  host = services;
  calls = 0;
  next_handle = 0x5E550000u;
  return 0;
}

void pd_plugin_service_status_changed(PEERDIST_STATUS before, PEERDIST_STATUS now) {
  (void)before;
  (void)now;
}

static void Call(void) {
  if (++calls != 3) return;
#if defined(FAULT_SEGV)
  *nowhere = 1;
#elif defined(FAULT_ABORT)
  abort();
#elif defined(FAULT_HANG)
  for (;;) pause();
#endif
}

DWORD PeerDistStartup(DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist, DWORD* pdwSupportedVersion) {
  Call();
  if (phPeerDist == 0) return ERROR_INVALID_PARAMETER;
  *phPeerDist = (PEERDIST_INSTANCE_HANDLE)next_handle;
  next_handle += 0x10;
  if (pdwSupportedVersion != 0) *pdwSupportedVersion = dwVersionRequested;
  return ERROR_SUCCESS;
}

DWORD PeerDistShutdown(PEERDIST_INSTANCE_HANDLE hPeerDist) {
  (void)hPeerDist;
  Call();
  return ERROR_SUCCESS;
}

DWORD PeerDistGetStatus(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS* pPeerDistStatus) {
  (void)hPeerDist;
  Call();
  if (pPeerDistStatus == 0) return ERROR_INVALID_PARAMETER;
  *pPeerDistStatus = host->service_status(host->host);
  return ERROR_SUCCESS;
}

#ifndef FAULT_OMIT_GET_STATUS_EX
DWORD PeerDistGetStatusEx(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS_INFO* pPeerDistStatus) {
  (void)hPeerDist;
  Call();
  if (pPeerDistStatus == 0) return ERROR_INVALID_PARAMETER;
  pPeerDistStatus->status = host->service_status(host->host);
  pPeerDistStatus->dwMinVer = 1;
  pPeerDistStatus->dwMaxVer = 2;
  return ERROR_SUCCESS;
}
#endif

DWORD PeerDistRegisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort,
                                                  ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped,
                                                  PEERDIST_STATUS* pPeerDistStatus) {
  (void)hPeerDist, (void)hCompletionPort, (void)ulCompletionKey, (void)lpOverlapped, (void)pPeerDistStatus;
  Call();
  return ERROR_INVALID_PARAMETER;
}

DWORD PeerDistRegisterForStatusChangeNotificationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort,
                                                    ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped,
                                                    PEERDIST_STATUS_INFO* pPeerDistStatus) {
  (void)hPeerDist, (void)hCompletionPort, (void)ulCompletionKey, (void)lpOverlapped, (void)pPeerDistStatus;
  Call();
  return ERROR_INVALID_PARAMETER;
}

DWORD PeerDistUnregisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist) {
  (void)hPeerDist;
  Call();
  return ERROR_SUCCESS;
}

BOOL PeerDistGetOverlappedResult(LPOVERLAPPED lpOverlapped, DWORD* lpNumberOfBytesTransferred, BOOL bWait) {
  (void)lpOverlapped, (void)lpNumberOfBytesTransferred, (void)bWait;
  Call();
  host->set_last_error(host->host, ERROR_INVALID_PARAMETER);
  return 0;
}
