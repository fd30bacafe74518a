// read-data: a read that completes successfully delivers the content's
// bytes. The harness knows them (content bytes are a pure function of the
// content number and offset, sim/content_info.h) and checks the buffer of
// every successful PeerDistClientBlockRead and PeerDistClientStreamRead
// against them, at the OVERLAPPED's offset or at the handle's stream
// position (scenario/content_calls.cc). A mismatch is recorded as a finding
// starting kReadDataFinding; this rule names it. Handles whose content the
// harness cannot follow are not checked.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadDataFinding,
                                "; expected the bytes of the content at the offset read");
}

PD_REGISTER_RULE((Rule{
    "read-data",
    198,
    Strength::kImplied,
    "PeerDistClientBlockRead (description; Parameters: pBuffer, lpOverlapped), PeerDistClientStreamRead "
    "(description; Parameters: pBuffer, lpOverlapped)",
    "The PeerDistClientBlockRead function reads content data blocks. [...] pBuffer: Pointer to the buffer that "
    "receives the data from the local cache. [...] lpOverlapped: Pointer to an OVERLAPPED structure. The start "
    "offset for read is specified by setting the Offset and OffsetHigh member of the OVERLAPPED structure. [...] "
    "The PeerDistClientStreamRead reads a sequence of bytes from content stream. [...] pBuffer: Pointer to the "
    "buffer that receives the data from the local cache. [...] lpOverlapped: [...] Stream read does not allow the "
    "caller to specify the start offset for the reading. The next stream read offset is implicitly maintained "
    "per hContentHandle.",
    "the bytes a successful read delivers are the content's bytes at the offset read (the OVERLAPPED's for a "
    "block read, the handle's stream position for a stream read)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
