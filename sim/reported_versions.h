// The content information versions an implementation says its service
// supports: the dwMinVer..dwMaxVer of the latest well-formed
// PEERDIST_STATUS_INFO it handed back with success (PeerDistGetStatusEx, or
// a RegisterEx notification), of any session (STATUSINFO-5/9: they describe
// the service on the local machine). The harness, which sees the
// information's version as it retrieves it, and the rule info-version, which
// judges opens, read the trace the same way through this one function.
#ifndef SIM_REPORTED_VERSIONS_H_
#define SIM_REPORTED_VERSIONS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/peerdist_types.h"
#include "sim/trace.h"

namespace pd {

struct ReportedVersions {
  DWORD min = 0;
  DWORD max = 0;
};

// Over events[0, end). A malformed report (versions outside 1..2, min above
// max, cbSize not 16) is status-out's finding, not a report of versions.
inline std::optional<ReportedVersions> ReportedVersionsBefore(const std::vector<TraceEvent>& events,
                                                              std::size_t end) {
  auto known = [](std::int64_t version) {
    return version == PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1 ||
           version == PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2;
  };
  for (std::size_t i = end < events.size() ? end : events.size(); i-- > 0;) {
    const TraceEvent& event = events[i];
    if (event.code != ERROR_SUCCESS || event.info_size != static_cast<std::int64_t>(sizeof(PEERDIST_STATUS_INFO)) ||
        !known(event.info_min) || !known(event.info_max) || event.info_min > event.info_max) {
      continue;
    }
    return ReportedVersions{static_cast<DWORD>(event.info_min), static_cast<DWORD>(event.info_max)};
  }
  return std::nullopt;
}

}  // namespace pd

#endif  // SIM_REPORTED_VERSIONS_H_
