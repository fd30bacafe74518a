// server-success-codes: every server function succeeds with the code its
// page gives. PeerDistServerPublishAddToStream,
// PeerDistServerPublishCompleteStream and
// PeerDistServerRetrieveContentInformation start an asynchronous operation
// and return ERROR_IO_PENDING; the others (PublishStream, CloseStreamHandle,
// Unpublish, OpenContentInformation(Ex), CloseContentInformation,
// CancelAsyncOperation) return ERROR_SUCCESS. These two are the only success
// codes of peerdist.h, so a call answered with the other one is a success
// reported with the wrong code.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool IsServerFunction(ApiFunction function) {
  return function >= ApiFunction::kServerPublishStream && function <= ApiFunction::kServerCancelAsyncOperation;
}

bool IsAsynchronous(ApiFunction function) {
  return function == ApiFunction::kServerPublishAddToStream ||
         function == ApiFunction::kServerPublishCompleteStream ||
         function == ApiFunction::kServerRetrieveContentInformation;
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    if (!IsServerFunction(function) || call.ret == nullptr) continue;
    const std::int64_t wrong = IsAsynchronous(function) ? ERROR_SUCCESS : ERROR_IO_PENDING;
    if (call.ret->code != wrong) continue;
    return At(*call.ret, CallName(call) + " returned " + Code(wrong) + "; expected " +
                             (IsAsynchronous(function) ? "ERROR_IO_PENDING, the page's success code"
                                                       : "ERROR_SUCCESS, the page's success code"));
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "server-success-codes",
    209,
    Strength::kDocumented,
    "",
    "PeerDistServerPublishStream, PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
    "PeerDistServerCloseStreamHandle, PeerDistServerUnpublish, PeerDistServerOpenContentInformation, "
    "PeerDistServerOpenContentInformationEx, PeerDistServerRetrieveContentInformation, "
    "PeerDistServerCloseContentInformation, PeerDistServerCancelAsyncOperation",
    {{"SPUBLISH-15"}, {"SADDTOSTREAM-10"}, {"SCOMPLETESTREAM-6"}, {"SCLOSESTREAM-4"}, {"SUNPUBLISH-5"},
     {"SOPENINFO-14"}, {"SOPENINFOEX-15"}, {"SRETRIEVEINFO-9"}, {"SCLOSEINFO-4"},
     {"SCANCEL-6", kPartly}},
    "PublishAddToStream, PublishCompleteStream and RetrieveContentInformation succeed with ERROR_IO_PENDING, the "
    "other server functions with ERROR_SUCCESS",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
