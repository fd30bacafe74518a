// read-bytes-transferred: the byte count of a completed PeerDistClientBlockRead
// or PeerDistClientStreamRead reads the same wherever the caller looks: the
// completion packet's lpNumberOfBytes and a successful
// PeerDistGetOverlappedResult's lpNumberOfBytesTransferred equal what the
// OVERLAPPED holds once the read completed (InternalHigh), and a read never
// reports more than its cbMaxNumberOfBytes on success (a missing-data
// completion counts the missing range instead, a query of 0 bytes what the
// local cache holds). That the count is the number of
// bytes the buffer received is read-data's as far as it goes (an overstated
// count fails its byte check; an understated one, told the same everywhere,
// passes both), hence the partial citations.
#include <cstdlib>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool IsRead(ApiFunction function) {
  return function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientStreamRead;
}

// cbMaxNumberOfBytes, from the read's "... bytes=N".
std::int64_t ReadSize(const TraceEvent& call) {
  const std::size_t at = call.detail.find("bytes=");
  return at == std::string::npos ? -1 : std::strtoll(call.detail.c_str() + at + 6, nullptr, 10);
}

struct ReadResult {
  std::int64_t bytes = kNoValue;  // the OVERLAPPED's byte count at the result
  std::int64_t code = kNoValue;   // the completion code
  std::size_t seen = kNoPosition; // where the harness saw it
};

ReadResult ResultOf(const TraceView& view, const OperationView& operation) {
  for (const OperationAct& act : operation.acts) {
    const TraceEvent& event = view.events()[act.index];
    if (event.kind == TraceKind::kOverlappedDone && act.code != kNoValue) return {event.bytes, act.code, act.index};
  }
  return {};
}

std::optional<Violation> JudgeRead(const TraceView& view, const OperationView& operation) {
  const auto [bytes, code, seen] = ResultOf(view, operation);
  if (bytes == kNoValue) return std::nullopt;
  const std::string what = CallName(*operation.call);
  const std::int64_t max = ReadSize(*operation.call->call);
  // A read that reports missing data counts the missing range's length, and
  // a read of 0 bytes the bytes the local cache holds: the buffer bounds
  // neither.
  if (code == ERROR_SUCCESS && max > 0 && bytes > max) {
    return At(view.events()[seen], what + " reported " + std::to_string(bytes) + " bytes transferred for cbMaxNumberOfBytes " +
                                       std::to_string(max) + "; expected at most cbMaxNumberOfBytes");
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
    // Before the result was seen the OVERLAPPED may still be pending: overlapped-result's.
    if (call.return_index < seen || call.ret->bytes == bytes) continue;
    return At(*call.ret, "PeerDistGetOverlappedResult on " + what + " returned TRUE with " +
                             std::to_string(call.ret->bytes) + " bytes while the OVERLAPPED says " +
                             std::to_string(bytes) + "; expected the number of bytes transferred");
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const OperationView& operation : view.Derived<HandleHistory>().operations()) {
    if (!operation.accepted || operation.overlapped < 0 || !IsRead(operation.call->call->function)) continue;
    if (auto violation = JudgeRead(view, operation)) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "read-bytes-transferred",
    243,
    Strength::kDocumented,
    "",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-4", kPartly}, {"CBLOCKREAD-27", kPartly}, {"CBLOCKREAD-28", kPartly},
     {"CSTREAMREAD-4", kPartly}, {"CSTREAMREAD-27", kPartly}, {"CSTREAMREAD-28", kPartly}},
    "a completed read's byte count is the same in its OVERLAPPED, its completion packet and "
    "PeerDistGetOverlappedResult, and a successful read's never more than cbMaxNumberOfBytes",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
