// Runs a scenario in a fresh World against one implementation and returns
// the trace. The runner turns each step into a call (or an environment action
// or a time advance), owns every buffer the calls write to, and notes when an
// OVERLAPPED leaves the pending state.
#ifndef SCENARIO_SCENARIO_RUNNER_H_
#define SCENARIO_SCENARIO_RUNNER_H_

#include <functional>
#include <memory>

#include "adapters/peerdist_adapter.h"
#include "scenario/scenario.h"
#include "sim/host_services.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace pd {

using ImplFactory = std::function<std::unique_ptr<PeerDistAdapter>(HostServices&)>;

struct RunConfig {
  // Virtual time run after the last step, so that every bounded-liveness
  // window opened by the scenario closes inside the trace.
  Duration drain = 1 * kSecond;
  WorldConfig world;
  // Whether each step's marker carries the step's text, for people reading a
  // trace or a report. No rule reads it (the "initial", "drain" and "end"
  // markers are written either way); the fuzz oracle only judges and turns
  // it off, saving the rendering of every step (~7% of an execution).
  bool label_steps = true;
};

// Counters a benchmark or the suite summary reads.
struct RunStats {
  std::uint64_t api_calls = 0;
  // The adapter lost the implementation to a hang: it stopped answering
  // within its wall-clock bound (a "no-hang: " ImplementationLost). Not set
  // for a livelock in virtual time, which costs no wall-clock time to find.
  bool hung = false;
};

Trace RunScenario(const Scenario& scenario, const ImplFactory& make_impl, const RunConfig& config = {},
                  RunStats* stats = nullptr);

}  // namespace pd

#endif  // SCENARIO_SCENARIO_RUNNER_H_
