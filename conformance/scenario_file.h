// Scenario files on disk: reading one for --replay (every error names the
// file and, when it can, the line: "dir/x.pdscenario:4: unknown step 'foo'"),
// and writing a counterexample in the scenario text form behind '#' comment
// lines that say which impl and rule it breaks and how to replay it.
#ifndef CONFORMANCE_SCENARIO_FILE_H_
#define CONFORMANCE_SCENARIO_FILE_H_

#include <string>
#include <variant>

#include "scenario/scenario.h"

namespace pd {

// The scenario in `path`, or one line of error starting with `path`.
std::variant<Scenario, std::string> LoadScenarioFile(const std::string& path);

// The same for text already read; `name` stands for the file in errors.
std::variant<Scenario, std::string> ParseScenarioFile(const std::string& name, const std::string& text);

struct CounterexampleHeader {
  std::string impl;
  std::string rule_id;
  std::string rule_strength;
  std::string rule_source;
  std::string rule_citation;
  int violation_step = -1;
  std::uint64_t violation_time = 0;
  std::string violation_message;
  std::string replay;  // the command that replays the file
  // Where `replay` runs when not where the file was written: a report's
  // counterexamples replay in the report directory (it may move as a whole).
  bool replay_in_report_dir = false;
  // A violation across two scenarios: the other file of the pair and what
  // this one shows ("" for a counterexample of one scenario).
  std::string paired;
};

// The '#' comment header followed by RenderScenario(scenario). Parsing the
// result gives `scenario` back.
std::string RenderCounterexampleFile(const Scenario& scenario, const CounterexampleHeader& header);

}  // namespace pd

#endif  // CONFORMANCE_SCENARIO_FILE_H_
