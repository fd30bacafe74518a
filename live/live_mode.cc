#include "live/live_mode.h"

#include <algorithm>

namespace pd {

bool IsLiveSpec(const std::string& spec) { return spec.rfind(kLivePrefix, 0) == 0; }

std::string ExecSpecOf(const std::string& live_spec) {
  return "exec:" + live_spec.substr(std::string(kLivePrefix).size());
}

const std::vector<UnjudgedRule>& RulesRealTimeCannotJudge() {
  static const std::vector<UnjudgedRule> rules = {
      {"no-hang",
       "a livelock in virtual time does not exist in real time; a real hang still ends the case as a finding of "
       "the --timeout-ms watchdog, but the rule's virtual-time bounds would misjudge pdlive's own polling"},
      {"consistent-interpretation",
       "which interpretation a scenario shows (e.g. early-completion: inside the call or after it returned) "
       "depends on a real race between the DLL's delivery thread and the call's return, not on the DLL's choice"},
  };
  return rules;
}

std::vector<std::string> LiveRules(const std::vector<std::string>& all) {
  std::vector<std::string> judged;
  for (const std::string& id : all) {
    const auto& unjudged = RulesRealTimeCannotJudge();
    const bool left_out = std::any_of(unjudged.begin(), unjudged.end(),
                                      [&](const UnjudgedRule& rule) { return id == rule.id; });
    if (!left_out) judged.push_back(id);
  }
  return judged;
}

std::string LiveModeNote(bool rules_named) {
  std::string note = "live: real time; a counterexample replays the scenario, not the timing\n";
  if (rules_named) return note;
  for (const UnjudgedRule& rule : RulesRealTimeCannotJudge()) {
    note += "live: rule " + std::string(rule.id) + " not judged in real time: " + rule.why + "\n";
  }
  return note;
}

}  // namespace pd
