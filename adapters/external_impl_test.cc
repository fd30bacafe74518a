// The external adapters against the harness's own expectations:
//  - fidelity: every notification scenario of the replay corpus gives, through
//    the plugin worker, through pdplugin_host (exec:) and through the Python
//    example (exec:), the trace the in-process reference gives, byte for byte;
//  - isolation: a crash, an abort-free death, garbage and a hang each end the
//    case with one finding naming its rule, and the next case runs normally;
//  - refusal: bad specs fail to open with one line.
//
// Arguments (runfiles paths): example plugin, pdplugin_host, example_impl.py,
// segv plugin, hang plugin, faulty_impl.py.
#include "adapters/external_impl.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "adapters/implementation_lost.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"
#include "sim/trace.h"

namespace pd {
namespace {

struct Paths {
  std::string example_plugin, plugin_host, example_py, segv_plugin, hang_plugin, faulty_py;
};
Paths paths;

// The golden corpus: each example's trace must be the reference's.
const char* const kCorpus[] = {
    "content_invalidation",
    "ex_variants",
    "first_notify_after_enable",
    "first_registration_while_available",
    "invalid_handles",
    "ports_keys_events",
    "second_registration",
    "session_isolation",
    "shutdown_with_pending_registration",
    "unregister_cancels",
};

Scenario Load(const std::string& name) {
  std::ifstream in("conformance/testdata/" + name + ".pdscenario");
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseScenario(text.str());
  if (auto* error = std::get_if<ScenarioParseError>(&parsed)) {
    ADD_FAILURE() << name << ": line " << error->line << ": " << error->message;
    return Scenario{};
  }
  return std::get<Scenario>(parsed);
}

ImplFactory Reference() {
  return [](HostServices& host) { return MakeBuiltInImpl(*FindBuiltInImpl("reference"), host); };
}

ImplFactory Open(const std::string& spec, int timeout_ms = 2000) {
  ExternalImplOptions options;
  options.answer_timeout_ms = timeout_ms;
  auto opened = OpenExternalImpl(spec, options);
  if (auto* error = std::get_if<std::string>(&opened)) {
    ADD_FAILURE() << spec << ": " << *error;
    return Reference();
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

void ExpectReferenceTraces(const std::string& spec) {
  const ImplFactory external = Open(spec);
  for (const char* name : kCorpus) {
    const Scenario scenario = Load(name);
    const std::string want = RunScenario(scenario, Reference()).Render();
    const std::string got = RunScenario(scenario, external).Render();
    EXPECT_EQ(got, want) << spec << " on " << name;
  }
}

TEST(ExternalImpl, PluginWorkerGivesTheReferenceTraces) { ExpectReferenceTraces("plugin:" + paths.example_plugin); }

TEST(ExternalImpl, PluginUnderPdpluginHostGivesTheReferenceTraces) {
  ExpectReferenceTraces("exec:" + paths.plugin_host + " " + paths.example_plugin);
}

TEST(ExternalImpl, PythonExampleGivesTheReferenceTraces) {
  ExpectReferenceTraces("exec:/usr/bin/python3 " + paths.example_py);
}

// Three calls: the faulty implementations fail on the third.
const char kThreeCalls[] = R"(pdscenario 1
seed 3
initial available
startup s0
get-status s0
get-status s0 ex
advance 1000
)";

Scenario ThreeCalls() { return std::get<Scenario>(ParseScenario(kThreeCalls)); }

void ExpectOneFinding(const ImplFactory& make, const std::string& prefix, const std::string& contains) {
  const Trace trace = RunScenario(ThreeCalls(), make);
  const std::vector<std::string> findings = Findings(trace);
  ASSERT_EQ(findings.size(), 1u) << trace.Render();
  EXPECT_EQ(findings[0].rfind(prefix, 0), 0u) << findings[0];
  EXPECT_NE(findings[0].find(contains), std::string::npos) << findings[0];
  EXPECT_NE(findings[0].find("PeerDistGetStatusEx"), std::string::npos) << "names the call: " << findings[0];
}

TEST(ExternalImpl, SegfaultingPluginIsANoCrashFindingAndTheNextCaseRuns) {
  const ImplFactory make = Open("plugin:" + paths.segv_plugin);
  ExpectOneFinding(make, kCrashFindingPrefix, "signal 11 (SIGSEGV)");
  // The same, again: every case gets a fresh worker; shrinking relies on it.
  ExpectOneFinding(make, kCrashFindingPrefix, "signal 11 (SIGSEGV)");
}

TEST(ExternalImpl, HangingPluginIsANoHangFindingWithinTheBound) {
  const ImplFactory make = Open("plugin:" + paths.hang_plugin, 200);
  ExpectOneFinding(make, kHangFindingPrefix, "within 200 ms");
  ExpectOneFinding(make, kHangFindingPrefix, "within 200 ms");
}

TEST(ExternalImpl, DyingProgramIsANoCrashFinding) {
  const ImplFactory make = Open("exec:/usr/bin/python3 " + paths.faulty_py + " --fault=die");
  ExpectOneFinding(make, kCrashFindingPrefix, "exited with status 3");
  ExpectOneFinding(make, kCrashFindingPrefix, "exited with status 3");
}

TEST(ExternalImpl, GarbageIsANoCrashFindingQuotingWhatWasReceived) {
  const ImplFactory make = Open("exec:/usr/bin/python3 " + paths.faulty_py + " --fault=garbage");
  ExpectOneFinding(make, kCrashFindingPrefix, "received \"\\x01 this is not the protocol \\x7f\"");
}

TEST(ExternalImpl, SilentProgramIsANoHangFinding) {
  const ImplFactory make = Open("exec:/usr/bin/python3 " + paths.faulty_py + " --fault=hang", 300);
  ExpectOneFinding(make, kHangFindingPrefix, "within 300 ms");
}

TEST(ExternalImpl, BadSpecsAreRefusedWithOneLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plugin:", "expects a path"},
      {"plugin:/nonexistent/libnothing.so", "cannot load"},
      {"exec:", "expects a command"},
      {"exec:/nonexistent-program", "exited with status 127"},
      {"exec:/usr/bin/python3 " + paths.faulty_py + " --fault=hello", "hello 99"},
  };
  for (const auto& [spec, contains] : cases) {
    auto opened = OpenExternalImpl(spec, ExternalImplOptions{});
    const std::string* error = std::get_if<std::string>(&opened);
    ASSERT_NE(error, nullptr) << spec;
    EXPECT_NE(error->find(contains), std::string::npos) << spec << ": " << *error;
    EXPECT_EQ(error->find('\n'), std::string::npos) << *error;
  }
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  if (argc != 7) {
    std::fprintf(stderr, "usage: external_impl_test PLUGIN HOST EXAMPLE_PY SEGV_PLUGIN HANG_PLUGIN FAULTY_PY\n");
    return 2;
  }
  pd::paths = {argv[1], argv[2], argv[3], argv[4], argv[5], argv[6]};
  return RUN_ALL_TESTS();
}
