// Executions per second of the fuzz target's body on the reference: decode
// the input, run the scenario in a fresh World, judge the trace with every
// rule (fuzz/fuzz_check.h). The throughput bar is 100,000 executions per
// second on one core for scenarios of up to 32 steps. Prints figures only;
// never fails on a time.
//
// The same inputs run through a plugin loaded in process
// (PD_FUZZ_IMPL=plugin:PATH.so, fuzz/external_target.h) beside the
// reference: the example C plugin, whose traces are the reference's, so the
// difference is the in-process plugin path's own cost (the bar: within 1.5x).
//
//   bazel run -c opt //bench:fuzz_exec_bench [-- --plugin=PATH.so]
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <variant>
#include <vector>

#include "fuzz/external_target.h"
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

// The plugin of --plugin=PATH, loaded once, or an empty factory.
ImplFactory& Plugin() {
  static ImplFactory plugin;
  return plugin;
}

void RunInputs(benchmark::State& state, const std::vector<std::vector<std::uint8_t>>& inputs,
               const ImplFactory& make = Reference()) {
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

void BM_FuzzExecGeneratedPlugin(benchmark::State& state) {
  RunInputs(state, GeneratedInputs(static_cast<std::size_t>(state.range(0))), Plugin());
}

void BM_FuzzExecRandomPlugin(benchmark::State& state) {
  RunInputs(state, RandomInputs(static_cast<std::size_t>(state.range(0))), Plugin());
}

// --plugin=PATH: open it as the fuzz target does and register its benchmarks.
bool TakePluginFlag(int* argc, char** argv) {
  for (int i = 1; i < *argc; ++i) {
    if (std::strncmp(argv[i], "--plugin=", 9) != 0) continue;
    const std::string spec = std::string("plugin:") + (argv[i] + 9);
    auto target = OpenExternalFuzzTarget(spec);
    if (auto* error = std::get_if<std::string>(&target)) {
      std::fprintf(stderr, "fuzz_exec_bench: %s\n", error->c_str());
      return false;
    }
    Plugin() = std::get<FuzzTarget>(target).make_impl;
    for (int j = i; j + 1 < *argc; ++j) argv[j] = argv[j + 1];
    --*argc;
    benchmark::RegisterBenchmark("BM_FuzzExecGeneratedPlugin", BM_FuzzExecGeneratedPlugin)->Arg(8)->Arg(16)->Arg(32);
    benchmark::RegisterBenchmark("BM_FuzzExecRandomPlugin", BM_FuzzExecRandomPlugin)->Arg(8)->Arg(16)->Arg(32);
    return true;
  }
  return true;
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) {
  if (!pd::TakePluginFlag(&argc, argv)) return 2;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
