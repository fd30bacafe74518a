// stream-advance: a PeerDistClientStreamRead that completes with
// PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT moves its handle's stream
// offset past the missing range it reports (by its length, the bytes
// transferred), so the next stream read of the handle starts there, not
// where the failed one started. The harness follows the position
// (scenario/content_calls.cc) and records a finding when the next stream
// read says (OVERLAPPED Offset/OffsetHigh, on success or missing data) that
// it started at the old offset, before the block the position moved into.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kStreamAdvanceFinding,
                                "; expected the stream offset advanced by the length of the missing data range");
}

PD_REGISTER_RULE((Rule{
    "stream-advance",
    381,
    Strength::kDocumented,
    "",
    "PeerDistClientStreamRead",
    {{"CSTREAMREAD-36"}},
    "after a stream read reports a missing range (PEERDIST_ERROR_MISSING_DATA, ERROR_TIMEOUT), the handle's next stream "
    "read starts past it, at the old offset plus the range's length",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
