// object-invalid-handle: a call (other than a close) given a content,
// content-information or stream handle that is not open (never issued, or
// closed before) fails with ERROR_INVALID_HANDLE. Its session handle must
// be open (invalid-handle judges the others); a Windows 8 function on a
// Windows 7 session may be refused first. ERROR_INVALID_PARAMETER is
// accepted where a second argument is bad too (AMBIGUITIES.md, "which of two
// bad arguments"), and on the pages whose ERROR_INVALID_HANDLE row names
// hPeerDist only (there a gone object handle may count as an invalid
// parameter); where the row names the object handle, that handle's half of
// the row is this rule's (catalog `part:`), and the code is
// ERROR_INVALID_HANDLE.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The functions whose ERROR_INVALID_HANDLE row reads "The hPeerDist or
// hStream / hContentInfo / hContent handle is invalid."
bool RowNamesObjectHandle(ApiFunction function) {
  switch (function) {
    case ApiFunction::kServerPublishAddToStream:
    case ApiFunction::kServerPublishCompleteStream:
    case ApiFunction::kServerRetrieveContentInformation:
    case ApiFunction::kClientAddData:
    case ApiFunction::kClientBlockRead:
    case ApiFunction::kClientStreamRead:
      return true;
    default:
      return false;
  }
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (!TakesObject(call) || IsCloseFunction(call.call->function) || call.ret == nullptr) continue;
    const TraceEvent& c = *call.call;
    if (c.handle_open != 1 || c.object_state == HandleState::kOpen) continue;
    const std::int64_t code = call.ret->code;
    if (code == ERROR_INVALID_HANDLE) continue;
    // Which of two bad arguments is reported first is not documented.
    const bool second_bad_argument = c.null_arg == 1 || PassesBadArgument(c);
    if (code == ERROR_INVALID_PARAMETER && (second_bad_argument || !RowNamesObjectHandle(c.function))) continue;
    if (IsWin8Function(c.function) && !history.IsWin8Session(c.session)) continue;
    return At(*call.ret, CallName(call) + ", a handle " +
                             (c.object_state == HandleState::kClosed ? "closed before" : "no open call returned") +
                             ", returned " + Code(code) + "; expected ERROR_INVALID_HANDLE" +
                             (RowNamesObjectHandle(c.function) ? " (the page's row names this handle)" : ""));
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "object-invalid-handle",
    180,
    Strength::kImplied,
    "several pages name only hPeerDist in their ERROR_INVALID_HANDLE row, or list no errors: the rule "
        "asks it for every content, content-information and stream handle",
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
        "PeerDistServerCloseStreamHandle, PeerDistServerRetrieveContentInformation, "
        "PeerDistServerCloseContentInformation, PeerDistClientCloseContent, "
        "PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation, PeerDistClientAddData, "
        "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"SADDTOSTREAM-12", kPartly, "hStream"}, {"SCOMPLETESTREAM-8", kPartly, "hStream"}, {"SCLOSESTREAM-1", kPartly},
     {"SRETRIEVEINFO-11", kPartly, "hContentInfo"}, {"SCLOSEINFO-1", kPartly, "later use refused"},
     {"SCLOSEINFO-7", kPartly, "later use refused"}, {"CCLOSE-1", kPartly, "later use refused"},
     {"CADDINFO-12", kPartly, "hContentHandle"}, {"CCOMPLETEINFO-6", kPartly, "hContentHandle"},
     {"CADDDATA-14", kPartly, "hContent"}, {"CBLOCKREAD-19", kPartly, "hContent"},
     {"CSTREAMREAD-19", kPartly, "hContent"}},
    "a call other than a close given a content, content-information or stream handle that is not open (never "
    "issued, or closed) fails with ERROR_INVALID_HANDLE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
