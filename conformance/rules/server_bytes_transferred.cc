// server-bytes-transferred: the byte count of a completed server operation
// (PublishAddToStream, PublishCompleteStream, RetrieveContentInformation)
// reads the same wherever the caller looks: the completion packet's
// lpNumberOfBytes and a successful PeerDistGetOverlappedResult's
// lpNumberOfBytesTransferred equal what the OVERLAPPED holds once the
// operation completed (InternalHigh); and a retrieve never reports more than
// its cbMaxNumberOfBytes.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool IsServerOperation(ApiFunction function) {
  return function == ApiFunction::kServerPublishAddToStream ||
         function == ApiFunction::kServerPublishCompleteStream ||
         function == ApiFunction::kServerRetrieveContentInformation;
}

// The OVERLAPPED's byte count at the operation's result and the trace
// position it was seen at, or kNoValue.
std::pair<std::int64_t, std::size_t> BytesAtResult(const TraceView& view, const OperationView& operation) {
  for (const OperationAct& act : operation.acts) {
    const TraceEvent& event = view.events()[act.index];
    if (event.kind == TraceKind::kOverlappedDone && act.code != kNoValue) return {event.bytes, act.index};
  }
  return {kNoValue, kNoPosition};
}

std::optional<Violation> JudgeOperation(const TraceView& view, const OperationView& operation) {
  const auto [bytes, seen] = BytesAtResult(view, operation);
  if (bytes == kNoValue) return std::nullopt;
  const TraceEvent& c = *operation.call->call;
  const std::string what = CallName(*operation.call);
  if (c.function == ApiFunction::kServerRetrieveContentInformation && c.bytes != kNoValue && bytes > c.bytes) {
    return At(*operation.call->ret, what + " reported " + std::to_string(bytes) + " bytes transferred for a buffer of " +
                                        std::to_string(c.bytes) + "; expected at most cbMaxNumberOfBytes");
  }
  for (const OperationAct& act : operation.acts) {
    const TraceEvent& event = view.events()[act.index];
    if (event.kind != TraceKind::kPacket || event.bytes == bytes) continue;
    return At(event, what + " posted a packet with " + std::to_string(event.bytes) + " bytes while its OVERLAPPED says " +
                         std::to_string(bytes) + "; expected the number of bytes transferred in the packet");
  }
  for (const CallView& call : view.calls()) {
    const TraceEvent& g = *call.call;
    if (g.function != ApiFunction::kGetOverlappedResult || g.overlapped != operation.overlapped) continue;
    if (call.ret == nullptr || call.ret->bool_result != 1 || call.ret->bytes == kNoValue) continue;
    // After the result was seen: GetOverlappedResult on a pending one is overlapped-result's.
    if (call.return_index < seen || call.ret->bytes == bytes) continue;
    return At(*call.ret, "PeerDistGetOverlappedResult on " + what + " returned TRUE with " +
                             std::to_string(call.ret->bytes) + " bytes while the OVERLAPPED says " +
                             std::to_string(bytes) + "; expected the number of bytes transferred");
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || operation.overlapped < 0 || !IsServerOperation(operation.call->call->function)) continue;
    if (auto violation = JudgeOperation(view, operation)) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "server-bytes-transferred",
    213,
    Strength::kDocumented,
    "",
    "PeerDistServerRetrieveContentInformation",
    {{"SRETRIEVEINFO-4"}, {"SRETRIEVEINFO-17"}, {"SRETRIEVEINFO-18"}},
    "a completed server operation's byte count is the same in its OVERLAPPED, its packet and "
    "PeerDistGetOverlappedResult; a retrieve reports at most cbMaxNumberOfBytes",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
