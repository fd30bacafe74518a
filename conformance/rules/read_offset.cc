// read-offset: a read writes the OVERLAPPED's Offset/OffsetHigh back: the
// offset it started at when it succeeds, and the start of the missing range
// when it completes with PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT (taken
// as anywhere from the start of the block at the read's offset to the end
// of the range). The harness passes Offset 0 to stream reads, so a stream
// read that writes nothing shows. Findings: scenario/read_outcome.cc.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadOffsetFinding, "; expected the read's start offset (or the start of the missing range) in the OVERLAPPED");
}

PD_REGISTER_RULE((Rule{
    "read-offset",
    228,
    Strength::kDocumented,
    "",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-25"}, {"CBLOCKREAD-26"}, {"CBLOCKREAD-30", kPartly}, {"CBLOCKREAD-31", kPartly}, {"CSTREAMREAD-25"}, {"CSTREAMREAD-26"}, {"CSTREAMREAD-31", kPartly}, {"CSTREAMREAD-32", kPartly}},
    "a completed read leaves in OVERLAPPED Offset/OffsetHigh the offset it started at (success) or where the missing range begins (missing data, timeout)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
