// reads-simultaneous: "multiple reads can be issued simultaneously" on one
// content handle. A read issued while another read of the same handle is
// pending (accepted, no completion act yet) is accepted too, when nothing
// else could refuse it: a well-formed call (open session handle owning an
// open content handle, no NULL required pointer) while the service is
// AVAILABLE and the handle not invalidated. Each read then completes on its
// own OVERLAPPED (own-overlapped) with its own bytes: read-data checks a
// block read at its own offset and stream reads in the order they were
// issued (the FIFO half of CSTREAMREAD-23); read-queued that neither
// completes inside its call.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool IsRead(ApiFunction function) {
  return function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientStreamRead;
}

// A read of the same handle that was pending when `later` was called: its
// call returned before, accepted, with an OVERLAPPED the harness watches and
// no completion act before `later`'s call.
const OperationView* PendingReadBefore(const HandleHistory& history, const OperationView& later) {
  const std::size_t at = later.call->call_index;
  for (const OperationView& earlier : history.operations()) {
    if (&earlier == &later || earlier.call->call_index >= at) break;
    if (!IsRead(earlier.call->call->function) || earlier.object != later.object || !earlier.accepted) continue;
    if (earlier.overlapped < 0 || earlier.call->return_index >= at) continue;
    const std::size_t done = earlier.FirstAct();
    if (done == kNoPosition || done > at) return &earlier;
  }
  return nullptr;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    const CallView& call = *operation.call;
    if (!IsRead(call.call->function) || operation.accepted || call.ret == nullptr) continue;
    const OpenedHandle* handle = history.WellFormedTarget(call);
    if (handle == nullptr || history.InvalidatedBy(*handle, call.call_index) != nullptr) continue;
    if (StatusAfter(view, call.call_index) != PEERDIST_STATUS_AVAILABLE) continue;
    const OperationView* earlier = PendingReadBefore(history, operation);
    if (earlier == nullptr) continue;
    return At(*call.ret, CallName(call) + " returned " + Code(call.ret->code) + " while " + CallName(*earlier->call) +
                             " on the same handle was pending; expected ERROR_IO_PENDING (multiple reads can be "
                             "issued simultaneously)");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "reads-simultaneous",
    385,
    Strength::kImplied,
    "the pages say multiple reads can be issued simultaneously: the harness reads it as a well-formed read of a "
    "handle with another read pending being accepted as it would be alone (while the service is AVAILABLE)",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-23"}, {"CSTREAMREAD-23", kPartly, "issued simultaneously"}},
    "a well-formed BlockRead or StreamRead issued while another read of the same content handle is pending is "
    "accepted (ERROR_IO_PENDING) while the service is AVAILABLE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
