// range-info-accepted: content information a range request delivered
// (PeerDistServerOpenContentInformation with ullContentOffset and
// cbContentLength), retrieved whole and in order, is taken by
// PeerDistClientAddContentInformation and PeerDistClientCompleteContentInformation
// as the information of a whole content is: the first add of it on a content
// handle, and the complete of it added whole, complete with ERROR_SUCCESS
// (cancelled or invalidated operations aside: other rules judge those). The
// harness (scenario/content_calls.cc) records the findings.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kRangeInfoFinding, "");
}

PD_REGISTER_RULE((Rule{
    "range-info-accepted",
    316,
    Strength::kDocumented,
    "",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-42"}, {"CSTREAMREAD-45"}},
    "the content information of a range request, added whole to a content handle, is accepted by "
    "PeerDistClientAddContentInformation and PeerDistClientCompleteContentInformation (ERROR_SUCCESS)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
