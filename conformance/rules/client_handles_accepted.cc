// client-handles-accepted: the client pages describe hPeerDist as "a
// PEERDIST_INSTANCE_HANDLE returned by PeerDistStartup" and hContentHandle as
// a handle "opened by PeerDistClientOpenContent": a client function given
// exactly those — its session's open handle and, where it takes one, a
// content handle that session opened, not closed and not invalidated by a
// status move — does not refuse them. The rule flags ERROR_INVALID_HANDLE
// (and PEERDIST_ERROR_INVALIDATED for a handle no move invalidated) for such
// a call; and PeerDistClientCloseContent, which takes nothing else, "closes
// the content handle opened by PeerDistClientOpenContent": given those, it
// returns ERROR_SUCCESS (object-invalid-handle and double-close judge that
// the handle is gone afterwards). PeerDistClientOpenContent "opens and
// returns a PEERDIST_CONTENT_HANDLE": a well-formed open while the service
// is AVAILABLE, whatever the 16 bytes of its tag (a "client specified
// identifier": the generator passes numbered tags and now and then all
// 0x00, all 0xFF, or 0x00 but the last byte), returns ERROR_SUCCESS and
// writes a handle that is not NULL
// and not one its session holds open (the harness records a finding,
// scenario/content_calls.cc). Calls with another bad argument (a NULL pointer, no data, a
// completion port that is none) are left to the rules of those arguments.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/implementation_findings.h"

namespace pd {
namespace rules {
namespace {

// OpenContent and FlushContent take no content handle: only hPeerDist (and
// a completion port, which must be one for the call to be well formed).
bool SessionHandleWellFormed(const CallView& call) {
  const TraceEvent& c = *call.call;
  if (c.function != ApiFunction::kClientOpenContent && c.function != ApiFunction::kClientFlushContent) return false;
  return c.handle_open == 1 && c.null_arg != 1 && c.port != -2 && call.ret != nullptr;
}

bool TakesContentHandle(ApiFunction function) {
  switch (function) {
    case ApiFunction::kClientCloseContent:
    case ApiFunction::kClientAddContentInformation:
    case ApiFunction::kClientCompleteContentInformation:
    case ApiFunction::kClientAddData:
    case ApiFunction::kClientBlockRead:
    case ApiFunction::kClientStreamRead:
    case ApiFunction::kClientGetInformationByHandle:
    case ApiFunction::kClientCancelAsyncOperation:
      return true;
    default:
      return false;
  }
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    std::string given;
    if (SessionHandleWellFormed(call)) {
      given = "the open handle of session " + std::to_string(call.call->session);
      // "opens and returns a PEERDIST_CONTENT_HANDLE": while the service is
      // AVAILABLE (the service-state rows answer the other statuses).
      if (function == ApiFunction::kClientOpenContent && call.ret->code != ERROR_SUCCESS &&
          StatusAfter(view, call.call_index) == PEERDIST_STATUS_AVAILABLE) {
        return At(*call.ret, CallName(call) + " given " + given + ", a tag (" + call.call->detail +
                                 ") and a place for the handle, with the service AVAILABLE, returned " +
                                 Code(call.ret->code) +
                                 "; expected ERROR_SUCCESS and a content handle");
      }
    } else if (TakesContentHandle(function)) {
      const OpenedHandle* handle = history.WellFormedTarget(call);
      if (handle == nullptr || handle->kind != HandleKind::kContent) continue;
      if (history.InvalidatedBy(*handle, call.call_index) != nullptr) continue;
      given = "its session's open handle and a content handle that session opened (not closed, not invalidated)";
      const std::int64_t code = call.ret == nullptr ? kNoValue : call.ret->code;
      if (function == ApiFunction::kClientCloseContent && code != ERROR_SUCCESS && code != kNoValue) {
        return At(*call.ret, CallName(call) + " given " + given + " returned " + Code(code) +
                                 "; expected ERROR_SUCCESS (the function closes the content handle it is given)");
      }
    } else {
      continue;
    }
    if (std::optional<Violation> refused = RefusedDescribedHandles(call, given)) return refused;
  }
  return FirstFindingWithPrefix(view, kOpenContentHandleFinding, "");
}

PD_REGISTER_RULE((Rule{
    "client-handles-accepted",
    240,
    Strength::kImplied,
    "the parameter sections say what the handles are, not in so many words that such handles are accepted: the "
        "rule reads that a call given them is not refused as having an invalid or invalidated handle",
    "PeerDistClientOpenContent, PeerDistClientCloseContent, PeerDistClientAddContentInformation, "
    "PeerDistClientCompleteContentInformation, PeerDistClientAddData, PeerDistClientBlockRead, "
    "PeerDistClientStreamRead, PeerDistClientFlushContent, PeerDistClientGetInformationByHandle, "
    "PeerDistClientCancelAsyncOperation",
    {{"COPEN-1"}, {"COPEN-3"}, {"COPEN-4", kPartly, "client specified"}, {"COPEN-11"}, {"COPEN-17"}, {"CCLOSE-1", kPartly, "the close succeeds"}, {"CCLOSE-2"}, {"CCLOSE-3"}, {"CADDINFO-2"}, {"CADDINFO-3"}, {"CCOMPLETEINFO-2"},
     {"CCOMPLETEINFO-3"}, {"CADDDATA-3"}, {"CADDDATA-4"}, {"CBLOCKREAD-2"}, {"CBLOCKREAD-3"}, {"CSTREAMREAD-2"},
     {"CSTREAMREAD-3"}, {"CFLUSH-1"}, {"CGETINFO-2"}, {"CGETINFO-3"}, {"CCANCEL-2"}, {"CCANCEL-3"}},
    "a client function given its session's open handle and (where it takes one) a content handle that session "
    "opened, not closed and not invalidated, never returns ERROR_INVALID_HANDLE or PEERDIST_ERROR_INVALIDATED; "
    "PeerDistClientCloseContent given them returns ERROR_SUCCESS; a well-formed PeerDistClientOpenContent while the "
    "service is AVAILABLE, whatever the 16 bytes of its tag, returns ERROR_SUCCESS and a new content handle (not NULL, none its session holds open)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
