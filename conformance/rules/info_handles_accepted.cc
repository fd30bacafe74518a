// info-handles-accepted: the content-information pages describe hPeerDist as
// "a PEERDIST_INSTANCE_HANDLE returned by PeerDistStartup" and hContentInfo
// as "the handle returned by PeerDistServerOpenContentInformation", and say
// that a handle either open function returned "can be passed to the
// PeerDistServerRetrieveContentInformation function to retrieve content
// information". A call given exactly those — its session's open handle and,
// where it takes one, a content-information handle that session opened, not
// closed and not invalidated by a status move — is not refused as having an
// invalid or invalidated handle; a well-formed retrieve on such a handle
// (a buffer, a size, an OVERLAPPED) is accepted; and its close, which takes
// nothing else, succeeds: PeerDistServerCloseContentInformation "closes the
// handle opened by PeerDistServerOpenContentInformation" (object-invalid-handle
// and double-close judge that it is gone afterwards). Calls with another bad
// argument (a NULL pointer, no bytes, a completion port that is none) are
// left to the rules of those arguments.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The opens and the server cancel take no content-information handle: only
// hPeerDist (and an open's completion port, which must be one).
bool SessionHandleWellFormed(const CallView& call, const HandleHistory& history) {
  const TraceEvent& c = *call.call;
  const bool open = c.function == ApiFunction::kServerOpenContentInformation ||
                    c.function == ApiFunction::kServerOpenContentInformationEx;
  if (!open && c.function != ApiFunction::kServerCancelAsyncOperation) return false;
  if (c.function == ApiFunction::kServerOpenContentInformationEx && !history.IsWin8Session(c.session)) return false;
  return c.handle_open == 1 && c.null_arg != 1 && c.port != -2 && call.ret != nullptr;
}

bool TakesInfoHandle(ApiFunction function) {
  return function == ApiFunction::kServerRetrieveContentInformation ||
         function == ApiFunction::kServerCloseContentInformation;
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    const std::int64_t code = call.ret == nullptr ? kNoValue : call.ret->code;
    std::string given;
    if (SessionHandleWellFormed(call, history)) {
      given = "the open handle of session " + std::to_string(call.call->session);
    } else if (TakesInfoHandle(function)) {
      const OpenedHandle* handle = history.WellFormedTarget(call);
      if (handle == nullptr || handle->kind != HandleKind::kContentInfo) continue;
      if (history.InvalidatedBy(*handle, call.call_index) != nullptr) continue;
      given = "its session's open handle and a content-information handle that session opened (not closed, not "
              "invalidated)";
      // The handle "can be passed to PeerDistServerRetrieveContentInformation".
      if (function == ApiFunction::kServerRetrieveContentInformation && code != ERROR_IO_PENDING &&
          code != ERROR_SUCCESS && call.call->overlapped >= 0) {
        return At(*call.ret, CallName(call) + " given " + given + ", a buffer and an OVERLAPPED returned " +
                                 Code(code) + "; expected the retrieve to be accepted (ERROR_IO_PENDING)");
      }
      if (function == ApiFunction::kServerCloseContentInformation && code != ERROR_SUCCESS && code != kNoValue) {
        return At(*call.ret, CallName(call) + " given " + given + " returned " + Code(code) +
                                 "; expected ERROR_SUCCESS (the function closes the handle it is given)");
      }
    } else {
      continue;
    }
    if (std::optional<Violation> refused = RefusedDescribedHandles(call, given)) return refused;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "info-handles-accepted",
    342,
    Strength::kImplied,
    "the parameter sections say what the handles are, and the Remarks that an opened handle can be passed to "
    "PeerDistServerRetrieveContentInformation, not in so many words that such calls are accepted: the rule reads "
    "that they are not refused as having an invalid or invalidated handle, and that such a retrieve is started",
    "PeerDistServerOpenContentInformation, PeerDistServerOpenContentInformationEx, "
    "PeerDistServerRetrieveContentInformation, PeerDistServerCloseContentInformation, "
    "PeerDistServerCancelAsyncOperation",
    {{"SOPENINFO-2"}, {"SOPENINFO-3"}, {"SOPENINFO-13"}, {"SOPENINFO-20"}, {"SOPENINFOEX-2"}, {"SOPENINFOEX-3"},
     {"SOPENINFOEX-14"}, {"SOPENINFOEX-16"},
     {"SRETRIEVEINFO-2"}, {"SRETRIEVEINFO-3"}, {"SCLOSEINFO-1", kPartly, "the close succeeds"},
     {"SCLOSEINFO-2"}, {"SCLOSEINFO-3"}, {"SCLOSEINFO-7", kPartly, "the close succeeds"}, {"SCANCEL-2"}},
    "the content-information functions and the server cancel, given their session's open handle and an open, "
    "valid content-information handle of that session, never return ERROR_INVALID_HANDLE or "
    "PEERDIST_ERROR_INVALIDATED; a well-formed retrieve on such a handle is started, and its close succeeds",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
