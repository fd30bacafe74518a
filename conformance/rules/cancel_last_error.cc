// cancel-last-error: right after PeerDistServerCancelAsyncOperation or
// PeerDistClientCancelAsyncOperation returns ERROR_SUCCESS, the caller's
// last error (what GetLastError returns: the host's SetLastError, which the
// in-process, plugin and process adapters all carry) is
// ERROR_OPERATION_ABORTED. The harness clears the last error before each
// cancel and records a finding starting kCancelLastErrorFinding when a
// successful one leaves another value.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kCancelLastErrorFinding, "; expected ERROR_OPERATION_ABORTED (995)");
}

PD_REGISTER_RULE((Rule{
    "cancel-last-error",
    345,
    Strength::kDocumented,
    "",
    "PeerDistServerCancelAsyncOperation, PeerDistClientCancelAsyncOperation",
    {{"SCANCEL-17"}, {"CCANCEL-17"}},
    "GetLastError right after a cancel that returned ERROR_SUCCESS returns ERROR_OPERATION_ABORTED",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
