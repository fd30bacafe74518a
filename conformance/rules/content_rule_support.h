// Documentation sentences the content-part rules quote, and helpers they
// share. The handle bookkeeping itself is conformance/handle_history.h.
#ifndef CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_
#define CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_

#include "conformance/handle_history.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {

inline constexpr char kInvalidationPage[] =
    "PeerDistRegisterForStatusChangeNotification (Remarks); PeerDistGetStatus (Remarks)";
// PeerDistRegisterForStatusChangeNotification, Remarks (sdk-api source,
// whitespace as rendered; "PEERDIST_ ERROR_INVALIDATED" is the page's own).
inline constexpr char kInvalidationSentence[] =
    "A Peer Distribution status change can result in the Peer Distribution service moving to an available, "
    "unavailable, or disabled state. If the new status is disabled or unavailable, the content, content "
    "information, or stream handles the caller has access to will no longer function. In this case, any API that "
    "uses these handles will fail with error PEERDIST_ ERROR_INVALIDATED. The caller must explicitly close the "
    "handles by calling the appropriate Peer Distribution API.";
// PeerDistGetStatus, Remarks.
inline constexpr char kGetStatusCloseSentence[] =
    "Depending on the resultant state of this transition, the content, content information, or stream handles the "
    "caller has access to may no longer function. If this is the case, the caller must explicitly close the "
    "handles by calling the appropriate Peer Distribution API.";
inline constexpr char kCancelPage[] = "PeerDistClientCancelAsyncOperation / PeerDistServerCancelAsyncOperation";
inline constexpr char kCancelNotFoundSentence[] =
    "The function will return ERROR_SUCCESS value if the operation associated with the specified OVERLAPPED "
    "structure is successfully canceled. Otherwise, the function may return one of the following values: [...] "
    "PEERDIST_ERROR_OPERATION_NOT_FOUND The operation associated with the specified OVERLAPPED structure cannot be "
    "found.";
inline constexpr char kCancelPostedSentence[] =
    "This function will synchronously cancel the operation, but will not return until the cancellation result is "
    "posted to the completion port or wait event is set to the signaled state.";
inline constexpr char kContentPages[] =
    "PeerDistServerPublishAddToStream, PeerDistClientBlockRead and the other content functions (Return value)";
inline constexpr char kInvalidHandleSentence[] =
    "ERROR_INVALID_HANDLE The hPeerDist or hContent handle is invalid. [PeerDistClientBlockRead; the stream "
    "functions: \"The hPeerDist or hStream handle is invalid\"; PeerDistServerCloseContentInformation: \"The "
    "provided hPeerDist or hContentInfo handles are invalid.\"]";
inline constexpr char kInvalidParameterSentence[] =
    "ERROR_INVALID_PARAMETER One or more parameters are invalid.";

// Whether a call passes a content, content-information or stream handle.
inline bool TakesObject(const CallView& call) {
  return call.call->object_kind != HandleKind::kNone;
}

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_
