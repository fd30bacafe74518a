// session-success-codes: the session functions succeed, with the code their
// pages give, when called as their pages describe: PeerDistShutdown,
// PeerDistGetStatus and PeerDistGetStatusEx (a session that asked for the
// Windows 8 API) on an open handle with their pointers given return
// ERROR_SUCCESS, and so does PeerDistUnregisterForStatusChangeNotification
// while the session has an active registration (with none, ambiguity
// unregister-when-idle leaves the code open).
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (call.ret == nullptr || c.handle_open != 1 || c.null_arg == 1) continue;
    std::string when;
    switch (c.function) {
      case ApiFunction::kShutdown:
      case ApiFunction::kGetStatus:
        break;
      case ApiFunction::kGetStatusEx:
        if (!SessionRequestsWin8(view, c.session)) continue;
        when = " (a session that asked for the Windows 8 API)";
        break;
      case ApiFunction::kUnregister: {
        const RegistrationView* active = ActiveRegistrationOf(view, c.session, call.call_index);
        if (active == nullptr) continue;
        when = " while " + Name(*active) + " was active";
        break;
      }
      default:
        continue;
    }
    if (call.ret->code == ERROR_SUCCESS) continue;
    return At(*call.ret, std::string(ApiFunctionName(c.function)) + " on the open handle of session " +
                             std::to_string(c.session) + when + " returned " + Code(call.ret->code) +
                             "; expected ERROR_SUCCESS");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "session-success-codes",
    202,
    Strength::kImplied,
    "the pages give the success code and list no failure for an open handle with valid arguments: the rule "
        "reads that such a call succeeds (GetStatusEx only on sessions that asked for version 2.0, Unregister "
        "only with a registration active)",
    "PeerDistShutdown, PeerDistGetStatus, PeerDistGetStatusEx, PeerDistUnregisterForStatusChangeNotification",
    {{"SHUTDOWN-3"}, {"SHUTDOWN-4"}, {"GETSTATUS-2"}, {"GETSTATUS-4"}, {"GETSTATUSEX-2"}, {"GETSTATUSEX-4"},
     {"UNREGISTER-2"}, {"UNREGISTER-3"}},
    "Shutdown, GetStatus and GetStatusEx (Windows 8 sessions) on an open handle with their pointers given, and "
    "Unregister while a registration is active, return ERROR_SUCCESS",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
