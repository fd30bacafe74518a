// Consistency of an interpretation across the scenarios of a run.
//
// The rule consistent-interpretation judges one trace: it must not show two
// interpretations of one ambiguity. An implementation can still follow one
// interpretation in one scenario and another in the next (a choice made per
// case, per session, per handle kind...): each trace is consistent, the run
// is not, and the ambiguity table says "inconsistent". RunConsistency
// watches every scenario a suite run executes, and finds the first pair of
// scenarios whose traces each show one interpretation of an ambiguity that
// is checked for consistency, and the two share none (or, for an ambiguity
// compared by value, show two values). Ambiguities that depend on timing
// (transient-flap) are not checked here either: they keep their own verdict
// ("varies with timing").
//
// The suite turns such a pair into a violation of consistent-interpretation
// (when no single trace broke it), shrinks both scenarios while they keep
// disagreeing, and reports both; `pdconform --replay FILE --paired FILE`
// replays the pair.
#ifndef CONFORMANCE_RUN_CONSISTENCY_H_
#define CONFORMANCE_RUN_CONSISTENCY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "conformance/ambiguities/ambiguity.h"
#include "conformance/rule.h"
#include "conformance/trace_view.h"
#include "scenario/scenario.h"
#include "scenario/scenario_runner.h"

namespace pd {

// What one trace shows of one ambiguity when all of its occurrences agree:
// the interpretations each of them is compatible with (every one, in the
// ambiguity's order), or for an ambiguity compared by value the one value,
// and the first occurrence (resolved) to name it by.
struct TraceStance {
  std::vector<std::string> compatible;
  std::string value;
  Occurrence first;
};

// The stance of a trace's occurrences of `ambiguity` (as locate() gives
// them), or nullopt when there are none or they disagree among themselves.
std::optional<TraceStance> StanceOf(const Ambiguity& ambiguity, const std::vector<Occurrence>& occurrences);

// Whether two stances show two interpretations: no interpretation shared
// (by value: two values).
bool Disagree(const Ambiguity& ambiguity, const TraceStance& a, const TraceStance& b);

// Two scenarios of a run that follow two interpretations of one ambiguity.
struct Disagreement {
  const Ambiguity* ambiguity = nullptr;
  Scenario first;  // the one whose interpretation the run saw first
  TraceStance first_stance;
  Scenario second;  // a later one, that shows another
  TraceStance second_stance;
};

class RunConsistency {
 public:
  RunConsistency();
  // One scenario of the run, with the occurrences locate() found in its
  // trace for the ambiguity at `index` in AllAmbiguities().
  void Add(std::size_t index, const Scenario& scenario, const std::vector<Occurrence>& occurrences);
  // Every ambiguity of one scenario's trace.
  void Add(const Scenario& scenario, const TraceView& view);
  // The disagreement found first in the run, for the first ambiguity (in
  // catalog order) that has one; nullopt when the run is consistent.
  std::optional<Disagreement> First() const;

 private:
  struct Seen {
    TraceStance stance;
    Scenario scenario;
  };
  struct PerAmbiguity {
    std::vector<Seen> seen;  // one per distinct stance, the first scenario that showed it
    std::optional<Disagreement> disagreement;
  };
  std::vector<PerAmbiguity> per_ambiguity_;
};

// Runs both scenarios of a pair and says whether they still disagree over
// `ambiguity` (the stances of this run of them), else nullopt.
std::optional<Disagreement> CheckPair(const Ambiguity& ambiguity, const Scenario& first, const Scenario& second,
                                      const ImplFactory& make_impl);

// Shrinks both scenarios of a disagreement, one holding the other fixed,
// while they keep disagreeing over the same ambiguity: steps dropped, then
// each step made simpler (StepShrinks), the initial status towards DISABLED
// and the seed towards 0. Deterministic; bounded by `max_runs` scenario
// runs. Returns the pair as found when it does not reproduce.
constexpr int kDefaultPairShrinkRuns = 4000;
Disagreement ShrinkDisagreement(const Disagreement& found, const ImplFactory& make_impl,
                                int max_runs = kDefaultPairShrinkRuns, int* runs = nullptr, RunStats* stats = nullptr);

// The violation of consistent-interpretation a disagreement is: at the
// second scenario's first occurrence; the message names the ambiguity, both
// interpretations and where each showed.
Violation ViolationOf(const Disagreement& disagreement);

// One line on the first scenario, for reports: "as-documented at step 1
// (RegisterEx r0 returned ERROR_SUCCESS)".
std::string DescribeFirst(const Disagreement& disagreement);

// Replays a pair (the counterexample and its paired scenario) and judges
// consistent-interpretation across the two: the violation, or nullopt when
// they agree on every ambiguity checked for consistency.
std::optional<Violation> JudgeAcross(const Scenario& paired, const Scenario& scenario, const ImplFactory& make_impl);

}  // namespace pd

#endif  // CONFORMANCE_RUN_CONSISTENCY_H_
