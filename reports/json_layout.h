// How report.json is laid out on the page. nlohmann-json serializes every
// string and number (escaping included); this only decides where lines break,
// which nlohmann's dump() cannot vary within one document: two-space
// indentation, one member or item per line, except the containers named
// below, which stay on one line so that a timeline of hundreds of events is
// hundreds of lines and a diff of two reports stays readable.
#ifndef REPORTS_JSON_LAYOUT_H_
#define REPORTS_JSON_LAYOUT_H_

#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace pd {

// `one_line_values`: keys whose value is written on one line ("checked_by":
// ["a", "b"]). `one_line_items`: keys of arrays each of whose items is
// written on one line (one timeline event per line). Ends with a newline.
std::string LayOutJson(const nlohmann::ordered_json& document, const std::set<std::string>& one_line_values,
                       const std::set<std::string>& one_line_items);

}  // namespace pd

#endif  // REPORTS_JSON_LAYOUT_H_
