// The external adapters against the harness's own expectations:
//  - fidelity: every scenario of the replay corpus gives, through the plugin
//    worker, the plugin loaded in a job process, pdplugin_host (exec:) and
//    the Python example (exec:), the trace the in-process reference gives,
//    byte for byte;
//  - isolation: a crash, an abort-free death, garbage and a hang each end the
//    case with one finding naming its rule, and the next case runs normally;
//  - refusal: bad specs fail to open with one line;
//  - plugin code runs only in workers: a plugin whose constructor exits or
//    segfaults, whose pd_plugin_abi_version segfaults or whose destructor
//    exits is refused with one line naming where (the probe worker); the
//    same faults in a worker during the suite are a finding for the case;
//    and the harness process itself never loads the plugin.
//
// Arguments (runfiles paths): example plugin, pdplugin_host, example_impl.py,
// segv plugin, hang plugin, faulty_impl.py, the ctor_exit, ctor_segv,
// abi_segv and dtor_exit plugins.
#include "adapters/external_impl.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
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
  std::string ctor_exit_plugin, ctor_segv_plugin, abi_segv_plugin, dtor_exit_plugin;
};
Paths paths;

// The golden corpus: each example's trace must be the reference's.
const char* const kCorpus[] = {
    "closed_object_handles",
    "content_invalidation",
    "ex_variants",
    "first_notify_after_enable",
    "first_registration_while_available",
    "invalid_handles",
    "ports_keys_events",
    "read_end_of_content",
    "read_local_hit",
    "read_local_only_miss",
    "read_peer_hit",
    "read_ranged",
    "read_timeout",
    "second_registration",
    "service_cause",
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

// A job process (conformance/suite_jobs.h) loads the plugin and calls it
// directly: its host services must be the worker's, peers included. The
// child plays the job, so this process never loads the plugin.
TEST(ExternalImpl, PluginLoadedInAJobProcessGivesTheReferenceTraces) {
  const std::string dir = std::getenv("TEST_TMPDIR") != nullptr ? std::getenv("TEST_TMPDIR") : "/tmp";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto opened = ExternalImplOpenerFor("plugin:" + paths.example_plugin, ExternalImplOptions{})(false);
    if (std::holds_alternative<std::string>(opened)) _exit(3);
    const ImplFactory direct = std::get<ExternalImplFactory>(opened);
    for (const char* name : kCorpus) {
      std::ofstream(dir + "/direct_" + name + ".trace") << RunScenario(Load(name), direct).Render();
    }
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the job process failed: status " << status;
  for (const char* name : kCorpus) {
    std::ifstream in(dir + "/direct_" + name + ".trace");
    std::stringstream got;
    got << in.rdbuf();
    EXPECT_EQ(got.str(), RunScenario(Load(name), Reference()).Render()) << "plugin in a job process on " << name;
  }
}

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

// The test plugins' log (faulty_plugin.c): set for the scope, a fresh file.
class PluginLog {
 public:
  explicit PluginLog(const std::string& name, const char* fault_from_load = nullptr) {
    const char* dir = std::getenv("TEST_TMPDIR");
    path_ = std::string(dir != nullptr ? dir : "/tmp") + "/" + name + ".log";
    std::remove(path_.c_str());
    setenv("PD_TEST_PLUGIN_LOG", path_.c_str(), 1);
    if (fault_from_load != nullptr) setenv("PD_TEST_FAULT_FROM_LOAD", fault_from_load, 1);
  }
  ~PluginLog() {
    unsetenv("PD_TEST_PLUGIN_LOG");
    unsetenv("PD_TEST_FAULT_FROM_LOAD");
  }
  // The pids of the processes that loaded the plugin, in order.
  std::vector<long> Loads() const {
    std::vector<long> pids;
    std::ifstream in(path_);
    std::string what;
    long pid = 0;
    while (in >> what >> pid) {
      if (what == "load") pids.push_back(pid);
    }
    return pids;
  }

 private:
  std::string path_;
};

TEST(ExternalImpl, PluginsFailingAtLoadOrUnloadAreRefusedNamingWhere) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {paths.ctor_exit_plugin, "cannot load: the library's constructor exited with status 0"},
      {paths.ctor_segv_plugin, "cannot load: the library's constructor was killed by signal 11 (SIGSEGV)"},
      {paths.abi_segv_plugin, "cannot load: pd_plugin_abi_version was killed by signal 11 (SIGSEGV)"},
      {paths.dtor_exit_plugin, "cannot unload: the library's destructor exited with status 0"},
  };
  for (const auto& [plugin, contains] : cases) {
    auto opened = OpenExternalImpl("plugin:" + plugin, ExternalImplOptions{});
    const std::string* error = std::get_if<std::string>(&opened);
    ASSERT_NE(error, nullptr) << plugin;
    EXPECT_EQ(*error, "plugin " + plugin + ": " + contains);
  }
}

// The same faults from the second load on: the probe passes, and each case's
// worker fails while loading: a no-crash finding for the case that names the
// stage, and the next case runs (and fails) the same way.
TEST(ExternalImpl, PluginsFailingAtLoadDuringTheSuiteAreAFindingForTheCase) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {paths.ctor_exit_plugin,
       "exited with status 0 while handling `hello 1` (the worker was loading the plugin: the library's "
       "constructors)"},
      {paths.ctor_segv_plugin,
       "was killed by signal 11 (SIGSEGV) while handling `hello 1` (the worker was loading the plugin: the "
       "library's constructors)"},
      {paths.abi_segv_plugin,
       "was killed by signal 11 (SIGSEGV) while handling `hello 1` (the worker was in the plugin's "
       "pd_plugin_abi_version)"},
  };
  for (const auto& [plugin, contains] : cases) {
    PluginLog log("fault-from-load-2", "2");
    const ImplFactory make = Open("plugin:" + plugin);
    for (int run = 0; run < 2; ++run) {
      const Trace trace = RunScenario(ThreeCalls(), make);
      const std::vector<std::string> findings = Findings(trace);
      ASSERT_EQ(findings.size(), 1u) << trace.Render();
      EXPECT_EQ(findings[0].rfind(kCrashFindingPrefix, 0), 0u) << findings[0];
      EXPECT_NE(findings[0].find(contains), std::string::npos) << findings[0];
    }
    EXPECT_EQ(log.Loads().size(), 3u) << "the probe and one worker per case load it";
  }
}

TEST(ExternalImpl, TheHarnessProcessNeverLoadsThePlugin) {
  PluginLog log("never-in-harness");
  const ImplFactory make = Open("plugin:" + paths.segv_plugin);
  ExpectOneFinding(make, kCrashFindingPrefix, "signal 11 (SIGSEGV)");
  const std::vector<long> loads = log.Loads();
  EXPECT_EQ(loads.size(), 2u) << "the probe and the case's worker";
  for (long pid : loads) EXPECT_NE(pid, static_cast<long>(getpid()));
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  if (argc != 11) {
    std::fprintf(stderr,
                 "usage: external_impl_test PLUGIN HOST EXAMPLE_PY SEGV_PLUGIN HANG_PLUGIN FAULTY_PY CTOR_EXIT_PLUGIN "
                 "CTOR_SEGV_PLUGIN ABI_SEGV_PLUGIN DTOR_EXIT_PLUGIN\n");
    return 2;
  }
  pd::paths = {argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], argv[8], argv[9], argv[10]};
  return RUN_ALL_TESTS();
}
