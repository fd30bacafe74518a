#include <nlohmann/json.hpp>

#include "live/diff_report.h"
#include "reports/json_layout.h"

namespace pd {

std::string RenderDiffJson(const DiffRun& run) {
  using Json = nlohmann::ordered_json;
  Json cases = Json::array();
  for (const DiffCase& diff_case : run.cases) {
    Json item = {{"name", diff_case.name}, {"same", !diff_case.difference}};
    if (diff_case.difference) {
      const TraceDifference& difference = *diff_case.difference;
      item["difference"] = {{"observable_line", difference.line + 1},
                            {"recorded", difference.recorded},
                            {"replayed", difference.replayed}};
      item["scenario_file"] = DiffScenarioFile(diff_case.name);
      item["recorded_trace_file"] = DiffRecordedTraceFile(diff_case.name);
      item["replayed_trace_file"] = DiffReplayedTraceFile(diff_case.name);
      item["replay"] = diff_case.replay;
    } else {
      item["difference"] = nullptr;
    }
    cases.push_back(std::move(item));
  }
  const Json document = {{"schema", "pdconform-diff/1"},
                         {"impl", run.impl},
                         {"recorded_dir", run.recorded_dir},
                         {"passed", run.Differences() == 0},
                         {"cases", run.cases.size()},
                         {"differences", run.Differences()},
                         {"rediff", run.rediff},
                         {"results", cases}};
  return LayOutJson(document, {"difference"}, {});
}

}  // namespace pd
