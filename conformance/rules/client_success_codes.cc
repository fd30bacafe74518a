// client-success-codes: the client functions async-pending does not judge
// succeed with the code their pages give. PeerDistClientBlockRead,
// PeerDistClientStreamRead and PeerDistClientFlushContent start an
// asynchronous operation and return ERROR_IO_PENDING; PeerDistClientOpenContent,
// PeerDistClientCloseContent and PeerDistClientCancelAsyncOperation return
// ERROR_SUCCESS. These two are the only success codes of peerdist.h, so a
// call answered with the other one is a success reported with the wrong code.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The code a function must never succeed with, or kNoValue when the rule
// does not judge the function.
std::int64_t WrongSuccessCode(ApiFunction function) {
  switch (function) {
    case ApiFunction::kClientBlockRead:
    case ApiFunction::kClientStreamRead:
    case ApiFunction::kClientFlushContent:
      return ERROR_SUCCESS;
    case ApiFunction::kClientOpenContent:
    case ApiFunction::kClientCloseContent:
    case ApiFunction::kClientCancelAsyncOperation:
      return ERROR_IO_PENDING;
    default:
      return kNoValue;
  }
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    const std::int64_t wrong = WrongSuccessCode(call.call->function);
    if (wrong == kNoValue || call.ret == nullptr || call.ret->code != wrong) continue;
    return At(*call.ret, CallName(call) + " returned " + Code(wrong) + "; expected " +
                             (wrong == ERROR_SUCCESS ? "ERROR_IO_PENDING" : "ERROR_SUCCESS") +
                             ", the page's success code");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "client-success-codes",
    241,
    Strength::kDocumented,
    "",
    "PeerDistClientOpenContent, PeerDistClientCloseContent, PeerDistClientBlockRead, PeerDistClientStreamRead, "
    "PeerDistClientFlushContent, PeerDistClientCancelAsyncOperation",
    {{"COPEN-12"}, {"CCLOSE-4"}, {"CBLOCKREAD-17"}, {"CSTREAMREAD-17"}, {"CFLUSH-10"}, {"CCANCEL-6", kPartly}},
    "BlockRead, StreamRead and FlushContent succeed with ERROR_IO_PENDING, OpenContent, CloseContent and "
    "ClientCancelAsyncOperation with ERROR_SUCCESS: never with the other code",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
