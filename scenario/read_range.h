// What a completed PeerDistClientBlockRead or PeerDistClientStreamRead owes
// at the bounds of a range: on a content handle whose information came from
// a range request (PeerDistServerOpenContentInformation with ullContentOffset
// and cbContentLength), the read pages' *Range Requests* remarks constrain
// reads to [ullContentOffset, ullContentOffset + cbContentLength): a stream
// read begins at ullContentOffset, nothing is read before or past the range,
// and a read that starts outside it (a block read at its very end included,
// AMBIGUITIES.md "A block read exactly at the end of a range") completes with
// PEERDIST_ERROR_NO_MORE. Each departure is a finding with the prefix
// kReadRangeFinding (sim/trace.h), which the rule read-range-bounds reports.
#ifndef SCENARIO_READ_RANGE_H_
#define SCENARIO_READ_RANGE_H_

#include <string>
#include <vector>

#include "scenario/read_outcome.h"

namespace pd {

// Findings for a completed read; none unless the read is on ranged
// information complete before the call, where the harness knows the start.
std::vector<std::string> JudgeReadRange(const ReadFacts& read);

}  // namespace pd

#endif  // SCENARIO_READ_RANGE_H_
