// A scenario: the whole reproduction of a run. The seed drives every draw the
// World makes (environment delays); the steps drive everything else.
#ifndef SCENARIO_SCENARIO_H_
#define SCENARIO_SCENARIO_H_

#include <cstdint>
#include <vector>

#include "scenario/step.h"
#include "sim/peerdist_types.h"

namespace pd {

struct Scenario {
  std::uint64_t seed = 0;
  PEERDIST_STATUS initial_status = PEERDIST_STATUS_DISABLED;
  std::vector<Step> steps;

  bool operator==(const Scenario& other) const {
    return seed == other.seed && initial_status == other.initial_status && steps == other.steps;
  }
};

}  // namespace pd

#endif  // SCENARIO_SCENARIO_H_
