// The two rows the server and client pages list for a service that cannot
// serve (ERROR_ACCESS_DISABLED_BY_POLICY, "The feature is disabled by Group
// Policy."; PEERDIST_ERROR_SERVICE_UNAVAILABLE, "The service is
// unavailable."): which functions list them, and whether a code is the row
// for a status. DISABLED covers a policy and a stopped service alike
// (AMBIGUITIES.md, "which row a DISABLED service answers"), so both rows
// answer it; UNAVAILABLE only the unavailable row.
#ifndef CONFORMANCE_SERVICE_ROWS_H_
#define CONFORMANCE_SERVICE_ROWS_H_

#include <cstdint>

#include "sim/peerdist_types.h"
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

// Whether `code` is a row that answers `status`.
inline bool IsServiceRowFor(std::int64_t code, PEERDIST_STATUS status) {
  if (code == PEERDIST_ERROR_SERVICE_UNAVAILABLE) return status != PEERDIST_STATUS_AVAILABLE;
  if (code == ERROR_ACCESS_DISABLED_BY_POLICY) return status == PEERDIST_STATUS_DISABLED;
  return false;
}

}  // namespace pd

#endif  // CONFORMANCE_SERVICE_ROWS_H_
