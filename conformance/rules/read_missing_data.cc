// read-missing-data: a read whose block neither the local cache nor any
// peer holds completes with PEERDIST_ERROR_MISSING_DATA (with
// LOCAL_CACHE_ONLY, ERROR_TIMEOUT is accepted too: the peers are not asked),
// and a missing-data or timeout completion reports a missing range of at
// least one byte within the content range: with information made for a
// range request, neither before its start nor past its end. The harness
// (scenario/read_outcome.cc) records the findings.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadMissingFinding, "; expected PEERDIST_ERROR_MISSING_DATA and a missing range within the content");
}

PD_REGISTER_RULE((Rule{
    "read-missing-data",
    224,
    Strength::kDocumented,
    "",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-34", kPartly}, {"CBLOCKREAD-35", kPartly}, {"CBLOCKREAD-36"}, {"CBLOCKREAD-47"}, {"CBLOCKREAD-52"}, {"CSTREAMREAD-35", kPartly}, {"CSTREAMREAD-38", kPartly}, {"CSTREAMREAD-39"}, {"CSTREAMREAD-50"}, {"CSTREAMREAD-55"}},
    "a read no cache and no peer can serve completes with PEERDIST_ERROR_MISSING_DATA, reporting a missing range of 1 byte or more within the content range (a range request's bounds)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
