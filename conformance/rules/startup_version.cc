// startup-version: PeerDistStartup negotiates the version as its page says.
// dwVersionRequested is the *minimum* the caller accepts and
// *pdwSupportedVersion the *maximum* the system supports, both read as
// MAKEWORD(major, minor) (sim/peerdist_version.h). Over a trace:
//  - every successful Startup reports the same supported version (the
//    system's maximum does not change within a run), and one no lower than
//    what it accepted;
//  - a well-formed request (high word 0, major >= 1) at or below that
//    maximum succeeds with ERROR_SUCCESS, and one above it fails with
//    PEERDIST_ERROR_VERSION_UNSUPPORTED (the maximum is known once any
//    Startup of the trace succeeded);
//  - a success writes a handle, one that no open session holds.
// A NULL phPeerDist is null-argument's; a request below 1.0 or with bits in
// the high word is not judged (AMBIGUITIES.md, "Startup versions").
#include <cstdlib>

#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"
#include "sim/overlapped_slot.h"
#include "sim/peerdist_version.h"

namespace pd {
namespace rules {
namespace {

std::string VersionText(std::int64_t value) {
  const PeerDistVersion v = DecodeVersion(static_cast<std::uint64_t>(value));
  return std::to_string(value) + " (" + std::to_string(v.major) + "." + std::to_string(v.minor) +
         (v.well_formed ? "" : ", high word set") + ")";
}

std::optional<Violation> Judge(const TraceView& view) {
  // The maximum the system reports: the first successful Startup's.
  std::optional<std::int64_t> supported;
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kStartup || call.ret == nullptr || call.call->null_arg == 1) continue;
    if (call.ret->code != ERROR_SUCCESS || call.ret->session < 0) continue;
    supported = SupportedVersion(view, call.ret->session);
    break;
  }
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kStartup || call.ret == nullptr || call.call->null_arg == 1) continue;
    const std::int64_t requested_value = RequestedVersion(*call.call);
    if (requested_value == kNoValue) continue;
    const PeerDistVersion requested = DecodeVersion(static_cast<std::uint64_t>(requested_value));
    const std::int64_t code = call.ret->code;
    const std::string what = "PeerDistStartup(version=" + VersionText(requested_value) + ")";
    if (code == ERROR_SUCCESS) {
      const std::string& detail = call.ret->detail;
      if (detail.find(" handle=null") != std::string::npos) {
        return At(*call.ret, what + " succeeded without writing a handle; expected a newly created handle");
      }
      const std::size_t shared = detail.find(" handle=s");
      if (shared != std::string::npos) {
        return At(*call.ret, what + " returned the handle session " + detail.substr(shared + 9) +
                                 " still holds; expected a newly created handle");
      }
      const std::int64_t reported = SupportedVersion(view, call.ret->session);
      if (reported == static_cast<std::int64_t>(kUnwrittenDword)) {
        return At(*call.ret, what + " succeeded without writing *pdwSupportedVersion; expected the maximum "
                                    "supported version");
      }
      if (reported == kNoValue || !supported) continue;
      if (reported != *supported) {
        return At(*call.ret, what + " reported supported version " + VersionText(reported) +
                                 ", an earlier Startup " + VersionText(*supported) +
                                 "; expected the one maximum the system supports");
      }
    }
    if (!requested.well_formed || requested.major < 1 || !supported) continue;
    const bool above = CompareVersions(requested, DecodeVersion(static_cast<std::uint64_t>(*supported))) > 0;
    if (above && code != PEERDIST_ERROR_VERSION_UNSUPPORTED) {
      return At(*call.ret, what + " returned " + Code(code) + " although the supported maximum is " +
                               VersionText(*supported) + "; expected PEERDIST_ERROR_VERSION_UNSUPPORTED");
    }
    if (!above && code != ERROR_SUCCESS) {
      return At(*call.ret, what + " returned " + Code(code) + " although the supported maximum is " +
                               VersionText(*supported) + "; expected ERROR_SUCCESS");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "startup-version",
    200,
    Strength::kDocumented,
    "",
    "PeerDistStartup",
    {{"STARTUP-1"}, {"STARTUP-2"}, {"STARTUP-3"}, {"STARTUP-4"}, {"STARTUP-5"}, {"STARTUP-6"}, {"STARTUP-7"},
     {"STARTUP-9"}},
    "PeerDistStartup accepts every well-formed requested version up to the supported maximum with ERROR_SUCCESS "
    "and a new handle, refuses higher ones with PEERDIST_ERROR_VERSION_UNSUPPORTED, and reports one maximum "
    "(MAKEWORD(major, minor)) no lower than any version it accepted",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
