// What the harness can say about the content information a
// content-information handle delivered once its retrieves put it together:
// whether it describes the range its open asked for (SOPENINFO-6/7/22,
// SOPENINFOEX-6/7/18), of the bytes published under the identifier
// (SRETRIEVEINFO-1), and whether its version is one the open asked for and
// the service says it supports (RETRIEVALOPTS-3/5, STATUSINFO-5/9). Pure: scenario/content_calls.cc gathers the facts.
#ifndef SCENARIO_RETRIEVED_INFO_H_
#define SCENARIO_RETRIEVED_INFO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "sim/content_info.h"
#include "sim/reported_versions.h"

namespace pd {

// An open of a content-information handle, as the harness made it.
struct InfoRequest {
  std::uint32_t content = 0;  // content number of the identifier passed
  std::uint64_t offset = 0;   // ullContentOffset
  std::uint64_t length = 0;   // cbContentLength
  // The length of the publication at the open, when the harness can tell:
  // every add of its stream completed with success, one at a time, so the
  // bytes published are ContentBytes(content, 0, length).
  std::optional<std::uint64_t> published_length;
  // The content information versions the open asked for: the Ex function's
  // PEERDIST_RETRIEVAL_OPTIONS; nullopt for the Windows 7 function, which
  // takes none.
  std::optional<std::pair<DWORD, DWORD>> versions_asked;
  // The versions the implementation last reported supporting before the
  // open (the information's version is chosen there), if it reported any.
  std::optional<ReportedVersions> versions_reported;
};

// nullopt when the version of `info` is one `request` asked for (Ex) and one
// the service was reported to support (when it was); otherwise what
// differs, one line.
std::optional<std::string> InfoVersionMismatch(const InfoRequest& request, const ContentInfo& info);

// nullopt when `info` describes what `request` asked for, or when the
// harness cannot tell (publication unknown; a range not inside the content,
// or of length 0 with a non-zero offset, which the pages do not describe);
// otherwise what differs, one line.
std::optional<std::string> InfoRangeMismatch(const InfoRequest& request, const ContentInfo& info);

}  // namespace pd

#endif  // SCENARIO_RETRIEVED_INFO_H_
