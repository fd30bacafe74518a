// The console form of a suite run: a header line, one row per rule (verdict,
// cases run, and for a violation the shrunk scenario's length and the replay
// command), which interpretation the implementation followed for each
// ambiguity, and a summary line. Wall time appears here only, never in a
// report file.
#ifndef REPORTS_CONSOLE_REPORT_H_
#define REPORTS_CONSOLE_REPORT_H_

#include <string>

#include "reports/report_model.h"

namespace pd {

struct ConsoleOptions {
  bool color = false;         // ANSI colors (only when stdout is a terminal)
  double wall_seconds = -1;   // < 0: not shown
  // Where the report was written: counterexample paths are printed from
  // where pdconform ran ("" when no report was written).
  std::string report_dir;
};

std::string RenderConsoleReport(const Report& report, const ConsoleOptions& options);

// "1.23 s wall, 4567 calls/s" for the summary line.
std::string FormatThroughput(std::uint64_t api_calls, double wall_seconds);

}  // namespace pd

#endif  // REPORTS_CONSOLE_REPORT_H_
