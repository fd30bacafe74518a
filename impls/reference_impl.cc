#include "impls/reference_impl.h"

#include <cstring>
#include <stdexcept>

#include "sim/peerdist_version.h"

namespace pd {
namespace {

constexpr std::uintptr_t kHandleStride = 0x10;

}  // namespace

ReferenceImpl::ReferenceImpl(HostServices& host, Deviation deviation)
    : host_(host), deviation_(deviation) {}

ReferenceImpl::Session* ReferenceImpl::Find(PEERDIST_INSTANCE_HANDLE handle) {
  auto it = sessions_.find(reinterpret_cast<std::uintptr_t>(handle));
  if (it != sessions_.end()) return &it->second;
  if (Is(Deviation::kAcceptInvalidHandle) && !sessions_.empty()) return &sessions_.begin()->second;
  return nullptr;
}

ReferenceImpl::Session* ReferenceImpl::FindForContent(PEERDIST_INSTANCE_HANDLE handle) {
  Session* session = Find(handle);
  if (session == nullptr && Is(Deviation::kContentIgnoresSessionHandle) && !sessions_.empty()) {
    return &sessions_.begin()->second;
  }
  return session;
}

DWORD ReferenceImpl::PeerDistStartup(DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist,
                                     DWORD* pdwSupportedVersion) {
  if (phPeerDist == nullptr) return ERROR_INVALID_PARAMETER;
  // dwVersionRequested is the minimum the caller accepts, read as
  // MAKEWORD(major, minor) (sim/peerdist_version.h): a request above what
  // this implementation supports (PEERDIST_VERSION) cannot be met, and
  // there is no version below 1.0.
  const PeerDistVersion requested = DecodeVersion(dwVersionRequested);
  const bool too_new = Is(Deviation::kVersionByRawNumber)
                           ? (dwVersionRequested & 0xFFFF) > PEERDIST_VERSION
                           : CompareVersions(requested, DecodeVersion(PEERDIST_VERSION)) > 0;
  if (requested.major < 1 || (too_new && !Is(Deviation::kStartupAcceptsNewerVersion))) {
    return PEERDIST_ERROR_VERSION_UNSUPPORTED;
  }
  const std::uintptr_t value = next_handle_;
  next_handle_ += kHandleStride;
  Session& session = sessions_[value];
  session.status_at_startup = host_.ServiceStatus();
  session.idle_unregister_not_found = session.status_at_startup != PEERDIST_STATUS_DISABLED;
  // A session that asked for 1.x gets the Windows 7 API: the Windows 8
  // functions that need the Windows 8 version (OpenContentInformationEx,
  // GetInformationByHandle) refuse it.
  session.version = RequestsWin8(dwVersionRequested) ? PEERDIST_VERSION_WIN8 : PEERDIST_VERSION_WIN7;
  *phPeerDist = reinterpret_cast<PEERDIST_INSTANCE_HANDLE>(value);
  // "the maximum version number that is supported", whatever was asked.
  if (pdwSupportedVersion != nullptr) *pdwSupportedVersion = PEERDIST_VERSION;
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistShutdown(PEERDIST_INSTANCE_HANDLE hPeerDist) {
  auto it = sessions_.find(reinterpret_cast<std::uintptr_t>(hPeerDist));
  if (it == sessions_.end()) return ERROR_INVALID_HANDLE;
  // Closing the session ends its outstanding request, as closing a file
  // handle cancels its I/O.
  if (it->second.registration && !Is(Deviation::kShutdownLeavesPending)) {
    Complete(it->second, ERROR_OPERATION_ABORTED);
  }
  // "PeerDistShutdown cancels all the pending Peer Distribution client and
  // server operations" and removes the session's publications.
  const std::uintptr_t value = it->first;
  if (!Is(Deviation::kShutdownLeavesOperations)) {
    AbortOperations([value](const PendingOperation& op) { return op.session == value; }, ERROR_OPERATION_ABORTED);
    for (auto object = objects_.begin(); object != objects_.end();) {
      object = object->second.session == value ? objects_.erase(object) : std::next(object);
    }
  }
  for (auto publication = publications_.begin(); publication != publications_.end();) {
    const bool remove = publication->second.owner == value && !Is(Deviation::kShutdownKeepsPublications);
    publication = remove ? publications_.erase(publication) : std::next(publication);
  }
  sessions_.erase(it);
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistGetStatus(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                       PEERDIST_STATUS* pPeerDistStatus) {
  Session* session = Find(hPeerDist);
  if (session == nullptr) return ERROR_INVALID_HANDLE;
  if (pPeerDistStatus == nullptr) return ERROR_INVALID_PARAMETER;
  if (Is(Deviation::kGetStatusFailsWhileDisabled) && host_.ServiceStatus() == PEERDIST_STATUS_DISABLED) {
    return ERROR_ACCESS_DISABLED_BY_POLICY;
  }
  if (Is(Deviation::kThrowWhenUnavailable) && host_.ServiceStatus() == PEERDIST_STATUS_UNAVAILABLE) {
    throw std::runtime_error("PeerDistGetStatus: no case for PEERDIST_STATUS_UNAVAILABLE");
  }
  *pPeerDistStatus = Is(Deviation::kStaleGetStatus) ? session->status_at_startup : host_.ServiceStatus();
  return ERROR_SUCCESS;
}

DWORD ReferenceImpl::PeerDistGetStatusEx(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                         PEERDIST_STATUS_INFO* pPeerDistStatus) {
  Session* session = Find(hPeerDist);
  if (session == nullptr) return ERROR_INVALID_HANDLE;
  if (pPeerDistStatus == nullptr) return ERROR_INVALID_PARAMETER;
  if (pPeerDistStatus->cbSize < sizeof(PEERDIST_STATUS_INFO)) return ERROR_INVALID_PARAMETER;
  if (Is(Deviation::kGetStatusFailsWhileDisabled) && host_.ServiceStatus() == PEERDIST_STATUS_DISABLED) {
    return ERROR_ACCESS_DISABLED_BY_POLICY;
  }
  pPeerDistStatus->status = Is(Deviation::kStaleGetStatus) ? session->status_at_startup : host_.ServiceStatus();
  pPeerDistStatus->dwMinVer = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
  pPeerDistStatus->dwMaxVer = MaxReportedVersion();
  if (Is(Deviation::kStatusInfoOverrun)) WriteWiderInfoTail(pPeerDistStatus);
  return ERROR_SUCCESS;
}

// "calling GetLastError immediately after a successful
// PeerDist{Server,Client}CancelAsyncOperation will return the
// ERROR_OPERATION_ABORTED error code" (SCANCEL-17, CCANCEL-17); the
// mutant's bug leaves the last error alone.
void ReferenceImpl::SetCancelledLastError() {
  if (!Is(Deviation::kCancelLeavesLastError)) host_.SetLastError(ERROR_OPERATION_ABORTED);
}

// The newest content information version the service reports supporting:
// the mutant's bug reports only version 1 (while the Ex open still hands out 2).
DWORD ReferenceImpl::MaxReportedVersion() const {
  return Is(Deviation::kStatusReportsVersion1Only) ? PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1
                                                   : PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2;
}

void ReferenceImpl::WriteWiderInfoTail(PEERDIST_STATUS_INFO* info) {
  // The mutant's bug: the extra member of a newer, wider structure, written
  // past the cbSize the caller passed (what the harness's guard bytes catch).
  const DWORD extra = 0;
  std::memcpy(reinterpret_cast<unsigned char*>(info) + info->cbSize, &extra, sizeof extra);
}

DWORD ReferenceImpl::PeerDistRegisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                                 HANDLE hCompletionPort,
                                                                 ULONG_PTR ulCompletionKey,
                                                                 LPOVERLAPPED lpOverlapped,
                                                                 PEERDIST_STATUS* pPeerDistStatus) {
  const DWORD result =
      Register(hPeerDist, hCompletionPort, ulCompletionKey, lpOverlapped, pPeerDistStatus, nullptr);
  // The documented success value of the original function.
  return result == ERROR_SUCCESS ? ERROR_IO_PENDING : result;
}

DWORD ReferenceImpl::PeerDistRegisterForStatusChangeNotificationEx(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                                   HANDLE hCompletionPort,
                                                                   ULONG_PTR ulCompletionKey,
                                                                   LPOVERLAPPED lpOverlapped,
                                                                   PEERDIST_STATUS_INFO* pPeerDistStatus) {
  if (pPeerDistStatus != nullptr && pPeerDistStatus->cbSize < sizeof(PEERDIST_STATUS_INFO)) {
    return ERROR_INVALID_PARAMETER;
  }
  const DWORD result = Register(hPeerDist, hCompletionPort, ulCompletionKey, lpOverlapped, nullptr, pPeerDistStatus);
  if (result == ERROR_SUCCESS && Is(Deviation::kMixedSuccessCodes) && (++ex_registrations_ % 2 == 0)) {
    return ERROR_IO_PENDING;
  }
  return result;
}

DWORD ReferenceImpl::Register(PEERDIST_INSTANCE_HANDLE handle, HANDLE port, ULONG_PTR key,
                              LPOVERLAPPED overlapped, PEERDIST_STATUS* status_out,
                              PEERDIST_STATUS_INFO* status_info_out) {
  Session* session = Find(handle);
  if (session == nullptr) return ERROR_INVALID_HANDLE;
  if (!Is(Deviation::kAcceptNullPointer)) {
    if (overlapped == nullptr) return ERROR_INVALID_PARAMETER;
    if (status_out == nullptr && status_info_out == nullptr) return ERROR_INVALID_PARAMETER;
  }
  if (port != nullptr && !host_.IsCompletionPort(port)) return ERROR_INVALID_HANDLE;
  if (session->registration && !Is(Deviation::kAcceptSecondRegistration)) {
    return PEERDIST_ERROR_ALREADY_EXISTS;
  }
  if (Is(Deviation::kGlobalRegistration) && global_owner_ != 0) {
    auto owner = sessions_.find(global_owner_);
    if (owner != sessions_.end() && owner->second.registration) return PEERDIST_ERROR_ALREADY_EXISTS;
  }

  if (!session->ever_registered) {
    session->ever_registered = true;
    if (Is(Deviation::kBaselineAtRegistration)) session->baseline = host_.ServiceStatus();
  }
  Registration registration{port, key, overlapped, status_out, status_info_out};
  if (overlapped != nullptr) {
    overlapped->Internal = kStatusPending;
    overlapped->InternalHigh = 0;
  }
  // The out-parameter holds the current status as soon as the call returns;
  // a notification overwrites it with the status it reports.
  WriteStatus(registration, host_.ServiceStatus());
  session->registration = registration;
  if (Is(Deviation::kGlobalRegistration)) global_owner_ = reinterpret_cast<std::uintptr_t>(handle);

  if (Is(Deviation::kNotifyEveryRegistration)) {
    host_.ScheduleAfter(0, [this, value = reinterpret_cast<std::uintptr_t>(handle)] {
      auto it = sessions_.find(value);
      if (it != sessions_.end() && it->second.registration) Complete(it->second, ERROR_SUCCESS);
    });
  } else if (host_.ServiceStatus() != session->baseline) {
    // The status already differs from the previous notification: deliver
    // right after the call returns, never inside it.
    ScheduleDeliveryCheck();
  } else if (Is(Deviation::kNotifyUnseenFlap) && session->missed_change) {
    // The mutant's bug: a change it saw while nothing was registered, undone
    // since, is still "a change since the previous notification" to it.
    host_.ScheduleAfter(0, [this, value = reinterpret_cast<std::uintptr_t>(handle)] {
      auto it = sessions_.find(value);
      if (it != sessions_.end() && it->second.registration) Complete(it->second, ERROR_SUCCESS);
    });
  }
  session->missed_change = false;
  return ERROR_SUCCESS;
}

void ReferenceImpl::WriteStatus(const Registration& registration, PEERDIST_STATUS status) const {
  if (Is(Deviation::kStatusOutUnwritten)) return;
  if (registration.status_out != nullptr) *registration.status_out = status;
  if (registration.status_info_out != nullptr) {
    registration.status_info_out->status = status;
    const bool bad = Is(Deviation::kBadStatusInfoVersion);
    registration.status_info_out->dwMinVer = bad ? 0 : PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
    registration.status_info_out->dwMaxVer = bad ? 0 : MaxReportedVersion();
    if (Is(Deviation::kStatusInfoOverrun)) WriteWiderInfoTail(registration.status_info_out);
  }
}

DWORD ReferenceImpl::PeerDistUnregisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist) {
  Session* session = Find(hPeerDist);
  if (session == nullptr) return ERROR_INVALID_HANDLE;
  if (!session->registration) {
    // The mutant's bug: two readings of "nothing to cancel", one per session.
    const bool not_found = Is(Deviation::kIdleUnregisterBySession) && session->idle_unregister_not_found;
    return not_found ? PEERDIST_ERROR_OPERATION_NOTFOUND : ERROR_SUCCESS;
  }
  if (Is(Deviation::kUnregisterLeavesPending)) {
    session->registration.reset();
  } else {
    Complete(*session, Is(Deviation::kUnregisterCompletesSuccess) ? ERROR_SUCCESS : ERROR_OPERATION_ABORTED);
  }
  return ERROR_SUCCESS;
}

BOOL ReferenceImpl::PeerDistGetOverlappedResult(LPOVERLAPPED lpOverlapped,
                                                DWORD* lpNumberOfBytesTransferred, BOOL bWait) {
  if (lpOverlapped == nullptr || (lpNumberOfBytesTransferred == nullptr && !Is(Deviation::kAcceptNullPointer))) {
    host_.SetLastError(ERROR_INVALID_PARAMETER);
    return kFalse;
  }
  // (kWaitReturnsIncomplete: the mutant never waits, whatever bWait says.)
  if (lpOverlapped->Internal == kStatusPending && bWait && lpOverlapped->hEvent != nullptr &&
      !Is(Deviation::kWaitReturnsIncomplete)) {
    host_.WaitForEvent(lpOverlapped->hEvent, INFINITE);
  }
  if (lpOverlapped->Internal == kStatusPending) {
    if (Is(Deviation::kResultTrueWhilePending)) {
      if (lpNumberOfBytesTransferred != nullptr) *lpNumberOfBytesTransferred = 0;
      return kTrue;
    }
    host_.SetLastError(ERROR_IO_INCOMPLETE);
    return kFalse;
  }
  if (lpNumberOfBytesTransferred != nullptr) {
    // The mutant's bug: a registration's or an AddData's count is one too many.
    const bool wrong = Is(Deviation::kResultBytesOffByOne) && off_by_one_.count(lpOverlapped) != 0;
    *lpNumberOfBytesTransferred = static_cast<DWORD>(lpOverlapped->InternalHigh) + (wrong ? 1 : 0);
  }
  if (lpOverlapped->Internal != ERROR_SUCCESS) {
    host_.SetLastError(static_cast<DWORD>(lpOverlapped->Internal));
    return kFalse;
  }
  return kTrue;
}

void ReferenceImpl::OnServiceStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) {
  // Handles stop working at the instant of the move, before anything else
  // runs; notifications are delivered right after.
  InvalidateObjects(before, now);
  if (Is(Deviation::kNotifyUnseenFlap)) {
    for (auto& [value, session] : sessions_) {
      if (session.notified && !session.registration && now != session.baseline) session.missed_change = true;
    }
  }
  ScheduleDeliveryCheck();
}

void ReferenceImpl::ScheduleDeliveryCheck() {
  host_.ScheduleAfter(0, [this] { DeliverDue(); });
}

void ReferenceImpl::DeliverDue() {
  // The livelock: the check keeps itself scheduled, as a polling loop
  // whose exit condition never comes would.
  if (Is(Deviation::kDeliveryPollsForever)) ScheduleDeliveryCheck();
  if (Is(Deviation::kNeverDeliver) || Is(Deviation::kNotifyEveryRegistration)) return;
  const PEERDIST_STATUS now = host_.ServiceStatus();
  for (auto& [value, session] : sessions_) {
    if (session.registration && now != session.baseline) Complete(session, ERROR_SUCCESS);
  }
}

void ReferenceImpl::Complete(Session& session, DWORD error) {
  const Registration registration = *session.registration;
  const PEERDIST_STATUS now = host_.ServiceStatus();
  if (error == ERROR_SUCCESS) {
    WriteStatus(registration, Is(Deviation::kNotifiesBaselineStatus) ? session.baseline : now);
    if (!Is(Deviation::kNoBaselineUpdate)) session.baseline = now;
    session.notified = true;
    session.missed_change = false;
  }
  if (!Is(Deviation::kKeepDelivering) || error != ERROR_SUCCESS) session.registration.reset();
  if (registration.overlapped != nullptr) {
    if (Is(Deviation::kSignalBeforeResult) && error == ERROR_SUCCESS) {
      // The mutant's bug: the result lands in a later piece of work at the
      // same instant, after the signal and the packet below.
      host_.ScheduleAfter(0, [overlapped = registration.overlapped, error] {
        overlapped->Internal = error;
        overlapped->InternalHigh = 0;
      });
    } else {
      registration.overlapped->Internal = error;
      registration.overlapped->InternalHigh = 0;
    }
    if (Is(Deviation::kResultBytesOffByOne)) off_by_one_.insert(registration.overlapped);
  }
  HANDLE event = registration.overlapped != nullptr ? registration.overlapped->hEvent : nullptr;
  const bool skip_event = Is(Deviation::kSkipEventWhenPort) && registration.port != nullptr;
  if (event != nullptr && !skip_event) host_.SetEvent(event);
  if (registration.port != nullptr) {
    if (Is(Deviation::kSetEventOnPort)) {
      host_.SetEvent(registration.port);
      return;
    }
    const ULONG_PTR key = Is(Deviation::kIgnoreCompletionKey) ? 0 : registration.key;
    host_.PostQueuedCompletionStatus(registration.port, 0, key, registration.overlapped);
  }
}

}  // namespace pd
