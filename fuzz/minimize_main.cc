// minimize_finding: turns what the fuzzer found into the smallest scenario
// that still breaks the same rule, written as a replayable scenario file.
//
//   minimize_finding [--impl NAME] [--rule ID] [--out FILE] INPUT
//
// INPUT is either a fuzz input (libFuzzer's crash-* file, raw bytes) or a
// scenario file (a finding the fuzzer wrote, any .pdscenario).
//   --impl  built-in implementation (default: $PD_FUZZ_IMPL, else the
//           "# impl:" line of a finding file, else reference)
//   --rule  the rule to keep violated (default: the "# rule:" line of a
//           finding file, else the first rule the input violates)
//   --out   where to write (default: a new finding file in $PD_FUZZ_OUT,
//           else ./fuzz-findings)
// The minimal scenario is also printed. Exit status: 0 written, 1 the input
// shows no violation (of that rule), 2 bad usage or input.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "conformance/scenario_file.h"
#include "fuzz/finding_file.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/scenario_decoder.h"
#include "fuzz/scenario_minimizer.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

int Usage(const std::string& problem) {
  std::fprintf(stderr, "minimize_finding: %s\nusage: minimize_finding [--impl NAME] [--rule ID] [--out FILE] INPUT\n",
               problem.c_str());
  return 2;
}

// The value of a "# label: value" header line, or "".
std::string HeaderValue(const std::string& text, const std::string& label) {
  std::istringstream in(text);
  const std::string prefix = "# " + label + ": ";
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, prefix.size(), prefix) == 0) return line.substr(prefix.size());
  }
  return "";
}

// Whether the first line that is neither blank nor a comment is the
// scenario header.
bool LooksLikeScenarioText(const std::string& text) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    return line.compare(start, 10, "pdscenario") == 0;
  }
  return false;
}

int Run(int argc, char** argv) {
  std::string impl_name, rule_id, out_path, input_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--impl" || arg == "--rule" || arg == "--out") && i + 1 < argc) {
      (arg == "--impl" ? impl_name : arg == "--rule" ? rule_id : out_path) = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return Usage("unknown flag " + arg);
    } else if (input_path.empty()) {
      input_path = arg;
    } else {
      return Usage("one input only");
    }
  }
  if (input_path.empty()) return Usage("no input");
  std::ifstream in(input_path, std::ios::binary);
  if (!in) return Usage("cannot read " + input_path);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  Scenario scenario;
  if (LooksLikeScenarioText(content)) {
    auto parsed = ParseScenarioFile(input_path, content);
    if (auto* error = std::get_if<std::string>(&parsed)) return Usage(*error);
    scenario = std::get<Scenario>(parsed);
    if (impl_name.empty()) impl_name = HeaderValue(content, "impl");
    if (rule_id.empty()) {
      const std::string rule = HeaderValue(content, "rule");
      rule_id = rule.substr(0, rule.find(' '));
    }
  } else {
    scenario = DecodeScenario(reinterpret_cast<const std::uint8_t*>(content.data()), content.size());
  }
  if (impl_name.empty()) {
    const char* env = std::getenv("PD_FUZZ_IMPL");
    impl_name = env != nullptr && *env != '\0' ? env : "reference";
  }
  const BuiltInImpl* impl = FindBuiltInImpl(impl_name);
  if (impl == nullptr) return Usage("no built-in implementation named '" + impl_name + "'");
  const ImplFactory make = [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); };

  if (rule_id.empty()) {
    const std::optional<FuzzFinding> first = CheckScenario(scenario, make);
    if (!first) {
      std::fprintf(stderr, "minimize_finding: %s violates no rule on %s\n", input_path.c_str(), impl_name.c_str());
      return 1;
    }
    rule_id = first->rule_id;
  }
  const MinimizeResult result = MinimizeScenario(scenario, ShowsRule(rule_id, make));
  if (!result.reproduced) {
    std::fprintf(stderr, "minimize_finding: %s does not violate %s on %s\n", input_path.c_str(), rule_id.c_str(),
                 impl_name.c_str());
    return 1;
  }
  FuzzFinding finding;
  for (const FuzzFinding& candidate : CheckScenarioAll(result.scenario, make)) {
    if (candidate.rule_id == rule_id) finding = candidate;
  }
  std::string path = out_path;
  if (path.empty()) {
    path = WriteFindingFile(FindingDirectory(), result.scenario, impl->name, finding);
    if (path.empty()) return 2;
  } else {
    std::ofstream out(path, std::ios::trunc);
    out << RenderFindingFile(result.scenario, impl->name, finding, path);
    if (!out) return Usage("cannot write " + path);
  }
  std::printf("%s", RenderScenario(result.scenario).c_str());
  std::fprintf(stderr, "minimize_finding: %s on %s: %zu steps -> %zu steps (%d runs); written to %s\nreplay: %s\n",
               rule_id.c_str(), impl->name.c_str(), scenario.steps.size(), result.scenario.steps.size(), result.runs,
               path.c_str(), ReplayCommandFor(impl->name, path).c_str());
  return 0;
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) { return pd::Run(argc, argv); }
