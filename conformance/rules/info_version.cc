// info-version: PEERDIST_RETRIEVAL_OPTIONS choose the content information's
// version, and PEERDIST_STATUS_INFO says which versions the service
// supports. The version is observable as the version field of the harness's
// content information format (sim/content_info.h), which every
// implementation that runs under the World writes. Judged:
// - the information a content-information handle delivered (its retrieves
//   taken in order decode whole) is of a version the Ex open asked for, and
//   of one the implementation last reported supporting before the open
//   (dwMinVer..dwMaxVer of a successful GetStatusEx or RegisterEx
//   notification), for either open function; recorded by the harness as a
//   finding starting kInfoVersionFinding;
// - a well-formed Ex open of the whole of published, completed content,
//   asking one version N (options=N) while the service is AVAILABLE, on a
//   Windows 8 session, succeeds when N is a version the implementation last
//   reported supporting, and fails when it is not (it could only hand out a
//   version outside what was asked or outside what it supports).
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "conformance/rules/publication_history.h"
#include "sim/reported_versions.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> JudgeOpens(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  const PublicationHistory& publications = view.Derived<PublicationHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.function != ApiFunction::kServerOpenContentInformationEx) continue;
    const std::int64_t asked = DetailNumber(c.detail, "min=");
    if (asked < 0 || DetailNumber(c.detail, "max=") != asked) continue;
    if (!PublicationCallJudgeable(view, call) || !history.IsWin8Session(c.session)) continue;
    if (DetailNumber(c.detail, "offset=") != 0 || DetailNumber(c.detail, "length=") != 0) continue;
    const std::int64_t content = DetailNumber(c.detail, "id=");
    const PublicationState state = publications.At(content, call.call_index);
    if (state.kind != PublicationKind::kPublished || !state.complete) continue;
    const std::optional<ReportedVersions> reported = ReportedVersionsBefore(view.events(), call.call_index);
    if (!reported) continue;
    const bool supported = asked >= reported->min && asked <= reported->max;
    const bool succeeded = call.ret->code == ERROR_SUCCESS;
    if (supported == succeeded) continue;
    return At(*call.ret, CallName(call) + " of identifier " + std::to_string(content) +
                             ", published and completed, asking content information version " +
                             std::to_string(asked) + " only, the implementation having last reported supporting " +
                             std::to_string(reported->min) + ".." + std::to_string(reported->max) + ", returned " +
                             Code(call.ret->code) +
                             (supported ? "; expected ERROR_SUCCESS" : "; expected a failure (no version it could "
                                                                       "hand out is both asked for and supported)"));
  }
  return std::nullopt;
}

std::optional<Violation> Judge(const TraceView& view) {
  return Earlier(JudgeOpens(view),
                 FirstFindingWithPrefix(view, kInfoVersionFinding, "; expected a version within both ranges"));
}

PD_REGISTER_RULE((Rule{
    "info-version",
    344,
    Strength::kImplied,
    "the pages do not say how a version shows in the content information's bytes, nor that an open whose range "
    "no supported version meets fails: the rule reads the version field of the World's content information format "
    "(sim/content_info.h) and takes \"supported\" (dwMinVer..dwMaxVer) as what the service can hand out; "
    "AMBIGUITIES.md, \"Not classified: content information versions\"",
    "PEERDIST_RETRIEVAL_OPTIONS, PeerDistServerOpenContentInformationEx, PEERDIST_STATUS_INFO, PeerDistGetStatusEx, "
    "PeerDistRegisterForStatusChangeNotificationEx",
    {{"RETRIEVALOPTS-1"}, {"RETRIEVALOPTS-3"}, {"RETRIEVALOPTS-5"}, {"SOPENINFOEX-8"}, {"SOPENINFOEX-19"},
     {"SOPENINFOEX-20"}, {"STATUSINFO-5"}, {"STATUSINFO-9"},
     // "current status and capabilities": the capabilities are the versions reported.
     {"GETSTATUSEX-1", kPartly, "capabilities"}, {"GETSTATUSEX-3", kPartly, "capabilities"},
     {"STATUSINFO-1", kPartly, "capabilities"}, {"REGISTEREX-11", kPartly, "capabilities"}},
    "the content information handed out is of a version the Ex open's PEERDIST_RETRIEVAL_OPTIONS asked for and the "
    "implementation reports supporting (PEERDIST_STATUS_INFO dwMinVer..dwMaxVer); an Ex open asking one version "
    "succeeds exactly when that version is supported",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
