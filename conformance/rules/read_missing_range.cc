// read-missing-range: what a PeerDistClientBlockRead or
// PeerDistClientStreamRead that completes with PEERDIST_ERROR_MISSING_DATA
// or ERROR_TIMEOUT reports as its missing data range: the OVERLAPPED's
// Offset/OffsetHigh hold the first byte the read asked for (its start, in
// content offsets: a stream read's stream position, not an offset its
// OVERLAPPED held at the call), data the local cache did not hold at the
// call; the
// length, its bytes transferred, reads the same in the OVERLAPPED, the
// completion packet and PeerDistGetOverlappedResult, is 1 byte or more and
// runs no further than the end of the content range, and for information
// made for a range request exactly to that end. Byte, not block, and the
// range of ranged information from the read's start: AMBIGUITIES.md. The
// harness (scenario/read_outcome.cc) records the findings; the byte counts
// are judged here on the trace.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/implementation_findings.h"
#include "conformance/rules/rule_support.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

bool IsRead(ApiFunction function) {
  return function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientStreamRead;
}

// The missing range's length is "specified by the number of bytes
// transferred (obtained via GetQueuedCompletionStatus or GetOverlappedResult)".
std::optional<Violation> JudgeLengths(const TraceView& view) {
  for (const OperationView& operation : view.Derived<HandleHistory>().operations()) {
    if (!operation.accepted || operation.overlapped < 0 || !IsRead(operation.call->call->function)) continue;
    const OperationResult result = ResultOf(view, operation);
    if (result.bytes == kNoValue || (result.code != PEERDIST_ERROR_MISSING_DATA && result.code != ERROR_TIMEOUT)) {
      continue;
    }
    if (auto violation = ByteCountDisagrees(view, operation, result, CallName(*operation.call))) return violation;
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  return Earlier(FirstFindingWithPrefix(view, kReadMissingRangeFinding,
                                        "; expected the missing range from the read's start offset, as the "
                                        "interpretation in AMBIGUITIES.md reads the pages"),
                 JudgeLengths(view));
}

PD_REGISTER_RULE((Rule{
    "read-missing-range",
    392,
    Strength::kInterpretation,
    "the pages give the missing range's offset and length but not whether the offset is the read's own byte or the "
    "start of its block, and say both that the range may start anywhere and that with ranged content information it "
    "runs from the start of the range to its end; the rule takes the read's start byte and, for ranged information, "
    "the end of the range (AMBIGUITIES.md: where a missing data range begins; the missing data range of ranged "
    "content information)",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-15", kPartly, "missing data"}, {"CBLOCKREAD-30"}, {"CBLOCKREAD-31", kPartly}, {"CBLOCKREAD-32"}, {"CBLOCKREAD-34"}, {"CBLOCKREAD-35"}, {"CBLOCKREAD-53"},
     {"CBLOCKREAD-54"}, {"CSTREAMREAD-15", kPartly, "missing data"}, {"CSTREAMREAD-31"}, {"CSTREAMREAD-32", kPartly}, {"CSTREAMREAD-33"}, {"CSTREAMREAD-35"},
     {"CSTREAMREAD-38"}, {"CSTREAMREAD-56"}, {"CSTREAMREAD-57"}},
    "a read completing with missing data or a timeout reports the range from its own start offset (data the local "
    "cache lacked), 1 byte or more within the content range (to its end for a range request's information), its "
    "length the same in the OVERLAPPED, the packet and PeerDistGetOverlappedResult",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
