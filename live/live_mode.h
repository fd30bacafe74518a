// Real-time mode: `pdconform --impl live:'COMMAND'` runs the suite against a
// real peerdist.dll through pdlive.exe (live/win32/pdlive.c), started as
// COMMAND. The line protocol is exec:'s (adapters/PROTOCOL.md); what changes
// is what the harness may conclude, because the other side runs in real time:
//
//   - pdlive.exe keeps real time in step with the harness's clock (it sleeps
//     until real time reaches virtual time at every poll), so a scenario's
//     delays become real waits and a trace's times are when pdlive saw the
//     DLL act, to within one poll;
//   - every answer is bounded by --timeout-ms (raised to kLiveTimeoutMs
//     unless given), a blocking wait by pdlive's --wait-ms;
//   - the liveness bound is --liveness-ms (conformance/rule.h);
//   - the rules real time cannot judge are left out of a run that names no
//     --rules, and the run says which and why.
#ifndef LIVE_LIVE_MODE_H_
#define LIVE_LIVE_MODE_H_

#include <string>
#include <vector>

namespace pd {

inline constexpr char kLivePrefix[] = "live:";
// A live answer may include real sleeps up to the harness's next instant and
// a wait of the DLL's; Wine's first start alone takes seconds.
inline constexpr int kLiveTimeoutMs = 30000;

struct UnjudgedRule {
  const char* id;
  const char* why;  // one line
};

bool IsLiveSpec(const std::string& spec);
// The exec: spec that starts the same command.
std::string ExecSpecOf(const std::string& live_spec);

// The rules a real-time run cannot judge, and why.
const std::vector<UnjudgedRule>& RulesRealTimeCannotJudge();

// The rules a live run judges when none were named: `all` without the ones
// above.
std::vector<std::string> LiveRules(const std::vector<std::string>& all);

// The lines a live run prints before the suite: what it leaves out.
std::string LiveModeNote(bool rules_named);

}  // namespace pd

#endif  // LIVE_LIVE_MODE_H_
