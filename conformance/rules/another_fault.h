// Which code a content-part call with one bad argument (a NULL required
// pointer, no data, a completion port that is not one) may answer instead of
// ERROR_INVALID_PARAMETER: the code of another fault it had too. Which of two
// faults is reported first is not documented (AMBIGUITIES.md, "Not
// classified: which of two bad arguments is reported first").
#ifndef CONFORMANCE_RULES_ANOTHER_FAULT_H_
#define CONFORMANCE_RULES_ANOTHER_FAULT_H_

#include "conformance/rules/content_rule_support.h"
#include "conformance/rules/publication_history.h"

namespace pd {
namespace rules {

inline bool IsContentFunction(ApiFunction function) { return function >= ApiFunction::kServerPublishStream; }

// Whether the call also had another bad argument, or met a state, that its
// code answers: a handle not open (or another session's) or invalidated, a
// bogus port, the service's status, an existing publication, retrieval
// options asking versions.
inline bool AnswersAnotherFault(const TraceView& view, const HandleHistory& history, const CallView& call) {
  const TraceEvent& c = *call.call;
  const std::int64_t code = call.ret->code;
  if (code == ERROR_INVALID_HANDLE) {
    if (c.port == -2) return true;  // a completion port handle that is not a port
    if (c.object_kind != HandleKind::kNone) {
      const OpenedHandle* handle = history.Handle(c.object);
      if (c.object_state != HandleState::kOpen || handle == nullptr || handle->session != c.session) return true;
    }
  }
  if (code == PEERDIST_ERROR_INVALIDATED && c.object_kind != HandleKind::kNone) {
    const OpenedHandle* handle = history.Handle(c.object);
    if (handle != nullptr && history.InvalidatedBy(*handle, call.call_index) != nullptr) return true;
  }
  const PEERDIST_STATUS status = StatusAfter(view, call.call_index);
  if (status == PEERDIST_STATUS_DISABLED && code == ERROR_ACCESS_DISABLED_BY_POLICY) return true;
  if (status == PEERDIST_STATUS_UNAVAILABLE && code == PEERDIST_ERROR_SERVICE_UNAVAILABLE) return true;
  // An Ex open whose retrieval options ask versions the implementation may
  // not support (info-version) may report that fault first.
  if (c.function == ApiFunction::kServerOpenContentInformationEx &&
      code == PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED && DetailNumber(c.detail, "min=") != kNoValue) {
    return true;
  }
  return c.function == ApiFunction::kServerPublishStream && code == PEERDIST_ERROR_ALREADY_EXISTS;
}

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_ANOTHER_FAULT_H_
