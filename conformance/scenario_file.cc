#include "conformance/scenario_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "scenario/scenario_text.h"

namespace pd {

std::variant<Scenario, std::string> ParseScenarioFile(const std::string& name, const std::string& text) {
  auto parsed = ParseScenario(text);
  if (auto* error = std::get_if<ScenarioParseError>(&parsed)) {
    if (error->line > 0) return name + ":" + std::to_string(error->line) + ": " + error->message;
    return name + ": " + error->message;
  }
  return std::get<Scenario>(std::move(parsed));
}

std::variant<Scenario, std::string> LoadScenarioFile(const std::string& path) {
  // A directory opens as a stream on Linux and reads as empty: say what it is.
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return path + ": is a directory, not a scenario file";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot read: " + std::strerror(errno);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return path + ": cannot read: " + std::strerror(errno);
  return ParseScenarioFile(path, buffer.str());
}

namespace {

// One or more comment lines: "# <label>: <text>", a multi-line text
// continued on further "#   " lines.
std::string Comment(const std::string& label, const std::string& text) {
  std::string out = "# " + label + ":";
  std::string line;
  bool first = true;
  std::istringstream in(text);
  for (std::string piece; std::getline(in, piece);) {
    if (!piece.empty() && piece.back() == '\r') piece.pop_back();
    out += first ? " " : "\n#   ";
    out += piece;
    first = false;
  }
  return out + "\n";
}

}  // namespace

std::string RenderCounterexampleFile(const Scenario& scenario, const CounterexampleHeader& header) {
  std::string out = "# pdconform counterexample: replay it with the command below.\n";
  out += Comment("impl", header.impl);
  out += Comment("rule", header.rule_id + " (" + header.rule_strength + ")");
  out += Comment("source", header.rule_source);
  out += Comment("citation", header.rule_citation);
  out += Comment("violation", "step " + std::to_string(header.violation_step) + ", t=" +
                                   std::to_string(header.violation_time) + " us: " + header.violation_message);
  if (!header.paired.empty()) out += Comment("paired", header.paired);
  out += Comment(header.replay_in_report_dir ? "replay in the report directory" : "replay", header.replay);
  out += RenderScenario(scenario);
  return out;
}

}  // namespace pd
