// no-crash: the implementation survives every call and every callback. A
// plugin's worker or an exec: program that dies (signal, exit), or that
// breaks the line protocol (garbage, an over-long line), and an in-process
// implementation that throws a C++ exception out of a call, leave a finding
// starting "no-crash: " (adapters/implementation_lost.h,
// scenario/scenario_runner.cc); the run stops there.
#include "adapters/implementation_lost.h"
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kCrashFindingPrefix,
                                "; expected every call to return and the implementation to keep running");
}

PD_REGISTER_RULE((Rule{
    "no-crash",
    192,
    Strength::kImplied,
    "peerdist.h (the Return value section of every function)",
    "If the function succeeds, the return value is ERROR_SUCCESS. Otherwise, the function may return one of "
    "the following values:",
    "every call returns a value: the implementation's process does not die (crash, abort, exit) and speaks "
    "the harness protocol (no garbage, no over-long line); an in-process one throws no exception out of a call",
    Judge,
    /*judges_cut_short_cases=*/true,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
