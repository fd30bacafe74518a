// read-bytes-transferred: the byte count of a completed PeerDistClientBlockRead
// or PeerDistClientStreamRead reads the same wherever the caller looks: the
// completion packet's lpNumberOfBytes and a successful
// PeerDistGetOverlappedResult's lpNumberOfBytesTransferred equal what the
// OVERLAPPED holds once the read completed (InternalHigh), and a read never
// reports more than its cbMaxNumberOfBytes on success (a missing-data
// completion counts the missing range instead, a query of 0 bytes what the
// local cache holds). That count is the number of bytes the buffer received:
// the harness fills the buffer before the call with bytes the content never
// has at each position, and scenario/read_outcome.cc reports a read that
// wrote content past its count, left a byte within it unwritten, or counted
// past the end of the content range (the findings this rule reports).
#include <cstdlib>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/implementation_findings.h"
#include "conformance/rules/rule_support.h"
#include "sim/trace.h"

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

std::optional<Violation> JudgeCounts(const TraceView& view) {
  for (const OperationView& operation : view.Derived<HandleHistory>().operations()) {
    if (!operation.accepted || operation.overlapped < 0 || !IsRead(operation.call->call->function)) continue;
    if (auto violation = JudgeRead(view, operation)) return violation;
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  return Earlier(JudgeCounts(view),
                 FirstFindingWithPrefix(view, kReadCountFinding, "; expected the count of the bytes the read wrote"));
}

PD_REGISTER_RULE((Rule{
    "read-bytes-transferred",
    243,
    Strength::kDocumented,
    "",
    "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"CBLOCKREAD-4", kPartly, "the count"}, {"CBLOCKREAD-27"}, {"CBLOCKREAD-28"}, {"CBLOCKREAD-29", kPartly},
     {"CSTREAMREAD-4", kPartly, "the count"}, {"CSTREAMREAD-27"}, {"CSTREAMREAD-28"}},
    "a completed read's byte count is the same in its OVERLAPPED, its completion packet and "
    "PeerDistGetOverlappedResult, and a successful read's is the number of bytes its buffer received, never more than "
    "cbMaxNumberOfBytes",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
