// publication-options: a PEERDIST_PUBLICATION_OPTIONS whose dwVersion is one
// of the two values the page lists (1, version 1.0; 2, version 2.0) is an
// accepted part of a publish: a well-formed PeerDistServerPublishStream of an
// identifier that is not published (never, or unpublished since), length 0,
// passing such options, succeeds, as it does without options
// (publish-already-exists judges those). Versions the page does not list
// are not judged: it does not say what they do. Judged while the service is
// AVAILABLE, with a NULL or real completion port.
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
    if (version != PEERDIST_PUBLICATION_OPTIONS_VERSION_1 && version != PEERDIST_PUBLICATION_OPTIONS_VERSION_2) {
      continue;
    }
    const std::int64_t content = DetailNumber(c.detail, "id=");
    const PublicationKind kind = publications.At(content, call.call_index).kind;
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
    "without options is read from that list (no row refuses it)",
    "PEERDIST_PUBLICATION_OPTIONS, PeerDistServerPublishStream",
    {{"PUBOPTS-1", kPartly}, {"PUBOPTS-2", kPartly}, {"PUBOPTS-3"}, {"PUBOPTS-4"}, {"SPUBLISH-8", kPartly}},
    "publishing a new identifier (length 0) with PEERDIST_PUBLICATION_OPTIONS dwVersion 1 or 2 succeeds",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
