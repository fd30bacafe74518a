#include "conformance/run_consistency.h"

#include <algorithm>
#include <utility>

#include "conformance/scenario_gen.h"
#include "sim/peerdist_types.h"

namespace pd {
namespace {

std::vector<std::string> CompatibleOf(const Occurrence& occurrence) {
  return occurrence.compatible.empty() ? std::vector<std::string>{occurrence.interpretation} : occurrence.compatible;
}

std::vector<std::string> Shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& id : a) {
    if (std::find(b.begin(), b.end(), id) != b.end()) out.push_back(id);
  }
  return out;
}

// "as-documented", or "peerdist-error-already-exists (code 4058)".
std::string Describe(const Ambiguity& ambiguity, const TraceStance& stance) {
  std::string out = stance.first.interpretation;
  if (ambiguity.consistency_by_value) out += " (code " + stance.value + ")";
  return out;
}

std::string Where(const Occurrence& occurrence) {
  return "step " + std::to_string(occurrence.step) + ": " + occurrence.note;
}

bool SameStance(const TraceStance& a, const TraceStance& b) { return a.compatible == b.compatible && a.value == b.value; }

std::optional<TraceStance> RunAndLocate(const Ambiguity& ambiguity, const Scenario& scenario,
                                        const ImplFactory& make_impl, RunStats* stats = nullptr) {
  RunStats one;
  const Trace trace = RunScenario(scenario, make_impl, RunConfig{}, &one);
  if (stats != nullptr) stats->api_calls += one.api_calls;
  const TraceView view(trace);
  return StanceOf(ambiguity, ambiguity.locate(view));
}

// Greedy shrinking of one scenario of a pair, the other's stance fixed.
class PairShrinker {
 public:
  PairShrinker(const Ambiguity& ambiguity, const ImplFactory& make_impl, int max_runs)
      : ambiguity_(ambiguity), make_impl_(make_impl), max_runs_(max_runs) {}

  std::optional<TraceStance> Stance(const Scenario& scenario) {
    ++runs_;
    return RunAndLocate(ambiguity_, scenario, make_impl_, &stats_);
  }

  // Makes `scenario` smaller while it keeps disagreeing with `other`;
  // `own` follows it. Whether anything was taken.
  bool Shrink(Scenario& scenario, TraceStance& own, const TraceStance& other) {
    bool any = false;
    const auto take = [&](const Scenario& candidate) {
      if (runs_ >= max_runs_) return false;
      const std::optional<TraceStance> stance = Stance(candidate);
      if (!stance || !Disagree(ambiguity_, *stance, other)) return false;
      scenario = candidate;
      own = *stance;
      any = true;
      return true;
    };
    // Whole steps, the last first (later steps depend on earlier ones).
    for (std::size_t i = scenario.steps.size(); i-- > 0;) {
      Scenario candidate = scenario;
      candidate.steps.erase(candidate.steps.begin() + static_cast<std::ptrdiff_t>(i));
      take(candidate);
    }
    // Each step made simpler, as long as a simpler one still disagrees.
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
      for (bool simpler = true; simpler && runs_ < max_runs_;) {
        simpler = false;
        for (const Step& step : StepShrinks(scenario.steps[i])) {
          Scenario candidate = scenario;
          candidate.steps[i] = step;
          if (take(candidate)) {
            simpler = true;
            break;
          }
        }
      }
    }
    if (scenario.initial_status != PEERDIST_STATUS_DISABLED) {
      Scenario candidate = scenario;
      candidate.initial_status = PEERDIST_STATUS_DISABLED;
      take(candidate);
    }
    // The seed towards 0: 0 itself, else halves while they still disagree.
    if (scenario.seed != 0) {
      Scenario candidate = scenario;
      candidate.seed = 0;
      if (!take(candidate)) {
        for (int i = 0; i < 64 && scenario.seed > 1; ++i) {
          candidate = scenario;
          candidate.seed = scenario.seed / 2;
          if (!take(candidate)) break;
        }
      }
    }
    return any;
  }

  int runs() const { return runs_; }
  const RunStats& stats() const { return stats_; }

 private:
  const Ambiguity& ambiguity_;
  const ImplFactory& make_impl_;
  const int max_runs_;
  int runs_ = 0;
  RunStats stats_;
};

}  // namespace

std::optional<TraceStance> StanceOf(const Ambiguity& ambiguity, const std::vector<Occurrence>& occurrences) {
  if (occurrences.empty() || FindInconsistency(ambiguity, occurrences)) return std::nullopt;
  TraceStance stance;
  stance.first = occurrences.front();
  if (ambiguity.consistency_by_value) {
    stance.value = occurrences.front().value;
    return stance;
  }
  stance.compatible = CompatibleOf(occurrences.front());
  for (const Occurrence& occurrence : occurrences) stance.compatible = Shared(stance.compatible, CompatibleOf(occurrence));
  // In the ambiguity's order, so equal stances compare equal.
  std::vector<std::string> ordered;
  for (const Interpretation& interpretation : ambiguity.interpretations) {
    if (std::find(stance.compatible.begin(), stance.compatible.end(), interpretation.id) != stance.compatible.end()) {
      ordered.push_back(interpretation.id);
    }
  }
  if (ordered.size() == stance.compatible.size()) stance.compatible = std::move(ordered);
  return stance;
}

bool Disagree(const Ambiguity& ambiguity, const TraceStance& a, const TraceStance& b) {
  if (ambiguity.consistency_by_value) return a.value != b.value;
  return Shared(a.compatible, b.compatible).empty();
}

RunConsistency::RunConsistency() : per_ambiguity_(AllAmbiguities().size()) {}

void RunConsistency::Add(std::size_t index, const Scenario& scenario, const std::vector<Occurrence>& occurrences) {
  const std::vector<Ambiguity>& ambiguities = AllAmbiguities();
  if (index >= ambiguities.size() || index >= per_ambiguity_.size()) return;
  const Ambiguity& ambiguity = ambiguities[index];
  // Timing decides a transient flap's fate: not an interpretation to keep.
  if (!ambiguity.checked_for_consistency) return;
  PerAmbiguity& per = per_ambiguity_[index];
  if (per.disagreement) return;
  const std::optional<TraceStance> stance = StanceOf(ambiguity, occurrences);
  if (!stance) return;
  for (const Seen& seen : per.seen) {
    if (!Disagree(ambiguity, seen.stance, *stance)) continue;
    per.disagreement = Disagreement{&ambiguity, seen.scenario, seen.stance, scenario, *stance};
    return;
  }
  for (const Seen& seen : per.seen) {
    if (SameStance(seen.stance, *stance)) return;
  }
  per.seen.push_back(Seen{*stance, scenario});
}

void RunConsistency::Add(const Scenario& scenario, const TraceView& view) {
  const std::vector<Ambiguity>& ambiguities = AllAmbiguities();
  for (std::size_t i = 0; i < ambiguities.size(); ++i) {
    if (ambiguities[i].checked_for_consistency) Add(i, scenario, ambiguities[i].locate(view));
  }
}

std::optional<Disagreement> RunConsistency::First() const {
  for (const PerAmbiguity& per : per_ambiguity_) {
    if (per.disagreement) return per.disagreement;
  }
  return std::nullopt;
}

std::optional<Disagreement> CheckPair(const Ambiguity& ambiguity, const Scenario& first, const Scenario& second,
                                      const ImplFactory& make_impl) {
  const std::optional<TraceStance> a = RunAndLocate(ambiguity, first, make_impl);
  const std::optional<TraceStance> b = RunAndLocate(ambiguity, second, make_impl);
  if (!a || !b || !Disagree(ambiguity, *a, *b)) return std::nullopt;
  return Disagreement{&ambiguity, first, *a, second, *b};
}

Disagreement ShrinkDisagreement(const Disagreement& found, const ImplFactory& make_impl, int max_runs, int* runs,
                                RunStats* stats) {
  if (found.ambiguity == nullptr) return found;
  const Ambiguity& ambiguity = *found.ambiguity;
  PairShrinker shrinker(ambiguity, make_impl, max_runs);
  const auto finish = [&](Disagreement pair) {
    if (runs != nullptr) *runs += shrinker.runs();
    if (stats != nullptr) stats->api_calls += shrinker.stats().api_calls;
    return pair;
  };
  std::optional<TraceStance> a = shrinker.Stance(found.first);
  std::optional<TraceStance> b = shrinker.Stance(found.second);
  if (!a || !b || !Disagree(ambiguity, *a, *b)) return finish(found);
  Disagreement pair{&ambiguity, found.first, *a, found.second, *b};
  for (bool progress = true; progress && shrinker.runs() < max_runs;) {
    progress = shrinker.Shrink(pair.second, pair.second_stance, pair.first_stance);
    progress = shrinker.Shrink(pair.first, pair.first_stance, pair.second_stance) || progress;
  }
  return finish(pair);
}

Violation ViolationOf(const Disagreement& disagreement) {
  Violation violation;
  if (disagreement.ambiguity == nullptr) return violation;
  const Ambiguity& ambiguity = *disagreement.ambiguity;
  violation.step = disagreement.second_stance.first.step;
  violation.time = disagreement.second_stance.first.time;
  violation.message = ambiguity.id + ": " + Describe(ambiguity, disagreement.first_stance) +
                      " in the paired scenario (" + Where(disagreement.first_stance.first) + "), then " +
                      Describe(ambiguity, disagreement.second_stance) + " in this one (" +
                      Where(disagreement.second_stance.first) +
                      "); expected one interpretation across the scenarios of a run";
  return violation;
}

std::string DescribeFirst(const Disagreement& disagreement) {
  if (disagreement.ambiguity == nullptr) return "";
  return disagreement.ambiguity->id + ": " + Describe(*disagreement.ambiguity, disagreement.first_stance) + " at " +
         Where(disagreement.first_stance.first);
}

std::optional<Violation> JudgeAcross(const Scenario& paired, const Scenario& scenario, const ImplFactory& make_impl) {
  const Trace first_trace = RunScenario(paired, make_impl, RunConfig{});
  const Trace second_trace = RunScenario(scenario, make_impl, RunConfig{});
  const TraceView first_view(first_trace);
  const TraceView second_view(second_trace);
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    if (!ambiguity.checked_for_consistency) continue;
    const std::optional<TraceStance> a = StanceOf(ambiguity, ambiguity.locate(first_view));
    const std::optional<TraceStance> b = StanceOf(ambiguity, ambiguity.locate(second_view));
    if (!a || !b || !Disagree(ambiguity, *a, *b)) continue;
    return ViolationOf(Disagreement{&ambiguity, paired, *a, scenario, *b});
  }
  return std::nullopt;
}

}  // namespace pd
