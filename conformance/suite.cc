#include "conformance/suite.h"

#include <exception>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>

#include <rapidcheck.h>

#include "conformance/run_consistency.h"
#include "conformance/scenario_gen.h"
#include "conformance/suite_rule.h"
#include "conformance/trace_view.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_text.h"
#include "sim/trace.h"

namespace pd {
namespace {

// RapidCheck's default listener may print progress (RC_PARAMS); the suite
// reports through its own channels only.
class SilentListener final : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::uint64_t Fnv1a(const std::string& text) {
  std::uint64_t hash = 0xCBF29CE484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001B3ull;
  }
  return hash;
}

// The RapidCheck seed of one (suite seed, rule, shard): a fixed mix, so the
// same options always draw the same scenarios, and every rule and every
// shard draws its own.
std::uint64_t PropertySeed(std::uint64_t suite_seed, const std::string& rule_id, int shard_index) {
  std::uint64_t x = SplitMix64(suite_seed);
  x = SplitMix64(x ^ Fnv1a(rule_id));
  x = SplitMix64(x ^ static_cast<std::uint64_t>(shard_index));
  return x;
}

// Cases of shard `index` of `count`: the shards split `cases` exactly.
int ShardCases(int cases, int index, int count) {
  if (cases <= 0) return 0;
  return cases / count + (index < cases % count ? 1 : 0);
}

ImplFactory FactoryFor(const std::string& impl_name, const ImplFactory& given) {
  if (given) return given;
  const BuiltInImpl* impl = FindBuiltInImpl(impl_name);
  if (impl == nullptr) return nullptr;
  return [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); };
}

}  // namespace

std::vector<const Rule*> SelectRules(const std::vector<std::string>& ids) {
  std::vector<const Rule*> selected;
  for (const Rule& rule : AllRules()) {
    bool wanted = ids.empty();
    for (const std::string& id : ids) wanted = wanted || id == rule.id;
    if (wanted) selected.push_back(&rule);
  }
  return selected;
}

std::vector<AmbiguityObservation> EmptyObservations() {
  std::vector<AmbiguityObservation> observations;
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    AmbiguityObservation observation;
    observation.ambiguity_id = ambiguity.id;
    observations.push_back(std::move(observation));
  }
  return observations;
}

namespace {

// `run` (may be null) also sees each ambiguity's occurrences, with the
// scenario that showed them.
void Classify(const TraceView& view, std::vector<AmbiguityObservation>& observations, RunConsistency* run = nullptr,
              const Scenario* scenario = nullptr) {
  const std::vector<Ambiguity>& ambiguities = AllAmbiguities();
  for (std::size_t i = 0; i < ambiguities.size() && i < observations.size(); ++i) {
    try {
      // locate keeps each occurrence's compatible set, so evidence that fits
      // two interpretations is settled by other traces, not counted twice.
      if (ambiguities[i].locate) {
        const std::vector<Occurrence> located = ambiguities[i].locate(view);
        observations[i].AddOccurrences(located);
        if (run != nullptr && scenario != nullptr) run->Add(i, *scenario, located);
      } else if (ambiguities[i].classify) {
        observations[i].Add(ambiguities[i].classify(view));
      }
    } catch (const std::exception&) {
      // A classifier that cannot read a trace says nothing about it.
    }
  }
}

std::optional<Violation> Judge(const Rule& rule, const TraceView& view) {
  if (!rule.judge) return std::nullopt;
  try {
    return rule.judge(view);
  } catch (const std::exception& error) {
    Violation violation;
    violation.message = std::string("checker error: the rule threw: ") + error.what();
    return violation;
  }
}

struct Evaluated {
  std::string trace;
  std::optional<Violation> violation;
};

// Everything one rule's property shares with the suite (the side channel).
struct PropertyContext {
  const Rule* rule = nullptr;
  const ImplFactory* make_impl = nullptr;
  const rc::Gen<Scenario>* generator = nullptr;
  std::vector<AmbiguityObservation>* observations = nullptr;
  RunConsistency* run = nullptr;
  CoverageMatrix* coverage = nullptr;
  std::uint64_t scenarios_run = 0;
  std::uint64_t api_calls = 0;
  // Generated cases (not shrink candidates): until the first failure, after
  // which RapidCheck only shrinks.
  bool failed = false;
  int cases_run = 0;
  int cases_reached = 0;
  int cases_hung = 0;
  int cases_skipped = 0;
  // The hang budget (SuiteOptions::max_rule_hangs, max_hangs).
  int max_rule_hangs = 0;
  int max_hangs = 0;
  int* run_hangs = nullptr;  // SuiteResult::hangs
  int consecutive_hangs = 0;
  bool rule_budget_spent = false;
  // The last failing scenario the property saw. RapidCheck adopts every
  // failing shrink candidate, so after checking this is the shrunk one.
  std::optional<Scenario> last_failing;
  std::optional<Violation> last_violation;  // what last_failing broke
  // Called after each scenario with this rule's generated cases so far (run
  // or skipped; never more than its budget: shrink runs are not cases).
  std::function<void(std::uint64_t)> on_case;
  const CaseRecorder* recorder = nullptr;  // set: takes the evidence instead of observations, run and coverage
};

std::string DescribeViolation(const Violation& violation) {
  return "step " + std::to_string(violation.step) + " at " + std::to_string(violation.time) +
         "us: " + violation.message;
}

}  // namespace

void ReplayCounterexample(const Rule& rule, const ImplFactory& make_impl, RuleOutcome& outcome, SuiteResult& result,
                          const std::string& not_reproduced) {
  RunStats stats;
  const Trace trace = RunScenario(*outcome.counterexample, make_impl, RunConfig{}, &stats);
  ++result.scenarios_run;
  result.api_calls += stats.api_calls;
  outcome.counterexample_trace = trace.Render();
  outcome.counterexample_events = trace;
  outcome.violation = Judge(rule, TraceView(trace));
  if (!outcome.violation && outcome.error.empty()) outcome.error = not_reproduced;
}

RuleOutcome CheckRule(const Rule& rule, const SuiteOptions& options, const ImplFactory& make_impl,
                      const rc::Gen<Scenario>& generator, SuiteResult& result, RunConsistency& run,
                      std::function<void(std::uint64_t)> on_case, const CaseRecorder* recorder, bool replay) {
  RuleOutcome outcome;
  outcome.rule = &rule;
  const int cases = ShardCases(options.cases, options.shard_index, options.shard_count);
  if (cases == 0) return outcome;

  PropertyContext context;
  context.rule = &rule;
  context.make_impl = &make_impl;
  context.generator = &generator;
  context.observations = &result.ambiguities;
  context.run = &run;
  context.coverage = &result.coverage;
  context.on_case = std::move(on_case);
  context.recorder = recorder;

  context.max_rule_hangs = options.max_rule_hangs;
  context.max_hangs = rule.judges_cut_short_cases ? 0 : options.max_hangs;
  context.run_hangs = &result.hangs;

  const auto property = [&context]() {
    // Drawn even when skipped, so RapidCheck's draws stay what they were.
    const Scenario scenario = *(*context.generator);
    const bool generated = !context.failed;  // else a shrink candidate
    if (generated) {
      const bool run_budget_spent = context.max_hangs > 0 && *context.run_hangs >= context.max_hangs;
      if (context.rule_budget_spent || run_budget_spent) {
        ++context.cases_skipped;
        if (context.on_case) context.on_case(context.cases_run + context.cases_skipped);
        return;
      }
    }
    RunStats stats;
    const Trace trace = RunScenario(scenario, *context.make_impl, RunConfig{}, &stats);
    ++context.scenarios_run;
    context.api_calls += stats.api_calls;
    const TraceView view(trace);
    if (generated) {
      ++context.cases_run;
      if (context.on_case) context.on_case(context.cases_run + context.cases_skipped);
      if (view.complete()) ++context.cases_reached;
      if (stats.hung) {
        ++context.cases_hung;
        ++*context.run_hangs;
        ++context.consecutive_hangs;
        if (context.max_rule_hangs > 0 && context.consecutive_hangs >= context.max_rule_hangs) {
          context.rule_budget_spent = true;
        }
      } else {
        context.consecutive_hangs = 0;
      }
    }
    if (context.recorder != nullptr) {
      (*context.recorder)(scenario, view);
    } else {
      Classify(view, *context.observations, context.run, &scenario);
      context.coverage->Add(view);
    }
    const std::optional<Violation> violation = Judge(*context.rule, view);
    if (violation) {
      context.failed = true;
      context.last_failing = scenario;
      context.last_violation = violation;
      RC_FAIL(DescribeViolation(*violation));
    }
  };

  rc::detail::TestMetadata metadata;
  metadata.id = rule.id;
  metadata.description = rule.id;
  rc::detail::TestParams params;
  params.seed = PropertySeed(options.seed, rule.id, options.shard_index);
  params.maxSuccess = cases;
  params.maxSize = 100;
  params.disableShrinking = false;
  SilentListener listener;
  const std::unordered_map<std::string, rc::detail::Reproduce> no_reproduce;
  const rc::detail::TestResult checked =
      rc::detail::checkTestable(property, metadata, params, listener, no_reproduce);

  result.scenarios_run += context.scenarios_run;
  result.api_calls += context.api_calls;
  outcome.cases_reached = context.cases_reached;
  outcome.cases_hung = context.cases_hung;
  outcome.cases_skipped = context.cases_skipped;
  result.cases_skipped += static_cast<std::uint64_t>(context.cases_skipped);

  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  rc::detail::Error error;
  if (checked.match(success)) {
    outcome.cases_run = success.numSuccess - context.cases_skipped;  // == context.cases_run
  } else if (checked.match(failure)) {
    outcome.cases_run = failure.numSuccess + 1;  // == context.cases_run
    outcome.violated = true;
    if (!context.last_failing) {
      outcome.error = "RapidCheck reported a failure the suite did not see: " + failure.description;
      return outcome;
    }
    outcome.counterexample = context.last_failing;
    outcome.violation = context.last_violation;  // the replay below judges again
    // Cross-check the side channel against RapidCheck's own record of the
    // shrunk value (rendered with showValue): they must agree.
    for (const auto& shown : failure.counterExample) {
      const auto parsed = ParseScenario(shown.second);
      if (const Scenario* reported = std::get_if<Scenario>(&parsed)) {
        if (!(*reported == *outcome.counterexample)) {
          outcome.error = "the shrunk counterexample RapidCheck reports differs from the last failing scenario";
          outcome.counterexample = *reported;
        }
      }
    }
    // Replay the shrunk counterexample for its trace and its violation.
    if (replay) ReplayCounterexample(rule, make_impl, outcome, result, kNotReproduced);
  } else if (checked.match(gave_up)) {
    outcome.cases_run = gave_up.numSuccess - context.cases_skipped;
    outcome.error = "RapidCheck gave up: " + gave_up.description;
  } else if (checked.match(error)) {
    outcome.error = "RapidCheck error: " + error.description;
  }
  return outcome;
}


// consistent-interpretation across the run: when no single trace broke it
// but two scenarios of the run follow two interpretations of an ambiguity,
// the rule is violated by that pair, both shrunk. Returns the outcome when
// it changed it.
const RuleOutcome* JudgeRunConsistency(const RunConsistency& run, const ImplFactory& make_impl, SuiteResult& result) {
  RuleOutcome* outcome = nullptr;
  for (RuleOutcome& candidate : result.rules) {
    if (candidate.rule != nullptr && candidate.rule->id == "consistent-interpretation") outcome = &candidate;
  }
  if (outcome == nullptr || outcome->violated || !outcome->error.empty() || !make_impl) return nullptr;
  const std::optional<Disagreement> found = run.First();
  if (!found) return nullptr;
  RunStats stats;
  int runs = 0;
  const Disagreement pair = ShrinkDisagreement(*found, make_impl, kDefaultPairShrinkRuns, &runs, &stats);
  result.scenarios_run += static_cast<std::uint64_t>(runs);
  const Trace second = RunScenario(pair.second, make_impl, RunConfig{}, &stats);
  const Trace first = RunScenario(pair.first, make_impl, RunConfig{}, &stats);
  result.scenarios_run += 2;
  result.api_calls += stats.api_calls;
  outcome->violated = true;
  outcome->counterexample = pair.second;
  outcome->counterexample_trace = second.Render();
  outcome->counterexample_events = second;
  outcome->violation = ViolationOf(pair);
  outcome->paired = pair.first;
  outcome->paired_trace = first.Render();
  outcome->paired_events = first;
  outcome->paired_note = DescribeFirst(pair);
  outcome->paired_step = pair.first_stance.first.step;
  outcome->paired_time = pair.first_stance.first.time;
  // The pair must still disagree as run here (it does, unless shrinking
  // could not reproduce the pair it was given).
  if (!CheckPair(*pair.ambiguity, pair.first, pair.second, make_impl)) {
    outcome->error = "the two scenarios that disagree across the run did not reproduce the disagreement";
  }
  return outcome;
}

bool SuiteResult::AllHold() const {
  for (const RuleOutcome& outcome : rules) {
    if (outcome.violated || !outcome.error.empty()) return false;
  }
  return true;
}

SuiteResult RunSuite(const SuiteOptions& options) {
  SuiteResult result;
  result.impl_name = options.impl_name;
  result.seed = options.seed;
  result.cases = options.cases;
  result.ambiguities = EmptyObservations();

  SuiteOptions safe = options;
  if (safe.shard_count < 1) safe.shard_count = 1;
  if (safe.shard_index < 0 || safe.shard_index >= safe.shard_count) safe.shard_index = 0;

  const ImplFactory make_impl = FactoryFor(options.impl_name, options.make_impl);
  const std::vector<const Rule*> rules = SelectRules(options.rule_ids);
  const rc::Gen<Scenario> generator = GenScenario();
  RunConsistency run;
  int done = 0;
  SuiteProgress progress;
  progress.rules_total = static_cast<int>(rules.size());
  const auto rule_cases =
      static_cast<std::uint64_t>(ShardCases(safe.cases, safe.shard_index, safe.shard_count));
  progress.cases_planned = static_cast<std::uint64_t>(rules.size()) * rule_cases;
  if (make_impl && safe.jobs > 0) {
    CheckRulesInJobs(rules, safe, make_impl, generator, result, run);
    done = static_cast<int>(rules.size());
    progress.rules_done = done;
    progress.cases_done = progress.cases_planned;
  }
  for (std::size_t next = static_cast<std::size_t>(done); next < rules.size(); ++next) {
    const Rule* rule = rules[next];
    progress.rule = rule;
    progress.finished = nullptr;
    std::function<void(std::uint64_t)> on_case;
    if (options.on_progress) {
      on_case = [&options, &progress, &done, rule_cases](std::uint64_t rule_cases_done) {
        progress.cases_done = static_cast<std::uint64_t>(done) * rule_cases + rule_cases_done;
        options.on_progress(progress);
      };
    }
    if (!make_impl) {
      RuleOutcome outcome;
      outcome.rule = rule;
      outcome.error = "unknown implementation '" + options.impl_name + "'";
      result.rules.push_back(std::move(outcome));
    } else {
      result.rules.push_back(CheckRule(*rule, safe, make_impl, generator, result, run, std::move(on_case)));
    }
    ++done;
    if (options.progress) options.progress(done, static_cast<int>(rules.size()));
    if (options.on_progress) {
      progress.rules_done = done;
      progress.finished = &result.rules.back();
      // A rule that stopped early (a violation) has used its whole budget.
      progress.cases_done = static_cast<std::uint64_t>(done) * rule_cases;
      options.on_progress(progress);
    }
  }
  // Across the run: a rule that held in its own turn may be violated now;
  // the progress says so once more.
  if (const RuleOutcome* changed = JudgeRunConsistency(run, make_impl, result); changed && options.on_progress) {
    progress.rule = changed->rule;
    progress.finished = changed;
    options.on_progress(progress);
  }
  return result;
}

bool ReplayResult::AllHold() const {
  for (const auto& verdict : verdicts) {
    if (verdict.second) return false;
  }
  return true;
}

ReplayResult ReplayScenario(const Scenario& scenario, const ImplFactory& make_impl,
                            const std::vector<std::string>& rule_ids) {
  ReplayResult result;
  result.ambiguities = EmptyObservations();
  const Trace trace = RunScenario(scenario, make_impl, RunConfig{});
  result.trace = trace.Render();
  const TraceView view(trace);
  for (const Rule* rule : SelectRules(rule_ids)) result.verdicts.emplace_back(rule, Judge(*rule, view));
  Classify(view, result.ambiguities);
  return result;
}

}  // namespace pd
