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
  // The hang budget (pdconform --max-rule-hangs, --max-hangs; 0: no bound).
  // A case cut short by a hang (RunStats::hung: the implementation stopped
  // answering within its wall-clock bound) costs that bound in wall time,
  // so an implementation that hangs on every case would cost it for every
  // case of every rule. After `max_rule_hangs` consecutive such cases of a
  // rule, that rule's remaining cases are skipped; after `max_hangs` such
  // cases in the whole run, every remaining case is skipped, except those of
  // the rules that judge hangs and crashes themselves
  // (Rule::judges_cut_short_cases), which the rule budget still bounds.
  // Shrinking a counterexample is never skipped. Skipped cases are counted
  // (RuleOutcome::cases_skipped), not run.
  int max_rule_hangs = 0;
  int max_hangs = 0;
};

struct RuleOutcome {
  const Rule* rule = nullptr;
  bool violated = false;
  int cases_run = 0;      // generated cases run (shrinking not included, skipped ones neither)
  // Of cases_run: how many reached their end (TraceView::complete(): no
  // crash, hang or other finding cut them short), and how many a hang cut
  // short (RunStats::hung).
  int cases_reached = 0;
  int cases_hung = 0;
  int cases_skipped = 0;  // not run: the hang budget ran out (SuiteOptions)
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
  // Generated cases so far, run or skipped: a finished rule counts its whole
  // budget, and shrink runs are not cases, so this never passes the plan.
  std::uint64_t cases_done = 0;
  std::uint64_t cases_planned = 0;          // rules x this shard's cases
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
  int hangs = 0;                    // generated cases cut short by a hang, over every rule
  std::uint64_t cases_skipped = 0;  // generated cases the hang budget skipped, over every rule

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
