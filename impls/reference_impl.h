// The reference implementation of the status-change notification part of
// peerdist.h, written on the World's host services. It passes every rule of
// the catalog; constructed with a Deviation it becomes one mutant.
#ifndef IMPLS_REFERENCE_IMPL_H_
#define IMPLS_REFERENCE_IMPL_H_

#include <cstdint>
#include <map>
#include <optional>

#include "adapters/peerdist_adapter.h"
#include "impls/deviation.h"
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
    std::optional<Registration> registration;
  };

  bool Is(Deviation deviation) const { return deviation_ == deviation; }
  Session* Find(PEERDIST_INSTANCE_HANDLE handle);
  DWORD Register(PEERDIST_INSTANCE_HANDLE handle, HANDLE port, ULONG_PTR key, LPOVERLAPPED overlapped,
                 PEERDIST_STATUS* status_out, PEERDIST_STATUS_INFO* status_info_out);
  void WriteStatus(const Registration& registration, PEERDIST_STATUS status) const;
  // Schedules a check of every session's registration right after now.
  void ScheduleDeliveryCheck();
  void DeliverDue();
  void Complete(Session& session, DWORD error);

  HostServices& host_;
  const Deviation deviation_;
  // Ordered by handle value, so delivery order is the order of startup.
  std::map<std::uintptr_t, Session> sessions_;
  std::uintptr_t next_handle_ = 0x5E550000;
  // kGlobalRegistration: the session whose registration holds the one slot.
  std::uintptr_t global_owner_ = 0;
  // kMixedSuccessCodes: accepted RegisterEx calls so far.
  unsigned ex_registrations_ = 0;
};

}  // namespace pd

#endif  // IMPLS_REFERENCE_IMPL_H_
