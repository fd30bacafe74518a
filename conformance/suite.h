// The conformance suite: for each selected rule, a RapidCheck property over
// generated scenarios, run against one implementation; a violation is shrunk
// to a minimal scenario. Also the replay of one scenario file.
#ifndef CONFORMANCE_SUITE_H_
#define CONFORMANCE_SUITE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/ambiguities/ambiguity.h"
#include "conformance/coverage_matrix.h"
#include "conformance/rule.h"
#include "scenario/scenario.h"
#include "scenario/scenario_runner.h"

namespace pd {

// 15 rules x 1000 scenarios run in about 0.3 s on 2 cores (README, "Figures").
constexpr int kDefaultCasesPerRule = 1000;

struct SuiteProgress;

struct SuiteOptions {
  std::string impl_name = "reference";
  ImplFactory make_impl;
  std::uint64_t seed = 1;
  int cases = kDefaultCasesPerRule;  // scenarios per rule
  std::vector<std::string> rule_ids;  // empty: every rule
  int shard_index = 0;                // this run covers seeds of shard i of n
  int shard_count = 1;
  // Called after each rule finishes (rules done, rules total); may be empty.
  std::function<void(int, int)> progress;
  // Called after every scenario and after each rule; may be empty. Finer
  // than `progress`: pdconform's progress line and its estimate use it.
  std::function<void(const SuiteProgress&)> on_progress;
};

struct RuleOutcome {
  const Rule* rule = nullptr;
  bool violated = false;
  int cases_run = 0;
  // When violated: the shrunk scenario, the violation it shows, and the
  // rendered trace of that scenario.
  std::optional<Scenario> counterexample;
  std::optional<Violation> violation;
  std::string counterexample_trace;
  Trace counterexample_events;  // the same trace, event by event (report.html draws it)
  // consistent-interpretation across the scenarios of the run (the
  // counterexample alone follows one interpretation): the earlier scenario it
  // disagrees with, shrunk too, its trace, and one line on what it shows.
  std::optional<Scenario> paired;
  std::string paired_trace;
  Trace paired_events;
  std::string paired_note;
  int paired_step = -1;        // where the paired scenario shows its interpretation
  VirtualTime paired_time = 0;
  // Non-empty when the rule could not be checked (RapidCheck gave up or
  // failed, or a counterexample did not reproduce); such a rule does not hold.
  std::string error;
};

// Where a suite run is, for a progress display.
struct SuiteProgress {
  int rules_done = 0;
  int rules_total = 0;
  const Rule* rule = nullptr;               // running, or just finished
  const RuleOutcome* finished = nullptr;    // set when `rule` just finished
  std::uint64_t scenarios_run = 0;          // so far, shrinking included
  std::uint64_t scenarios_planned = 0;      // rules x this shard's cases
};

struct SuiteResult {
  std::string impl_name;
  std::uint64_t seed = 0;
  int cases = 0;
  std::vector<RuleOutcome> rules;
  std::vector<AmbiguityObservation> ambiguities;  // in AllAmbiguities() order
  // Function x handle kind x status move, over every scenario run.
  CoverageMatrix coverage;
  std::uint64_t scenarios_run = 0;  // includes shrinking runs
  std::uint64_t api_calls = 0;

  bool AllHold() const;
};

SuiteResult RunSuite(const SuiteOptions& options);

// Runs one scenario and judges it with every rule (or the selected ones).
struct ReplayResult {
  std::string trace;  // rendered, byte-for-byte comparable
  std::vector<std::pair<const Rule*, std::optional<Violation>>> verdicts;
  std::vector<AmbiguityObservation> ambiguities;
  bool AllHold() const;
};

ReplayResult ReplayScenario(const Scenario& scenario, const ImplFactory& make_impl,
                            const std::vector<std::string>& rule_ids = {});

}  // namespace pd

#endif  // CONFORMANCE_SUITE_H_
