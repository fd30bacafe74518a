// The fuzzer's oracle: run a scenario in the World against an implementation
// and judge the trace with every rule of the catalog, exactly as the suite
// and `pdconform --replay` do. A harness finding in the trace (the
// implementation threw, broke the host contract, or ran past a World bound:
// the simulated form of a crash or a hang) counts as a violation too, except
// the virtual-time horizon a scenario's own endless waits run into (see
// IsCallerHang in fuzz_check.cc).
#ifndef FUZZ_FUZZ_CHECK_H_
#define FUZZ_FUZZ_CHECK_H_

#include <optional>
#include <string>
#include <vector>

#include "conformance/rule.h"
#include "scenario/scenario.h"
#include "scenario/scenario_runner.h"
#include "sim/trace.h"

namespace pd {

// Pseudo rule id of a harness finding (no rule of the catalog has it).
inline constexpr char kHarnessFindingId[] = "harness-finding";

struct FuzzFinding {
  std::string rule_id;
  const Rule* rule = nullptr;  // nullptr for a harness finding
  Violation violation;
};

// Every violation of `trace`: rules in AllRules() order, then harness
// findings. A rule that throws is reported as its own violation, like the
// suite does.
std::vector<FuzzFinding> JudgeTrace(const Trace& trace);

// The first of JudgeTrace(RunScenario(...)), or nullopt when all hold.
std::optional<FuzzFinding> CheckScenario(const Scenario& scenario, const ImplFactory& make_impl);

// Every violation of one run.
std::vector<FuzzFinding> CheckScenarioAll(const Scenario& scenario, const ImplFactory& make_impl);
// The violation of rule `rule` alone in one run, or nullopt (harness
// findings and other rules are not judged). `rule` must be registered.
std::optional<FuzzFinding> CheckScenarioForRule(const Scenario& scenario, const ImplFactory& make_impl,
                                                const Rule& rule);

}  // namespace pd

#endif  // FUZZ_FUZZ_CHECK_H_
