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

}  // namespace pd
