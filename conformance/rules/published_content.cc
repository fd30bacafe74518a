// published-content: the stream handle PeerDistServerPublishStream returns
// is used to publish data, and what PeerDistServerPublishAddToStream adds is
// what gets published. An add or complete given that handle (its session's,
// open, not invalidated by a status move) is not refused as an invalid
// handle (ERROR_INVALID_HANDLE, PEERDIST_ERROR_INVALIDATED). Once a
// publication's adds have all completed successfully and its
// PeerDistServerPublishCompleteStream has too, the content information of
// the whole content (an open with offset 0 and length 0), retrieved whole,
// describes exactly the bytes those adds passed, in order: the range
// [0, sum of cbNumberOfBytes), each block's hash that of those bytes. The
// harness knows the bytes (content bytes are a function of the content and
// the offset, sim/content_info.h) and checks the blob it retrieved
// (scenario/content_calls.cc); a mismatch is recorded as a finding starting
// kPublishedContentFinding, which this rule names. A publication with an add
// still pending, failed or cancelled at the open, a partial open, or
// retrieves that overlapped each other, are not judged.
#include "conformance/handle_history.h"
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> JudgeStreamUsed(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const ApiFunction function = call.call->function;
    if (function != ApiFunction::kServerPublishAddToStream && function != ApiFunction::kServerPublishCompleteStream) {
      continue;
    }
    const OpenedHandle* stream = history.WellFormedTarget(call);
    if (stream == nullptr || stream->kind != HandleKind::kStream) continue;
    if (history.InvalidatedBy(*stream, call.call_index) != nullptr) continue;
    const std::int64_t code = call.ret->code;
    if (code != ERROR_INVALID_HANDLE && code != PEERDIST_ERROR_INVALIDATED) continue;
    return At(*call.ret, CallName(call) + ", given the stream handle its session's publish returned (open, not "
                                          "invalidated), returned " + Code(code) +
                             "; expected the handle to be usable to publish data");
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  return Earlier(JudgeStreamUsed(view),
                 FirstFindingWithPrefix(view, kPublishedContentFinding,
                                        "; expected the content information to describe exactly the bytes added"));
}

PD_REGISTER_RULE((Rule{
    "published-content",
    321,
    Strength::kImplied,
    "the pages say the stream handle is used to publish data, that the adds publish their data and that content "
        "information can be retrieved once the stream is completed; that the handle is not refused and that this "
        "information describes exactly the bytes added (the harness's model of the hashes) is read from that",
    "PeerDistServerPublishAddToStream, PeerDistServerPublishStream, PeerDistServerPublishCompleteStream",
    {{"SADDTOSTREAM-1"}, {"SADDTOSTREAM-4"}, {"SADDTOSTREAM-5"}, {"SPUBLISH-14"}, {"SPUBLISH-23"},
     {"SCOMPLETESTREAM-12", kPartly}},
    "the stream handle a publish returned is not refused by an add or complete as invalid; once every add of a "
    "publication and its complete succeeded, the content information of the whole content, retrieved whole, "
    "describes exactly the bytes the adds passed, in order",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
