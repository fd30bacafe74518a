// info-class: PeerDistClientGetInformationByHandle refuses an information
// class outside PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS: the enumeration
// "defines the possible client information values", and its
// MaximumPeerDistClientInfoByHandlesClass is "the maximum value for the
// enumeration that is used for error checking". The page lists no error
// code, so any failure passes; a success does not. What
// PeerDistClientBasicInfo returns is client-info's.
#include "conformance/handle_history.h"
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (!PassesClassOutsideEnumeration(c) || call.ret == nullptr || call.ret->code != ERROR_SUCCESS) continue;
    const std::size_t at = c.detail.find(" class=");
    return At(*call.ret, CallName(call) + " with PeerDistClientInfoClass " + c.detail.substr(at + 7) +
                             ", outside PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS (MaximumPeerDistClientInfoByHandlesClass "
                             "is 1), returned ERROR_SUCCESS; expected a failure");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "info-class",
    301,
    Strength::kImplied,
    "the pages say the enumeration bounds the values and its maximum is for error checking, and list no error "
    "code: the rule asks a failure, any code, for a class at or past MaximumPeerDistClientInfoByHandlesClass",
    "PeerDistClientGetInformationByHandle, PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS",
    {{"CGETINFO-4", kPartly}, {"INFOCLASS-1"}, {"INFOCLASS-3"}},
    "GetInformationByHandle fails for a PeerDistClientInfoClass outside the enumeration "
    "(MaximumPeerDistClientInfoByHandlesClass and beyond)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
