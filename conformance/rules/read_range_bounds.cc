// read-range-bounds: reads on a content handle whose information came from a
// range request (PeerDistServerOpenContentInformation with ullContentOffset
// and cbContentLength) stay inside [ullContentOffset, ullContentOffset +
// cbContentLength): the handle's first stream read begins at
// ullContentOffset, a success delivers (or, asked for 0 bytes, counts) no
// byte past the range's end, and a read that starts outside the range — a
// stream position at its end, a block offset before it, at its end or past
// it — completes with PEERDIST_ERROR_NO_MORE. Judged against information
// complete before the read was called; the harness (scenario/read_range.cc)
// records the findings. read-end judges the same codes for every handle but
// leaves a block read exactly at the end alone; this rule, for ranged
// information, takes that read as beyond the range (AMBIGUITIES.md, "A block
// read exactly at the end of a range").
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadRangeFinding, "");
}

PD_REGISTER_RULE((Rule{
    "read-range-bounds",
    315,
    Strength::kInterpretation,
    "a block read exactly at ullContentOffset + cbContentLength is taken as beyond the range (\"beyond the range\", "
    "not \"greater than\"), and the stream read's bounds are those of the open, which the page names as "
    "PeerDistServerRetrieveContentInformation's, and the information \"passed to PeerDistServerOpenContentInformation\" "
    "is read as added to the content handle",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-43"}, {"CBLOCKREAD-44"}, {"CBLOCKREAD-45"}, {"CBLOCKREAD-50"}, {"CSTREAMREAD-46"},
     {"CSTREAMREAD-47"}, {"CSTREAMREAD-48"}, {"CSTREAMREAD-53"}},
    "on information of a range request, the first stream read begins at ullContentOffset, no read delivers past the "
    "range's end, and a read starting outside the range (a block read at its end included) completes with "
    "PEERDIST_ERROR_NO_MORE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
