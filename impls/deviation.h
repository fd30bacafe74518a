// The deliberate bugs a mutant carries: each is one small departure from the
// reference behaviour. The reference runs with Deviation::kNone; every other
// value is the single bug of one mutant (impls/impl_catalog.cc).
#ifndef IMPLS_DEVIATION_H_
#define IMPLS_DEVIATION_H_

#include <cstdint>

namespace pd {

enum class Deviation : std::uint8_t {
  kNone,
  kNotifyEveryRegistration,   // completes every registration at once
  kBaselineAtRegistration,    // first baseline = status at registration, not DISABLED
  kNoBaselineUpdate,          // baseline never moves past DISABLED
  kAcceptSecondRegistration,  // a second registration replaces the first
  kSkipEventWhenPort,         // no SetEvent when a completion port is given
  kIgnoreCompletionKey,       // posts key 0 instead of ulCompletionKey
  kKeepDelivering,            // stays registered after signalling
  kNeverDeliver,              // never completes a registration
  kStatusOutUnwritten,        // leaves the status out-parameter untouched
  kBadStatusInfoVersion,      // Ex: dwMinVer/dwMaxVer left 0
  kUnregisterLeavesPending,   // Unregister forgets the registration silently
  kUnregisterCompletesSuccess,// Unregister completes it as a notification
  kShutdownLeavesPending,     // Shutdown leaves the registration pending
  kGlobalRegistration,        // one registration slot shared by all sessions
  kAcceptInvalidHandle,       // any handle value is taken as the first session
  kAcceptNullPointer,         // NULL required pointers are not refused
  kStaleGetStatus,            // GetStatus reports the status at startup
  kResultTrueWhilePending,    // GetOverlappedResult says TRUE while pending
  kMixedSuccessCodes,         // Ex: alternates ERROR_SUCCESS and ERROR_IO_PENDING
};

}  // namespace pd

#endif  // IMPLS_DEVIATION_H_
