// publish-already-exists: PeerDistServerPublishStream of an identifier the
// same session has published (and not unpublished) fails with
// PEERDIST_ERROR_ALREADY_EXISTS, also after the publication's stream handle
// was closed (closing it does not remove the publication); and a
// well-formed publish, with a declared length of 0, of an identifier that
// is not published (never, or unpublished since) succeeds. Judged while the
// service is AVAILABLE, with a NULL or real completion port, for publishes
// without publication options (publication-options judges those). An
// identifier is all its cbContentIdentifier bytes: one that extends a
// published one ("pd-content-10" after "pd-content-1", which the generator
// draws now and then) is new.
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
    // Publication options are publication-options' (an unlisted version is a
    // second fault the call may report first).
    if (DetailNumber(c.detail, "options=") >= 0) continue;
    const std::int64_t content = DetailNumber(c.detail, "id=");
    const PublicationState state = publications.At(content, call.call_index);
    const std::int64_t code = call.ret->code;
    if (state.kind == PublicationKind::kPublished && state.owner == c.session) {
      if (code == PEERDIST_ERROR_ALREADY_EXISTS) continue;
      return At(*call.ret, CallName(call) + " of identifier " + std::to_string(content) +
                               ", which the session published at trace position " + std::to_string(state.start) +
                               ", returned " + Code(code) + "; expected PEERDIST_ERROR_ALREADY_EXISTS");
    }
    const bool is_new = state.kind == PublicationKind::kNever || state.kind == PublicationKind::kRemoved;
    if (!is_new || DetailNumber(c.detail, "length=") != 0 || code == ERROR_SUCCESS) continue;
    return At(*call.ret, CallName(call) + " of identifier " + std::to_string(content) + ", which is " +
                             (state.kind == PublicationKind::kNever ? "not published" : "unpublished") +
                             ", with length 0, returned " + Code(code) + "; expected ERROR_SUCCESS");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "publish-already-exists",
    201,
    Strength::kImplied,
    "PEERDIST_ERROR_ALREADY_EXISTS is the page's row; that a well-formed publish of a new identifier succeeds while "
    "the service is AVAILABLE is read from the Description and the parameters (no row refuses it)",
    "PeerDistServerPublishStream, PeerDistServerCloseStreamHandle, PeerDistServerUnpublish",
    {{"SPUBLISH-1"}, {"SPUBLISH-3"}, {"SPUBLISH-4"}, {"SPUBLISH-6"}, {"SPUBLISH-11"}, {"SPUBLISH-13", kPartly}, {"SPUBLISH-18"},
     {"SCLOSESTREAM-9"}, {"SUNPUBLISH-1"}},
    "publishing an identifier the session has published fails with PEERDIST_ERROR_ALREADY_EXISTS (a closed stream "
    "keeps it published); publishing a new or unpublished one with length 0 succeeds",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
