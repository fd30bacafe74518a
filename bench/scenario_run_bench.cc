// Throughput of the simulation path every front door shares: one scenario
// played in a fresh World against the reference implementation, then judged
// by every rule. Prints figures only; never fails on a time.
#include <benchmark/benchmark.h>

#include <string>
#include <variant>

#include "conformance/rule.h"
#include "conformance/trace_view.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

// Two sessions, flapping service, registrations with every argument shape:
// about the size and mix of a generated scenario.
const char kScenario[] = R"(pdscenario 1
seed 11
initial disabled
startup s0
startup s1
register s0 port=new key=5
register s1 ex
env enable
advance 60000
get-overlapped-result r0
register s0 ex port=last key=6
env lose
advance 30000
get-status s1 ex
register s1 event=none port=new key=1
env regain
advance 80000
unregister s0
register s0
env restart
advance 250000
get-status s0
shutdown s1
register s1
env disable
advance 90000
get-overlapped-result r4
)";

Scenario Fixture() { return std::get<Scenario>(ParseScenario(kScenario)); }

ImplFactory Reference() {
  return [](HostServices& host) { return MakeBuiltInImpl(*FindBuiltInImpl("reference"), host); };
}

void BM_RunScenario(benchmark::State& state) {
  const Scenario scenario = Fixture();
  const ImplFactory make = Reference();
  RunStats stats;
  for (auto _ : state) {
    Trace trace = RunScenario(scenario, make, RunConfig{}, &stats);
    benchmark::DoNotOptimize(trace.events().size());
  }
  state.counters["api_calls/s"] = benchmark::Counter(static_cast<double>(stats.api_calls), benchmark::Counter::kIsRate);
  state.counters["scenarios/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunScenario);

void BM_RunAndJudge(benchmark::State& state) {
  const Scenario scenario = Fixture();
  const ImplFactory make = Reference();
  std::size_t violations = 0;
  for (auto _ : state) {
    Trace trace = RunScenario(scenario, make);
    TraceView view(trace);
    for (const Rule& rule : AllRules()) violations += rule.judge(view).has_value();
  }
  state.counters["rules"] = static_cast<double>(AllRules().size());
  state.counters["violations"] = static_cast<double>(violations);
  state.counters["scenarios/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunAndJudge);

void BM_RenderTrace(benchmark::State& state) {
  const Trace trace = RunScenario(Fixture(), Reference());
  for (auto _ : state) benchmark::DoNotOptimize(trace.Render().size());
  state.counters["events"] = static_cast<double>(trace.events().size());
}
BENCHMARK(BM_RenderTrace);

}  // namespace
}  // namespace pd

BENCHMARK_MAIN();
