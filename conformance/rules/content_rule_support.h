// Helpers the content-part rules share. The handle bookkeeping itself is conformance/handle_history.h.
#ifndef CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_
#define CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_

#include "conformance/handle_history.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {

// Whether a call passes a content, content-information or stream handle.
inline bool TakesObject(const CallView& call) {
  return call.call->object_kind != HandleKind::kNone;
}

// An asynchronous operation's result as the harness saw its OVERLAPPED leave
// pending: the byte count (InternalHigh), the code and the trace position;
// bytes kNoValue when it never completed.
struct OperationResult {
  std::int64_t bytes = kNoValue;
  std::int64_t code = kNoValue;
  std::size_t seen = kNoPosition;
};

inline OperationResult ResultOf(const TraceView& view, const OperationView& operation) {
  for (const OperationAct& act : operation.acts) {
    const TraceEvent& event = view.events()[act.index];
    if (event.kind == TraceKind::kOverlappedDone && act.code != kNoValue) return {event.bytes, act.code, act.index};
  }
  return {};
}

// The operation's byte count reads the same wherever the caller looks: its
// completion packets and a successful PeerDistGetOverlappedResult after the
// result carry `result.bytes` (`what` names the operation in the message).
inline std::optional<Violation> ByteCountDisagrees(const TraceView& view, const OperationView& operation,
                                                   const OperationResult& result, const std::string& what) {
  for (const OperationAct& act : operation.acts) {
    const TraceEvent& event = view.events()[act.index];
    if (event.kind != TraceKind::kPacket || event.bytes == result.bytes) continue;
    return At(event, what + " posted a packet with " + std::to_string(event.bytes) + " bytes while its OVERLAPPED says " +
                         std::to_string(result.bytes) + "; expected the number of bytes transferred in the packet");
  }
  for (const CallView& call : view.calls()) {
    const TraceEvent& g = *call.call;
    if (g.function != ApiFunction::kGetOverlappedResult || g.overlapped != operation.overlapped) continue;
    if (call.ret == nullptr || call.ret->bool_result != 1 || call.ret->bytes == kNoValue) continue;
    // Before the result was seen the OVERLAPPED may still be pending: overlapped-result's.
    if (call.return_index < result.seen || call.ret->bytes == result.bytes) continue;
    return At(*call.ret, "PeerDistGetOverlappedResult on " + what + " returned TRUE with " +
                             std::to_string(call.ret->bytes) + " bytes while the OVERLAPPED says " +
                             std::to_string(result.bytes) + "; expected the number of bytes transferred");
  }
  return std::nullopt;
}

// The violation of the *-handles-accepted rules: a call given the handles its
// page describes (`given` says which) refused them as invalid or
// invalidated. nullopt for any other answer.
inline std::optional<Violation> RefusedDescribedHandles(const CallView& call, const std::string& given) {
  const std::int64_t code = call.ret->code;
  if (code != ERROR_INVALID_HANDLE && code != PEERDIST_ERROR_INVALIDATED) return std::nullopt;
  return At(*call.ret, CallName(call) + " given " + given + " returned " + Code(code) +
                           "; expected the handles the page describes to be accepted");
}

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_
