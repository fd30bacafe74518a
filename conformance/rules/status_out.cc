// status-out: a successful notification leaves a valid PEERDIST_STATUS in the
// status out-parameter (Ex: a whole, sane PEERDIST_STATUS_INFO); successful
// GetStatus / GetStatusEx calls report one too. The out-parameter may be
// written at call return or only at completion: only completion is judged.
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

bool IsInfoVersion(std::int64_t value) {
  return value == PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1 ||
         value == PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2;
}

// What is wrong with a status (and, for Ex, the info around it); "" if fine.
std::string Problem(const TraceEvent& event, bool ex) {
  if (!IsValidStatus(event.status)) return "status " + StatusName(event.status) + " is not a PEERDIST_STATUS";
  if (!ex) return "";
  if (event.info_size != static_cast<std::int64_t>(sizeof(PEERDIST_STATUS_INFO))) {
    return "cbSize " + std::to_string(event.info_size) + " is not 16";
  }
  if (!IsInfoVersion(event.info_min) || !IsInfoVersion(event.info_max) || event.info_min > event.info_max) {
    return "dwMinVer/dwMaxVer " + std::to_string(event.info_min) + "/" + std::to_string(event.info_max) +
           " are not content-information versions 1..2 with min <= max";
  }
  return "";
}

std::optional<Violation> Judge(const TraceView& view) {
  std::optional<Violation> earliest;
  std::size_t earliest_index = 0;
  auto note = [&](std::size_t index, const TraceEvent& event, std::string message) {
    if (earliest && earliest_index <= index) return;
    earliest = At(event, std::move(message));
    earliest_index = index;
  };
  for (const RegistrationView& registration : view.registrations()) {
    if (!registration.accepted || registration.null_arg) continue;
    for (const Act& act : ActsOf(view, registration)) {
      if (act.event->code != ERROR_SUCCESS) continue;
      const std::string problem = Problem(*act.event, registration.ex);
      if (problem.empty()) continue;
      note(act.index, *act.event,
           Name(registration) + ": at its successful notification (" + TraceKindName(act.event->kind) +
               ") the status out-parameter holds an invalid value: " + problem +
               "; expected a valid " + (registration.ex ? "PEERDIST_STATUS_INFO" : "PEERDIST_STATUS"));
      break;
    }
  }
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    if (function != ApiFunction::kGetStatus && function != ApiFunction::kGetStatusEx) continue;
    if (call.ret == nullptr || call.ret->code != ERROR_SUCCESS || call.call->null_arg == 1) continue;
    const std::string problem = Problem(*call.ret, function == ApiFunction::kGetStatusEx);
    if (problem.empty()) continue;
    note(call.return_index, *call.ret,
         std::string(ApiFunctionName(function)) + " (session " + std::to_string(call.call->session) +
             ") succeeded with an invalid out-parameter: " + problem + "; expected a valid status");
  }
  return earliest;
}

PD_REGISTER_RULE((Rule{
    "status-out",
    60,
    Strength::kDocumented,
    "",
    "PeerDistGetStatus, PeerDistGetStatusEx, PeerDistRegisterForStatusChangeNotification, "
        "PeerDistRegisterForStatusChangeNotificationEx, PEERDIST_STATUS, PEERDIST_STATUS_INFO",
    {{"GETSTATUS-1", kPartly, "a PEERDIST_STATUS"}, {"GETSTATUS-3", kPartly, "a PEERDIST_STATUS"},
     {"GETSTATUSEX-1", kPartly, "a valid structure"}, {"GETSTATUSEX-3", kPartly, "a valid structure"},
     {"REGISTER-11", kPartly}, {"REGISTER-16"}, {"REGISTEREX-11", kPartly, "a valid structure"},
     {"REGISTEREX-14"}, {"STATUS-1"}, {"STATUSINFO-1", kPartly, "a valid structure"}, {"STATUSINFO-2", kPartly, "the value"}, {"STATUSINFO-4"},
     {"STATUSINFO-5", kPartly}, {"STATUSINFO-6"}, {"STATUSINFO-9", kPartly}, {"STATUSINFO-10"}},
    "at a successful notification the status out-parameter holds a valid PEERDIST_STATUS (Ex: cbSize 16 and "
    "content-information versions 1..2, min <= max); successful GetStatus/GetStatusEx report one too",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
