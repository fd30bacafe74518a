// One rule's check, shared by the suite's two ways of running rules: in the
// calling process one after another (suite.cc), and in job processes
// (suite_jobs.h). Internal to the suite.
#ifndef CONFORMANCE_SUITE_RULE_H_
#define CONFORMANCE_SUITE_RULE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "conformance/run_consistency.h"
#include "conformance/suite.h"
#include "conformance/trace_view.h"
#include "scenario/scenario.h"
#include "scenario/scenario_runner.h"

namespace pd {

// What a case shows beyond its rule's verdict (ambiguities, consistency
// across the run, coverage), when something other than the run's own state
// takes it: a job process records it to send to the suite.
using CaseRecorder = std::function<void(const Scenario&, const TraceView&)>;

// The rule's property over `options.cases` generated scenarios, shrunk on a
// violation. Its evidence goes to `recorder` when given, else into result's
// ambiguities and coverage and into `run`; its counts into result (whose
// `hangs` are the run's so far, for the hang budget). With `replay`, the
// shrunk counterexample is replayed for its trace (ReplayCounterexample).
RuleOutcome CheckRule(const Rule& rule, const SuiteOptions& options, const ImplFactory& make_impl,
                      const rc::Gen<Scenario>& generator, SuiteResult& result, RunConsistency& run,
                      std::function<void(std::uint64_t)> on_case, const CaseRecorder* recorder = nullptr,
                      bool replay = true);

// Replays outcome's shrunk counterexample with `make_impl` for its trace and
// its violation, counted in result; when it shows no violation, `outcome`
// gets `not_reproduced` as its error (unless it has one).
void ReplayCounterexample(const Rule& rule, const ImplFactory& make_impl, RuleOutcome& outcome, SuiteResult& result,
                          const std::string& not_reproduced);

std::vector<const Rule*> SelectRules(const std::vector<std::string>& ids);
std::vector<AmbiguityObservation> EmptyObservations();
// consistent-interpretation across the run (suite.cc): the outcome it changed, if any.
const RuleOutcome* JudgeRunConsistency(const RunConsistency& run, const ImplFactory& make_impl, SuiteResult& result);

// The rules of `options` run in options.jobs job processes (suite_jobs.cc);
// `rules` in order, each outcome appended to result.rules in that order.
void CheckRulesInJobs(const std::vector<const Rule*>& rules, const SuiteOptions& options, const ImplFactory& make_impl,
                      const rc::Gen<Scenario>& generator, SuiteResult& result, RunConsistency& run);

constexpr char kNotReproduced[] = "the shrunk counterexample did not reproduce the violation";

}  // namespace pd

#endif  // CONFORMANCE_SUITE_RULE_H_
