// The only door to an implementation under test. The harness calls the
// peerdist API through it and tells the implementation about the simulated
// service through it; the implementation reaches the World only through the
// HostServices it was created with.
//
// Every kind of implementation sits behind this interface: in-process C++
// classes (impls/), and later C-ABI plugins and out-of-process programs.
// Parameters and return values mean exactly what peerdist.h says.
#ifndef ADAPTERS_PEERDIST_ADAPTER_H_
#define ADAPTERS_PEERDIST_ADAPTER_H_

#include <memory>
#include <string>

#include "sim/host_services.h"
#include "sim/peerdist_types.h"

namespace pd {

class PeerDistAdapter {
 public:
  virtual ~PeerDistAdapter() = default;

  // --- peerdist.h (the status-change notification part) ------------------
  virtual DWORD PeerDistStartup(DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist,
                                DWORD* pdwSupportedVersion) = 0;
  virtual DWORD PeerDistShutdown(PEERDIST_INSTANCE_HANDLE hPeerDist) = 0;
  virtual DWORD PeerDistGetStatus(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                  PEERDIST_STATUS* pPeerDistStatus) = 0;
  virtual DWORD PeerDistGetStatusEx(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                    PEERDIST_STATUS_INFO* pPeerDistStatus) = 0;
  virtual DWORD PeerDistRegisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                            HANDLE hCompletionPort,
                                                            ULONG_PTR ulCompletionKey,
                                                            LPOVERLAPPED lpOverlapped,
                                                            PEERDIST_STATUS* pPeerDistStatus) = 0;
  virtual DWORD PeerDistRegisterForStatusChangeNotificationEx(
      PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
      LPOVERLAPPED lpOverlapped, PEERDIST_STATUS_INFO* pPeerDistStatus) = 0;
  virtual DWORD PeerDistUnregisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist) = 0;
  // Sets the host's last error (HostServices::SetLastError) when it returns FALSE.
  virtual BOOL PeerDistGetOverlappedResult(LPOVERLAPPED lpOverlapped,
                                           DWORD* lpNumberOfBytesTransferred, BOOL bWait) = 0;

  // --- the environment door -----------------------------------------------
  // The simulated service's status moved. Called at the virtual instant of
  // the change, before anything else runs at that instant.
  virtual void OnServiceStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) = 0;
};

}  // namespace pd

#endif  // ADAPTERS_PEERDIST_ADAPTER_H_
