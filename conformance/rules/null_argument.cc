// null-argument: a call with an open handle and a NULL required pointer fails
// with ERROR_INVALID_PARAMETER (PeerDistGetOverlappedResult: FALSE, last
// error ERROR_INVALID_PARAMETER).
#include <cstdlib>

#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"
#include "sim/peerdist_version.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    if (call.call->null_arg != 1 || call.ret == nullptr) continue;
    const ApiFunction function = call.call->function;
    const std::int64_t code = call.ret->code;
    const std::string name = ApiFunctionName(function);
    switch (function) {
      case ApiFunction::kStartup: {
        if (code == ERROR_INVALID_PARAMETER) continue;
        // An unsupported version may be reported first: any request but
        // 1.0, which every version of the API supports.
        const std::int64_t version = RequestedVersion(*call.call);
        const PeerDistVersion requested = DecodeVersion(static_cast<std::uint64_t>(version));
        const bool surely_supported = requested.well_formed && requested.major == 1 && requested.minor == 0;
        if (code == PEERDIST_ERROR_VERSION_UNSUPPORTED && version != kNoValue && !surely_supported) continue;
        return At(*call.ret, name + " with a NULL phPeerDist returned " + Code(code) +
                                 "; expected ERROR_INVALID_PARAMETER");
      }
      case ApiFunction::kGetStatus:
      case ApiFunction::kGetStatusEx:
        if (call.call->handle_open != 1 || code == ERROR_INVALID_PARAMETER) continue;
        if (function == ApiFunction::kGetStatusEx && !SessionRequestsWin8(view, call.call->session)) continue;
        return At(*call.ret, name + " (session " + std::to_string(call.call->session) +
                                 ") with a NULL pPeerDistStatus returned " + Code(code) +
                                 "; expected ERROR_INVALID_PARAMETER");
      case ApiFunction::kRegister:
      case ApiFunction::kRegisterEx: {
        if (call.call->handle_open != 1 || code == ERROR_INVALID_PARAMETER) continue;
        // A bogus port may be reported first, and a Windows 7 session may
        // refuse the Windows 8 function first.
        if (call.call->port == -2 && code == ERROR_INVALID_HANDLE) continue;
        if (function == ApiFunction::kRegisterEx && !SessionRequestsWin8(view, call.call->session)) continue;
        // Any refusal is fine for a second registration (ambiguity).
        if (!IsRegistrationAccepted(code) &&
            ActiveRegistrationOf(view, call.call->session, call.call_index) != nullptr) {
          continue;
        }
        return At(*call.ret, name + " " + call.call->detail + " (session " + std::to_string(call.call->session) +
                                 ") with a NULL lpOverlapped or pPeerDistStatus returned " + Code(code) +
                                 "; expected ERROR_INVALID_PARAMETER");
      }
      case ApiFunction::kGetOverlappedResult:
        if (call.ret->bool_result == 0 && code == ERROR_INVALID_PARAMETER) continue;
        return At(*call.ret, name + " " + call.call->detail + " with a NULL lpOverlapped or " +
                                 "lpNumberOfBytesTransferred returned " +
                                 (call.ret->bool_result != 0 ? "TRUE" : "FALSE") + " with last error " + Code(code) +
                                 "; expected FALSE with ERROR_INVALID_PARAMETER");
      default:
        continue;
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "null-argument",
    140,
    Strength::kImplied,
    "GetStatus, GetStatusEx, GetOverlappedResult and RegisterEx list no error codes: the rule asks "
        "ERROR_INVALID_PARAMETER of them as of the functions whose pages list it",
    "PeerDistStartup, PeerDistRegisterForStatusChangeNotification",
    {{"STARTUP-8"}, {"REGISTER-13", kPartly, "NULL pointer"}},
    "Startup, GetStatus(Ex), Register(Ex) and GetOverlappedResult with an open handle and a NULL required "
    "pointer fail with ERROR_INVALID_PARAMETER (GetOverlappedResult: FALSE, last error ERROR_INVALID_PARAMETER)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
