// invalid-handle: a call given a session handle that is not open fails with
// ERROR_INVALID_HANDLE (ERROR_INVALID_PARAMETER is also accepted when a
// required pointer of the call is NULL too) and is never accepted.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    switch (call.call->function) {
      case ApiFunction::kShutdown:
      case ApiFunction::kGetStatus:
      case ApiFunction::kGetStatusEx:
      case ApiFunction::kRegister:
      case ApiFunction::kRegisterEx:
      case ApiFunction::kUnregister:
        break;
      default:
        continue;
    }
    if (call.call->handle_open != 0 || call.ret == nullptr) continue;
    const std::int64_t code = call.ret->code;
    if (code == ERROR_INVALID_HANDLE) continue;
    if (call.call->null_arg == 1 && code == ERROR_INVALID_PARAMETER) continue;
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
    "GetStatus and GetStatusEx list no error codes: the rule asks ERROR_INVALID_HANDLE of them as of the "
        "functions whose pages list it",
    "PeerDistShutdown, PeerDistRegisterForStatusChangeNotification, "
        "PeerDistUnregisterForStatusChangeNotification",
    {{"SHUTDOWN-1", kPartly}, {"SHUTDOWN-5"}, {"REGISTER-14"}, {"UNREGISTER-5"}},
    "Shutdown, GetStatus(Ex), Register(Ex) and Unregister given a session handle that is not open return "
    "ERROR_INVALID_HANDLE (ERROR_INVALID_PARAMETER also accepted when a required pointer is NULL too)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
