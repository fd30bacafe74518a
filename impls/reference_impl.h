// The reference implementation of peerdist.h, written on the World's host
// services. It passes every rule of the catalog; constructed with a
// Deviation it becomes one mutant. The notification part and the sessions
// live in reference_impl.cc; the content part in reference_server.cc
// (publishing, content information), reference_client.cc (content handles,
// reads) and reference_async.cc (operations in flight, invalidation).
#ifndef IMPLS_REFERENCE_IMPL_H_
#define IMPLS_REFERENCE_IMPL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <optional>

#include "adapters/peerdist_adapter.h"
#include "impls/deviation.h"
#include "impls/reference_objects.h"
#include "sim/host_services.h"

namespace pd {

class ReferenceImpl final : public PeerDistAdapter {
 public:
  explicit ReferenceImpl(HostServices& host, Deviation deviation = Deviation::kNone);

  DWORD PeerDistStartup(DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist,
                        DWORD* pdwSupportedVersion) override;
  DWORD PeerDistShutdown(PEERDIST_INSTANCE_HANDLE hPeerDist) override;
  DWORD PeerDistGetStatus(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS* pPeerDistStatus) override;
  DWORD PeerDistGetStatusEx(PEERDIST_INSTANCE_HANDLE hPeerDist,
                            PEERDIST_STATUS_INFO* pPeerDistStatus) override;
  DWORD PeerDistRegisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                    HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                                    LPOVERLAPPED lpOverlapped,
                                                    PEERDIST_STATUS* pPeerDistStatus) override;
  DWORD PeerDistRegisterForStatusChangeNotificationEx(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                      HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                                      LPOVERLAPPED lpOverlapped,
                                                      PEERDIST_STATUS_INFO* pPeerDistStatus) override;
  DWORD PeerDistUnregisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist) override;
  BOOL PeerDistGetOverlappedResult(LPOVERLAPPED lpOverlapped, DWORD* lpNumberOfBytesTransferred,
                                   BOOL bWait) override;
  void OnServiceStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) override;

  // --- the content part (server side: reference_server.cc) ------------------
  DWORD PeerDistServerPublishStream(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                    PBYTE pContentIdentifier, ULONGLONG cbContentLength,
                                    PCPEERDIST_PUBLICATION_OPTIONS pPublishOptions, HANDLE hCompletionPort,
                                    ULONG_PTR ulCompletionKey, PPEERDIST_STREAM_HANDLE phStream) override;
  DWORD PeerDistServerPublishAddToStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream,
                                         DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistServerPublishCompleteStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream,
                                            LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistServerCloseStreamHandle(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream) override;
  DWORD PeerDistServerUnpublish(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                PBYTE pContentIdentifier) override;
  DWORD PeerDistServerOpenContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                             PBYTE pContentIdentifier, ULONGLONG ullContentOffset,
                                             ULONGLONG cbContentLength, HANDLE hCompletionPort,
                                             ULONG_PTR ulCompletionKey,
                                             PPEERDIST_CONTENTINFO_HANDLE phContentInfo) override;
  DWORD PeerDistServerOpenContentInformationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                               PBYTE pContentIdentifier, ULONGLONG ullContentOffset,
                                               ULONGLONG cbContentLength,
                                               PEERDIST_RETRIEVAL_OPTIONS* pRetrievalOptions,
                                               HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                               PPEERDIST_CONTENTINFO_HANDLE phContentInfo) override;
  DWORD PeerDistServerRetrieveContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                 PEERDIST_CONTENTINFO_HANDLE hContentInfo, DWORD cbMaxNumberOfBytes,
                                                 PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistServerCloseContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                              PEERDIST_CONTENTINFO_HANDLE hContentInfo) override;
  DWORD PeerDistServerCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                           PBYTE pContentIdentifier, LPOVERLAPPED pOverlapped) override;

  // --- the content part (client side: reference_client.cc) ------------------
  DWORD PeerDistClientOpenContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                  HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                  PPEERDIST_CONTENT_HANDLE phContentHandle) override;
  DWORD PeerDistClientCloseContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle) override;
  DWORD PeerDistClientAddContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                            DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistClientCompleteContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                 PEERDIST_CONTENT_HANDLE hContentHandle,
                                                 LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistClientAddData(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                              DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistClientBlockRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistClientStreamRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                 DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                 LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistClientFlushContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                   HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                   LPOVERLAPPED lpOverlapped) override;
  DWORD PeerDistClientGetInformationByHandle(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                             PEERDIST_CONTENT_HANDLE hContentHandle,
                                             PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS PeerDistClientInfoClass,
                                             DWORD dwBufferSize, LPVOID lpInformation) override;
  DWORD PeerDistClientCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                           LPOVERLAPPED pOverlapped) override;

 private:
  // The one pending status-change request of a session.
  struct Registration {
    HANDLE port = nullptr;
    ULONG_PTR key = 0;
    LPOVERLAPPED overlapped = nullptr;
    PEERDIST_STATUS* status_out = nullptr;
    PEERDIST_STATUS_INFO* status_info_out = nullptr;
  };
  struct Session {
    // Status of this session's previous notification; DISABLED before the
    // first one (the documented baseline of the first registration).
    PEERDIST_STATUS baseline = PEERDIST_STATUS_DISABLED;
    bool ever_registered = false;
    PEERDIST_STATUS status_at_startup = PEERDIST_STATUS_DISABLED;
    DWORD version = PEERDIST_VERSION;  // negotiated at startup
    std::optional<Registration> registration;
    // kNotifyUnseenFlap: the session has been notified at least once, and
    // the status differed from its baseline at some moment while nothing
    // was registered (the mutant remembers it).
    bool notified = false;
    bool missed_change = false;
    // kIdleUnregisterBySession: the service was not DISABLED at startup, so
    // an Unregister with nothing registered answers OPERATION_NOTFOUND.
    bool idle_unregister_not_found = false;
  };

  bool Is(Deviation deviation) const { return deviation_ == deviation; }
  // A content identifier argument the server functions take: a buffer of 1
  // to 256 bytes (0 bytes too for mutant empty-identifier-accepted).
  bool IdentifierValid(DWORD size, const BYTE* identifier) const;
  Session* Find(PEERDIST_INSTANCE_HANDLE handle);
  // Find for the content functions (publish, content information, client):
  // the same, but for mutant content-ignores-session-handle.
  Session* FindForContent(PEERDIST_INSTANCE_HANDLE handle);
  DWORD Register(PEERDIST_INSTANCE_HANDLE handle, HANDLE port, ULONG_PTR key, LPOVERLAPPED overlapped,
                 PEERDIST_STATUS* status_out, PEERDIST_STATUS_INFO* status_info_out);
  void WriteStatus(const Registration& registration, PEERDIST_STATUS status) const;
  static void WriteWiderInfoTail(PEERDIST_STATUS_INFO* info);  // mutant status-info-overrun
  DWORD MaxReportedVersion() const;  // PEERDIST_STATUS_INFO dwMaxVer
  void SetCancelledLastError();      // after a successful cancel
  DWORD AlreadyCompleted() const;    // a stream write's result once its publication is complete
  // Schedules a check of every session's registration right after now.
  void ScheduleDeliveryCheck();
  void DeliverDue();
  void Complete(Session& session, DWORD error);

  // --- content objects and operations (reference_async.cc) -----------------
  // The object behind a handle of `kind` owned by `session`, or nullptr when
  // the handle is not open (never issued, closed, another kind or session).
  // `for_close`: a close call (kAcceptClosedObjectHandle serves closed ones
  // to every call but the close).
  ContentObject* FindObject(std::uintptr_t session, HANDLE handle, ObjectKind kind, bool for_close = false);
  HANDLE AddObject(ContentObject object);
  // ERROR_SUCCESS when objects may be opened now; else why not.
  DWORD OpenableNow() const;
  DWORD AsyncSuccess(DWORD code) const;
  // Closes an object: aborts its pending operations, forgets it.
  void RemoveObject(std::uintptr_t handle);
  // Runs `operation` after a delay drawn for its kind (reads may reach
  // peers: longer), after the object's earlier operations; returns
  // ERROR_IO_PENDING.
  DWORD StartOperation(PendingOperation operation);
  void FinishOperation(std::uint64_t id);
  // Writes the result into the OVERLAPPED, signals its event, posts to the port.
  void CompleteOperation(const PendingOperation& operation, DWORD error, DWORD bytes);
  // Completes (as `error`) every pending operation that `match` selects.
  // The pending operations `match` selects, in id order; Withdraw takes one
  // out of the pending set and stops its timer.
  std::vector<PendingOperation> MatchingOperations(const std::function<bool(const PendingOperation&)>& match) const;
  void Withdraw(const PendingOperation& operation);
  int AbortOperations(const std::function<bool(const PendingOperation&)>& match, DWORD error);
  // A cancel's work: AbortOperations as ERROR_OPERATION_ABORTED (or the
  // cancel-defers-notice mutant's late notice).
  void CancelOperations(const std::function<bool(const PendingOperation&)>& match);
  // Drops the matching operations without completing them (a mutant's bug).
  void ForgetOperations(const std::function<bool(const PendingOperation&)>& match);
  void InvalidateObjects(PEERDIST_STATUS before, PEERDIST_STATUS now);
  // The result of an operation whose time has come: error and bytes.
  std::pair<DWORD, DWORD> Perform(PendingOperation& operation);
  std::pair<DWORD, DWORD> PerformRead(PendingOperation& operation, ContentObject& content, std::uint64_t offset);
  // Validated bytes of `content` available from `offset` on (local cache).
  // How many bytes a read at `offset` misses: up to the end of the range.
  DWORD MissingLength(const ContentInfo& info, std::uint64_t offset) const;
  std::uint64_t LocalRun(const ContentObject& content, std::uint64_t offset) const;
  // Fills block `block` of `content` from a publication whose data matches
  // its hash (the "peers"); false when none has it.
  bool FetchFromPeers(ContentObject& content, std::size_t block);
  // A read of a block neither the local cache nor a publication holds: asks
  // the World's peers (HostServices::FetchFromPeers) and defers the read to
  // their delivery or to its timeout, whichever comes first; a block no peer
  // holds is missing.
  std::pair<DWORD, DWORD> ReadFromPeers(PendingOperation& operation, const ContentInfo& info, std::size_t block,
                                        std::uint64_t offset);
  // Reschedules an operation at `at` (it stays pending and cancellable).
  void Defer(PendingOperation operation, VirtualTime at);
  void ValidateRawData(ContentObject& content);
  DWORD CheckOverlapped(LPOVERLAPPED overlapped) const;
  // Both OpenContentInformation functions, once their own checks passed.
  DWORD OpenContentInfo(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier,
                        ULONGLONG offset, ULONGLONG length, DWORD version, HANDLE port, ULONG_PTR key,
                        PPEERDIST_CONTENTINFO_HANDLE out);
  // The checks every call on a stream, content-information or content
  // handle starts with: the session's open object of `kind`, or the error
  // the call returns (ERROR_INVALID_HANDLE, PEERDIST_ERROR_INVALIDATED).
  std::pair<ContentObject*, DWORD> ObjectFor(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE handle, ObjectKind kind);
  // The close functions of all three handle kinds: an invalidated handle
  // still closes, a closed one is gone (ERROR_INVALID_HANDLE).
  DWORD CloseObject(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE handle, ObjectKind kind);
  // A read's return code once StartObjectOperation answered (a mutant's bug lives here).
  DWORD ReadCode(DWORD started, LPOVERLAPPED overlapped);
  // Whether a content handle of the session, still open, carries the tag.
  bool HasContentTagged(std::uintptr_t session, const PEERDIST_CONTENT_TAG& tag) const;
  // An asynchronous operation on such an object, once the caller's own
  // argument checks passed: the OVERLAPPED is checked, then the object.
  // The offset is the OVERLAPPED's; only AddData and the reads use it (the
  // server's operations append, or hand out in order).
  DWORD StartObjectOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE handle, ObjectKind object_kind,
                             OperationKind kind, LPOVERLAPPED overlapped, PBYTE buffer, DWORD size,
                             DWORD timeout_ms = 0);
  bool IsWin8(const Session& session) const { return session.version >= PEERDIST_VERSION_WIN8; }

  HostServices& host_;
  const Deviation deviation_;
  // Ordered by handle value, so delivery order is the order of startup.
  std::map<std::uintptr_t, Session> sessions_;
  std::uintptr_t next_handle_ = 0x5E550000;
  // kGlobalRegistration: the session whose registration holds the one slot.
  std::uintptr_t global_owner_ = 0;
  // kMixedSuccessCodes: accepted RegisterEx calls so far.
  unsigned ex_registrations_ = 0;

  // The content part. Ordered maps: iteration order is handle / id order.
  std::map<std::string, Publication> publications_;  // by content identifier
  // The publication an identifier passed to unpublish or open-info names.
  std::map<std::string, Publication>::iterator FindPublication(const std::string& passed);
  bool NamesIdentifier(const std::string& passed, const std::string& known) const;
  std::map<std::uintptr_t, ContentObject> objects_;  // by handle value
  std::uintptr_t next_object_ = 0x0B1E0000;
  std::map<std::uint64_t, PendingOperation> operations_;  // by id (start order)
  std::uint64_t next_operation_ = 1;
  // kResultBytesOffByOne: the OVERLAPPEDs of completed registrations and AddData calls.
  std::set<const OVERLAPPED*> off_by_one_;
  // kStrayPacket: the copy of a content operation's OVERLAPPED it posts as well.
  OVERLAPPED stray_overlapped_{};
};

}  // namespace pd

#endif  // IMPLS_REFERENCE_IMPL_H_
