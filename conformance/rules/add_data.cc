// add-data: PeerDistClientAddData against the content information completed
// on the handle before the call. The data reaches the local cache: after an
// add of the content's own bytes that covers a block whole has completed, a
// block read with PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY at that block does
// not miss it (PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT); until a flush,
// which may empty the cache. And PEERDIST_ERROR_OUT_OF_BOUNDS is the
// completion of an add whose offset lies beyond the end of the content the
// information describes, and of no other add; on information made for a
// range request an add past the end of its range is left alone (the read
// pages allow data outside the range: AMBIGUITIES.md, "PeerDistClientAddData
// outside ranged content information"). The harness follows the
// handle's information and records a finding starting kAddDataFinding
// (scenario/content_calls.cc); this rule names it.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) { return FirstFindingWithPrefix(view, kAddDataFinding, ""); }

PD_REGISTER_RULE((Rule{
    "add-data",
    197,
    Strength::kImplied,
    "the page says the data is stored in the local cache and what PEERDIST_ERROR_OUT_OF_BOUNDS indicates: the rule "
        "observes the cache through a local-cache-only read, reads \"the end of the content\" as the end of the range "
        "its information describes, and asks the code for every add past it",
    "PeerDistClientAddData",
    {{"CADDDATA-1"}, {"CADDDATA-5", kPartly}, {"CADDDATA-6", kPartly}, {"CADDDATA-10"}, {"CADDDATA-18"},
     {"CADDDATA-19"}},
    "an add of the content's bytes that covered a block whole leaves it in the local cache (a local-cache-only block "
    "read there does not miss it, until a flush); an add completes with PEERDIST_ERROR_OUT_OF_BOUNDS exactly when its "
    "offset lies beyond the end of the content (past a range request's range: either)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
