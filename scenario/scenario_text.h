// The text form of a scenario: versioned, line based, human-editable.
//
//   pdscenario 2              format version; always the first line
//   seed 42                   the World's PRNG seed
//   initial disabled          the service status at time 0
//   startup s0                steps, one per line, in order
//   register s0 ex port=new key=7
//   env enable                (enable disable lose regain restart; and the
//                             actions that name the cause of a DISABLED:
//                             policy-off policy-on stop start)
//   advance 150000            microseconds of virtual time
//   publish s0 t0 id=1 length=200   content steps name handle slots tN/iN/cN
//   block-read s1 c0 offset=64 bytes=32 timeout=local
//   client-cancel s1 c0 o3    ... and asynchronous operations oN
//   end                       the last line (version 2; version 1 has none)
//
// '#' starts a comment; blank lines are ignored. Render() writes options only
// when they differ from their defaults, so Parse(Render(s)) == s and
// Render(Parse(text)) is the canonical form of text.
#ifndef SCENARIO_SCENARIO_TEXT_H_
#define SCENARIO_SCENARIO_TEXT_H_

#include <string>
#include <variant>

#include "scenario/scenario.h"

namespace pd {

// Version 2 ends with an `end` line, so a file cut short is refused instead
// of replaying as a shorter scenario. Version 1 files (no `end`) still read.
constexpr int kScenarioFormatVersion = 2;  // the version RenderScenario writes
constexpr int kOldestScenarioFormatVersion = 1;

struct ScenarioParseError {
  int line = 0;  // 1-based; 0 for the file as a whole
  std::string message;
};

std::string RenderStep(const Step& step);
// The steps that start an asynchronous content operation (each one is the
// scenario's next oN, whatever its arguments).
bool IsAsyncContentStep(StepKind kind);
std::string RenderScenario(const Scenario& scenario);
std::variant<Scenario, ScenarioParseError> ParseScenario(const std::string& text);

}  // namespace pd

#endif  // SCENARIO_SCENARIO_TEXT_H_
