// open-info-found: PeerDistServerOpenContentInformation of an identifier
// that is not published (never, or unpublished since) fails with the code
// of the page's PEERDIST_ERROR_NOT_FOUND row, which peerdist.h spells
// ERROR_NOT_FOUND (1168); the Ex function, whose page lists no codes, fails
// there with some code. A well-formed open of the whole content (offset 0,
// length 0) of a published identifier whose stream was completed succeeds,
// with either function (Ex on a Windows 8 session, asking the default
// versions 1..2). Judged while the service is AVAILABLE, with a NULL or real
// completion port. An identifier is all its cbContentIdentifier bytes: the
// generator draws "pd-content-10" beside a published "pd-content-1" for
// opens and unpublishes, so an open of the longer one must fail, and an
// unpublish of it must leave the shorter one published (its opens succeed).
#include "conformance/rule.h"
#include "conformance/rules/publication_history.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  const PublicationHistory& publications = view.Derived<PublicationHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    const bool ex = c.function == ApiFunction::kServerOpenContentInformationEx;
    if (!ex && c.function != ApiFunction::kServerOpenContentInformation) continue;
    if (!PublicationCallJudgeable(view, call) || (ex && !history.IsWin8Session(c.session))) continue;
    if (DetailNumber(c.detail, "offset=") != 0 || DetailNumber(c.detail, "length=") != 0) continue;
    const std::int64_t content = DetailNumber(c.detail, "id=");
    const PublicationState state = publications.At(content, call.call_index);
    const std::int64_t code = call.ret->code;
    const std::string what = CallName(call) + " of identifier " + std::to_string(content);
    if (state.kind == PublicationKind::kNever || state.kind == PublicationKind::kRemoved) {
      if (ex ? code != ERROR_SUCCESS : code == ERROR_NOT_FOUND) continue;
      return At(*call.ret, what + ", which is " +
                               (state.kind == PublicationKind::kNever ? "not published" : "unpublished") +
                               ", returned " + Code(code) +
                               (ex ? "; expected a failure" : "; expected ERROR_NOT_FOUND (PEERDIST_ERROR_NOT_FOUND)"));
    }
    if (state.kind != PublicationKind::kPublished || !state.complete || code == ERROR_SUCCESS) continue;
    // An Ex open asking one version succeeds only if that version is
    // supported: info-version judges it.
    if (ex && DetailNumber(c.detail, "min=") >= 0) continue;
    return At(*call.ret, what + ", published and completed, for the whole content returned " + Code(code) +
                             "; expected ERROR_SUCCESS");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "open-info-found",
    203,
    Strength::kImplied,
    "the page's PEERDIST_ERROR_NOT_FOUND is not in peerdist.h: the rule takes ERROR_NOT_FOUND (1168), the code the "
    "name points to; that an open of published, completed content succeeds is read from the Description and "
    "PublishCompleteStream's Remarks (no row refuses it)",
    "PeerDistServerOpenContentInformation, PeerDistServerOpenContentInformationEx, "
    "PeerDistServerPublishCompleteStream, PeerDistServerPublishStream, PeerDistServerUnpublish",
    {{"SOPENINFO-1"}, {"SOPENINFO-4"}, {"SOPENINFO-10"}, {"SOPENINFO-12", kPartly}, {"SOPENINFO-17"},
     {"SOPENINFOEX-1"}, {"SOPENINFOEX-4"}, {"SOPENINFOEX-11"}, {"SOPENINFOEX-13", kPartly},
     {"SCOMPLETESTREAM-12", kPartly}, {"SPUBLISH-22", kPartly, "PeerDistServerOpenContentInformation and PeerDistServerUnpublish"}, {"SUNPUBLISH-1", kPartly}, {"SUNPUBLISH-3"},
     {"SUNPUBLISH-4"}},
    "opening content information of an identifier not published fails (ERROR_NOT_FOUND); of the whole of published, "
    "completed content succeeds",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
