// What a read owes when the data at its start is available: the read pages
// say the client "can call PeerDistClientStreamRead or
// PeerDistClientBlockRead to retrieve the data" once the content information
// is complete, and that the buffer "receives the data from the local
// cache". A read with a buffer whose first block is available — added whole
// to the local cache before the call (no flush since that may drop it), or,
// for a read allowed to ask the peers, held by a peer that delivers it within
// the read's timeout — completes with ERROR_SUCCESS and at least one byte.
// A read ended by others (a cancel, a close, the session's end,
// invalidation) is left to their rules. The finding starts
// kReadDeliversFinding (sim/trace.h); the rule read-delivers reports it.
#ifndef SCENARIO_READ_DELIVERY_H_
#define SCENARIO_READ_DELIVERY_H_

#include <string>

#include "scenario/read_outcome.h"

namespace pd {

// The finding for a read that ended (completed, or refused by its call,
// `read.code` then the call's return) without the data available at its
// start; "" when it delivered or the harness cannot say that data was there.
std::string JudgeReadDelivers(const ReadFacts& read);

}  // namespace pd

#endif  // SCENARIO_READ_DELIVERY_H_
