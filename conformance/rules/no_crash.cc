// no-crash: the implementation survives every call and every callback. A
// plugin's worker or an exec: program that dies (signal, exit), or that
// breaks the line protocol (garbage, an over-long line), and an in-process
// implementation that throws a C++ exception out of a call, leave a finding
// starting "no-crash: " (adapters/implementation_lost.h,
// scenario/scenario_runner.cc); the run stops there.
#include "adapters/implementation_lost.h"
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kCrashFindingPrefix,
                                "; expected every call to return and the implementation to keep running");
}

PD_REGISTER_RULE((Rule{
    "no-crash",
    192,
    Strength::kImplied,
    "every page lists the codes a call returns: that it returns at all (no crash, no exception) is the "
        "premise",
    "PeerDistStartup, PeerDistShutdown, PeerDistGetStatus, PeerDistGetStatusEx, "
        "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PeerDistUnregisterForStatusChangeNotification, PeerDistServerPublishStream, "
        "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
        "PeerDistServerCloseStreamHandle, PeerDistServerUnpublish, PeerDistServerOpenContentInformation, "
        "PeerDistServerOpenContentInformationEx, PeerDistServerRetrieveContentInformation, "
        "PeerDistServerCloseContentInformation, PeerDistClientOpenContent, PeerDistClientCloseContent, "
        "PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation, "
        "PeerDistClientAddData, PeerDistClientBlockRead, PeerDistClientStreamRead, "
        "PeerDistClientFlushContent, PeerDistClientGetInformationByHandle",
    {{"STARTUP-7", kPartly}, {"SHUTDOWN-4", kPartly}, {"GETSTATUS-4", kPartly}, {"GETSTATUSEX-4", kPartly},
     {"REGISTER-12", kPartly}, {"REGISTEREX-12", kPartly}, {"UNREGISTER-3", kPartly},
     {"SPUBLISH-15", kPartly}, {"SADDTOSTREAM-10", kPartly}, {"SCOMPLETESTREAM-6", kPartly},
     {"SCLOSESTREAM-4", kPartly}, {"SUNPUBLISH-5", kPartly}, {"SOPENINFO-14", kPartly},
     {"SOPENINFOEX-15", kPartly}, {"SRETRIEVEINFO-9", kPartly}, {"SCLOSEINFO-4", kPartly},
     {"COPEN-12", kPartly}, {"CCLOSE-4", kPartly}, {"CADDINFO-11", kPartly}, {"CCOMPLETEINFO-5", kPartly},
     {"CADDDATA-12", kPartly}, {"CBLOCKREAD-17", kPartly}, {"CSTREAMREAD-17", kPartly},
     {"CFLUSH-10", kPartly}, {"CGETINFO-8", kPartly}},
    "every call returns a value: the implementation's process does not die (crash, abort, exit) and speaks "
    "the harness protocol (no garbage, no over-long line); an in-process one throws no exception out of a call",
    Judge,
    /*judges_cut_short_cases=*/true,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
