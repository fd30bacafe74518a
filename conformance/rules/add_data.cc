// add-data: PeerDistClientAddData against the content information completed
// on the handle before the call. The data reaches the local cache: after an
// add of the content's own bytes that covers a block whole has completed, a
// block read with PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY at that block does
// not miss it (PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT); until a flush,
// which may empty the cache. And PEERDIST_ERROR_OUT_OF_BOUNDS never answers
// an add whose offset lies before the end of the range the information
// describes. Past that end the code is not asked for: information for a
// whole content is, to the client, that of a range from 0, for which the
// read pages allow data for the entire content (add-data-outside-range
// judges ranged handles; AMBIGUITIES.md, "PeerDistClientAddData outside
// ranged content information"), with one exception, the harness's reading
// rather than a page's: on information of a whole content, an add at or past
// 4096 bytes, beyond every content the World publishes, completes with
// PEERDIST_ERROR_OUT_OF_BOUNDS (that bound stands for the content's end, which
// the page names and the client cannot learn; it keeps the high 32 bits of the
// offset judged: mutant add-data-offset-high-ignored). Hence the strength
// interpretation. The harness follows the handle's information
// and records a finding starting kAddDataFinding (scenario/content_calls.cc);
// this rule names it.
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
    Strength::kInterpretation,
    "the page says the data is stored in the local cache and what PEERDIST_ERROR_OUT_OF_BOUNDS indicates: the rule "
        "observes the cache through a local-cache-only read and takes the end of the range the information describes "
        "as the content's end at the earliest; that the code is owed at or past 4096 bytes on a whole content's "
        "information is the harness's reading (the largest content the World publishes), not a page's",
    "PeerDistClientAddData",
    {{"CADDDATA-1"}, {"CADDDATA-5", kPartly}, {"CADDDATA-6", kPartly}, {"CADDDATA-10"}, {"CADDDATA-18"},
     {"CADDDATA-19", kPartly, "before the information's end"}},
    "an add of the content's bytes that covered a block whole leaves it in the local cache (a local-cache-only block "
    "read there does not miss it, until a flush); PEERDIST_ERROR_OUT_OF_BOUNDS never answers an add whose offset lies "
    "before the end of the range its completed information describes, and answers one at or past 4096 bytes on a "
    "whole content's information",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
