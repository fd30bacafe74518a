// complete-keeps-stream: once PeerDistServerPublishCompleteStream has
// completed successfully, adding data to that stream is over, but the
// stream handle stays open. A PublishAddToStream or PublishCompleteStream
// issued on it afterwards never completes with ERROR_SUCCESS, and no
// well-formed call on the handle (its owner session's, before any
// invalidating move) is answered ERROR_INVALID_HANDLE until the caller
// closes it.
#include <map>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The trace position at which each stream's complete succeeded, by handle id.
std::map<int, std::size_t> CompletedStreams(const HandleHistory& history) {
  std::map<int, std::size_t> completed;
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || operation.call->call->function != ApiFunction::kServerPublishCompleteStream) continue;
    for (const OperationAct& act : operation.acts) {
      if (act.code == kNoValue) continue;
      if (act.code == ERROR_SUCCESS && completed.count(operation.object) == 0) completed[operation.object] = act.index;
      break;
    }
  }
  return completed;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  const std::map<int, std::size_t> completed = CompletedStreams(history);
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.object_kind != HandleKind::kStream || call.ret == nullptr) continue;
    auto done = completed.find(c.object);
    if (done == completed.end() || call.call_index < done->second) continue;
    const OpenedHandle* handle = history.WellFormedTarget(call);
    if (handle == nullptr || history.InvalidatedBy(*handle, call.call_index) != nullptr) continue;
    if (call.ret->code == ERROR_INVALID_HANDLE) {
      return At(*call.ret, CallName(call) + ", on a stream whose complete succeeded and that the caller never closed, "
                               "returned ERROR_INVALID_HANDLE; expected the handle still open (PublishCompleteStream "
                               "does not close it)");
    }
  }
  for (const OperationView& operation : history.operations()) {
    const ApiFunction function = operation.call->call->function;
    if (!operation.accepted || (function != ApiFunction::kServerPublishAddToStream &&
                                function != ApiFunction::kServerPublishCompleteStream)) {
      continue;
    }
    auto done = completed.find(operation.object);
    if (done == completed.end() || operation.call->call_index < done->second) continue;
    for (const OperationAct& act : operation.acts) {
      if (act.code == kNoValue) continue;
      if (act.code != ERROR_SUCCESS) break;
      return At(view.events()[act.index], CallName(*operation.call) +
                                              ", issued after the stream's complete succeeded, completed with "
                                              "ERROR_SUCCESS; expected it to fail (adding data is over)");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "complete-keeps-stream",
    215,
    Strength::kImplied,
    "that an add or a second complete after the complete fails is read from \"completes the process of adding "
    "data\"; the page names no code for it",
    "PeerDistServerPublishCompleteStream",
    {{"SCOMPLETESTREAM-1"}, {"SCOMPLETESTREAM-13"}},
    "after a successful PublishCompleteStream, no add or complete on the stream succeeds, and the stream handle "
    "is still open (never ERROR_INVALID_HANDLE) until closed",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
