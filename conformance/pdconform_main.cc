// pdconform: the conformance suite command. See UsageText() in flags.cc.
//
//   pdconform [--impl NAME] [--seed N] [--cases N] [--rules ID,...]
//             [--shard I/N] [--report-dir DIR | --no-report]
//   pdconform --replay FILE [--impl NAME] [--rules ID,...] [--trace-out FILE]
//   pdconform --list-impls | --list-rules | --help
//
// Exit status: 0 every rule holds, 1 a rule is violated, 2 bad usage or bad
// input (one line on stderr).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "conformance/ambiguities/ambiguity.h"
#include "conformance/flags.h"
#include "conformance/rule.h"
#include "conformance/scenario_file.h"
#include "conformance/suite.h"
#include "impls/impl_catalog.h"
#include "reports/atomic_file.h"
#include "reports/console_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/report_model.h"
#include "reports/text_table.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

constexpr int kExitHolds = 0;
constexpr int kExitViolated = 1;
constexpr int kExitUsage = 2;

int Fail(const std::string& line) {
  std::cout.flush();
  std::cerr << "pdconform: " << line << "\n";
  return kExitUsage;
}

bool UseColor(int fd) {
  if (!isatty(fd)) return false;
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string(term) != "dumb";
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

ImplFactory FactoryFor(const BuiltInImpl* impl) {
  return [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); };
}

int ListImpls() {
  TextTable table({"NAME", "CAUGHT BY", "DESCRIPTION"});
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    table.AddRow({impl.name, impl.killed_by.empty() ? "-" : impl.killed_by, impl.description});
  }
  std::cout << table.Render(false);
  return kExitHolds;
}

// One aligned line per rule (id, strength, source), then its citation
// indented on the next line: citations are long, and `grep -A1 ID` finds both.
int ListRules() {
  TextTable table({"ID", "STRENGTH", "SOURCE"});
  for (const Rule& rule : AllRules()) table.AddRow({rule.id, StrengthName(rule.strength), rule.source});
  std::istringstream lines(table.Render(false));
  std::string line;
  std::getline(lines, line);
  std::cout << line << "\n";
  for (const Rule& rule : AllRules()) {
    std::getline(lines, line);
    std::cout << line << "\n    \"" << rule.citation << "\"\n";
  }
  return kExitHolds;
}

// How the user runs this binary, for the replay commands it prints: the
// front door (./pd) says so through PDCONFORM_COMMAND; otherwise the bare
// name. Only the environment decides, so reports stay reproducible.
std::string CommandName() {
  const char* command = std::getenv("PDCONFORM_COMMAND");
  return command != nullptr && *command != '\0' ? command : "pdconform";
}

std::string ReplayCommand(const std::string& impl, const std::string& file) {
  return CommandName() + " --impl " + ShellQuote(impl) + " --replay " + ShellQuote(file);
}

AmbiguityReport ToReport(const AmbiguityObservation& observation) {
  AmbiguityReport report;
  report.id = observation.ambiguity_id;
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    if (ambiguity.id == observation.ambiguity_id) report.question = ambiguity.question;
  }
  report.verdict = observation.Verdict();
  report.occurrences = observation.occurrences;
  return report;
}

RuleReport RuleHeader(const Rule& rule) {
  RuleReport report;
  report.id = rule.id;
  report.strength = StrengthName(rule.strength);
  report.source = rule.source;
  report.citation = rule.citation;
  report.summary = rule.summary;
  return report;
}

int Replay(const Flags& flags, const BuiltInImpl* impl) {
  auto loaded = LoadScenarioFile(flags.replay_file);
  if (auto* error = std::get_if<std::string>(&loaded)) return Fail(*error);
  const Scenario& scenario = std::get<Scenario>(loaded);
  const ReplayResult result = ReplayScenario(scenario, FactoryFor(impl), flags.rules);
  if (!flags.trace_out.empty()) {
    if (std::string error = WriteFileAtomically(flags.trace_out, result.trace); !error.empty()) return Fail(error);
  }

  std::cout << "pdconform: replay " << flags.replay_file << " (" << scenario.steps.size() << " steps, seed "
            << scenario.seed << ") against " << flags.impl << "\n\n";
  const bool color = UseColor(STDOUT_FILENO);
  TextTable table({"RULE", "STRENGTH", "VERDICT", "STEP", "TIME", "VIOLATION"});
  int violated = 0;
  for (const auto& [rule, violation] : result.verdicts) {
    if (violation) ++violated;
    table.AddRow({
        rule->id,
        StrengthName(rule->strength),
        violation ? TableCell("VIOLATED", "1;31") : TableCell("holds", "32"),
        // Events after the last step happen while the runner drains time.
        !violation ? "-"
        : violation->step >= static_cast<int>(scenario.steps.size()) ? "end"
                                                                      : std::to_string(violation->step),
        violation ? std::to_string(violation->time) : "-",
        violation ? violation->message : "",
    });
  }
  std::cout << table.Render(color);
  if (!result.ambiguities.empty()) {
    TextTable ambiguities({"AMBIGUITY", "INTERPRETATION FOLLOWED"});
    for (const AmbiguityObservation& observation : result.ambiguities) {
      ambiguities.AddRow({observation.ambiguity_id, observation.Verdict()});
    }
    std::cout << "\n" << ambiguities.Render(color);
  }
  std::cout << "\n"
            << result.verdicts.size() << " rules: " << result.verdicts.size() - violated << " hold, " << violated
            << " violated";
  if (!flags.trace_out.empty()) std::cout << "; trace written to " << flags.trace_out;
  std::cout << "\n";
  return result.AllHold() ? kExitHolds : kExitViolated;
}

int Run(const Flags& flags, const BuiltInImpl* impl) {
  SuiteOptions options;
  options.impl_name = impl->name;
  options.make_impl = FactoryFor(impl);
  options.seed = flags.seed;
  if (flags.cases) options.cases = *flags.cases;
  options.rule_ids = flags.rules;
  options.shard_index = flags.shard_index;
  options.shard_count = flags.shard_count;
  const bool progress = isatty(STDERR_FILENO);
  if (progress) {
    options.progress = [](int done, int total) {
      std::fprintf(stderr, "\rpdconform: %d/%d rules checked", done, total);
      if (done == total) std::fprintf(stderr, "\r\x1b[K");
      std::fflush(stderr);
    };
  }

  const bool write_files = !flags.no_report;
  const std::string counterexample_dir = JoinPath(flags.report_dir, "counterexamples");
  if (write_files) {
    // Fail before an hour-long run, not after it.
    if (std::string error = MakeDirectories(counterexample_dir); !error.empty()) return Fail(error);
  }

  const auto start = std::chrono::steady_clock::now();
  const SuiteResult result = RunSuite(options);
  const double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  Report report;
  report.impl = impl->name;
  report.seed = flags.seed;
  report.cases = options.cases;
  report.shard_index = flags.shard_index;
  report.shard_count = flags.shard_count;
  for (const RuleOutcome& outcome : result.rules) {
    RuleReport rule = RuleHeader(*outcome.rule);
    rule.cases = outcome.cases_run;
    const std::string file = JoinPath(counterexample_dir, outcome.rule->id + ".pdscenario");
    const std::string trace_file = JoinPath(counterexample_dir, outcome.rule->id + ".trace");
    if (!outcome.violated && outcome.error.empty()) {
      rule.verdict = RuleVerdict::kHolds;
      if (write_files) {
        // A counterexample of an earlier run in the same directory is stale now.
        std::remove(file.c_str());
        std::remove(trace_file.c_str());
      }
      report.rules.push_back(std::move(rule));
      continue;
    }
    rule.verdict = outcome.error.empty() ? RuleVerdict::kViolated : RuleVerdict::kError;
    rule.error = outcome.error;
    if (!outcome.counterexample && !outcome.violation) {
      // Nothing to replay: the rule could not be checked at all.
      report.rules.push_back(std::move(rule));
      continue;
    }
    CounterexampleReport counterexample;
    counterexample.steps = outcome.counterexample ? static_cast<int>(outcome.counterexample->steps.size()) : 0;
    if (outcome.violation) {
      counterexample.violation.step = outcome.violation->step;
      counterexample.violation.time = outcome.violation->time;
      counterexample.violation.message = outcome.violation->message;
    }
    if (write_files && outcome.counterexample) {
      counterexample.file = file;
      counterexample.trace_file = trace_file;
      counterexample.replay = ReplayCommand(impl->name, file);
      CounterexampleHeader header;
      header.impl = impl->name;
      header.rule_id = rule.id;
      header.rule_strength = rule.strength;
      header.rule_source = rule.source;
      header.rule_citation = rule.citation;
      header.violation_step = counterexample.violation.step;
      header.violation_time = counterexample.violation.time;
      header.violation_message = counterexample.violation.message;
      header.replay = counterexample.replay;
      if (std::string error = WriteFileAtomically(file, RenderCounterexampleFile(*outcome.counterexample, header));
          !error.empty()) {
        return Fail(error);
      }
      if (std::string error = WriteFileAtomically(trace_file, outcome.counterexample_trace); !error.empty()) {
        return Fail(error);
      }
    } else if (!outcome.counterexample) {
      counterexample.replay = "(no counterexample scenario)";
    } else {
      counterexample.replay = "(not saved: --no-report)";
    }
    rule.counterexample = std::move(counterexample);
    report.rules.push_back(std::move(rule));
  }
  for (const AmbiguityObservation& observation : result.ambiguities) report.ambiguities.push_back(ToReport(observation));
  report.totals.scenarios = result.scenarios_run;
  report.totals.api_calls = result.api_calls;
  CountVerdicts(report);

  if (write_files) {
    for (const auto& [name, contents] : {std::pair<std::string, std::string>{"report.json", RenderJsonReport(report)},
                                         {"junit.xml", RenderJunitReport(report)}}) {
      if (std::string error = WriteFileAtomically(JoinPath(flags.report_dir, name), contents); !error.empty()) {
        return Fail(error);
      }
    }
  }

  ConsoleOptions console;
  console.color = UseColor(STDOUT_FILENO);
  console.wall_seconds = wall_seconds;
  std::cout << RenderConsoleReport(report, console);
  if (write_files) std::cout << "reports: " << JoinPath(flags.report_dir, "report.json") << ", "
                             << JoinPath(flags.report_dir, "junit.xml") << "\n";
  return report.AllHold() && result.AllHold() ? kExitHolds : kExitViolated;
}

int Main(int argc, char** argv) {
  // Under `bazel run`, paths the user types are relative to where they typed them.
  if (const char* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir != nullptr && *dir != '\0') {
    if (chdir(dir) != 0) return Fail(std::string("cannot enter BUILD_WORKING_DIRECTORY ") + dir);
  }
  auto parsed = ParseFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (auto* error = std::get_if<std::string>(&parsed)) return Fail(*error);
  const Flags& flags = std::get<Flags>(parsed);
  switch (flags.command) {
    case Command::kHelp:
      std::cout << UsageText();
      return kExitHolds;
    case Command::kListImpls:
      return ListImpls();
    case Command::kListRules:
      return ListRules();
    case Command::kRun:
    case Command::kReplay:
      break;
  }
  std::vector<std::string> impl_names, rule_ids;
  for (const BuiltInImpl& impl : BuiltInImpls()) impl_names.push_back(impl.name);
  for (const Rule& rule : AllRules()) rule_ids.push_back(rule.id);
  if (std::string error = CheckNames(flags, impl_names, rule_ids); !error.empty()) return Fail(error);
  const BuiltInImpl* impl = FindBuiltInImpl(flags.impl);
  return flags.command == Command::kReplay ? Replay(flags, impl) : Run(flags, impl);
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) { return pd::Main(argc, argv); }
