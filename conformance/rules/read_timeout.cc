// read-timeout: dwTimeoutInMilliseconds bounds a read in virtual time.
// PEERDIST_READ_TIMEOUT_DEFAULT is 5 s, any other value (but
// LOCAL_CACHE_ONLY, 0) that many milliseconds. The harness
// (scenario/read_outcome.cc) records a finding when a read completes, or is
// still pending, later than its timeout plus kReadSlack after the call
// (judged only when no earlier operation of the handle was pending: those
// complete first); when a read whose block a peer held all along, delivering
// within the timeout less kReadSlack, fails; and when one whose only peer is
// slower than the timeout by kReadSlack ends with an error other than
// ERROR_TIMEOUT or PEERDIST_ERROR_MISSING_DATA.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadTimeoutFinding, "; expected a completion within the read's timeout");
}

PD_REGISTER_RULE((Rule{
    "read-timeout",
    220,
    Strength::kImplied,
    "the pages give the timeout and its 5 s default; that a read ends within it (plus 250 ms of the implementation's own work), and that a read a peer serves in time succeeds, is what the timeout means",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-11"}, {"CBLOCKREAD-13"}, {"CBLOCKREAD-52", kPartly}, {"CSTREAMREAD-11"}, {"CSTREAMREAD-13"}, {"CSTREAMREAD-55", kPartly}},
    "a read completes within its timeout (PEERDIST_READ_TIMEOUT_DEFAULT: 5 s) after the call, succeeds when a peer delivers its block within it, and otherwise ends with ERROR_TIMEOUT or PEERDIST_ERROR_MISSING_DATA",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
