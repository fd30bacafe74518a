// async-pending: PeerDistClientAddContentInformation,
// PeerDistClientCompleteContentInformation and PeerDistClientAddData report
// success as ERROR_IO_PENDING, the one success code their pages give: a
// call that returns ERROR_SUCCESS is flagged, and so is a call that returned
// a failure code and then completed its OVERLAPPED anyway (a packet or an
// hEvent signal for it: the operation was started after all).
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool JudgedHere(ApiFunction function) {
  return function == ApiFunction::kClientAddContentInformation ||
         function == ApiFunction::kClientCompleteContentInformation || function == ApiFunction::kClientAddData;
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const OperationView& operation : view.Derived<HandleHistory>().operations()) {
    const CallView& call = *operation.call;
    if (!JudgedHere(call.call->function) || call.ret == nullptr) continue;
    const std::int64_t code = call.ret->code;
    if (code == ERROR_SUCCESS) {
      return At(*call.ret, CallName(call) + " returned ERROR_SUCCESS; expected ERROR_IO_PENDING for an operation it "
                                            "started (or an error code for one it refused)");
    }
    if (code == ERROR_IO_PENDING || operation.overlapped < 0) continue;
    for (const OperationAct& act : operation.acts) {
      const TraceEvent& event = view.events()[act.index];
      if (event.kind != TraceKind::kPacket && event.kind != TraceKind::kEventSignal) continue;
      return At(event, CallName(call) + " returned " + Code(code) +
                           ", yet its OVERLAPPED was completed afterwards (a packet or its hEvent signalled); "
                           "expected ERROR_IO_PENDING for an operation it started");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "async-pending",
    189,
    Strength::kDocumented,
    "",
    "PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation, PeerDistClientAddData",
    {{"CADDINFO-11"}, {"CCOMPLETEINFO-5"}, {"CADDDATA-12"}},
    "AddContentInformation, CompleteContentInformation and AddData succeed with ERROR_IO_PENDING: never "
    "ERROR_SUCCESS, and a call that returned an error never completes its OVERLAPPED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
