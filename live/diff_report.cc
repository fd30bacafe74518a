#include "live/diff_report.h"

namespace pd {

int DiffRun::Differences() const {
  int differences = 0;
  for (const DiffCase& diff_case : cases) differences += diff_case.difference ? 1 : 0;
  return differences;
}

std::string DiffScenarioFile(const std::string& name) {
  return std::string(kDiffCasesDir) + "/" + name + ".pdscenario";
}
// NAME.trace beside NAME.pdscenario is what --diff reads as the recording.
std::string DiffRecordedTraceFile(const std::string& name) {
  return std::string(kDiffCasesDir) + "/" + name + ".trace";
}
std::string DiffReplayedTraceFile(const std::string& name) {
  return std::string(kDiffCasesDir) + "/" + name + ".replayed.trace";
}

std::vector<ReportFile> DiffReportFiles(const DiffRun& run) {
  std::vector<ReportFile> files;
  for (const DiffCase& diff_case : run.cases) {
    if (!diff_case.difference) continue;
    files.push_back({DiffScenarioFile(diff_case.name), diff_case.scenario});
    files.push_back({DiffRecordedTraceFile(diff_case.name), diff_case.recorded_trace});
    files.push_back({DiffReplayedTraceFile(diff_case.name), diff_case.replayed_trace});
  }
  files.push_back({"report.html", RenderDiffHtml(run)});
  files.push_back({"junit.xml", RenderDiffJunit(run)});
  // Last, like a suite report: report.json is the file readers wait for.
  files.push_back({"report.json", RenderDiffJson(run)});
  return files;
}

}  // namespace pd
