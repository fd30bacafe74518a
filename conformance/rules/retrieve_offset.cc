// retrieve-offset: a successful PeerDistServerRetrieveContentInformation
// writes into its OVERLAPPED's Offset (low 32 bits) and OffsetHigh (high 32
// bits) the offset, in the handle's content information, of the bytes it
// delivered. The harness knows that offset when no other retrieve on the
// handle was pending at the call: it is the count of bytes the handle's
// earlier retrieves delivered (scenario/content_calls.cc). A mismatch is
// recorded as a finding starting kRetrieveOffsetFinding; this rule names it.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kRetrieveOffsetFinding,
                                "; expected the offset of the bytes delivered in Offset/OffsetHigh");
}

PD_REGISTER_RULE((Rule{
    "retrieve-offset",
    211,
    Strength::kDocumented,
    "",
    "PeerDistServerRetrieveContentInformation",
    {{"SRETRIEVEINFO-7", kPartly}, {"SRETRIEVEINFO-15"}, {"SRETRIEVEINFO-16"}},
    "a successful retrieve writes the offset of its bytes in the content information into OVERLAPPED "
    "Offset/OffsetHigh",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
