// The report of a differential replay (`pdconform --diff DIR`): for each
// recorded case, whether the implementation replayed in virtual time shows a
// caller what the recording showed. Written like a suite report, into one
// report directory published as a whole (reports/report_dir.h):
//
//   report.html   the verdict, a table of the cases, and for each difference
//                 the two observable traces side by side, the differing line
//                 marked, with the scenario and the commands that replay it;
//   report.json   the same as data (schema "pdconform-diff/1", so --merge
//                 refuses it by name instead of misreading it);
//   junit.xml     one test case per recorded case, a difference a failure;
//   counterexamples/NAME.pdscenario, NAME.trace (the recording) and
//                 NAME.replayed.trace for each case that differs, so
//                 `pdconform --diff counterexamples --impl X` in the report
//                 directory diffs exactly the differing cases again.
//
// Deterministic like every report: same run, same bytes.
#ifndef LIVE_DIFF_REPORT_H_
#define LIVE_DIFF_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "live/trace_diff.h"
#include "reports/report_dir.h"

namespace pd {

struct DiffCase {
  std::string name;            // NAME of DIR/NAME.pdscenario and DIR/NAME.trace
  std::string scenario;        // the recorded scenario file, byte for byte
  std::string recorded_trace;  // DIR/NAME.trace
  std::string replayed_trace;  // the implementation's trace of the same scenario
  std::optional<TraceDifference> difference;  // nullopt: the caller sees the same
  std::string replay;          // the command that replays the case, run in the report directory
};

struct DiffRun {
  std::string impl;          // --impl, as given
  std::string recorded_dir;  // --diff DIR, as given
  std::string rediff;        // the command that diffs the differing cases again, in the report directory
  std::vector<DiffCase> cases;  // sorted by name

  int Differences() const;
};

// Where a differing case's files go inside the report directory.
std::string DiffScenarioFile(const std::string& name);
std::string DiffRecordedTraceFile(const std::string& name);
std::string DiffReplayedTraceFile(const std::string& name);
// The directory of those files, relative to the report directory.
constexpr char kDiffCasesDir[] = "counterexamples";

std::string RenderDiffHtml(const DiffRun& run);
std::string RenderDiffJson(const DiffRun& run);
std::string RenderDiffJunit(const DiffRun& run);

// Every file of the report directory: the three reports and each differing
// case's scenario and traces.
std::vector<ReportFile> DiffReportFiles(const DiffRun& run);

}  // namespace pd

#endif  // LIVE_DIFF_REPORT_H_
