// invalid-parameter: the bad argument values besides NULL pointers
// (object-null-argument, null-argument) that a call with an open session
// handle and every other argument well-formed must refuse:
// - no data: a size of 0 for the function's data (PublishAddToStream's
//   cbNumberOfBytes, RetrieveContentInformation's cbMaxNumberOfBytes,
//   AddData's cbNumberOfBytes) fails with ERROR_INVALID_PARAMETER;
// - a completion port that is not one (hCompletionPort of Register,
//   PublishStream, OpenContentInformation(Ex), OpenContent, FlushContent)
//   fails with ERROR_INVALID_PARAMETER or ERROR_INVALID_HANDLE;
// - an identifier of 0 bytes (cbContentIdentifier 0) passed to PublishStream,
//   Unpublish, OpenContentInformation(Ex) or the server's CancelAsyncOperation
//   fails with ERROR_INVALID_PARAMETER
// (AMBIGUITIES.md, "Not classified: invalid parameters besides NULL pointers").
// The code of another fault the call had is accepted as object-null-argument
// accepts it (another_fault.h); a Register on a session with a registration
// still active may answer any refusal (second-registration-error).
#include "conformance/rule.h"
#include "conformance/rules/another_fault.h"

namespace pd {
namespace rules {
namespace {

bool TakesPort(ApiFunction function) {
  switch (function) {
    case ApiFunction::kRegister:
    case ApiFunction::kRegisterEx:
    case ApiFunction::kServerPublishStream:
    case ApiFunction::kServerOpenContentInformation:
    case ApiFunction::kServerOpenContentInformationEx:
    case ApiFunction::kClientOpenContent:
    case ApiFunction::kClientFlushContent:
      return true;
    default:
      return false;
  }
}

bool IsRegisterFunction(ApiFunction function) {
  return function == ApiFunction::kRegister || function == ApiFunction::kRegisterEx;
}

// Whether a Register's refusal of a bogus port may be another refusal: one
// on a Windows 7 session of the Windows 8 function, or any refusal of a
// second registration.
bool RegisterRefusedOtherwise(const TraceView& view, const CallView& call) {
  const TraceEvent& c = *call.call;
  if (c.function == ApiFunction::kRegisterEx && !SessionRequestsWin8(view, c.session)) return true;
  return !IsRegistrationAccepted(call.ret->code) && ActiveRegistrationOf(view, c.session, call.call_index) != nullptr;
}

std::optional<Violation> JudgePort(const TraceView& view, const HandleHistory& history, const CallView& call) {
  const TraceEvent& c = *call.call;
  const std::int64_t code = call.ret->code;
  if (code == ERROR_INVALID_PARAMETER || code == ERROR_INVALID_HANDLE) return std::nullopt;
  if (IsRegisterFunction(c.function)) {
    if (RegisterRefusedOtherwise(view, call)) return std::nullopt;
  } else {
    if (IsWin8Function(c.function) && !history.IsWin8Session(c.session)) return std::nullopt;
    if (AnswersAnotherFault(view, history, call)) return std::nullopt;
  }
  return At(*call.ret, CallName(call) + " " + c.detail + " with an hCompletionPort that is not a completion port returned " +
                           Code(code) + "; expected ERROR_INVALID_PARAMETER (or ERROR_INVALID_HANDLE)");
}

// A call with one bad argument whose only answer is ERROR_INVALID_PARAMETER
// (`what` names the argument), unless another fault's code.
std::optional<Violation> JudgeRefused(const TraceView& view, const HandleHistory& history, const CallView& call,
                                      const char* what) {
  const TraceEvent& c = *call.call;
  if (call.ret->code == ERROR_INVALID_PARAMETER || AnswersAnotherFault(view, history, call)) return std::nullopt;
  if (IsWin8Function(c.function) && !history.IsWin8Session(c.session)) return std::nullopt;
  return At(*call.ret, CallName(call) + " " + c.detail + " with " + what + " returned " + Code(call.ret->code) +
                           "; expected ERROR_INVALID_PARAMETER");
}

// The functions whose data argument the rule asks of: AddContentInformation
// is never handed 0 bytes by a scenario.
bool JudgesNoData(ApiFunction function) {
  return function == ApiFunction::kServerPublishAddToStream ||
         function == ApiFunction::kServerRetrieveContentInformation || function == ApiFunction::kClientAddData;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    // One bad argument at a time: a NULL pointer is object-null-argument's.
    if (c.handle_open != 1 || c.null_arg == 1 || call.ret == nullptr) continue;
    if (c.port == -2 && TakesPort(c.function)) {
      if (auto violation = JudgePort(view, history, call)) return violation;
    } else if (JudgesNoData(c.function) && PassesNoData(c)) {
      if (auto violation = JudgeRefused(view, history, call, "a size of 0 (no data)")) return violation;
    } else if (PassesEmptyIdentifier(c)) {
      if (auto violation = JudgeRefused(view, history, call, "an identifier of 0 bytes")) return violation;
    }
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "invalid-parameter",
    390,
    Strength::kInterpretation,
    "no page says which sizes are invalid: a size of 0 for the data of a function that adds or retrieves data is "
    "read as no data, an invalid parameter; the pages whose ERROR_INVALID_HANDLE row names hPeerDist only make a "
    "completion port that is not one an invalid parameter, while Win32 answers ERROR_INVALID_HANDLE for a handle "
    "of the wrong kind: either code is accepted; an identifier of 0 bytes labels nothing and is read as invalid "
    "(AMBIGUITIES.md)",
    "PeerDistRegisterForStatusChangeNotification, PeerDistServerPublishStream, "
    "PeerDistServerPublishAddToStream, PeerDistServerUnpublish, PeerDistServerOpenContentInformation, "
    "PeerDistServerRetrieveContentInformation, PeerDistServerCancelAsyncOperation, PeerDistClientOpenContent, "
    "PeerDistClientAddData, PeerDistClientFlushContent",
    {{"REGISTER-13", kPartly, "bogus port"}, {"SPUBLISH-16", kPartly, "empty identifier or bogus port"},
     {"SADDTOSTREAM-11", kPartly, "no data"}, {"SUNPUBLISH-6", kPartly, "empty identifier"},
     {"SOPENINFO-15", kPartly}, {"SRETRIEVEINFO-10", kPartly, "no data"},
     {"SCANCEL-7", kPartly, "empty identifier"}, {"COPEN-13", kPartly, "bogus port"},
     {"CADDDATA-13", kPartly, "no data"}, {"CFLUSH-11", kPartly, "bogus port"}},
    "a call with an open session handle passing a size of 0 for its data, or an identifier of 0 bytes, fails with "
    "ERROR_INVALID_PARAMETER; one passing an hCompletionPort that is not a completion port fails with "
    "ERROR_INVALID_PARAMETER or ERROR_INVALID_HANDLE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
