// info-portions: content information may be added to a content handle in
// portions, one PeerDistClientAddContentInformation per portion, as it
// becomes available, and PeerDistClientCompleteContentInformation completes
// the adding. The harness follows a handle whose portions are each added
// while no other add or complete of the handle is pending (their order is
// then the order of the calls) and records a finding (kInfoPortionsFinding,
// scenario/content_calls.cc) when an add whose bytes continue the handle's
// into a prefix of well-formed information fails, or when a complete called
// with all adds done fails although what they added, in order, is whole
// information of the content. Cancelled, closed and invalidated handles'
// operations are left alone (ERROR_OPERATION_ABORTED, ERROR_INVALID_HANDLE,
// a status move since the open). That the information then serves reads is
// read-data's.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) { return FirstFindingWithPrefix(view, kInfoPortionsFinding, ""); }

PD_REGISTER_RULE((Rule{
    "info-portions",
    387,
    Strength::kImplied,
    "the pages say information may be added in portions by several calls and the complete completes the adding; "
        "that portions join in the order of their calls (each called once the one before completed), and that a "
        "complete of whole well-formed information then succeeds, the rule infers",
    "PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation",
    {{"CADDINFO-1"}, {"CADDINFO-4"}, {"CADDINFO-5"}, {"CADDINFO-20"}, {"CADDINFO-21"}, {"CCOMPLETEINFO-1"}},
    "an add of the next portion of well-formed content information (cbNumberOfBytes bytes of pBuffer) succeeds, and "
    "a complete after every portion was added succeeds when the portions, in the order of their calls, are whole "
    "content information of the content",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
