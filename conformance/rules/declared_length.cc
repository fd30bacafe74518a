// declared-length: cbContentLength of PeerDistServerPublishStream is "the
// length, in bytes, of the content to be published" (SPUBLISH-5): a length
// the caller declares is taken as that length. A well-formed publish of a
// new identifier declaring 1 to kMaxContentLength bytes (the harness's
// bound on content) succeeds, as one declaring 0 does (publish-already-
// exists); then every add to its stream that keeps the data added within
// the declared length completes with ERROR_SUCCESS, and the complete issued
// once exactly that many bytes were added completes with ERROR_SUCCESS.
// Only the stream's own operations count, in call order; judging stops at
// the first one whose effect is not known: one refused at once, pending at
// the end, cancelled or aborted (ERROR_OPERATION_ABORTED), on a handle a
// status move invalidated, or an add past the declared length (the caller's
// obligation, SPUBLISH-7: the page does not say what it yields).
#include <cstdint>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/publication_history.h"
#include "sim/content_info.h"

namespace pd {
namespace rules {
namespace {

bool DeclaresLength(std::int64_t length) {
  return length > 0 && static_cast<std::uint64_t>(length) <= kMaxContentLength;
}

// A publish of a new identifier with a declared length succeeds.
std::optional<Violation> JudgePublishes(const TraceView& view) {
  const PublicationHistory& publications = view.Derived<PublicationHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.function != ApiFunction::kServerPublishStream || !PublicationCallJudgeable(view, call)) continue;
    if (DetailNumber(c.detail, "options=") >= 0) continue;  // publication-options'
    const std::int64_t length = DetailNumber(c.detail, "length=");
    if (!DeclaresLength(length) || call.ret->code == ERROR_SUCCESS) continue;
    const std::int64_t content = DetailNumber(c.detail, "id=");
    const PublicationKind kind = publications.At(content, call.call_index).kind;
    if (kind != PublicationKind::kNever && kind != PublicationKind::kRemoved) continue;
    return At(*call.ret, CallName(call) + " of identifier " + std::to_string(content) + ", which is not published, "
                             "declaring cbContentLength " + std::to_string(length) + ", returned " +
                             Code(call.ret->code) + "; expected ERROR_SUCCESS");
  }
  return std::nullopt;
}

// The declared length of the content a stream handle publishes, or -1.
std::int64_t DeclaredLengthOf(const TraceView& view, const OpenedHandle& stream) {
  for (const CallView& call : view.calls()) {
    if (call.return_index != stream.open_index) continue;
    const std::int64_t length = DetailNumber(call.call->detail, "length=");
    return DeclaresLength(length) ? length : -1;
  }
  return -1;
}

std::optional<Violation> JudgeStream(const TraceView& view, const OpenedHandle& stream, std::int64_t declared) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  std::int64_t added = 0;
  for (const OperationView& operation : history.operations()) {
    if (operation.object != stream.id) continue;
    const CallView& call = *operation.call;
    const TraceEvent& c = *call.call;
    const bool add = c.function == ApiFunction::kServerPublishAddToStream;
    if (!add && c.function != ApiFunction::kServerPublishCompleteStream) continue;
    if (!operation.accepted || c.null_arg == 1 || history.WellFormedTarget(call) == nullptr) return std::nullopt;
    if (history.InvalidatedBy(stream, call.call_index) != nullptr || history.MoveWhilePending(operation) != nullptr) {
      return std::nullopt;
    }
    const OperationResult result = ResultOf(view, operation);
    if (result.code == kNoValue || result.code == ERROR_OPERATION_ABORTED) return std::nullopt;
    const std::string given = "declaring cbContentLength " + std::to_string(declared) + ", ";
    if (add) {
      if (c.bytes <= 0 || added + c.bytes > declared) return std::nullopt;
      if (result.code != ERROR_SUCCESS) {
        return At(view.events()[result.seen],
                  CallName(call) + " of " + std::to_string(c.bytes) + " bytes, on a stream " + given + "after " +
                      std::to_string(added) + " bytes added, completed with " + Code(result.code) +
                      "; expected ERROR_SUCCESS (the data stays within the declared length)");
      }
      added += c.bytes;
      continue;
    }
    if (added != declared) return std::nullopt;
    if (result.code == ERROR_SUCCESS) return std::nullopt;
    return At(view.events()[result.seen], CallName(call) + ", on a stream " + given + "after exactly that many bytes "
                                              "were added, completed with " + Code(result.code) +
                                              "; expected ERROR_SUCCESS");
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  std::optional<Violation> first = JudgePublishes(view);
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const auto& [id, handle] : history.handles()) {
    if (handle.kind != HandleKind::kStream) continue;
    const std::int64_t declared = DeclaredLengthOf(view, handle);
    if (declared < 0) continue;
    first = Earlier(std::move(first), JudgeStream(view, handle, declared));
  }
  return first;
}

PD_REGISTER_RULE((Rule{
    "declared-length",
    322,
    Strength::kImplied,
    "the page defines cbContentLength as the length of the content to be published and asks that a non-zero one "
    "match the data added; that a publish declaring it, the adds within it and the complete that reaches it "
    "succeed is read from that (no row refuses them)",
    "PeerDistServerPublishStream",
    {{"SPUBLISH-5"}},
    "a publish declaring a content length succeeds; the adds that stay within that length and the complete once "
    "exactly that many bytes were added complete with ERROR_SUCCESS",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
