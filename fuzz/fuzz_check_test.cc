#include "fuzz/fuzz_check.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "conformance/scenario_file.h"
#include "fuzz/finding_file.h"
#include "fuzz/seed_corpus.h"
#include "fuzz/scenario_minimizer.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

ImplFactory Factory(const std::string& name) {
  const BuiltInImpl* impl = FindBuiltInImpl(name);
  EXPECT_NE(impl, nullptr) << name;
  return [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); };
}

Scenario Parse(const std::string& text) {
  auto parsed = ParseScenario(text);
  EXPECT_TRUE(std::holds_alternative<Scenario>(parsed)) << text;
  return std::get<Scenario>(parsed);
}

TEST(FuzzCheckTest, ReferenceHoldsAndAMutantBreaksItsRule) {
  const Scenario scenario = Parse("pdscenario 1\nseed 1\nstartup s0\nregister s0\nenv enable\nadvance 300000\n");
  EXPECT_FALSE(CheckScenario(scenario, Factory("reference")));
  const auto finding = CheckScenario(scenario, Factory("mutant:never-deliver"));
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->rule_id, "delivery-liveness");
  ASSERT_NE(finding->rule, nullptr);
  EXPECT_EQ(finding->rule->id, "delivery-liveness");
}

// Found by the fuzzer in its first minute: two GetOverlappedResult waits on
// a registration that rightly never completes (the status never changes)
// run the World into its virtual time limit. The caller hangs, as it would
// on Windows; the implementation did nothing wrong.
TEST(FuzzCheckTest, TheCallersOwnEndlessWaitsAreNotAFinding) {
  const Scenario scenario = Parse(
      "pdscenario 1\nseed 3\nstartup s0\nregister s0\nstartup s0\nunregister s0\n"
      "get-overlapped-result r0 wait\nget-overlapped-result r0 wait\nadvance 1000\n");
  bool horizon = false;
  const Trace trace = RunScenario(scenario, Factory("reference"));
  for (const TraceEvent& event : trace.events()) {
    horizon = horizon || (event.kind == TraceKind::kFinding && event.detail.find("virtual time limit") != std::string::npos);
  }
  EXPECT_TRUE(horizon) << "the scenario no longer reaches the horizon; pick one that does";
  EXPECT_FALSE(CheckScenario(scenario, Factory("reference")));
}

// The oracle runs with unlabelled step markers (RunConfig::label_steps),
// which must not change a verdict: over generated scenarios and every
// built-in implementation, it finds exactly what judging the labelled trace
// (the one pdconform --replay shows) finds, message for message.
TEST(FuzzCheckTest, UnlabelledStepsJudgeLikeTheLabelledTrace) {
  const std::vector<Scenario> scenarios = GeneratedSeedScenarios(/*seed=*/7, /*count=*/40);
  int violations = 0;
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    for (const Scenario& scenario : scenarios) {
      const std::vector<FuzzFinding> oracle = CheckScenarioAll(scenario, Factory(impl.name));
      const std::vector<FuzzFinding> labelled = JudgeTrace(RunScenario(scenario, Factory(impl.name)));
      ASSERT_EQ(oracle.size(), labelled.size()) << impl.name << "\n" << RenderScenario(scenario);
      for (std::size_t i = 0; i < oracle.size(); ++i) {
        EXPECT_EQ(oracle[i].rule_id, labelled[i].rule_id) << impl.name;
        EXPECT_EQ(oracle[i].violation.message, labelled[i].violation.message) << impl.name;
        EXPECT_EQ(oracle[i].violation.step, labelled[i].violation.step) << impl.name;
      }
      violations += static_cast<int>(oracle.size());
    }
  }
  EXPECT_GT(violations, 0) << "no mutant violated anything: the comparison proved nothing";
}

// PD_FUZZ_RULE's oracle: one rule judged, whatever else the trace breaks.
TEST(FuzzCheckTest, OneRuleIsJudgedAlone) {
  // mutant:set-event-on-port breaks event-and-port (order 50) before
  // host-objects (its own rule): the whole oracle names the first.
  const Scenario scenario =
      Parse("pdscenario 1\nseed 1\nstartup s0\nregister s0 port=new key=3\nenv enable\nadvance 200000\n");
  const auto first = CheckScenario(scenario, Factory("mutant:set-event-on-port"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->rule_id, "event-and-port");
  const auto own = CheckScenarioForRule(scenario, Factory("mutant:set-event-on-port"), *FindRule("host-objects"));
  ASSERT_TRUE(own);
  EXPECT_EQ(own->rule_id, "host-objects");
  EXPECT_EQ(own->violation.step, 3);
  EXPECT_FALSE(CheckScenarioForRule(scenario, Factory("mutant:set-event-on-port"), *FindRule("first-notify")));
  EXPECT_FALSE(CheckScenarioForRule(scenario, Factory("reference"), *FindRule("host-objects")));
}

TEST(FuzzCheckTest, HarnessFindingsAreViolations) {
  Trace trace;
  TraceEvent initial;
  initial.kind = TraceKind::kStep;
  initial.detail = "initial";
  initial.status = PEERDIST_STATUS_DISABLED;
  trace.Add(initial);
  TraceEvent finding;
  finding.kind = TraceKind::kFinding;
  finding.step = 0;
  finding.time = 5;
  finding.detail = "implementation threw: boom";
  trace.Add(finding);
  const std::vector<FuzzFinding> findings = JudgeTrace(trace);
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings.front().rule_id, kHarnessFindingId);
  EXPECT_EQ(findings.front().rule, nullptr);
  EXPECT_EQ(findings.front().violation.message, "implementation threw: boom");
  EXPECT_EQ(findings.front().violation.time, 5u);
}

// A trace of "startup s0; get-status s0" that reports DISABLED at
// `call_time`, with the service moving DISABLED -> AVAILABLE at
// `change_time`, recorded before or after the call.
Trace GetStatusTrace(VirtualTime call_time, VirtualTime change_time, bool change_first) {
  Trace trace;
  auto add = [&trace](TraceKind kind, int step, VirtualTime time, auto&& fill) {
    TraceEvent event;
    event.kind = kind;
    event.step = step;
    event.time = time;
    fill(event);
    trace.Add(event);
  };
  auto change = [&](int step) {
    add(TraceKind::kStatusChange, step, change_time, [](TraceEvent& e) {
      e.old_status = PEERDIST_STATUS_DISABLED;
      e.status = PEERDIST_STATUS_AVAILABLE;
    });
  };
  add(TraceKind::kStep, -1, 0, [](TraceEvent& e) {
    e.detail = "initial";
    e.status = PEERDIST_STATUS_DISABLED;
  });
  add(TraceKind::kStep, 0, 0, [](TraceEvent& e) { e.detail = "startup s0"; });
  add(TraceKind::kCall, 0, 0, [](TraceEvent& e) { e.function = ApiFunction::kStartup; });
  add(TraceKind::kReturn, 0, 0, [](TraceEvent& e) {
    e.function = ApiFunction::kStartup;
    e.session = 0;
    e.code = ERROR_SUCCESS;
  });
  if (change_first) change(0);
  add(TraceKind::kStep, 1, call_time, [](TraceEvent& e) { e.detail = "get-status s0"; });
  add(TraceKind::kCall, 1, call_time, [](TraceEvent& e) {
    e.function = ApiFunction::kGetStatus;
    e.session = 0;
    e.handle_open = 1;
    e.null_arg = 0;
  });
  add(TraceKind::kReturn, 1, call_time, [](TraceEvent& e) {
    e.function = ApiFunction::kGetStatus;
    e.session = 0;
    e.code = ERROR_SUCCESS;
    e.status = PEERDIST_STATUS_DISABLED;
  });
  add(TraceKind::kStep, 2, call_time, [](TraceEvent& e) { e.detail = "drain"; });
  if (!change_first) change(2);
  add(TraceKind::kStep, 2, call_time + kSecond, [](TraceEvent& e) { e.detail = "end"; });
  return trace;
}

bool Violates(const Trace& trace, const std::string& rule_id) {
  for (const FuzzFinding& finding : JudgeTrace(trace)) {
    if (finding.rule_id == rule_id) return true;
  }
  return false;
}

// Found by the fuzzer on the reference after ~650,000 executions: an
// environment action drawn with zero delay fires at t=0 during the drain,
// after a GetStatus at t=0 that rightly reported the status before it.
// status-report used to read the status *after* every change stamped t=0.
TEST(FuzzCheckTest, AStatusChangeLaterInTheSameInstantDoesNotFailGetStatus) {
  EXPECT_FALSE(Violates(GetStatusTrace(0, 0, /*change_first=*/false), "status-report"));
  // ... while a status that ended 200 ms before the call is still stale.
  EXPECT_TRUE(Violates(GetStatusTrace(200 * kMillisecond, 0, /*change_first=*/true), "status-report"));
}

// Found by fuzzing the example plugin in process (PD_FUZZ_IMPL=plugin:,
// about 39,000 executions): an info slot opened again while a retrieve on
// its earlier handle was pending; that retrieve's bytes were counted into
// the new handle's information, and retrieve-offset expected the new
// handle's first retrieve at offset 72 instead of 0.
TEST(FuzzCheckTest, AReopenedInfoSlotStartsItsOffsetsAtZero) {
  const Scenario scenario = Parse(
      "pdscenario 2\nseed 41\ninitial available\nstartup s0\n"
      "publish s0 t0 id=1 length=200 port=new key=5\nadd-to-stream s0 t0 bytes=128\n"
      "add-to-stream s0 t0 bytes=72\ncomplete-stream s0 t0\nadvance 100000\n"
      "open-info s0 i0 id=1 ex\nretrieve-info s0 i0 bytes=4096\n"
      "open-info s0 i0 id=1 ex\nretrieve-info s0 i0 bytes=4096\nadvance 100000\nend\n");
  EXPECT_FALSE(CheckScenario(scenario, Factory("reference")));
}

TEST(FindingFileTest, WritesAReplayableScenarioWithTheSuitesHeader) {
  const Scenario scenario = Parse("pdscenario 1\nseed 9\nstartup s1\nregister s1 port=new key=4\nenv enable\n");
  const auto finding = CheckScenario(scenario, Factory("mutant:never-deliver"));
  ASSERT_TRUE(finding);
  const std::string dir = std::string(std::getenv("TEST_TMPDIR")) + "/findings";
  const std::string path = WriteFindingFile(dir, scenario, "mutant:never-deliver", *finding);
  ASSERT_FALSE(path.empty());
  EXPECT_NE(path.find("mutant-never-deliver--delivery-liveness--"), std::string::npos) << path;
  EXPECT_EQ(WriteFindingFile(dir, scenario, "mutant:never-deliver", *finding), path) << "same scenario, same name";
  const auto loaded = LoadScenarioFile(path);
  ASSERT_TRUE(std::holds_alternative<Scenario>(loaded)) << std::get<std::string>(loaded);
  EXPECT_EQ(std::get<Scenario>(loaded), scenario);
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("# impl: mutant:never-deliver\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# rule: delivery-liveness (implied)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# replay: ./pd conform --impl mutant:never-deliver --replay " + path), std::string::npos)
      << text;
}

// An exec: finding is named after every word of the command, so two Python
// programs' findings do not share a name; a long path never passes 64 bytes.
TEST(FindingFileTest, AnExternalImplementationIsNamedByItsCommandsBaseNames) {
  const Scenario scenario = Parse("pdscenario 1\nseed 9\nstartup s1\nregister s1 port=new key=4\nenv enable\n");
  const auto finding = CheckScenario(scenario, Factory("mutant:never-deliver"));
  ASSERT_TRUE(finding);
  const std::string dir = std::string(std::getenv("TEST_TMPDIR")) + "/named";
  const std::string exec =
      WriteFindingFile(dir, scenario, "exec:python3 /some/where/example_impl.py --bug=skip-event-when-port", *finding);
  EXPECT_NE(exec.find("/exec-python3_example_impl.py_--bug-skip-event-when-port--delivery-liveness--"),
            std::string::npos)
      << exec;
  const std::string plugin =
      WriteFindingFile(dir, scenario, "plugin:/" + std::string(300, 'd') + "/libexample.so", *finding);
  EXPECT_NE(plugin.find("/plugin-libexample.so--delivery-liveness--"), std::string::npos) << plugin;
}

TEST(ScenarioMinimizerTest, KeepsOnlyWhatTheViolationNeeds) {
  const Scenario noisy = Parse(
      "pdscenario 1\nseed 77\ninitial unavailable\nstartup s2\nget-status s2 ex\nstartup s1 version=1\n"
      "register s1 ex port=new key=99 event=none\nenv lose\nadvance 5000\nget-status s1\nenv regain\n"
      "advance 20000\nget-overlapped-result r0\nenv restart\nadvance 900000\nshutdown s2\n");
  const ImplFactory make = Factory("mutant:never-deliver");
  const MinimizeResult result = MinimizeScenario(noisy, ShowsRule("delivery-liveness", make));
  EXPECT_TRUE(result.reproduced);
  EXPECT_TRUE(ShowsRule("delivery-liveness", make)(result.scenario));
  // A session and a registration are all it takes (the status starts
  // unavailable, so it already differs from the DISABLED baseline).
  EXPECT_LE(result.scenario.steps.size(), 3u) << RenderScenario(result.scenario);
  EXPECT_EQ(result.scenario.seed, 0u);
  // Deterministic.
  EXPECT_EQ(MinimizeScenario(noisy, ShowsRule("delivery-liveness", make)).scenario, result.scenario);
  // Nothing to minimise on the reference.
  EXPECT_FALSE(MinimizeScenario(noisy, ShowsRule("delivery-liveness", Factory("reference"))).reproduced);
}

}  // namespace
}  // namespace pd
