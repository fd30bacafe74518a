// read-end: a block read at an offset before the content range or past its
// end, and a stream read whose stream position reached the end, complete
// with PEERDIST_ERROR_NO_MORE (the header's name for the pages' ERROR_NO_MORE);
// a block read's offset is the OVERLAPPED's 64-bit Offset/OffsetHigh
// (scenarios reach past 2^32), a stream read's its stream position whatever
// its OVERLAPPED holds;
// inside the range that code is wrong ("indicates that the read offset is
// outside of the sub-range"), judged against information complete before
// the read was called.
// A block read exactly at the end is left alone: "greater than" and
// "beyond" disagree there. The harness (scenario/read_outcome.cc) records
// the findings.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadEndFinding, "");
}

PD_REGISTER_RULE((Rule{
    "read-end",
    226,
    Strength::kDocumented,
    "",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-15", kPartly, "the end of the content"}, {"CBLOCKREAD-37"}, {"CBLOCKREAD-45", kPartly}, {"CBLOCKREAD-46"}, {"CBLOCKREAD-50", kPartly}, {"CBLOCKREAD-51"}, {"CSTREAMREAD-15", kPartly, "the end of the content"}, {"CSTREAMREAD-37"}, {"CSTREAMREAD-40"}, {"CSTREAMREAD-48", kPartly}, {"CSTREAMREAD-49"}, {"CSTREAMREAD-53", kPartly}, {"CSTREAMREAD-54"}},
    "a read outside its content range (a stream read at or past its end) completes with PEERDIST_ERROR_NO_MORE, and a read inside it does not",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
