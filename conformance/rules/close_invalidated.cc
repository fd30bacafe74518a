// close-invalidated: the close function of an invalidated handle
// (PeerDistServerCloseStreamHandle, PeerDistServerCloseContentInformation,
// PeerDistClientCloseContent) succeeds, and the closed handle is gone: any
// later call on it fails with ERROR_INVALID_HANDLE.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  std::map<int, const CallView*> closed_invalidated;  // handle id -> its successful close
  for (const CallView& call : view.calls()) {
    if (!TakesObject(call) || call.ret == nullptr) continue;
    auto closed = closed_invalidated.find(call.call->object);
    if (closed != closed_invalidated.end() && call.call->handle_open == 1 && call.call->null_arg != 1 &&
        call.call->session == history.Handle(call.call->object)->session) {
      if (call.ret->code == ERROR_INVALID_HANDLE) continue;
      // A Windows 7 session may refuse a Windows 8 function first.
      if (IsWin8Function(call.call->function) && !history.IsWin8Session(call.call->session)) continue;
      // No data as well: either bad argument may be reported (AMBIGUITIES.md).
      if (PassesNoData(*call.call) && call.ret->code == ERROR_INVALID_PARAMETER) continue;
      return At(*call.ret, CallName(call) + " after the invalidated handle was closed (step " +
                               std::to_string(closed->second->call->step) + ") returned " + Code(call.ret->code) +
                               "; expected ERROR_INVALID_HANDLE (a closed handle is gone)");
    }
    if (!IsCloseFunction(call.call->function)) continue;
    const OpenedHandle* handle = history.WellFormedTarget(call);
    if (handle == nullptr) continue;
    const StatusMove* move = history.InvalidatedBy(*handle, call.call_index);
    if (move == nullptr) continue;
    if (call.ret->code == ERROR_SUCCESS) {
      closed_invalidated[handle->id] = &call;
      continue;
    }
    return At(*call.ret, CallName(call) + " on a handle invalidated by the move to " + StatusName(move->to) +
                             " returned " + Code(call.ret->code) +
                             "; expected ERROR_SUCCESS (the caller must still close invalidated handles)");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "close-invalidated",
    174,
    Strength::kImplied,
    "the pages say the caller must close invalidated handles; that the close succeeds and the handle is "
        "gone afterwards is read from that",
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
        "PeerDistServerCloseStreamHandle, PeerDistServerRetrieveContentInformation, "
        "PeerDistServerCloseContentInformation, PeerDistClientCloseContent, PeerDistClientAddData, "
        "PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"SADDTOSTREAM-12", kPartly}, {"SCOMPLETESTREAM-8", kPartly}, {"SCOMPLETESTREAM-13", kPartly},
     {"SCLOSESTREAM-1", kPartly}, {"SCLOSESTREAM-4", kPartly}, {"SCLOSESTREAM-6", kPartly},
     {"SRETRIEVEINFO-11", kPartly}, {"SCLOSEINFO-1", kPartly}, {"SCLOSEINFO-4", kPartly},
     {"SCLOSEINFO-5", kPartly}, {"SCLOSEINFO-7", kPartly}, {"CCLOSE-1", kPartly}, {"CCLOSE-4", kPartly},
     {"CCLOSE-6", kPartly}, {"CADDDATA-14", kPartly}, {"CBLOCKREAD-19", kPartly}, {"CSTREAMREAD-19", kPartly}},
    "closing an invalidated content, content-information or stream handle succeeds, and later calls on it fail with "
    "ERROR_INVALID_HANDLE",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
