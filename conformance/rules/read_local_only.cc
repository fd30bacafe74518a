// read-local-only: PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY reads only the
// local cache, and a read of 0 bytes counts what the local cache holds at
// its offset (the block read's, or the stream's position while the harness
// follows it): the whole run of consecutive bytes surely there (data added
// whole before the call, no flush since that may drop it) and no block only
// the peers hold.
// The harness knows which blocks may be there (data added for them, reads
// that may have fetched them; scenario/content_calls.cc) and records a
// finding when such a read delivers, or such a query counts, a block only
// the peers hold. Content published on this machine while the read runs is
// not judged.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadLocalOnlyFinding, "; expected the count (or the data) of what the local cache holds, all of its consecutive run and only that");
}

PD_REGISTER_RULE((Rule{
    "read-local-only",
    222,
    Strength::kDocumented,
    "",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-5"}, {"CBLOCKREAD-6"}, {"CBLOCKREAD-12"}, {"CBLOCKREAD-29"}, {"CSTREAMREAD-5"}, {"CSTREAMREAD-6"}, {"CSTREAMREAD-12"}},
    "a read with PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY delivers, and a read of 0 bytes counts, only blocks the local cache can hold, never one only the peers hold; "
    "a read of 0 bytes succeeds counting at least the run of consecutive bytes surely in the local cache at its offset",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
