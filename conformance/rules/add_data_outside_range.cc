// add-data-outside-range: the read pages' *Range Requests* remarks say
// "PeerDistClientAddData allows content data to be added even if it lies
// outside the content range" and, in other words, data "for the entire
// content" after only the first half's information. On a content handle whose
// completed information came from a range request (the scenario's `open-info
// ... offset=N length=M`), an add of the content's own bytes that lie inside
// the content (the harness knows its length: the bytes published when the
// information was opened) but not all inside the range completes with
// ERROR_SUCCESS, and PEERDIST_ERROR_OUT_OF_BOUNDS never answers an offset
// between the range's end and the content's (AddData's page keeps that code
// for offsets beyond the end of the content). Cancelled, closed and
// invalidated adds are other rules'. Past the end of the whole content nothing
// is judged: a client holding a range's information cannot know that end
// (AMBIGUITIES.md, "PeerDistClientAddData outside ranged content
// information"). The harness (scenario/content_calls.cc) records the findings.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kAddDataOutsideRangeFinding, "");
}

PD_REGISTER_RULE((Rule{
    "add-data-outside-range",
    195,
    Strength::kImplied,
    "the pages say AddData \"allows\" such data: the rule reads that as the add completing with ERROR_SUCCESS, and "
    "the content's end as the end of the bytes published",
    "PeerDistClientBlockRead, PeerDistClientStreamRead, PeerDistClientAddData",
    {{"CBLOCKREAD-55"}, {"CBLOCKREAD-58"}, {"CSTREAMREAD-58"}, {"CSTREAMREAD-61"},
     {"CADDDATA-19", kPartly, "past a range's end"}},
    "on a handle whose information came from a range request, an add of the content's bytes outside the range but "
    "inside the content completes with ERROR_SUCCESS; PEERDIST_ERROR_OUT_OF_BOUNDS never answers an offset between "
    "the range's end and the content's",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
