// read-data: a read that completes successfully delivers the content's
// bytes. The harness knows them (content bytes are a pure function of the
// content number and offset, sim/content_info.h) and checks the buffer of
// every successful PeerDistClientBlockRead and PeerDistClientStreamRead
// against them, at the OVERLAPPED's offset or at the handle's stream
// position (scenario/content_calls.cc), whatever Offset/OffsetHigh a stream
// read's OVERLAPPED held at the call; a read that delivers bytes at or past
// the end of a whole content's information (a block read with OffsetHigh
// set, which the implementation read as its low Offset) delivered bytes
// the content does not have. A mismatch is recorded as a finding
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
    "the pages say the buffer receives the content data: the harness checks the bytes against the content "
        "it published",
    "PeerDistClientOpenContent, PeerDistClientAddContentInformation, "
        "PeerDistClientCompleteContentInformation, PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"COPEN-2", kPartly, "bytes"}, {"CADDINFO-18", kPartly, "bytes"}, {"CCOMPLETEINFO-10", kPartly, "bytes"},
     {"CBLOCKREAD-1", kPartly, "bytes"}, {"CBLOCKREAD-7", kPartly, "bytes"}, {"CBLOCKREAD-15", kPartly, "a success"},
     {"CBLOCKREAD-45", kPartly}, {"CBLOCKREAD-49", kPartly, "bytes"}, {"CSTREAMREAD-1", kPartly, "bytes"},
     {"CSTREAMREAD-7", kPartly, "bytes"}, {"CSTREAMREAD-15", kPartly, "a success"}, {"CSTREAMREAD-16", kPartly}, {"CSTREAMREAD-23", kPartly},
     {"CSTREAMREAD-29", kPartly}, {"CSTREAMREAD-48", kPartly}, {"CSTREAMREAD-52", kPartly, "bytes"}},
    "the bytes a successful read delivers are the content's bytes at the offset read (the OVERLAPPED's 64-bit "
    "Offset/OffsetHigh for a block read, the handle's stream position for a stream read whatever its OVERLAPPED "
    "holds), and none past the end of the content",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
