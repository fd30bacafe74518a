// overlapped-result: PeerDistGetOverlappedResult reflects the state of a
// registration's OVERLAPPED as the trace shows it before the call: pending
// (bWait FALSE) -> FALSE, ERROR_IO_INCOMPLETE; completed successfully ->
// TRUE; cancelled -> FALSE, ERROR_OPERATION_ABORTED, or TRUE (the pages
// disagree: AMBIGUITIES.md, aborted-overlapped-result).
#include "conformance/rule.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

bool Waits(const TraceEvent& call) {
  const std::string suffix = " wait";
  return call.detail.size() >= suffix.size() &&
         call.detail.compare(call.detail.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Result(const TraceEvent& ret) {
  return ret.bool_result != 0 ? std::string("TRUE") : "FALSE with last error " + Code(ret.code);
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kGetOverlappedResult || call.ret == nullptr) continue;
    if (call.call->null_arg == 1) continue;  // null-argument judges that
    const RegistrationView* registration = RegistrationOfSlot(view, call.call->overlapped);
    if (registration == nullptr || !registration->accepted) continue;
    const std::string name = "PeerDistGetOverlappedResult on " + Name(*registration);
    std::int64_t final_code = kNoValue;
    bool during_call = false;
    for (const Act& act : ActsOf(view, *registration)) {
      if (act.index < call.call_index) {
        if (act.event->code != static_cast<std::int64_t>(kStatusPending)) final_code = act.event->code;
      } else if (act.event->step == call.call->step) {
        during_call = true;
      }
    }
    const TraceEvent& ret = *call.ret;
    if (final_code == kNoValue) {
      // Still pending when called; a completion inside the call (a wait, or
      // an implementation doing work on the caller's thread) is fine.
      if (during_call || Waits(*call.call)) continue;
      if (ret.bool_result == 0 && ret.code == ERROR_IO_INCOMPLETE) continue;
      return At(ret, name + " while it was pending (bWait FALSE) returned " + Result(ret) +
                         "; expected FALSE with ERROR_IO_INCOMPLETE");
    }
    if (final_code == ERROR_SUCCESS) {
      if (ret.bool_result != 0) continue;
      return At(ret, name + " after it completed successfully returned " + Result(ret) + "; expected TRUE");
    }
    if (final_code == ERROR_OPERATION_ABORTED) {
      // TRUE is the PeerDistGetOverlappedResult page's reading ("true if the
      // operation has completed"): ambiguity aborted-overlapped-result.
      if (ret.bool_result != 0 || ret.code == ERROR_OPERATION_ABORTED) continue;
      return At(ret, name + " after it was cancelled returned " + Result(ret) +
                         "; expected FALSE with ERROR_OPERATION_ABORTED, or TRUE (aborted-overlapped-result)");
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "overlapped-result",
    160,
    Strength::kImplied,
    "the page says only TRUE once complete and FALSE while pending without bWait: the last errors "
        "(ERROR_IO_INCOMPLETE, the operation's error) are GetOverlappedResult's convention",
    "PeerDistGetOverlappedResult",
    {{"OVLRESULT-1", kPartly}, {"OVLRESULT-2", kPartly}, {"OVLRESULT-3", kPartly}, {"OVLRESULT-6", kPartly},
     {"OVLRESULT-7", kPartly}, {"OVLRESULT-8", kPartly}},
    "PeerDistGetOverlappedResult (bWait FALSE) returns FALSE/ERROR_IO_INCOMPLETE on a pending registration, "
    "TRUE on a successfully completed one, FALSE/ERROR_OPERATION_ABORTED (or TRUE: aborted-overlapped-result) on a "
    "cancelled one",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
