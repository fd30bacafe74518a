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

std::optional<Violation> JudgeRead(const TraceView& view, const OperationView& operation) {
  const OperationResult result = ResultOf(view, operation);
  const std::int64_t bytes = result.bytes;
  if (bytes == kNoValue) return std::nullopt;
  const std::string what = CallName(*operation.call);
  const std::int64_t max = ReadSize(*operation.call->call);
  // A read that reports missing data counts the missing range's length, and
  // a read of 0 bytes the bytes the local cache holds: the buffer bounds
  // neither.
  if (result.code == ERROR_SUCCESS && max > 0 && bytes > max) {
    return At(view.events()[result.seen], what + " reported " + std::to_string(bytes) + " bytes transferred for cbMaxNumberOfBytes " +
                                       std::to_string(max) + "; expected at most cbMaxNumberOfBytes");
  }
  return ByteCountDisagrees(view, operation, result, what);
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
    {{"CBLOCKREAD-4", kPartly}, {"CBLOCKREAD-27", kPartly}, {"CBLOCKREAD-28", kPartly}, {"CBLOCKREAD-29", kPartly},
     {"CSTREAMREAD-4", kPartly}, {"CSTREAMREAD-27", kPartly}, {"CSTREAMREAD-28", kPartly}},
    "a completed read's byte count is the same in its OVERLAPPED, its completion packet and "
    "PeerDistGetOverlappedResult, and a successful read's never more than cbMaxNumberOfBytes",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
