// Differential replay: `pdconform --diff DIR --impl X` replays every recorded
// scenario of DIR (NAME.pdscenario beside the NAME.trace a live run wrote,
// pdconform --record) against X in virtual time and compares what a caller can
// observe: every call's return (codes, BOOLs, out-values), every signal,
// packet and completion (codes, statuses, keys, bytes), status moves, and
// their order and the scenario step each happened in, but not their times;
// what the implementation delivers between two of the harness's own events
// is compared as a set (a live side reports it per poll).
#ifndef LIVE_TRACE_DIFF_H_
#define LIVE_TRACE_DIFF_H_

#include <optional>
#include <string>
#include <vector>

namespace pd {

// The observable lines of a rendered trace (sim/trace.h's Render()): each
// line without its "t=..." stamp; the harness's own step markers dropped;
// a peer copy's drawn latency dropped; each run of consecutive deliveries
// (signal, packet, overlapped-done) sorted.
std::vector<std::string> ObservableLines(const std::string& trace);

struct TraceDifference {
  std::size_t line = 0;  // 0-based index into the observable lines
  std::string recorded;  // "" when the recorded trace ended there
  std::string replayed;  // "" when the replayed trace ended there
};

// The first observable difference, or nullopt when there is none.
std::optional<TraceDifference> FirstDifference(const std::string& recorded_trace, const std::string& replayed_trace);

// The recorded cases of `dir`: NAME for each NAME.pdscenario with a
// NAME.trace beside it, sorted. Sets *error when the directory cannot be read.
std::vector<std::string> RecordedCases(const std::string& dir, std::string* error);

// The two observable traces side by side, `width` columns each, the
// differing line marked; for the console and a report.
std::string SideBySide(const std::string& recorded_trace, const std::string& replayed_trace, std::size_t width);

}  // namespace pd

#endif  // LIVE_TRACE_DIFF_H_
