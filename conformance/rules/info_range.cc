// info-range: the content information a content-information handle
// delivers describes what its open asked for: with ullContentOffset and
// cbContentLength both 0 the whole content, otherwise the range
// [offset, offset + length), of the bytes published under the identifier.
// The harness judges it once the handle's retrieves, taken in order, decode
// as one whole content information, for publications whose bytes it knows
// (scenario/retrieved_info.h); a mismatch is recorded as a finding starting
// kInfoRangeFinding, which this rule names.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kInfoRangeFinding,
                                "; expected the information of exactly the range asked for (the whole content for "
                                "offset 0, length 0)");
}

PD_REGISTER_RULE((Rule{
    "info-range",
    340,
    Strength::kImplied,
    "the pages name the range asked for but not how its information is cut: the rule takes the World's content "
    "information model (sim/content_info.h) of exactly [offset, offset + length) of the published bytes, and "
    "judges only ranges inside the content (or the whole of it)",
    "PeerDistServerOpenContentInformation, PeerDistServerOpenContentInformationEx, "
    "PeerDistServerRetrieveContentInformation, PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"SOPENINFO-5"}, {"SOPENINFO-6"}, {"SOPENINFO-7"}, {"SOPENINFO-22"}, {"SOPENINFOEX-5"}, {"SOPENINFOEX-6"},
     {"SOPENINFOEX-7"}, {"SOPENINFOEX-18"},
     {"SRETRIEVEINFO-1"}, {"SRETRIEVEINFO-5"},
     // The read pages' Range Requests remarks say the same of the open.
     {"CBLOCKREAD-38"}, {"CBLOCKREAD-39", kPartly}, {"CBLOCKREAD-40"}, {"CBLOCKREAD-41"}, {"CSTREAMREAD-41"},
     {"CSTREAMREAD-42", kPartly}, {"CSTREAMREAD-43"}, {"CSTREAMREAD-44"}},
    "the content information retrieved describes the range the open asked for (0, 0: the whole content), of the "
    "published bytes",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
