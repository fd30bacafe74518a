// read-delivers: a read delivers the data that is there. Once the content
// information is complete the client "can call PeerDistClientStreamRead or
// PeerDistClientBlockRead to retrieve the data": a read with a buffer,
// called with the handle's own open session on information complete before
// the call, whose first block was added whole to the local cache before the
// call (no flush since that may drop it; any timeout, local-cache-only
// included) or is held by a peer that delivers it within the read's timeout
// (not local-cache-only), ends with ERROR_SUCCESS and at least one byte —
// neither refused by its call, nor completed with an error, nor with 0
// bytes. Reads cancelled, closed, ended with their session or invalidated,
// and any read of a handle the status left AVAILABLE since it was opened,
// are other rules'. The harness (scenario/read_delivery.cc) records the
// findings; that the bytes are the content's is read-data's.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadDeliversFinding, "");
}

PD_REGISTER_RULE((Rule{
    "read-delivers",
    391,
    Strength::kImplied,
    "the pages say a client can retrieve the data once the information is complete and that the buffer receives "
    "it, not when a read must succeed: the harness demands it where the data is surely there at the call (added "
    "whole to the local cache, or a peer delivering within the timeout) and the service stayed AVAILABLE",
    "PeerDistClientOpenContent, PeerDistClientAddContentInformation, "
        "PeerDistClientCompleteContentInformation, PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"COPEN-2", kPartly, "delivered"}, {"CADDINFO-18", kPartly, "delivered"},
     {"CCOMPLETEINFO-10", kPartly, "delivered"}, {"CBLOCKREAD-1", kPartly, "delivered"},
     {"CBLOCKREAD-7", kPartly, "delivered"}, {"CBLOCKREAD-49", kPartly, "delivered"},
     {"CSTREAMREAD-1", kPartly, "delivered"}, {"CSTREAMREAD-7", kPartly, "delivered"},
     {"CSTREAMREAD-52", kPartly, "delivered"}},
    "a read with a buffer whose first block is in the local cache at the call (added whole) or held by a peer that "
    "delivers within its timeout ends with ERROR_SUCCESS and at least one byte",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
