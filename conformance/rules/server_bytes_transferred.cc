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

std::optional<Violation> JudgeOperation(const TraceView& view, const OperationView& operation) {
  const OperationResult result = ResultOf(view, operation);
  const std::int64_t bytes = result.bytes;
  if (bytes == kNoValue) return std::nullopt;
  const TraceEvent& c = *operation.call->call;
  const std::string what = CallName(*operation.call);
  if (c.function == ApiFunction::kServerRetrieveContentInformation && c.bytes != kNoValue && bytes > c.bytes) {
    return At(*operation.call->ret, what + " reported " + std::to_string(bytes) + " bytes transferred for a buffer of " +
                                        std::to_string(c.bytes) + "; expected at most cbMaxNumberOfBytes");
  }
  return ByteCountDisagrees(view, operation, result, what);
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
