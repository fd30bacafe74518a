#include "fuzz/fuzz_check.h"

#include <exception>

#include "conformance/trace_view.h"

namespace pd {
namespace {

// Every INFINITE wait the World cannot end jumps to a horizon half the
// virtual time limit away (sim/world.cc), so a scenario whose caller waits
// twice on an operation that rightly never completes (GetOverlappedResult
// with bWait on a registration whose status never changes) runs out of
// virtual time. That hang is the caller's, as on Windows, not the
// implementation's; whether the operation should have completed is
// delivery-liveness's business.
bool IsCallerHang(const TraceEvent& finding) {
  return finding.detail == "world bound exceeded: virtual time limit";
}

void JudgeInto(const Trace& trace, bool first_only, std::vector<FuzzFinding>& out) {
  const TraceView view(trace);
  // Rules first: where a rule covers a finding (no-crash, no-hang for the
  // plugin and process adapters), the report names the rule.
  for (const Rule& rule : AllRules()) {
    if (!rule.judge) continue;
    std::optional<Violation> violation;
    try {
      violation = rule.judge(view);
    } catch (const std::exception& error) {
      violation = Violation{-1, 0, std::string("checker error: the rule threw: ") + error.what()};
    }
    if (!violation) continue;
    out.push_back({rule.id, &rule, *violation});
    if (first_only) return;
  }
  for (std::size_t index : view.findings()) {
    const TraceEvent& event = trace.events()[index];
    if (IsCallerHang(event)) continue;
    out.push_back({kHarnessFindingId, nullptr, Violation{event.step, event.time, event.detail}});
    if (first_only) return;
  }
  if (trace.truncated()) {
    const VirtualTime end = trace.events().empty() ? 0 : trace.events().back().time;
    out.push_back({kHarnessFindingId, nullptr,
                   Violation{-1, end, "the trace exceeded " + std::to_string(Trace::kMaxEvents) + " events"}});
  }
}

// The oracle judges and never shows the trace: step markers go unlabelled.
// A finding is replayed with `pdconform --replay`, whose trace has them.
RunConfig OracleRunConfig() {
  RunConfig config;
  config.label_steps = false;
  return config;
}

}  // namespace

std::vector<FuzzFinding> JudgeTrace(const Trace& trace) {
  std::vector<FuzzFinding> out;
  JudgeInto(trace, /*first_only=*/false, out);
  return out;
}

std::optional<FuzzFinding> CheckScenario(const Scenario& scenario, const ImplFactory& make_impl) {
  std::vector<FuzzFinding> out;
  JudgeInto(RunScenario(scenario, make_impl, OracleRunConfig()), /*first_only=*/true, out);
  if (out.empty()) return std::nullopt;
  return out.front();
}

std::optional<FuzzFinding> CheckScenarioForRule(const Scenario& scenario, const ImplFactory& make_impl,
                                                const Rule& rule) {
  const Trace trace = RunScenario(scenario, make_impl, OracleRunConfig());
  const TraceView view(trace);
  std::optional<Violation> violation;
  try {
    violation = rule.judge(view);
  } catch (const std::exception& error) {
    violation = Violation{-1, 0, std::string("checker error: the rule threw: ") + error.what()};
  }
  if (!violation) return std::nullopt;
  return FuzzFinding{rule.id, &rule, *violation};
}

std::vector<FuzzFinding> CheckScenarioAll(const Scenario& scenario, const ImplFactory& make_impl) {
  return JudgeTrace(RunScenario(scenario, make_impl, OracleRunConfig()));
}

}  // namespace pd
