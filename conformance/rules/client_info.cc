// client-info: PeerDistClientGetInformationByHandle with the class
// PeerDistClientBasicInfo fills a PEERDIST_CLIENT_BASIC_INFO in
// lpInformation, within dwBufferSize. The harness records a finding
// (kClientInfoFinding) when the call succeeded without writing the
// structure (scenario/content_calls.cc; a write past dwBufferSize is
// buffer-bounds'). The rule also flags a success with a buffer
// too small for the structure, and a failure of a well-formed call: a
// Windows 8 session's open, not invalidated content handle, the service
// AVAILABLE, room for the structure (the page lists no error codes).
// PeerDistClientBasicInfo is the one value of the enumeration that names
// information (MaximumPeerDistClientInfoByHandlesClass bounds it: info-class
// flags a success at or past it), so checking what it retrieves checks what
// the class parameter selects and the format it gives lpInformation.
#include <cstdlib>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/implementation_findings.h"

namespace pd {
namespace rules {
namespace {

// dwBufferSize, from the call's "cN bytes=K".
std::int64_t BufferSize(const TraceEvent& call) {
  const std::size_t at = call.detail.find("bytes=");
  return at == std::string::npos ? -1 : std::strtoll(call.detail.c_str() + at + 6, nullptr, 10);
}

std::optional<Violation> Judge(const TraceView& view) {
  if (auto finding = FirstFindingWithPrefix(view, kClientInfoFinding,
                                            "; expected PEERDIST_CLIENT_BASIC_INFO written within dwBufferSize")) {
    return finding;
  }
  const HandleHistory& history = view.Derived<HandleHistory>();
  constexpr std::int64_t kNeeded = sizeof(PEERDIST_CLIENT_BASIC_INFO);
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.function != ApiFunction::kClientGetInformationByHandle || call.ret == nullptr) continue;
    // Another class than PeerDistClientBasicInfo: info-class's.
    if (PassesClassOutsideEnumeration(c)) continue;
    const std::int64_t size = BufferSize(c);
    const std::int64_t code = call.ret->code;
    if (code == ERROR_SUCCESS && size < kNeeded) {
      return At(*call.ret, CallName(call) + " with dwBufferSize " + std::to_string(size) +
                               " returned ERROR_SUCCESS; expected a failure: PEERDIST_CLIENT_BASIC_INFO needs " +
                               std::to_string(kNeeded) + " bytes");
    }
    const OpenedHandle* handle = history.WellFormedTarget(call);
    if (handle == nullptr || code == ERROR_SUCCESS || size < kNeeded) continue;
    if (history.InvalidatedBy(*handle, call.call_index) != nullptr) continue;
    if (StatusAfter(view, call.call_index) != PEERDIST_STATUS_AVAILABLE) continue;
    return At(*call.ret, CallName(call) + " with PeerDistClientBasicInfo and dwBufferSize " + std::to_string(size) +
                             " on an open content handle returned " + Code(code) +
                             "; expected ERROR_SUCCESS and the PEERDIST_CLIENT_BASIC_INFO");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "client-info",
    191,
    Strength::kImplied,
    "the pages do not say what a too small buffer gets, nor list errors: the rule reads dwBufferSize as the "
        "bound of what may be written and of what may succeed",
    "PeerDistClientGetInformationByHandle, PEERDIST_CLIENT_BASIC_INFO, PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS",
    {{"CGETINFO-1"}, {"CGETINFO-4"}, {"CGETINFO-5"}, {"CGETINFO-6"}, {"CGETINFO-7"}, {"CGETINFO-8"},
     {"BASICINFO-2", kPartly}, {"BASICINFO-3"}, {"INFOCLASS-2"}},
    "GetInformationByHandle with PeerDistClientBasicInfo writes a PEERDIST_CLIENT_BASIC_INFO within dwBufferSize: "
    "never past it, never a success without room for it or without writing it, and a success for a well-formed "
    "call on an open content handle while the service is AVAILABLE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
