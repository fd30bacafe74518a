// host-objects: the implementation uses the caller's kernel objects as
// Windows defines them. It signals events only (the hEvent of an
// OVERLAPPED) and posts completion packets only to completion ports, and
// does not flood a port past the World's bound. The World refuses such a
// call as Windows would (FALSE, ERROR_INVALID_HANDLE) and records a finding
// starting kHostMisuseFinding (sim/world.cc); this rule names it. The
// caller's view of the same bug (no packet, no signal) is event-and-port's
// and delivery-liveness's; this rule says what the implementation did.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kHostMisuseFinding,
                                "; expected SetEvent on events only and completion packets on completion ports only");
}

PD_REGISTER_RULE((Rule{
    "host-objects",
    196,
    Strength::kImplied,
    "the pages name the event and the completion port to signal: using only those, as Windows would "
        "accept, is the premise",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PeerDistServerPublishStream, PeerDistServerOpenContentInformation, "
        "PeerDistServerOpenContentInformationEx, PeerDistClientOpenContent, PeerDistClientFlushContent",
    {{"REGISTER-3", kPartly}, {"REGISTEREX-3", kPartly}, {"SPUBLISH-9", kPartly}, {"SOPENINFO-8", kPartly},
     {"SOPENINFOEX-9", kPartly}, {"COPEN-6", kPartly}, {"COPEN-18", kPartly}, {"CFLUSH-3", kPartly}},
    "the implementation calls SetEvent on event handles only and posts completion packets to completion ports "
    "only, within the port's bound",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
