// Executions per second of the fuzz target's body on the reference: decode
// the input, run the scenario in a fresh World, judge the trace with every
// rule (fuzz/fuzz_check.h). The throughput bar is 100,000 executions per
// second on one core for scenarios of up to 32 steps. Prints figures only;
// never fails on a time.
//
//   bazel run -c opt //bench:fuzz_exec_bench
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/scenario_decoder.h"
#include "fuzz/seed_corpus.h"
#include "impls/impl_catalog.h"
#include "sim/prng.h"

namespace pd {
namespace {

ImplFactory Reference() {
  const BuiltInImpl* impl = FindBuiltInImpl("reference");
  return [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); };
}

// Generated scenarios (the seed corpus's generator) of at most `max_steps`
// steps, encoded as fuzz inputs.
std::vector<std::vector<std::uint8_t>> GeneratedInputs(std::size_t max_steps) {
  std::vector<std::vector<std::uint8_t>> inputs;
  for (Scenario& scenario : GeneratedSeedScenarios(/*seed=*/99, 400)) {
    if (scenario.steps.size() > max_steps) scenario.steps.resize(max_steps);
    inputs.push_back(EncodeScenario(scenario));
  }
  return inputs;
}

// Random bytes of exactly `steps` records: what libFuzzer's mutations look
// like to the decoder.
std::vector<std::vector<std::uint8_t>> RandomInputs(std::size_t steps) {
  Prng prng(7);
  std::vector<std::vector<std::uint8_t>> inputs(256, std::vector<std::uint8_t>(InputSizeFor(steps)));
  for (auto& input : inputs) {
    for (std::uint8_t& byte : input) byte = static_cast<std::uint8_t>(prng.Next());
  }
  return inputs;
}

void RunInputs(benchmark::State& state, const std::vector<std::vector<std::uint8_t>>& inputs) {
  const ImplFactory make = Reference();
  std::size_t next = 0, steps = 0, findings = 0;
  for (auto _ : state) {
    const std::vector<std::uint8_t>& input = inputs[next++ % inputs.size()];
    const Scenario scenario = DecodeScenario(input);
    steps += scenario.steps.size();
    findings += CheckScenario(scenario, make).has_value();
  }
  state.counters["exec/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["steps/exec"] = static_cast<double>(steps) / static_cast<double>(state.iterations());
  state.counters["findings"] = static_cast<double>(findings);  // must stay 0 on the reference
}

void BM_FuzzExecGenerated(benchmark::State& state) {
  RunInputs(state, GeneratedInputs(static_cast<std::size_t>(state.range(0))));
}
BENCHMARK(BM_FuzzExecGenerated)->Arg(8)->Arg(16)->Arg(32);

void BM_FuzzExecRandom(benchmark::State& state) {
  RunInputs(state, RandomInputs(static_cast<std::size_t>(state.range(0))));
}
BENCHMARK(BM_FuzzExecRandom)->Arg(8)->Arg(16)->Arg(32);

}  // namespace
}  // namespace pd

BENCHMARK_MAIN();
