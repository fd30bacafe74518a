// A write outside a buffer the caller handed in is found through every kind
// of adapter, with the same finding (rule buffer-bounds) and a trace that
// replays the same:
//  - in process: the mutant status-info-overrun (guard bytes in the World);
//  - plugin: the example plugin built with -DEXAMPLE_BUG_STATUS_INFO_OVERRUN,
//    in a worker (its guarded copies report `wrote-outside`), and the same
//    plugin under pdplugin_host as an exec: program;
//  - exec: faulty_impl.py --fault=overrun, whose reads send a `mem` line one
//    byte longer than the read buffer.
//
// Arguments (runfiles paths): the overrun plugin, pdplugin_host, faulty_impl.py.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "adapters/external_impl.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"
#include "sim/trace.h"

namespace pd {
namespace {

struct Paths {
  std::string overrun_plugin, plugin_host, faulty_py;
};
Paths paths;

const char kStatusEx[] = R"(pdscenario 2
seed 3
initial available
startup s0
get-status s0 ex
advance 1000
end
)";

const char kWiderStatusInfo[] =
    "buffer-bounds: PeerDistGetStatusEx's pPeerDistStatus (PEERDIST_STATUS_INFO, 16 bytes) was written 4 byte(s) "
    "past its end";

Scenario Parse(const std::string& text) {
  auto parsed = ParseScenario(text);
  if (auto* error = std::get_if<ScenarioParseError>(&parsed)) {
    ADD_FAILURE() << "line " << error->line << ": " << error->message;
    return Scenario{};
  }
  return std::get<Scenario>(parsed);
}

Scenario Load(const std::string& name) {
  std::ifstream in("conformance/testdata/" + name + ".pdscenario");
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str());
}

ImplFactory BuiltIn(const std::string& name) {
  return [name](HostServices& host) { return MakeBuiltInImpl(*FindBuiltInImpl(name), host); };
}

ImplFactory Open(const std::string& spec) {
  auto opened = OpenExternalImpl(spec, ExternalImplOptions{});
  if (auto* error = std::get_if<std::string>(&opened)) {
    ADD_FAILURE() << spec << ": " << *error;
    return BuiltIn("reference");
  }
  return std::get<ExternalImplFactory>(opened);
}

std::vector<std::string> Findings(const Trace& trace) {
  std::vector<std::string> findings;
  for (const TraceEvent& event : trace.events()) {
    if (event.kind == TraceKind::kFinding) findings.push_back(event.detail);
  }
  return findings;
}

TEST(BufferBounds, TheReferenceWritesInsideEveryBufferOfTheCorpus) {
  for (const char* name : {"content_invalidation", "ex_variants", "ports_keys_events", "invalid_handles"}) {
    EXPECT_TRUE(Findings(RunScenario(Load(name), BuiltIn("reference"))).empty()) << name;
  }
}

TEST(BufferBounds, InProcessAWiderStatusInfoIsOneFinding) {
  const Trace trace = RunScenario(Parse(kStatusEx), BuiltIn("mutant:status-info-overrun"));
  EXPECT_EQ(Findings(trace), std::vector<std::string>{kWiderStatusInfo}) << trace.Render();
}

// The plugin's trace is the in-process mutant's, event for event: the same
// finding at the same instant, after the same return.
TEST(BufferBounds, PluginWorkerReportsTheSameWriteAsTheInProcessMutant) {
  const Scenario scenario = Parse(kStatusEx);
  const std::string want = RunScenario(scenario, BuiltIn("mutant:status-info-overrun")).Render();
  const ImplFactory plugin = Open("plugin:" + paths.overrun_plugin);
  EXPECT_EQ(RunScenario(scenario, plugin).Render(), want);
  EXPECT_EQ(RunScenario(scenario, plugin).Render(), want) << "replays the same";
}

TEST(BufferBounds, PluginUnderPdpluginHostReportsItToo) {
  const Scenario scenario = Parse(kStatusEx);
  const std::string want = RunScenario(scenario, BuiltIn("mutant:status-info-overrun")).Render();
  EXPECT_EQ(RunScenario(scenario, Open("exec:" + paths.plugin_host + " " + paths.overrun_plugin)).Render(), want);
}

TEST(BufferBounds, ExecProgramWritingOneBytePastAReadBufferIsAFinding) {
  const Scenario scenario = Load("content_invalidation");
  const ImplFactory program = Open("exec:/usr/bin/python3 " + paths.faulty_py + " --fault=overrun");
  const Trace trace = RunScenario(scenario, program);
  const std::vector<std::string> findings = Findings(trace);
  ASSERT_FALSE(findings.empty()) << trace.Render();
  EXPECT_EQ(findings[0].rfind(kBufferBoundsFinding, 0), 0u) << findings[0];
  EXPECT_NE(findings[0].find("Read's pBuffer (BYTE[], "), std::string::npos) << findings[0];
  EXPECT_NE(findings[0].find("was written 1 byte(s) past its end"), std::string::npos) << findings[0];
  for (const std::string& finding : findings) {
    EXPECT_EQ(finding.rfind(kBufferBoundsFinding, 0), 0u) << "nothing but the overruns: " << finding;
  }
  EXPECT_EQ(RunScenario(scenario, program).Render(), trace.Render()) << "replays the same";
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: buffer_bounds_test OVERRUN_PLUGIN PDPLUGIN_HOST FAULTY_PY\n");
    return 2;
  }
  pd::paths = {argv[1], argv[2], argv[3]};
  return RUN_ALL_TESTS();
}
