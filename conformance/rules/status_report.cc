// status-report: a successful GetStatus / GetStatusEx reports a status the
// service held at some instant within kLivenessBound before the call.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    if (function != ApiFunction::kGetStatus && function != ApiFunction::kGetStatusEx) continue;
    if (call.ret == nullptr || call.ret->code != ERROR_SUCCESS || call.call->null_arg == 1) continue;
    const std::int64_t reported = call.ret->status;
    if (!IsValidStatus(reported)) continue;  // status-out judges that
    const VirtualTime t = call.ret->time;
    const VirtualTime from = t >= kLivenessBound ? t - kLivenessBound : 0;
    if (view.status().HeldDuring(from, t, static_cast<PEERDIST_STATUS>(reported))) continue;
    // A change stamped exactly `from` can follow the call in the trace (an
    // environment action drawn with zero delay fires later in the same
    // instant; found by the fuzzer at t=0): the status before that change
    // was still held at that instant.
    if (view.status().Before(from) == reported) continue;
    return At(*call.ret, std::string(ApiFunctionName(function)) + " (session " +
                             std::to_string(call.call->session) + ") reported " + StatusName(reported) +
                             ", which the service did not hold in the last " +
                             std::to_string(kLivenessBound / kMillisecond) + " ms (it is " +
                             StatusName(view.status().At(t)) + "); expected the current status");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "status-report",
    150,
    Strength::kImplied,
    "the pages say the current status is reported but bound no propagation delay: the harness allows its "
        "liveness bound (AMBIGUITIES.md, \"Not classified: the current status and the capabilities\")",
    "PeerDistGetStatus, PeerDistGetStatusEx, PEERDIST_STATUS, PEERDIST_STATUS_INFO",
    {{"GETSTATUS-1", kPartly, "the current one"}, {"GETSTATUS-3", kPartly, "the current one"},
     {"GETSTATUSEX-1", kPartly, "the current status"}, {"GETSTATUSEX-3", kPartly, "the current status"},
     {"STATUS-2", kPartly, "GetStatus and GetStatusEx"}, {"STATUS-3", kPartly, "GetStatus and GetStatusEx"},
     {"STATUS-4", kPartly, "GetStatus and GetStatusEx"},
     {"STATUSINFO-1", kPartly, "the current status at GetStatusEx"}, {"STATUSINFO-3", kPartly, "GetStatusEx"}},
    "a successful GetStatus/GetStatusEx reports a status the service held at some instant within the liveness "
    "bound before the call",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
