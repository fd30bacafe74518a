// retrieve-end: PeerDistServerRetrieveContentInformation reports the end of
// the content information, PEERDIST_ERROR_NO_MORE, exactly there: not while
// the bytes delivered so far are not yet one whole content information, and
// instead of delivering anything (even 0 bytes with ERROR_SUCCESS) once they
// are. The harness judges retrieves started with no other retrieve pending
// on the handle (their place in the information is known), whether the code
// is returned or the operation completes with it; a breach is recorded as a
// finding starting kRetrieveEndFinding, which this rule names.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kRetrieveEndFinding,
                                "; expected PEERDIST_ERROR_NO_MORE exactly at the end of the content information");
}

PD_REGISTER_RULE((Rule{
    "retrieve-end",
    341,
    Strength::kImplied,
    "the row does not say whether PEERDIST_ERROR_NO_MORE is returned or the operation completes with it (both are "
    "accepted), and the end is taken where the bytes delivered decode as one whole content information "
    "(sim/content_info.h)",
    "PeerDistServerRetrieveContentInformation",
    {{"SRETRIEVEINFO-12"}},
    "a retrieve reports PEERDIST_ERROR_NO_MORE at the end of the content information, and only there",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
