// object-null-argument: a content-part call with an open session handle and
// a NULL required pointer (identifier, tag, buffer, lpOverlapped of an
// asynchronous call, handle out-pointer, information buffer) fails with
// ERROR_INVALID_PARAMETER, unless its code answers another fault the call
// also had (a handle not open or invalidated, a bogus port, the service's
// status, an existing publication).
#include "conformance/rule.h"
#include "conformance/rules/another_fault.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (!IsContentFunction(c.function) || c.null_arg != 1 || c.handle_open != 1 || call.ret == nullptr) continue;
    if (call.ret->code == ERROR_INVALID_PARAMETER) continue;
    // A Windows 8 function on a Windows 7 session may be refused first.
    if (IsWin8Function(c.function) && !history.IsWin8Session(c.session)) continue;
    if (AnswersAnotherFault(view, history, call)) continue;
    return At(*call.ret, CallName(call) + " " + c.detail + " with a NULL required pointer returned " +
                             Code(call.ret->code) + "; expected ERROR_INVALID_PARAMETER");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "object-null-argument",
    184,
    Strength::kImplied,
    "some pages list no error codes (GetInformationByHandle, OpenContentInformationEx): the rule asks "
        "ERROR_INVALID_PARAMETER of them too; a call with a second bad argument may answer that one's code",
    "PeerDistServerPublishStream, PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
        "PeerDistServerUnpublish, PeerDistServerOpenContentInformation, "
        "PeerDistServerRetrieveContentInformation, PeerDistServerCancelAsyncOperation, "
        "PeerDistClientOpenContent, PeerDistClientAddContentInformation, "
        "PeerDistClientCompleteContentInformation, PeerDistClientAddData, PeerDistClientBlockRead, "
        "PeerDistClientStreamRead, PeerDistClientFlushContent",
    {{"SPUBLISH-16", kPartly, "NULL pointer"}, {"SADDTOSTREAM-11", kPartly, "NULL pointer"}, {"SCOMPLETESTREAM-7"},
     {"SUNPUBLISH-6", kPartly, "NULL pointer"}, {"SOPENINFO-15", kPartly}, {"SRETRIEVEINFO-10", kPartly, "NULL pointer"},
     {"SCANCEL-7", kPartly, "NULL pointer"}, {"COPEN-13", kPartly, "NULL pointer"}, {"CADDINFO-12", kPartly},
     {"CCOMPLETEINFO-6", kPartly}, {"CADDDATA-13", kPartly, "NULL pointer"}, {"CBLOCKREAD-18"},
     {"CSTREAMREAD-18"}, {"CFLUSH-11", kPartly, "NULL pointer"}},
    "a content-part call with an open session handle and a NULL required pointer fails with "
    "ERROR_INVALID_PARAMETER",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
