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

  // --- peerdist.h (the content part: server side) ---------------------------
  // Every content, content-information and stream handle stops working when
  // the status moves to DISABLED or UNAVAILABLE: calls fail with
  // PEERDIST_ERROR_INVALIDATED, and only the close functions still succeed.
  virtual DWORD PeerDistServerPublishStream(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                            PBYTE pContentIdentifier, ULONGLONG cbContentLength,
                                            PCPEERDIST_PUBLICATION_OPTIONS pPublishOptions,
                                            HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                            PPEERDIST_STREAM_HANDLE phStream) = 0;
  virtual DWORD PeerDistServerPublishAddToStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream,
                                                 DWORD cbNumberOfBytes, PBYTE pBuffer,
                                                 LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistServerPublishCompleteStream(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                    PEERDIST_STREAM_HANDLE hStream, LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistServerCloseStreamHandle(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                PEERDIST_STREAM_HANDLE hStream) = 0;
  virtual DWORD PeerDistServerUnpublish(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                        PBYTE pContentIdentifier) = 0;
  virtual DWORD PeerDistServerOpenContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                                     PBYTE pContentIdentifier, ULONGLONG ullContentOffset,
                                                     ULONGLONG cbContentLength, HANDLE hCompletionPort,
                                                     ULONG_PTR ulCompletionKey,
                                                     PPEERDIST_CONTENTINFO_HANDLE phContentInfo) = 0;
  // Windows 8+: needs a session that negotiated PEERDIST_VERSION_WIN8.
  virtual DWORD PeerDistServerOpenContentInformationEx(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                       DWORD cbContentIdentifier, PBYTE pContentIdentifier,
                                                       ULONGLONG ullContentOffset, ULONGLONG cbContentLength,
                                                       PEERDIST_RETRIEVAL_OPTIONS* pRetrievalOptions,
                                                       HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                                       PPEERDIST_CONTENTINFO_HANDLE phContentInfo) = 0;
  virtual DWORD PeerDistServerRetrieveContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                         PEERDIST_CONTENTINFO_HANDLE hContentInfo,
                                                         DWORD cbMaxNumberOfBytes, PBYTE pBuffer,
                                                         LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistServerCloseContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                      PEERDIST_CONTENTINFO_HANDLE hContentInfo) = 0;
  virtual DWORD PeerDistServerCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                                   PBYTE pContentIdentifier, LPOVERLAPPED pOverlapped) = 0;

  // --- peerdist.h (the content part: client side) ---------------------------
  virtual DWORD PeerDistClientOpenContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                          HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                          PPEERDIST_CONTENT_HANDLE phContentHandle) = 0;
  virtual DWORD PeerDistClientCloseContent(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                           PEERDIST_CONTENT_HANDLE hContentHandle) = 0;
  virtual DWORD PeerDistClientAddContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                    PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbNumberOfBytes,
                                                    PBYTE pBuffer, LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistClientCompleteContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                         PEERDIST_CONTENT_HANDLE hContentHandle,
                                                         LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistClientAddData(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                      DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistClientBlockRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                        DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                        LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistClientStreamRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                         DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                         LPOVERLAPPED lpOverlapped) = 0;
  virtual DWORD PeerDistClientFlushContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                           HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                           LPOVERLAPPED lpOverlapped) = 0;
  // Windows 8+: needs a session that negotiated PEERDIST_VERSION_WIN8.
  virtual DWORD PeerDistClientGetInformationByHandle(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                     PEERDIST_CONTENT_HANDLE hContentHandle,
                                                     PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS PeerDistClientInfoClass,
                                                     DWORD dwBufferSize, LPVOID lpInformation) = 0;
  virtual DWORD PeerDistClientCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                   PEERDIST_CONTENT_HANDLE hContentHandle,
                                                   LPOVERLAPPED pOverlapped) = 0;

  // --- the environment door -----------------------------------------------
  // The simulated service's status moved. Called at the virtual instant of
  // the change, before anything else runs at that instant.
  virtual void OnServiceStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) = 0;
};

}  // namespace pd

#endif  // ADAPTERS_PEERDIST_ADAPTER_H_
