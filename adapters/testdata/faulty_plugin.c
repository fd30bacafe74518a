/* A plugin that misbehaves on the third API call of every case (built with
 * -DFAULT_SEGV, -DFAULT_ABORT or -DFAULT_HANG), or that does not export
 * PeerDistGetStatusEx (-DFAULT_OMIT_GET_STATUS_EX). Until the fault it keeps
 * sessions and reports the status; registrations are refused, so nothing is
 * ever pending, and any handle is accepted (which breaks rules: invalid-handle
 * and session-isolation, for two).
 *
 * Or one that misbehaves outside the calls, where the process loading it
 * runs its code: its constructor calls exit(0) (-DFAULT_CTOR_EXIT) or
 * segfaults (-DFAULT_CTOR_SEGV), pd_plugin_abi_version segfaults
 * (-DFAULT_ABI_SEGV), or its destructor calls _exit(0) (-DFAULT_DTOR_EXIT).
 *
 * For the tests that look at processes, two environment variables:
 *   PD_TEST_PLUGIN_LOG=FILE      the constructor appends "load PID", and a
 *                                hang "hang PID" before it starts
 *   PD_TEST_FAULT_FROM_LOAD=N    the load-time faults strike from the N-th
 *                                load on (counted in the log; default 1) */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adapters/peerdist_plugin.h"

static const pd_host_services* host;
/* volatile: the compiler may not see that it stays NULL. */
static int* volatile nowhere = 0;
static int calls;
static uintptr_t next_handle;
static int load_faults = 1; /* whether the load-time faults strike in this process */

static void Log(const char* what) {
  const char* log = getenv("PD_TEST_PLUGIN_LOG");
  if (log == 0 || *log == '\0') return;
  char line[64];
  const int length = snprintf(line, sizeof line, "%s %ld\n", what, (long)getpid());
  const int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  if (write(fd, line, (size_t)length) != length) abort();
  close(fd);
}

/* How many times a process loaded this plugin, this one included (1 without a log). */
static int LoadNumber(void) {
  const char* log = getenv("PD_TEST_PLUGIN_LOG");
  if (log == 0 || *log == '\0') return 1;
  FILE* in = fopen(log, "r");
  if (in == 0) return 1;
  int loads = 0;
  char line[64];
  while (fgets(line, sizeof line, in) != 0) loads += strncmp(line, "load ", 5) == 0;
  fclose(in);
  return loads;
}

__attribute__((constructor)) static void Load(void) {
  Log("load");
  const char* from = getenv("PD_TEST_FAULT_FROM_LOAD");
  load_faults = LoadNumber() >= (from != 0 ? atoi(from) : 1);
#if defined(FAULT_CTOR_EXIT)
  if (load_faults) exit(0);
#elif defined(FAULT_CTOR_SEGV)
  if (load_faults) *nowhere = 1;
#endif
}

#if defined(FAULT_DTOR_EXIT)
__attribute__((destructor)) static void Unload(void) {
  if (load_faults) _exit(0);
}
#endif

uint32_t pd_plugin_abi_version(void) {
#if defined(FAULT_ABI_SEGV)
  if (load_faults) *nowhere = 1;
#endif
  return PD_PLUGIN_ABI_VERSION;
}

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
  Log("hang");
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
