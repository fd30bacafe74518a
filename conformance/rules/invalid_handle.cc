// invalid-handle: a call of any function that takes hPeerDist, given a
// session handle that is not open (closed by Shutdown, or never returned by
// Startup), fails with ERROR_INVALID_HANDLE (ERROR_INVALID_PARAMETER is also
// accepted when a required pointer of the call is NULL or it passes no data
// too) and is never accepted.
#include "conformance/rule.h"
#include "conformance/handle_history.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    // Every function but these two takes hPeerDist.
    const ApiFunction function = call.call->function;
    if (function == ApiFunction::kStartup || function == ApiFunction::kGetOverlappedResult) continue;
    if (call.call->handle_open != 0 || call.ret == nullptr) continue;
    const std::int64_t code = call.ret->code;
    if (code == ERROR_INVALID_HANDLE) continue;
    // A second bad argument (a NULL pointer, no data) may be reported first.
    if ((call.call->null_arg == 1 || PassesBadArgument(*call.call)) && code == ERROR_INVALID_PARAMETER) continue;
    const std::string handle =
        call.call->session >= 0 ? "the closed handle of session " + std::to_string(call.call->session)
                                : std::string("a handle no PeerDistStartup returned");
    return At(*call.ret, std::string(ApiFunctionName(call.call->function)) + " with " + handle + " returned " +
                             Code(code) + "; expected ERROR_INVALID_HANDLE" +
                             (call.call->null_arg == 1 ? " (or ERROR_INVALID_PARAMETER)" : ""));
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "invalid-handle",
    130,
    Strength::kImplied,
    "GetStatus, GetStatusEx, RegisterEx, OpenContentInformationEx and GetInformationByHandle list no error "
        "codes: the rule asks ERROR_INVALID_HANDLE of them as of the functions whose pages list it",
    "PeerDistShutdown, PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
        "PeerDistUnregisterForStatusChangeNotification, PeerDistServerPublishStream, "
        "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, PeerDistServerCloseStreamHandle, "
        "PeerDistServerUnpublish, PeerDistServerOpenContentInformation, PeerDistServerRetrieveContentInformation, "
        "PeerDistServerCloseContentInformation, PeerDistServerCancelAsyncOperation, PeerDistClientOpenContent, "
        "PeerDistClientCloseContent, PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation, "
        "PeerDistClientAddData, PeerDistClientBlockRead, PeerDistClientStreamRead, PeerDistClientFlushContent, "
        "PeerDistClientCancelAsyncOperation",
    {{"SHUTDOWN-1", kPartly, "the session handle"}, {"SHUTDOWN-5"}, {"REGISTER-14"}, {"REGISTER-2", kPartly, "other handles refused"}, {"REGISTEREX-2", kPartly, "other handles refused"}, {"UNREGISTER-5"}, {"SPUBLISH-17"},
     {"SADDTOSTREAM-12", kPartly, "hPeerDist"}, {"SCOMPLETESTREAM-8", kPartly, "hPeerDist"}, {"SCLOSESTREAM-6", kPartly, "hPeerDist"}, {"SUNPUBLISH-7"},
     {"SOPENINFO-16"}, {"SRETRIEVEINFO-11", kPartly, "hPeerDist"}, {"SCLOSEINFO-5", kPartly, "hPeerDist"}, {"SCANCEL-8"}, {"COPEN-14"},
     {"CCLOSE-6", kPartly, "hPeerDist"}, {"CADDINFO-13"}, {"CCOMPLETEINFO-7"}, {"CADDDATA-14", kPartly, "hPeerDist"},
     {"CBLOCKREAD-19", kPartly, "hPeerDist"}, {"CSTREAMREAD-19", kPartly, "hPeerDist"}, {"CFLUSH-12"}, {"CCANCEL-8"}},
    "every function that takes hPeerDist (all but Startup and GetOverlappedResult), given a session handle that "
    "is not open, returns ERROR_INVALID_HANDLE (ERROR_INVALID_PARAMETER also accepted when a required pointer is "
    "NULL or no data is passed too)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
