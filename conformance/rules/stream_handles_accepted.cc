// stream-handles-accepted: the publishing pages describe hPeerDist as "a
// PEERDIST_INSTANCE_HANDLE returned by PeerDistStartup" and hStream as a
// handle "created by" / "returned by" PeerDistServerPublishStream, and
// phStream as receiving that handle. A publishing function given exactly
// those — its session's open handle and, where it takes one, a stream
// handle that session's publish returned, not closed and not invalidated by
// a status move — does not refuse them (no ERROR_INVALID_HANDLE, no
// PEERDIST_ERROR_INVALIDATED); PeerDistServerCloseStreamHandle "closes" such
// a handle: the close returns ERROR_SUCCESS, and every later call on the
// closed handle fails with ERROR_INVALID_HANDLE (an add or complete that
// also has another bad argument may answer ERROR_INVALID_PARAMETER, as
// object-invalid-handle allows). Calls with another bad argument (a NULL
// pointer, no data, a completion port that is none) are left to the rules
// of those arguments; a stream of another session is not judged (the pages
// do not say whether the pair is invalid).
#include "conformance/handle_history.h"
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool TakesStream(ApiFunction function) {
  return function == ApiFunction::kServerPublishAddToStream ||
         function == ApiFunction::kServerPublishCompleteStream || function == ApiFunction::kServerCloseStreamHandle;
}

// PublishStream and Unpublish take no stream: only hPeerDist (and, for the
// publish, a completion port that must be one for the call to be well formed).
bool SessionCallWellFormed(const CallView& call) {
  const TraceEvent& c = *call.call;
  if (c.function != ApiFunction::kServerPublishStream && c.function != ApiFunction::kServerUnpublish) return false;
  return c.handle_open == 1 && c.null_arg != 1 && c.port != -2 && call.ret != nullptr;
}

std::optional<Violation> JudgeOpen(const HandleHistory& history, const CallView& call) {
  const TraceEvent& c = *call.call;
  const std::int64_t code = call.ret->code;
  std::string given;
  if (SessionCallWellFormed(call)) {
    given = "the open handle of session " + std::to_string(c.session);
  } else {
    const OpenedHandle* stream = history.WellFormedTarget(call);
    if (stream == nullptr || stream->kind != HandleKind::kStream) return std::nullopt;
    if (history.InvalidatedBy(*stream, call.call_index) != nullptr) return std::nullopt;
    given = "its session's open handle and a stream handle that session's publish returned (not closed, not "
            "invalidated)";
    if (c.function == ApiFunction::kServerCloseStreamHandle && code != ERROR_SUCCESS) {
      return At(*call.ret, CallName(call) + " given " + given + " returned " + Code(code) +
                               "; expected ERROR_SUCCESS (the function closes a handle PeerDistServerPublishStream "
                               "returned)");
    }
  }
  return RefusedDescribedHandles(call, given);
}

// A call on a stream handle its session closed with a successful close.
std::optional<Violation> JudgeClosed(const HandleHistory& history, const CallView& call) {
  const TraceEvent& c = *call.call;
  if (c.handle_open != 1 || c.object_state != HandleState::kClosed) return std::nullopt;
  const OpenedHandle* stream = history.Handle(c.object);
  if (stream == nullptr || stream->kind != HandleKind::kStream || stream->session != c.session) return std::nullopt;
  const std::int64_t code = call.ret->code;
  if (code == ERROR_INVALID_HANDLE) return std::nullopt;
  // Which of two bad arguments is reported first is not documented.
  const bool closing = c.function == ApiFunction::kServerCloseStreamHandle;
  if (!closing && code == ERROR_INVALID_PARAMETER) return std::nullopt;
  return At(*call.ret, CallName(call) + ", a stream handle PeerDistServerCloseStreamHandle closed before, returned " +
                           Code(code) + "; expected ERROR_INVALID_HANDLE (the close closed it)");
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (call.ret == nullptr) continue;
    std::optional<Violation> violation = JudgeOpen(history, call);
    if (!violation && TakesStream(call.call->function)) violation = JudgeClosed(history, call);
    if (violation) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "stream-handles-accepted",
    320,
    Strength::kImplied,
    "the parameter sections say what the handles are, not in so many words that such handles are accepted: the "
        "rule reads that a call given them is not refused as having an invalid or invalidated handle, and that a "
        "close that \"closes\" the handle succeeds and leaves it closed",
    "PeerDistServerPublishStream, PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
    "PeerDistServerCloseStreamHandle, PeerDistServerUnpublish",
    {{"SPUBLISH-2"}, {"SPUBLISH-14", kPartly}, {"SADDTOSTREAM-2"}, {"SADDTOSTREAM-3"}, {"SCOMPLETESTREAM-2"},
     {"SCOMPLETESTREAM-3"}, {"SCLOSESTREAM-1"}, {"SCLOSESTREAM-2"}, {"SCLOSESTREAM-3"}, {"SUNPUBLISH-2"}},
    "a publishing function given its session's open handle and (where it takes one) a stream handle that session "
    "published, not closed and not invalidated, never returns ERROR_INVALID_HANDLE or PEERDIST_ERROR_INVALIDATED; "
    "closing such a stream succeeds, and every later call on it returns ERROR_INVALID_HANDLE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
