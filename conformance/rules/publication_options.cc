// publication-options: PeerDistServerPublishStream reads pPublishOptions as
// a PEERDIST_PUBLICATION_OPTIONS and honours its dwVersion as the page lists
// it. A dwVersion the page lists (1, version 1.0; 2, version 2.0) is an
// accepted part of a publish: a well-formed publish of an identifier that
// is not published (never, or unpublished since), length 0, passing such
// options, succeeds, as it does without options (publish-already-exists
// judges those). A dwVersion the page does not list is not one of "the
// possible values": the publish is refused with the ERROR_INVALID_PARAMETER
// row (PEERDIST_ERROR_ALREADY_EXISTS accepted when the session has the
// identifier published: two faults, either may be reported first). dwFlags
// is reserved and passed 0. Judged while the service is AVAILABLE, with a
// NULL or real completion port.
#include "conformance/rule.h"
#include "conformance/rules/publication_history.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const PublicationHistory& publications = view.Derived<PublicationHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.function != ApiFunction::kServerPublishStream || !PublicationCallJudgeable(view, call)) continue;
    const std::int64_t version = DetailNumber(c.detail, "options=");
    if (version < 0) continue;
    const std::int64_t content = DetailNumber(c.detail, "id=");
    const PublicationState state = publications.At(content, call.call_index);
    const PublicationKind kind = state.kind;
    if (version != PEERDIST_PUBLICATION_OPTIONS_VERSION_1 && version != PEERDIST_PUBLICATION_OPTIONS_VERSION_2) {
      const std::int64_t code = call.ret->code;
      if (code == ERROR_INVALID_PARAMETER) continue;
      const bool published_here = kind == PublicationKind::kPublished && state.owner == c.session;
      if (published_here && code == PEERDIST_ERROR_ALREADY_EXISTS) continue;
      return At(*call.ret, CallName(call) + " of identifier " + std::to_string(content) +
                               " with PEERDIST_PUBLICATION_OPTIONS dwVersion " + std::to_string(version) +
                               ", a version the page does not list, returned " + Code(code) +
                               "; expected ERROR_INVALID_PARAMETER" +
                               (published_here ? " (or PEERDIST_ERROR_ALREADY_EXISTS)" : ""));
    }
    if (kind != PublicationKind::kNever && kind != PublicationKind::kRemoved) continue;
    if (DetailNumber(c.detail, "length=") != 0 || call.ret->code == ERROR_SUCCESS) continue;
    return At(*call.ret, CallName(call) + " of identifier " + std::to_string(content) + ", which is " +
                             (kind == PublicationKind::kNever ? "not published" : "unpublished") +
                             ", with length 0 and PEERDIST_PUBLICATION_OPTIONS dwVersion " + std::to_string(version) +
                             ", returned " + Code(call.ret->code) + "; expected ERROR_SUCCESS (a version the page lists)");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "publication-options",
    234,
    Strength::kImplied,
    "the page lists 1 and 2 as the possible dwVersion values; that a publish passing either succeeds like one "
    "without options, and that one passing another value is refused with the ERROR_INVALID_PARAMETER row, is read "
    "from that list",
    "PEERDIST_PUBLICATION_OPTIONS, PeerDistServerPublishStream",
    {{"PUBOPTS-1"}, {"PUBOPTS-2"}, {"PUBOPTS-3"}, {"PUBOPTS-4"}, {"SPUBLISH-8"}, {"SPUBLISH-16", kPartly, "options version"}},
    "publishing a new identifier (length 0) with PEERDIST_PUBLICATION_OPTIONS dwVersion 1 or 2 succeeds; with "
    "any other dwVersion the publish fails with ERROR_INVALID_PARAMETER",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
