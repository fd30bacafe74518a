// Reads a report.json back into a Report: pdconform --merge joins shard
// reports through it. Reading is strict (every member the writer writes must
// be there with its type), so RenderJsonReport(ReadJsonReport(text)) == text
// for every text RenderJsonReport wrote.
#ifndef REPORTS_JSON_REPORT_READER_H_
#define REPORTS_JSON_REPORT_READER_H_

#include <string>
#include <variant>

#include "reports/report_model.h"

namespace pd {

// `name` stands for the file in errors. Returns the report or one line:
// "NAME: $.rules[2].cases: expected an integer" (or a JSON syntax error with
// line and column, or an unsupported schema version).
std::variant<Report, std::string> ReadJsonReport(const std::string& name, const std::string& text);

}  // namespace pd

#endif  // REPORTS_JSON_REPORT_READER_H_
