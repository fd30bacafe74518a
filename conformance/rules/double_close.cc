// double-close: closing a content, content-information or stream handle
// that is not open (closed already, or never issued) fails with
// ERROR_INVALID_HANDLE.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    if (!IsCloseFunction(call.call->function) || call.ret == nullptr) continue;
    const TraceEvent& c = *call.call;
    if (c.handle_open != 1 || c.object_state == HandleState::kOpen) continue;
    if (call.ret->code == ERROR_INVALID_HANDLE) continue;
    return At(*call.ret, CallName(call) + ", a handle " +
                             (c.object_state == HandleState::kClosed ? "closed already" : "never issued") +
                             ", returned " + Code(call.ret->code) + "; expected ERROR_INVALID_HANDLE");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "double-close",
    182,
    Strength::kDocumented,
    "",
    "PeerDistServerCloseStreamHandle, PeerDistServerCloseContentInformation, PeerDistClientCloseContent",
    {{"SCLOSESTREAM-1", kPartly}, {"SCLOSESTREAM-6", kPartly, "hStream"}, {"SCLOSEINFO-1", kPartly, "a second close refused"},
     {"SCLOSEINFO-5", kPartly, "hContentInfo"}, {"SCLOSEINFO-7", kPartly, "a second close refused"}, {"CCLOSE-1", kPartly, "a second close refused"}, {"CCLOSE-6", kPartly, "hContent"}},
    "closing a content, content-information or stream handle that is not open (closed already or never issued) "
    "fails with ERROR_INVALID_HANDLE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
