// no-hang: every call and every callback returns within the wall-clock bound
// (pdconform --timeout-ms, per answer), and the work an implementation
// schedules comes to rest in virtual time. A plugin's worker or an exec:
// program that stops answering is killed, and an implementation that keeps
// the World busy (work without end, see WorldBoundExceeded) is stopped; each
// leaves a finding starting "no-hang: " (adapters/implementation_lost.h,
// scenario/scenario_runner.cc); the run stops there.
#include "adapters/implementation_lost.h"
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kHangFindingPrefix,
                                "; expected every call and callback to return within the wall-clock bound, and "
                                "scheduled work to come to rest");
}

PD_REGISTER_RULE((Rule{
    "no-hang",
    194,
    Strength::kImplied,
    "every page lists the codes a call returns: that it returns within the watchdog, and scheduled work "
        "comes to rest, is the premise",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PeerDistUnregisterForStatusChangeNotification, PeerDistServerPublishStream, "
        "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
        "PeerDistServerCloseStreamHandle, PeerDistServerUnpublish, PeerDistServerOpenContentInformation, "
        "PeerDistServerOpenContentInformationEx, PeerDistServerRetrieveContentInformation, "
        "PeerDistServerCloseContentInformation, PeerDistClientOpenContent, PeerDistClientCloseContent, "
        "PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation, "
        "PeerDistClientAddData, PeerDistClientBlockRead, PeerDistClientStreamRead, "
        "PeerDistClientFlushContent, PeerDistClientGetInformationByHandle",
    {{"REGISTER-12", kPartly}, {"REGISTEREX-12", kPartly}, {"UNREGISTER-3", kPartly},
     {"SPUBLISH-15", kPartly}, {"SADDTOSTREAM-10", kPartly}, {"SCOMPLETESTREAM-6", kPartly},
     {"SCLOSESTREAM-4", kPartly}, {"SUNPUBLISH-5", kPartly}, {"SOPENINFO-14", kPartly},
     {"SOPENINFOEX-15", kPartly}, {"SRETRIEVEINFO-9", kPartly}, {"SCLOSEINFO-4", kPartly},
     {"COPEN-12", kPartly}, {"CCLOSE-4", kPartly}, {"CADDINFO-11", kPartly}, {"CCOMPLETEINFO-5", kPartly},
     {"CADDDATA-12", kPartly}, {"CBLOCKREAD-17", kPartly}, {"CBLOCKREAD-22", kPartly},
     {"CSTREAMREAD-17", kPartly}, {"CSTREAMREAD-22", kPartly}, {"CFLUSH-10", kPartly}, {"CGETINFO-8", kPartly}},
    "every call and every callback (scheduled work, status change) returns within the wall-clock bound "
    "(--timeout-ms per answer): asynchronous work is scheduled, never waited for; and the work scheduled comes "
    "to rest in virtual time (no livelock)",
    Judge,
    /*judges_cut_short_cases=*/true,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
