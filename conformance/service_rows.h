// The two rows the server and client pages list for a service that cannot
// serve (ERROR_ACCESS_DISABLED_BY_POLICY, "The feature is disabled by Group
// Policy."; PEERDIST_ERROR_SERVICE_UNAVAILABLE, "The service is
// unavailable."): which functions list them, and whether a code is the row
// for a status and its cause. DISABLED covers a policy and a stopped service
// (AMBIGUITIES.md, "Not classified: which row a DISABLED service answers"):
// the policy row answers the one, the unavailable row the other, and both
// rows answer a DISABLED whose cause no action named; UNAVAILABLE only the
// unavailable row.
#ifndef CONFORMANCE_SERVICE_ROWS_H_
#define CONFORMANCE_SERVICE_ROWS_H_

#include <cstdint>

#include "sim/peerdist_types.h"
#include "sim/service_model.h"
#include "sim/trace.h"
#include "sim/win32_types.h"

namespace pd {

// Whether `function`'s page lists either row (catalog: the Return value
// sections of the server and client pages; PeerDistServerCloseContentInformation
// lists the policy row only).
inline bool ListsServiceRows(ApiFunction function) {
  switch (function) {
    case ApiFunction::kServerPublishStream:
    case ApiFunction::kServerPublishAddToStream:
    case ApiFunction::kServerPublishCompleteStream:
    case ApiFunction::kServerUnpublish:
    case ApiFunction::kServerOpenContentInformation:
    case ApiFunction::kServerRetrieveContentInformation:
    case ApiFunction::kServerCloseContentInformation:
    case ApiFunction::kServerCancelAsyncOperation:
    case ApiFunction::kClientOpenContent:
    case ApiFunction::kClientAddContentInformation:
    case ApiFunction::kClientCompleteContentInformation:
    case ApiFunction::kClientAddData:
    case ApiFunction::kClientBlockRead:
    case ApiFunction::kClientStreamRead:
    case ApiFunction::kClientFlushContent:
    case ApiFunction::kClientCancelAsyncOperation:
      return true;
    default:
      return false;
  }
}

// Whether `code` is a row that answers `status`, whatever its cause.
inline bool IsServiceRowFor(std::int64_t code, PEERDIST_STATUS status) {
  if (code == PEERDIST_ERROR_SERVICE_UNAVAILABLE) return status != PEERDIST_STATUS_AVAILABLE;
  if (code == ERROR_ACCESS_DISABLED_BY_POLICY) return status == PEERDIST_STATUS_DISABLED;
  return false;
}

// Whether `code` is a row that answers `status` kept by `causes`
// (AMBIGUITIES.md, "Not classified: which row a DISABLED service answers"):
// while DISABLED, the policy row answers a Group Policy and the unavailable
// row a stopped service; an unknown cause (sim/service_model.h) takes either,
// and so do two causes at once.
inline bool IsServiceRowForCause(std::int64_t code, PEERDIST_STATUS status, const ServiceCauses& causes) {
  if (status != PEERDIST_STATUS_DISABLED) return IsServiceRowFor(code, status);
  if (code == ERROR_ACCESS_DISABLED_BY_POLICY) return causes.policy || causes.unknown;
  if (code == PEERDIST_ERROR_SERVICE_UNAVAILABLE) return causes.stopped || causes.unknown;
  return false;
}

// The row(s) a DISABLED service kept by `causes` answers, for messages.
inline const char* ServiceRowNameFor(const ServiceCauses& causes) {
  const bool policy = causes.policy || causes.unknown;
  const bool stopped = causes.stopped || causes.unknown;
  if (policy && stopped) return "ERROR_ACCESS_DISABLED_BY_POLICY or PEERDIST_ERROR_SERVICE_UNAVAILABLE";
  return policy ? "ERROR_ACCESS_DISABLED_BY_POLICY" : "PEERDIST_ERROR_SERVICE_UNAVAILABLE";
}

}  // namespace pd

#endif  // CONFORMANCE_SERVICE_ROWS_H_
