// Progress of a long suite run, on stderr. On a terminal: one line redrawn in
// place ("\r", at most every 100 ms) with rules done, cases, elapsed time and
// an estimate of the time left. Otherwise (CI logs, pipes): one plain line
// per finished rule, and a line every 30 s within a long rule, so a log shows
// both what happened and that the run is alive. Wall time appears here only,
// never in a report file.
#ifndef REPORTS_PROGRESS_H_
#define REPORTS_PROGRESS_H_

#include <cstdint>
#include <functional>
#include <string>

namespace pd {

struct ProgressState {
  int rules_done = 0;
  int rules_total = 0;
  std::string rule;                // the rule running, or the one just finished
  std::string verdict;             // when a rule just finished: holds / VIOLATED / ERROR; "" while running
  std::uint64_t cases_done = 0;    // scenarios run so far (shrinking included)
  std::uint64_t cases_total = 0;   // scenarios planned (rules x cases of this shard)
  double elapsed_seconds = 0;
};

// "12.3 s" / "4 min 05 s" / "1 h 02 min".
std::string FormatDuration(double seconds);

// The estimate of the time left, from the share of planned cases done; ""
// while too little is done to say.
std::string EstimateLeft(const ProgressState& state);

// The terminal line: "pdconform: 3/14 rules, 3000/14000 cases, 0.4 s, ~1.5 s left (first-notify)".
std::string RenderProgressLine(const ProgressState& state);

// The log line for a finished rule:
// "pdconform: [3/14] first-notify: holds, 1000 cases; 0.4 s elapsed, ~1.5 s left".
std::string RenderProgressLogLine(const ProgressState& state);

class ProgressReporter {
 public:
  // `write` receives the bytes for stderr; `now` gives seconds since any
  // fixed point (tests pass a fake clock).
  ProgressReporter(bool terminal, std::function<void(const std::string&)> write, std::function<double()> now);

  // A case of `state.rule` ran (verdict empty), or the rule finished.
  void Update(ProgressState state);
  // Clears the terminal line; call before printing the report.
  void Finish();

 private:
  bool terminal_;
  std::function<void(const std::string&)> write_;
  std::function<double()> now_;
  double start_;
  double last_draw_ = -1;
  bool drawn_ = false;
};

}  // namespace pd

#endif  // REPORTS_PROGRESS_H_
