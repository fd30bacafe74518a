// service-state-rows: the two rows every server and client page lists for a
// service that cannot serve — ERROR_ACCESS_DISABLED_BY_POLICY ("The feature
// is disabled by Group Policy") and PEERDIST_ERROR_SERVICE_UNAVAILABLE ("The
// service is unavailable") — answer the service status the call was made
// in, and its cause, and only those:
//  - no function returns ERROR_ACCESS_DISABLED_BY_POLICY unless the status
//    is DISABLED, nor PEERDIST_ERROR_SERVICE_UNAVAILABLE while it is
//    AVAILABLE;
//  - while the status is DISABLED for a cause an environment action named
//    (the trace's `cause` events, conformance/service_cause_history.h), a
//    function whose page lists the rows and answers one answers the row of
//    the cause: the policy row for a Group Policy, the unavailable row for a
//    stopped service (AMBIGUITIES.md, "Not classified: which row a
//    DISABLED service answers");
//  - a well-formed call that would open something new and has no other
//    fault (PeerDistServerPublishStream, PeerDistClientOpenContent) while the
//    status is UNAVAILABLE returns PEERDIST_ERROR_SERVICE_UNAVAILABLE, and
//    while it is DISABLED the row of the cause.
// A DISABLED whose cause no action named (the original actions disable and
// restart, an initial DISABLED: every trace written before causes existed)
// takes either row, and so does a service both stopped and under a policy.
// The leniency of two faults in one call applies as elsewhere: a publish of
// an identifier that may still be published may answer
// PEERDIST_ERROR_ALREADY_EXISTS. Opening content information is judged in
// the first two parts only: it has faults of its own the trace cannot rule
// out (the publication is unknown after a move, the Ex function's version
// and options).
#include "conformance/rule.h"
#include "conformance/rules/publication_history.h"
#include "conformance/service_cause_history.h"
#include "conformance/service_rows.h"

namespace pd {
namespace rules {
namespace {

bool OpensSomethingNew(ApiFunction function) {
  return function == ApiFunction::kServerPublishStream || function == ApiFunction::kClientOpenContent;
}

// The code of the other fault an opening call may report instead (-1: none).
std::int64_t OtherFault(const TraceView& view, const CallView& call) {
  const TraceEvent& c = *call.call;
  if (c.function != ApiFunction::kServerPublishStream) return -1;
  const PublicationState state = view.Derived<PublicationHistory>().At(DetailNumber(c.detail, "id="), call.call_index);
  const bool maybe_published = state.kind == PublicationKind::kUnknown || state.kind == PublicationKind::kOwnerShutDown ||
                               (state.kind == PublicationKind::kPublished && state.owner == c.session);
  return maybe_published ? PEERDIST_ERROR_ALREADY_EXISTS : -1;
}

// "DISABLED (cause: stopped)", or the status alone when it is not DISABLED.
std::string StatusWithCause(PEERDIST_STATUS status, const ServiceCauses& causes) {
  if (status != PEERDIST_STATUS_DISABLED) return StatusName(status);
  return StatusName(status) + " (cause: " + ServiceCausesName(causes) + ")";
}

std::string ExpectedRow(PEERDIST_STATUS status, const ServiceCauses& causes) {
  return status == PEERDIST_STATUS_DISABLED ? ServiceRowNameFor(causes) : "PEERDIST_ERROR_SERVICE_UNAVAILABLE";
}

std::optional<Violation> JudgeOpening(const TraceView& view, const CallView& call, PEERDIST_STATUS status,
                                      const ServiceCauses& causes) {
  const TraceEvent& c = *call.call;
  if (status == PEERDIST_STATUS_AVAILABLE || !OpensSomethingNew(c.function)) return std::nullopt;
  if (c.handle_open != 1 || c.null_arg == 1 || c.port == -2 || PassesEmptyIdentifier(c)) return std::nullopt;
  if (PassesUnlistedOptionsVersion(c)) return std::nullopt;
  const std::int64_t code = call.ret->code;
  if (IsServiceRowForCause(code, status, causes)) return std::nullopt;
  if (code == OtherFault(view, call)) return std::nullopt;
  return At(*call.ret, CallName(call) + " while the status was " + StatusWithCause(status, causes) + " returned " +
                           Code(code) + "; expected " + ExpectedRow(status, causes));
}

// A row that answers the status but not its cause (the policy row while a
// stopped service is DISABLED, or the other way round).
std::optional<Violation> JudgeCause(const CallView& call, PEERDIST_STATUS status, const ServiceCauses& causes) {
  const std::int64_t code = call.ret->code;
  if (status != PEERDIST_STATUS_DISABLED || !ListsServiceRows(call.call->function)) return std::nullopt;
  if (code != ERROR_ACCESS_DISABLED_BY_POLICY && code != PEERDIST_ERROR_SERVICE_UNAVAILABLE) return std::nullopt;
  if (IsServiceRowForCause(code, status, causes)) return std::nullopt;
  return At(*call.ret, CallName(call) + " returned " + Code(code) + " while the status was " +
                           StatusWithCause(status, causes) + "; expected the row of the cause, " +
                           ExpectedRow(status, causes));
}

std::optional<Violation> Judge(const TraceView& view) {
  const ServiceCauseHistory& history = view.Derived<ServiceCauseHistory>();
  for (const CallView& call : view.calls()) {
    if (call.ret == nullptr) continue;
    const PEERDIST_STATUS status = StatusAfter(view, call.call_index);
    const ServiceCauses causes = history.At(call.call_index);
    const std::int64_t code = call.ret->code;
    if (code == ERROR_ACCESS_DISABLED_BY_POLICY && status != PEERDIST_STATUS_DISABLED) {
      return At(*call.ret, CallName(call) + " returned ERROR_ACCESS_DISABLED_BY_POLICY while the status was " +
                               StatusName(status) + "; expected it only while the service is DISABLED");
    }
    if (code == PEERDIST_ERROR_SERVICE_UNAVAILABLE && status == PEERDIST_STATUS_AVAILABLE) {
      return At(*call.ret, CallName(call) +
                               " returned PEERDIST_ERROR_SERVICE_UNAVAILABLE while the status was available; expected "
                               "it only while the service is not available");
    }
    if (auto violation = JudgeCause(call, status, causes)) return violation;
    if (auto violation = JudgeOpening(view, call, status, causes)) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "service-state-rows",
    230,
    Strength::kInterpretation,
    "the rows give the codes and their meanings, not when each is due; the rule maps \"disabled by Group Policy\" to "
    "a DISABLED status a Group Policy keeps and \"unavailable\" to UNAVAILABLE or a DISABLED service stopped by its "
    "configuration (which row the page's \"according to configuration parameters\" answers is the harness's "
    "reading: AMBIGUITIES.md, \"Not classified: which row a DISABLED service answers\"), and reads the opening "
    "functions' rows as owed whenever the service cannot serve",
    "PeerDistServerPublishStream, PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, "
    "PeerDistServerUnpublish, PeerDistServerOpenContentInformation, "
    "PeerDistServerRetrieveContentInformation, PeerDistServerCloseContentInformation, "
    "PeerDistServerCancelAsyncOperation, PeerDistClientOpenContent, PeerDistClientAddContentInformation, "
    "PeerDistClientCompleteContentInformation, PeerDistClientAddData, PeerDistClientBlockRead, "
    "PeerDistClientStreamRead, PeerDistClientFlushContent, PeerDistClientCancelAsyncOperation, "
    "PEERDIST_STATUS",
    {{"SPUBLISH-19"}, {"SPUBLISH-20"}, {"COPEN-15"}, {"COPEN-16"},
     {"SOPENINFO-18"}, {"SOPENINFO-19"}, {"STATUS-2", kPartly},
     {"SADDTOSTREAM-14"}, {"SADDTOSTREAM-15"}, {"SCOMPLETESTREAM-10"},
     {"SCOMPLETESTREAM-11"}, {"SRETRIEVEINFO-13"}, {"SRETRIEVEINFO-14"},
     {"SCLOSEINFO-6"}, {"SUNPUBLISH-8"}, {"SUNPUBLISH-9"},
     {"SCANCEL-10"}, {"SCANCEL-11"}, {"CADDINFO-14"}, {"CADDINFO-15"},
     {"CCOMPLETEINFO-8"}, {"CCOMPLETEINFO-9"}, {"CADDDATA-15"},
     {"CADDDATA-16"}, {"CBLOCKREAD-20"}, {"CBLOCKREAD-21"},
     {"CSTREAMREAD-20"}, {"CSTREAMREAD-21"}, {"CFLUSH-13"}, {"CFLUSH-14"},
     {"CCANCEL-10"}, {"CCANCEL-11"}},
    "ERROR_ACCESS_DISABLED_BY_POLICY only while DISABLED and PEERDIST_ERROR_SERVICE_UNAVAILABLE never while "
    "AVAILABLE, from any function; while DISABLED for a cause the scenario named, a row is the row of the cause "
    "(policy: ERROR_ACCESS_DISABLED_BY_POLICY, stopped: PEERDIST_ERROR_SERVICE_UNAVAILABLE); publishing or opening "
    "content while the service cannot serve returns the row of the status and its cause (either row while the "
    "cause is unknown)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
