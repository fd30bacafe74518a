#include "impls/impl_catalog.h"

#include "impls/reference_impl.h"

namespace pd {

const std::vector<BuiltInImpl>& BuiltInImpls() {
  static const std::vector<BuiltInImpl> catalog = {
      {"reference", "the reference implementation; follows every rule", "", Deviation::kNone},
      {"mutant:notify-every-registration", "completes every registration at once, whatever the status",
       "first-notify", Deviation::kNotifyEveryRegistration},
      {"mutant:baseline-at-registration",
       "takes the status at the first registration as its baseline instead of DISABLED",
       "delivery-liveness", Deviation::kBaselineAtRegistration},
      {"mutant:no-baseline-update", "never moves the baseline past DISABLED, so it re-notifies an unchanged status",
       "change-only", Deviation::kNoBaselineUpdate},
      {"mutant:accept-second-registration", "accepts a second registration, replacing the first",
       "single-registration", Deviation::kAcceptSecondRegistration},
      {"mutant:skip-event-when-port", "does not signal hEvent when a completion port is given",
       "event-and-port", Deviation::kSkipEventWhenPort},
      {"mutant:ignore-completion-key", "posts completion key 0 instead of ulCompletionKey", "event-and-port",
       Deviation::kIgnoreCompletionKey},
      {"mutant:keep-delivering", "stays registered after signalling and signals the same OVERLAPPED again",
       "one-shot", Deviation::kKeepDelivering},
      {"mutant:never-deliver", "never completes a registration", "delivery-liveness", Deviation::kNeverDeliver},
      {"mutant:status-out-unwritten", "never writes the status out-parameter", "status-out",
       Deviation::kStatusOutUnwritten},
      {"mutant:bad-status-info-version", "Ex: leaves dwMinVer and dwMaxVer 0", "status-out",
       Deviation::kBadStatusInfoVersion},
      {"mutant:unregister-leaves-pending", "Unregister drops the registration without completing its OVERLAPPED",
       "unregister-cancels", Deviation::kUnregisterLeavesPending},
      {"mutant:unregister-completes-success", "Unregister completes the OVERLAPPED as a successful notification",
       "unregister-cancels", Deviation::kUnregisterCompletesSuccess},
      {"mutant:shutdown-leaves-pending", "Shutdown leaves the session's registration pending forever",
       "shutdown-cancels", Deviation::kShutdownLeavesPending},
      {"mutant:global-registration", "one registration slot shared by every session", "session-isolation",
       Deviation::kGlobalRegistration},
      {"mutant:accept-invalid-handle", "takes any handle value as the first session", "invalid-handle",
       Deviation::kAcceptInvalidHandle},
      {"mutant:accept-null-pointer", "does not refuse NULL required pointers", "null-argument",
       Deviation::kAcceptNullPointer},
      {"mutant:stale-get-status", "PeerDistGetStatus reports the status seen at startup", "status-report",
       Deviation::kStaleGetStatus},
      {"mutant:result-true-while-pending", "PeerDistGetOverlappedResult returns TRUE while still pending",
       "overlapped-result", Deviation::kResultTrueWhilePending},
      {"mutant:mixed-success-codes",
       "RegisterEx succeeds with ERROR_SUCCESS and ERROR_IO_PENDING by turns (two readings of the docs at once)",
       "consistent-interpretation", Deviation::kMixedSuccessCodes},
      {"mutant:set-event-on-port", "calls SetEvent on the completion port handle instead of posting a packet to it",
       "host-objects", Deviation::kSetEventOnPort},
      {"mutant:throw-when-unavailable", "PeerDistGetStatus throws a C++ exception while the service is UNAVAILABLE",
       "no-crash", Deviation::kThrowWhenUnavailable},
      {"mutant:delivery-polls-forever",
       "after a status change its delivery check keeps rescheduling itself at once (a livelock in virtual time)",
       "no-hang", Deviation::kDeliveryPollsForever},
      {"mutant:notify-unseen-flap",
       "notifies a new registration for a status change that came and went while the session had none pending",
       "change-only", Deviation::kNotifyUnseenFlap},
      {"mutant:signal-before-result",
       "signals hEvent and posts the packet of a notification before it writes the result into the OVERLAPPED "
       "(in later work at the same instant)",
       "event-and-port", Deviation::kSignalBeforeResult},
      {"mutant:wait-returns-incomplete",
       "PeerDistGetOverlappedResult ignores bWait: FALSE with ERROR_IO_INCOMPLETE while the operation is pending",
       "overlapped-result", Deviation::kWaitReturnsIncomplete},
      {"mutant:idle-unregister-by-session",
       "answers an Unregister with nothing registered ERROR_SUCCESS or PEERDIST_ERROR_OPERATION_NOTFOUND, as each "
       "session chose at its PeerDistStartup (service DISABLED then or not): scenarios disagree across a run",
       "consistent-interpretation", Deviation::kIdleUnregisterBySession},
      // The content part: handles, operations, invalidation.
      {"mutant:unavailable-keeps-handles", "a move to UNAVAILABLE does not invalidate handles (only DISABLED does)",
       "invalidated", Deviation::kUnavailableKeepsHandles},
      {"mutant:stream-never-invalidated", "stream handles keep working after any status move", "invalidated",
       Deviation::kStreamNeverInvalidated},
      {"mutant:revalidate-on-return", "invalidated handles work again once the status is back to AVAILABLE",
       "no-revalidation", Deviation::kRevalidateOnReturn},
      {"mutant:close-invalidated-fails", "closing an invalidated handle fails with PEERDIST_ERROR_INVALIDATED",
       "close-invalidated", Deviation::kCloseInvalidatedFails},
      {"mutant:in-flight-read-succeeds", "a read pending when its handle is invalidated still completes successfully",
       "in-flight-operations", Deviation::kInFlightReadSucceeds},
      {"mutant:accept-closed-handle", "content, content-information and stream handles keep working after close",
       "object-invalid-handle", Deviation::kAcceptClosedObjectHandle},
      {"mutant:double-close-succeeds", "closing a handle that is not open returns ERROR_SUCCESS", "double-close",
       Deviation::kDoubleCloseSucceeds},
      {"mutant:accept-null-overlapped", "asynchronous content operations accept a NULL lpOverlapped",
       "object-null-argument", Deviation::kAcceptNullOverlapped},
      {"mutant:cancel-unknown-succeeds", "cancelling an OVERLAPPED with no operation in flight returns ERROR_SUCCESS",
       "cancel-unknown-operation", Deviation::kCancelUnknownSucceeds},
      {"mutant:cancel-leaves-pending", "a successful cancel leaves the operation to complete normally later",
       "cancel-aborts", Deviation::kCancelLeavesPending},
      {"mutant:read-off-by-one",
       "a read delivers the right number of bytes, taken from one byte past the offset it reads",
       "read-data", Deviation::kReadOffByOne},
      {"mutant:default-timeout-unbounded",
       "PEERDIST_READ_TIMEOUT_DEFAULT waits for a slow peer however long it takes, not 5 seconds", "read-timeout",
       Deviation::kDefaultTimeoutUnbounded},
      {"mutant:read-timeout-ignored", "a read timeout given in milliseconds is taken as the 5 s default",
       "read-timeout", Deviation::kReadTimeoutIgnored},
      {"mutant:local-only-asks-peers", "PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY reads still fetch blocks from peers",
       "read-local-only", Deviation::kLocalOnlyAsksPeers},
      {"mutant:missing-reports-timeout",
       "a read of a block neither the cache nor any peer holds completes with ERROR_TIMEOUT", "read-missing-data",
       Deviation::kMissingReportsTimeout},
      {"mutant:end-reports-missing",
       "a read outside the content range completes with PEERDIST_ERROR_MISSING_DATA instead of NO_MORE", "read-end",
       Deviation::kEndReportsMissing},
      {"mutant:stream-offset-unwritten", "a stream read never writes its start offset into the OVERLAPPED",
       "read-offset", Deviation::kStreamOffsetUnwritten},
  };
  return catalog;
}

const BuiltInImpl* FindBuiltInImpl(const std::string& name) {
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.name == name) return &impl;
  }
  return nullptr;
}

std::unique_ptr<PeerDistAdapter> MakeBuiltInImpl(const BuiltInImpl& impl, HostServices& host) {
  return std::make_unique<ReferenceImpl>(host, impl.deviation);
}

}  // namespace pd
