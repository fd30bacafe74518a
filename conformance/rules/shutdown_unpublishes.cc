// shutdown-unpublishes: PeerDistShutdown "will remove all publications that
// were created with the specified hPeerDist handle" (SHUTDOWN-6). What a
// caller sees of that, while the service stays AVAILABLE: after the owner
// session's successful Shutdown, PeerDistServerOpenContentInformation of the
// identifier fails with ERROR_NOT_FOUND (the code open-info-found takes for
// the page's PEERDIST_ERROR_NOT_FOUND), and another session's well-formed
// publish of it (length 0) succeeds, as for an identifier never published.
// A move to DISABLED or UNAVAILABLE in between leaves the publication to the
// other rules (PublicationHistory).
#include "conformance/rule.h"
#include "conformance/rules/publication_history.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  const PublicationHistory& publications = view.Derived<PublicationHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    const bool open_info = c.function == ApiFunction::kServerOpenContentInformation;
    if (!open_info && c.function != ApiFunction::kServerPublishStream) continue;
    if (!PublicationCallJudgeable(view, call)) continue;
    const std::int64_t content = DetailNumber(c.detail, "id=");
    if (publications.At(content, call.call_index).kind != PublicationKind::kOwnerShutDown) continue;
    const std::int64_t code = call.ret->code;
    const std::string what = CallName(call) + " of identifier " + std::to_string(content) +
                             ", whose publishing session had shut down,";
    if (open_info) {
      if (code == ERROR_NOT_FOUND) continue;
      return At(*call.ret, what + " returned " + Code(code) +
                               "; expected ERROR_NOT_FOUND (PeerDistShutdown removed the publication)");
    }
    if (DetailNumber(c.detail, "length=") != 0 || code == ERROR_SUCCESS || PassesUnlistedOptionsVersion(c)) continue;
    return At(*call.ret, what + " with length 0, returned " + Code(code) +
                             "; expected ERROR_SUCCESS (PeerDistShutdown removed the publication)");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "shutdown-unpublishes",
    232,
    Strength::kImplied,
    "SHUTDOWN-6 says the publications go; that a removed publication is then not found, and may be published "
    "again, is read from the open and publish pages as for an unpublished one (ERROR_NOT_FOUND as in "
    "open-info-found)",
    "PeerDistShutdown, PeerDistServerOpenContentInformation, PeerDistServerPublishStream",
    {{"SHUTDOWN-1", kPartly, "its publications"}, {"SHUTDOWN-6"}, {"SOPENINFO-17", kPartly}, {"SPUBLISH-18", kPartly}},
    "after the publishing session's PeerDistShutdown, opening the content information of its identifier fails "
    "with ERROR_NOT_FOUND and publishing it again (another session, length 0) succeeds",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
