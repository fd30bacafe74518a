// report.json: the machine-readable verdict of a suite run, schema
// "pdconform-report/1". Keys come in a fixed order and nothing depends on
// wall time, so two runs with the same options give the same bytes.
//
// {
//   "schema": "pdconform-report/1",
//   "impl": "reference", "seed": 1, "cases": 200,
//   "shard": {"index": 0, "count": 1},
//   "rules": [
//     {"id", "strength", "source", "citation", "summary",
//      "verdict": "holds" | "violated" | "error", "cases", "error": null | "<why>",
//      "counterexample": null | {"steps", "file", "trace", "replay",
//                                "violation": {"step", "time", "message"}}}
//   ],
//   "ambiguities": [{"id", "question", "verdict", "occurrences": {"<interpretation>": n}}],
//   "totals": {"rules", "held", "violated", "errors", "scenarios", "api_calls"}
// }
//
// "time" is virtual time in microseconds; "step" is the 0-based index of the
// scenario step.
#ifndef REPORTS_JSON_REPORT_H_
#define REPORTS_JSON_REPORT_H_

#include <string>

#include "reports/report_model.h"

namespace pd {

std::string RenderJsonReport(const Report& report);

}  // namespace pd

#endif  // REPORTS_JSON_REPORT_H_
