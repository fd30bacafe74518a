// null-argument: a call with an open handle and a NULL required pointer fails
// with ERROR_INVALID_PARAMETER (PeerDistGetOverlappedResult: FALSE, last
// error ERROR_INVALID_PARAMETER).
#include <cstdlib>

#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

// The dwVersionRequested a Startup call passed (its detail "version=N").
std::int64_t RequestedVersion(const TraceEvent& call) {
  const std::string prefix = "version=";
  if (call.detail.compare(0, prefix.size(), prefix) != 0) return kNoValue;
  return std::strtoll(call.detail.c_str() + prefix.size(), nullptr, 10);
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    if (call.call->null_arg != 1 || call.ret == nullptr) continue;
    const ApiFunction function = call.call->function;
    const std::int64_t code = call.ret->code;
    const std::string name = ApiFunctionName(function);
    switch (function) {
      case ApiFunction::kStartup: {
        if (code == ERROR_INVALID_PARAMETER) continue;
        // An unsupported version may be reported first.
        const std::int64_t version = RequestedVersion(*call.call);
        if (code == PEERDIST_ERROR_VERSION_UNSUPPORTED && version != kNoValue && version < PEERDIST_VERSION_WIN7) {
          continue;
        }
        return At(*call.ret, name + " with a NULL phPeerDist returned " + Code(code) +
                                 "; expected ERROR_INVALID_PARAMETER");
      }
      case ApiFunction::kGetStatus:
      case ApiFunction::kGetStatusEx:
        if (call.call->handle_open != 1 || code == ERROR_INVALID_PARAMETER) continue;
        return At(*call.ret, name + " (session " + std::to_string(call.call->session) +
                                 ") with a NULL pPeerDistStatus returned " + Code(code) +
                                 "; expected ERROR_INVALID_PARAMETER");
      case ApiFunction::kRegister:
      case ApiFunction::kRegisterEx: {
        if (call.call->handle_open != 1 || code == ERROR_INVALID_PARAMETER) continue;
        // A bogus port may be reported first.
        if (call.call->port == -2 && code == ERROR_INVALID_HANDLE) continue;
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
    {{"STARTUP-8"}, {"REGISTER-13", kPartly}},
    "Startup, GetStatus(Ex), Register(Ex) and GetOverlappedResult with an open handle and a NULL required "
    "pointer fail with ERROR_INVALID_PARAMETER (GetOverlappedResult: FALSE, last error ERROR_INVALID_PARAMETER)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
