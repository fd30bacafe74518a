// Shrinks a scenario that shows a violation to a small one that still shows
// the same rule's violation: first whole steps are dropped (halves, then
// quarters, ... then single steps), then every field is pushed toward its
// default by lowering the bytes of its fuzz record (scenario_decoder.h) one
// at a time, then the seed and initial status. Working on records means a
// step kind added to step_codecs.cc is shrunk without any change here.
// Deterministic, and bounded by a budget of scenario runs.
#ifndef FUZZ_SCENARIO_MINIMIZER_H_
#define FUZZ_SCENARIO_MINIMIZER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "scenario/scenario.h"
#include "scenario/scenario_runner.h"

namespace pd {

struct MinimizeResult {
  Scenario scenario;   // the smallest scenario found that still shows the rule
  int runs = 0;        // scenarios run
  bool reproduced = false;  // the input showed the rule at all
};

// Whether `scenario` shows the violation being minimised.
using ShowsViolation = std::function<bool(const Scenario& scenario)>;

MinimizeResult MinimizeScenario(const Scenario& input, const ShowsViolation& shows, int max_runs = 20000);

// The usual predicate: some violation of `rule_id` when run against `make_impl`.
ShowsViolation ShowsRule(const std::string& rule_id, const ImplFactory& make_impl);

}  // namespace pd

#endif  // FUZZ_SCENARIO_MINIMIZER_H_
