// read-prompt: a read completes as soon as data is available at its start,
// not when its buffer could be filled: one whose first block the local
// cache surely held at the call (data added whole before it, no flush
// since) completes within kReadSlack of the call, and one whose first
// block a peer delivers within the timeout, within kReadSlack of that
// delivery. A read queued behind another of its handle is left alone (its
// time is the other's too). The harness (scenario/read_outcome.cc) records
// the findings.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kReadPromptFinding, "");
}

PD_REGISTER_RULE((Rule{
    "read-prompt",
    300,
    Strength::kImplied,
    "the pages set no time for \"as soon as\": the harness allows its read slack (250 ms of virtual time) after the "
    "first block is available",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-24"}, {"CSTREAMREAD-24"}},
    "a read completes within the read slack of its first block being available (in the local cache at the call, or "
    "delivered by a peer within its timeout), without waiting to fill its buffer",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
