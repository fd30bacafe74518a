// Per-call overhead of each adapter kind against the in-process adapter:
// PeerDistGetStatus on an open session (one out-buffer, one host request),
// and one whole scenario per iteration (which includes each kind's per-case
// cost: a fresh worker process per case for plugin:, a `reset` for exec:).
//
//   bazel run -c opt //bench:adapter_overhead_bench
//
// Prints figures only; never fails on a time. Paths are runfiles paths: run it
// with `bazel run` (the example plugin, pdplugin_host and the Python example
// are its data).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "adapters/external_impl.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"
#include "sim/world.h"

namespace pd {
namespace {

const char kPlugin[] = "adapters/examples/libexample_plugin.so";
const char kHost[] = "adapters/pdplugin_host";
const char kPython[] = "adapters/examples/example_impl.py";

enum Kind { kInProcess, kPluginWorker, kExecPluginHost, kExecPython };

const char* KindName(int kind) {
  switch (kind) {
    case kInProcess: return "in-process";
    case kPluginWorker: return "plugin";
    case kExecPluginHost: return "exec:pdplugin_host";
    case kExecPython: return "exec:python3";
  }
  return "?";
}

// One factory per kind for the whole benchmark run (an exec: process lives
// across cases, as in a suite run).
ImplFactory FactoryOf(int kind) {
  static std::map<int, ImplFactory> factories;
  auto it = factories.find(kind);
  if (it != factories.end()) return it->second;
  std::string spec;
  switch (kind) {
    case kInProcess:
      return factories[kind] = [](HostServices& host) {
        return MakeBuiltInImpl(*FindBuiltInImpl("reference"), host);
      };
    case kPluginWorker: spec = std::string("plugin:") + kPlugin; break;
    case kExecPluginHost: spec = std::string("exec:") + kHost + " " + kPlugin; break;
    case kExecPython: spec = std::string("exec:/usr/bin/python3 ") + kPython; break;
  }
  auto opened = OpenExternalImpl(spec, ExternalImplOptions{});
  if (auto* error = std::get_if<std::string>(&opened)) {
    std::fprintf(stderr, "adapter_overhead_bench: %s (run it with bazel run)\n", error->c_str());
    std::exit(2);
  }
  return factories[kind] = std::get<ExternalImplFactory>(opened);
}

void BM_GetStatusCall(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  state.SetLabel(KindName(kind));
  World world(1, WorldConfig{});
  std::unique_ptr<PeerDistAdapter> impl = FactoryOf(kind)(world);
  PEERDIST_INSTANCE_HANDLE session = nullptr;
  DWORD supported = 0;
  if (impl->PeerDistStartup(PEERDIST_VERSION, &session, &supported) != ERROR_SUCCESS) {
    state.SkipWithError("PeerDistStartup failed");
    return;
  }
  for (auto _ : state) {
    PEERDIST_STATUS status = PEERDIST_STATUS_DISABLED;
    benchmark::DoNotOptimize(impl->PeerDistGetStatus(session, &status));
    benchmark::DoNotOptimize(status);
  }
  state.counters["calls/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GetStatusCall)->DenseRange(kInProcess, kExecPython)->Unit(benchmark::kMicrosecond)->UseRealTime();

// About the size and mix of a generated scenario (cf. scenario_run_bench).
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
unregister s0
register s0
env restart
advance 250000
get-status s0
shutdown s1
)";

void BM_Scenario(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  state.SetLabel(KindName(kind));
  const Scenario scenario = std::get<Scenario>(ParseScenario(kScenario));
  const ImplFactory make = FactoryOf(kind);
  RunStats stats;
  for (auto _ : state) {
    Trace trace = RunScenario(scenario, make, RunConfig{}, &stats);
    benchmark::DoNotOptimize(trace.events().size());
  }
  state.counters["scenarios/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["api_calls/s"] = benchmark::Counter(static_cast<double>(stats.api_calls), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Scenario)->DenseRange(kInProcess, kExecPython)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace pd

BENCHMARK_MAIN();
