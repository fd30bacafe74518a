#include "scenario/retrieved_info.h"

namespace pd {

std::optional<std::string> InfoRangeMismatch(const InfoRequest& request, const ContentInfo& info) {
  if (!request.published_length) return std::nullopt;
  const std::uint64_t published = *request.published_length;
  const bool whole = request.offset == 0 && request.length == 0;
  // Offset and length both 0: the whole content (SOPENINFO-22).
  const std::uint64_t length = whole ? published : request.length;
  if (!whole && (request.length == 0 || request.offset + request.length > published)) return std::nullopt;
  const ContentInfo expected =
      DescribeContent(ContentBytes(request.content, 0, published), request.offset, length, info.version);
  if (info == expected) return std::nullopt;
  const std::string asked = whole ? "the whole content (offset 0, length 0)"
                                  : "offset " + std::to_string(request.offset) + ", length " +
                                        std::to_string(request.length);
  std::string got = "offset " + std::to_string(info.offset) + ", length " + std::to_string(info.length);
  if (info.offset == expected.offset && info.length == expected.length) got += " with block hashes not of those bytes";
  return "an open of content " + std::to_string(request.content) + " (" + std::to_string(published) +
         " bytes published) asked for " + asked + "; its information describes " + got;
}

std::optional<std::string> InfoVersionMismatch(const InfoRequest& request, const ContentInfo& info) {
  const std::optional<ReportedVersions>& reported = request.versions_reported;
  const std::string got = "its information is of version " + std::to_string(info.version);
  if (request.versions_asked &&
      (info.version < request.versions_asked->first || info.version > request.versions_asked->second)) {
    return "an open of content " + std::to_string(request.content) + " asked for content information versions " +
           std::to_string(request.versions_asked->first) + ".." + std::to_string(request.versions_asked->second) +
           " (PEERDIST_RETRIEVAL_OPTIONS); " + got;
  }
  if (reported && (info.version < reported->min || info.version > reported->max)) {
    return "before the open the service was last reported supporting content information versions " + std::to_string(reported->min) +
           ".." + std::to_string(reported->max) + " (PEERDIST_STATUS_INFO dwMinVer..dwMaxVer); an open of content " +
           std::to_string(request.content) + " handed out information of version " + std::to_string(info.version);
  }
  return std::nullopt;
}

}  // namespace pd
