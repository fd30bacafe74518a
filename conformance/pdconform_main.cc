// pdconform: the conformance suite command. See UsageText() in flags.cc.
//
//   pdconform [--impl NAME] [--seed N] [--cases N] [--rules ID,...]
//             [--shard I/N] [--report-dir DIR | --no-report]
//   pdconform --replay FILE [--impl NAME] [--rules ID,...] [--trace-out FILE]
//   pdconform --merge REPORT... [--report-dir DIR] [--baseline FILE]
//   pdconform --list-impls | --list-rules | --help
//
// Exit status: 0 every rule holds (or every violation is expected by
// --baseline), 1 a rule is violated (new, or listed but now holding, or not
// checkable, or not checked: its cases mostly cut short by crashes or hangs),
// 2 bad usage or bad input (one line on stderr), or a run that would exit 0
// but whose report files (or --write-baseline file) could not be written.
// A write failure never hides the verdict: the console table is printed,
// one line on stderr says what could not be written, and a failing run
// still exits 1.
//
// Report files. The report directory changes as a whole
// (reports/report_dir.h): report.html, report.json, junit.xml and
// counterexamples/ of this run are written into a fresh directory, then
// published by one rename: renameat2(RENAME_EXCHANGE) of the whole
// --report-dir with its new sibling when the directory is pdconform's alone,
// or, when it is shared (".", a directory with other files, a mount point,
// a file system without RENAME_EXCHANGE), the rename(2) of the symlink
// DIR/.pdconform-current to the new DIR/.pdconform-run.XXXXXX, through which
// DIR/report.json and the others are fixed symlinks. A reader sees the
// previous complete report or the new complete one, never files of two runs;
// DIR/report.json stays where it was. What a killed run leaves behind is
// removed by the next run. The run itself writes nothing until it has
// finished, so a crash mid-run leaves the previous report as it was.
// PDCONFORM_TEST_KILL_AT=N (tests only) kills the process at the Nth step of
// that publication.
//
// Interrupts. On SIGINT, SIGTERM or SIGHUP (each unless it was ignored when
// pdconform started, as under nohup) pdconform kills every child process it
// has, each with its process group (the plugin worker or exec: program and
// whatever that started), prints one line on stderr and ends by the signal
// (exit status 128+N in a shell). Nothing has been written before the run
// finished, so an interrupted run leaves no report and an earlier one as it
// was; while the report files are written the signals wait, so a report is
// never left half replaced. The children themselves run in their own process
// groups, so a terminal's Ctrl-C reaches pdconform only: it stops them.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "adapters/child_process.h"
#include "adapters/external_impl.h"
#include "live/diff_report.h"
#include "live/live_mode.h"
#include "live/trace_diff.h"
#include "conformance/ambiguities/ambiguity.h"
#include "conformance/flags.h"
#include "conformance/requirements_coverage.h"
#include "conformance/rule.h"
#include "conformance/run_consistency.h"
#include "conformance/scenario_file.h"
#include "conformance/suite.h"
#include "impls/impl_catalog.h"
#include "conformance/report_timeline.h"
#include "reports/atomic_file.h"
#include "reports/baseline.h"
#include "reports/console_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/json_report_reader.h"
#include "reports/junit_report.h"
#include "reports/progress.h"
#include "reports/report_dir.h"
#include "text/input_excerpt.h"
#include "reports/report_merge.h"
#include "reports/report_model.h"
#include "reports/text_table.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

constexpr int kExitHolds = 0;
constexpr int kExitViolated = 1;
constexpr int kExitUsage = 2;

// --- Interrupts (see the top of this file) ----------------------------------

volatile sig_atomic_t reports_written = 0;
bool stderr_is_terminal = false;
bool has_child_processes = false;  // the implementation is external (plugin:, exec:)

// Async-signal-safe string append.
void Append(char* buffer, std::size_t size, std::size_t& used, const char* text) {
  while (*text != '\0' && used + 1 < size) buffer[used++] = *text++;
  buffer[used] = '\0';
}

extern "C" void OnInterrupt(int signal) {
  KillAllChildProcesses();
  char line[256];
  std::size_t used = 0;
  line[0] = '\0';
  // A progress line being redrawn on a terminal is cleared first.
  if (stderr_is_terminal) Append(line, sizeof line, used, "\r\x1b[K");
  Append(line, sizeof line, used, "pdconform: interrupted by ");
  Append(line, sizeof line, used,
         signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : signal == SIGHUP ? "SIGHUP" : "a signal");
  if (reports_written != 0) {
    Append(line, sizeof line, used, " after the reports were written\n");
  } else {
    if (has_child_processes) Append(line, sizeof line, used, "; the implementation's processes were killed");
    Append(line, sizeof line, used, "; no report written\n");
  }
  for (std::size_t done = 0; done < used;) {
    const ssize_t put = write(STDERR_FILENO, line + done, used - done);
    if (put <= 0) break;
    done += static_cast<std::size_t>(put);
  }
  // End by the signal itself, as a shell expects of an interrupted command.
  ::signal(signal, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signal);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(signal);
  _exit(128 + signal);
}

void HandleInterrupts() {
  stderr_is_terminal = isatty(STDERR_FILENO) != 0;
  for (int signal : kInterruptSignals) {
    struct sigaction current;
    if (sigaction(signal, nullptr, &current) != 0 || current.sa_handler == SIG_IGN) continue;
    struct sigaction action {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    for (int other : kInterruptSignals) sigaddset(&action.sa_mask, other);
    action.sa_flags = SA_RESTART;
    sigaction(signal, &action, nullptr);
  }
}

// The interrupts wait while report files are written (and run, if one came,
// at the end of the scope); Done() once they all are.
class WritingReports {
 public:
  WritingReports() {
    sigset_t set;
    sigemptyset(&set);
    for (int signal : kInterruptSignals) sigaddset(&set, signal);
    sigprocmask(SIG_BLOCK, &set, &before_);
  }
  ~WritingReports() {
    std::cout.flush();  // what was printed stays printed if a signal is waiting
    sigprocmask(SIG_SETMASK, &before_, nullptr);
  }
  WritingReports(const WritingReports&) = delete;
  WritingReports& operator=(const WritingReports&) = delete;
  void Done() { reports_written = 1; }

 private:
  sigset_t before_;
};

// Messages quote input (files, flags, an implementation's output): the
// line is escaped and capped so that no input floods or drives the terminal.
int Fail(const std::string& line) {
  std::cout.flush();
  std::cerr << "pdconform: " << OneLineMessage(line) << "\n";
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

// Reads `path` whole into `text`; false with one line in `error` when it cannot.
bool ReadWholeFile(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = path + ": read error";
    return false;
  }
  return true;
}

// The implementation under test: a built-in one, or plugin:/exec: (adapters/).
struct ImplUnderTest {
  std::string name;
  ImplFactory make;
  // plugin: and exec: only: how a job process, or a lone replay, opens it.
  ExternalImplOpener open;
};

// --jobs: the flag, or the number of cores. A built-in implementation with
// one job runs in this process (0); an external one always in job processes,
// where a plugin is loaded and called directly.
int JobsFor(const Flags& flags, const ImplUnderTest& impl) {
  long jobs = flags.jobs;
  if (jobs <= 0) jobs = sysconf(_SC_NPROCESSORS_ONLN);
  if (jobs < 1) jobs = 1;
  if (jobs == 1 && !impl.open) return 0;
  return static_cast<int>(jobs);
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

// One aligned line per rule (id, strength, source), then indented: why it
// is not `documented` (when it is not), and each catalog entry it cites.
int ListRules() {
  TextTable table({"ID", "STRENGTH", "SOURCE"});
  for (const Rule& rule : AllRules()) table.AddRow({rule.id, StrengthName(rule.strength), rule.source});
  std::istringstream lines(table.Render(false));
  std::string line;
  std::getline(lines, line);
  std::cout << line << "\n";
  for (const Rule& rule : AllRules()) {
    std::getline(lines, line);
    std::cout << line << "\n";
    if (!rule.strength_reason.empty()) std::cout << "    why " << StrengthName(rule.strength) << ": " << rule.strength_reason << "\n";
    for (const RequirementRef& cite : rule.cites) std::cout << "    " << CitationText({cite}) << "\n";
  }
  return kExitHolds;
}

// The rules of a run: every rule, or those --rules names.
std::vector<const Rule*> RulesOfRun(const Flags& flags) {
  std::vector<const Rule*> rules;
  for (const Rule& rule : AllRules()) {
    if (flags.rules.empty() || std::find(flags.rules.begin(), flags.rules.end(), rule.id) != flags.rules.end()) {
      rules.push_back(&rule);
    }
  }
  return rules;
}

int ListRequirements(const Flags& flags) {
  std::cout << RenderRequirementsListing(CheckedRequirements(RulesOfRun(flags)));
  return kExitHolds;
}

// How the user runs this binary, for the replay commands it prints: the
// front door (./pd) says so through PDCONFORM_COMMAND; otherwise the bare
// name. Only the environment decides, so reports stay reproducible.
std::string CommandName() {
  const char* command = std::getenv("PDCONFORM_COMMAND");
  return command != nullptr && *command != '\0' ? command : "pdconform";
}

// A plugin: or exec: run under a --timeout-ms other than the default
// replays under the same bound, or a no-hang finding may not reproduce.
// `paired`: the other scenario of a violation across two scenarios.
std::string ReplayCommand(const std::string& impl, const std::string& file, int timeout_ms,
                          const std::string& paired = "") {
  std::string command = CommandName() + " --impl " + ShellQuote(impl) + " --replay " + ShellQuote(file);
  if (!paired.empty()) command += " --paired " + ShellQuote(paired);
  const bool external =
      impl.rfind("plugin:", 0) == 0 || impl.rfind("exec:", 0) == 0 || impl.rfind("live:", 0) == 0;
  if (external && timeout_ms != Flags{}.timeout_ms) command += " --timeout-ms " + std::to_string(timeout_ms);
  return command;
}

// The comment header of a counterexample file: what it breaks, the
// sentence it comes from, and the command that replays it.
CounterexampleHeader HeaderOf(const std::string& impl, const RuleReport& rule,
                              const CounterexampleReport& counterexample) {
  CounterexampleHeader header;
  header.impl = impl;
  header.rule_id = rule.id;
  header.rule_strength = rule.strength;
  header.rule_source = rule.source;
  header.rule_citation = rule.citation;
  header.violation_step = counterexample.violation.step;
  header.violation_time = counterexample.violation.time;
  header.violation_message = counterexample.violation.message;
  header.replay = counterexample.replay;
  header.replay_in_report_dir = true;
  if (counterexample.paired) {
    header.paired = counterexample.paired->file + " (" + counterexample.paired->note +
                    "); each file alone follows one interpretation, the two together two";
  }
  return header;
}

// The header of the paired scenario's own file: the same violation, told
// from its side.
CounterexampleHeader PairedHeaderOf(const std::string& impl, const RuleReport& rule,
                                    const CounterexampleReport& counterexample) {
  CounterexampleHeader header = HeaderOf(impl, rule, counterexample);
  header.violation_step = counterexample.paired->step;
  header.violation_time = counterexample.paired->time;
  header.paired = "the paired scenario of " + counterexample.file + "; this one shows " + counterexample.paired->note;
  return header;
}

// The files of a counterexample: <rule>.pdscenario and .trace, and for a
// violation across two scenarios <rule>.paired.pdscenario and .trace.
struct CounterexampleFiles {
  std::string scenario, trace, paired_scenario, paired_trace;
};

// The names are relative to the report directory: the report travels as a
// CI artifact, so nothing in it may depend on where pdconform ran.
CounterexampleFiles FilesOf(const std::string& rule_id) {
  const std::string dir = "counterexamples/";
  return {dir + rule_id + ".pdscenario", dir + rule_id + ".trace", dir + rule_id + ".paired.pdscenario",
          dir + rule_id + ".paired.trace"};
}

// Names the files in `counterexample` (and its pair) and sets the replay
// commands: the pair's replays both. The saved commands run in the report
// directory; `replay_here`, for the console, runs where pdconform ran.
void NameFiles(const std::string& impl, const CounterexampleFiles& files, int timeout_ms,
               const std::string& report_dir, CounterexampleReport& counterexample) {
  const auto here = [&](const std::string& file) { return JoinPath(report_dir, file); };
  counterexample.file = files.scenario;
  counterexample.trace_file = files.trace;
  counterexample.replay = ReplayCommand(impl, files.scenario, timeout_ms);
  counterexample.replay_here = ReplayCommand(impl, here(files.scenario), timeout_ms);
  if (counterexample.paired) {
    counterexample.paired->file = files.paired_scenario;
    counterexample.paired->trace_file = files.paired_trace;
    counterexample.paired->replay = ReplayCommand(impl, files.paired_scenario, timeout_ms);
    counterexample.replay = ReplayCommand(impl, files.scenario, timeout_ms, files.paired_scenario);
    counterexample.replay_here =
        ReplayCommand(impl, here(files.scenario), timeout_ms, here(files.paired_scenario));
  }
}

AmbiguityReport ToReport(const AmbiguityObservation& observation) {
  AmbiguityReport report;
  report.id = observation.ambiguity_id;
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    if (ambiguity.id == observation.ambiguity_id) report.question = ambiguity.question;
  }
  report.verdict = observation.Verdict();
  report.occurrences = observation.occurrences;
  if (const Ambiguity* ambiguity = FindAmbiguity(observation.ambiguity_id)) {
    for (const Interpretation& interpretation : ambiguity->interpretations) {
      report.interpretations.emplace_back(interpretation.id, interpretation.description);
    }
  }
  return report;
}

// The checker's wording for summed occurrences (a merged report).
std::string AmbiguityVerdict(const AmbiguityReport& report) {
  AmbiguityObservation observation;
  observation.ambiguity_id = report.id;
  observation.occurrences = report.occurrences;
  return observation.Verdict();
}

std::vector<std::string> KnownRuleIds() {
  std::vector<std::string> ids;
  for (const Rule& rule : AllRules()) ids.push_back(rule.id);
  return ids;
}

// What a run could not write: one line each, printed after the console
// table (the verdict first; a write failure does not hide it).
struct WriteFailures {
  std::vector<std::string> lines;
  bool baseline_written = false;
};

// Judges `report` against the baseline: --write-baseline writes the one that
// expects this run's violations (keeping --baseline's other lines) and judges
// against it; else --baseline; else no baseline (every violation is new).
// Returns "" or one line of (internal) error; a baseline file that cannot be
// written goes to `failures`.
std::string JudgeAgainstBaseline(const Flags& flags, const Baseline* given, Report& report, WriteFailures& failures) {
  if (given != nullptr && !given->impl().empty() && given->impl() != report.impl) {
    // Expected when the implementation was rebuilt under another name; worth
    // a line when it is the wrong file.
    std::cout << "note: baseline " << flags.baseline << " was written for " << given->impl() << "; judging "
              << report.impl << " against it\n";
  }
  if (!flags.write_baseline.empty()) {
    const std::string text = RenderBaseline(report, given != nullptr ? *given : Baseline{});
    auto written = ParseBaseline(flags.write_baseline, text, KnownRuleIds());
    if (auto* error = std::get_if<std::string>(&written)) return "internal error: the written baseline: " + *error;
    ApplyBaseline(std::get<Baseline>(written), flags.write_baseline, report);
    if (std::string error = WriteFileAtomically(flags.write_baseline, text); !error.empty()) {
      failures.lines.push_back("baseline not written: " + error);
    } else {
      failures.baseline_written = true;
    }
  } else if (given != nullptr) {
    ApplyBaseline(*given, flags.baseline, report);
  } else {
    ComputeGate(report);
  }
  return "";
}

// Loads --baseline when given. Returns "" or one line of error.
std::string LoadGivenBaseline(const Flags& flags, std::optional<Baseline>& baseline) {
  if (flags.baseline.empty()) return "";
  auto loaded = LoadBaseline(flags.baseline, KnownRuleIds());
  if (auto* error = std::get_if<std::string>(&loaded)) return *error;
  baseline = std::get<Baseline>(loaded);
  return "";
}

// Publishes the report directory `dir`: the counterexample files already in
// `files`, then report.html, junit.xml and report.json (see the top of this
// file). A failure goes to `failures`. Returns whether it was written.
bool WriteReports(const std::string& dir, const Report& report, std::vector<ReportFile> files,
                  WriteFailures& failures) {
  files.push_back({"report.html", RenderHtmlReport(report)});
  files.push_back({"junit.xml", RenderJunitReport(report)});
  files.push_back({"report.json", RenderJsonReport(report)});
  if (std::string error = PublishReportDirectory(dir, files); !error.empty()) {
    failures.lines.push_back("reports not written (" + dir + " holds the previous report, if any): " + error);
    return false;
  }
  return true;
}

void PrintReportPaths(const std::string& dir) {
  std::cout << "reports: " << JoinPath(dir, "report.html") << ", " << JoinPath(dir, "report.json") << ", "
            << JoinPath(dir, "junit.xml") << "\n";
}

// The exit status after the console table: the gate's, except that a run
// that passes but could not write what it was asked to exits 2. Each
// failure is one line on stderr.
int ExitAfterWriting(int gate_exit, const WriteFailures& failures) {
  std::cout.flush();
  for (const std::string& line : failures.lines) std::cerr << "pdconform: " << OneLineMessage(line) << "\n";
  if (gate_exit == kExitHolds && !failures.lines.empty()) return kExitUsage;
  return gate_exit;
}

// The exit status of a judged report, with one line saying why it fails when
// a baseline is involved (the table alone would show violations that pass).
int GateExit(const Report& report) {
  const GateReport& gate = report.gate;
  if (!gate.baseline.empty()) {
    std::cout << "baseline " << gate.baseline << ": " << gate.known << " known, " << gate.new_violations
              << " new, " << gate.fixed << " fixed (listed but holding: remove the line)";
    if (gate.errors > 0) std::cout << ", " << gate.errors << " not checked";
    std::cout << " -> " << (gate.passed ? "pass" : "FAIL") << "\n";
  }
  return gate.passed ? kExitHolds : kExitViolated;
}

CoverageReport CoverageOf(const CoverageMatrix& matrix) {
  CoverageReport report;
  for (const CoverageRow& row : CoverageMatrix::Rows()) report.rows.push_back(CoverageMatrix::RowName(row));
  for (const CoverageColumn& column : CoverageMatrix::Columns()) {
    report.columns.push_back(CoverageMatrix::ColumnName(column));
  }
  for (std::size_t r = 0; r < report.rows.size(); ++r) {
    report.counts.emplace_back();
    for (std::size_t c = 0; c < report.columns.size(); ++c) report.counts.back().push_back(matrix.Count(r, c));
  }
  CoverageReport::InFlight& in_flight = report.in_flight;
  for (const InFlightRow& row : CoverageMatrix::InFlightRows()) in_flight.rows.push_back(CoverageMatrix::InFlightRowName(row));
  for (const CoverageColumn& column : CoverageMatrix::InFlightColumns()) {
    in_flight.columns.push_back(CoverageMatrix::ColumnName(column));
  }
  for (std::size_t r = 0; r < in_flight.rows.size(); ++r) {
    in_flight.counts.emplace_back();
    for (std::size_t c = 0; c < in_flight.columns.size(); ++c) {
      in_flight.counts.back().push_back(matrix.InFlightCount(r, c));
    }
  }
  CoverageReport::InFlight& outcomes = report.outcomes;
  for (ApiFunction function : CoverageMatrix::OutcomeRows()) outcomes.rows.push_back(ApiFunctionName(function));
  for (const OutcomeColumn& column : CoverageMatrix::OutcomeColumns()) {
    outcomes.columns.push_back(CoverageMatrix::OutcomeColumnName(column));
  }
  for (std::size_t r = 0; r < outcomes.rows.size(); ++r) {
    outcomes.counts.emplace_back();
    for (std::size_t c = 0; c < outcomes.columns.size(); ++c) outcomes.counts.back().push_back(matrix.OutcomeCount(r, c));
  }
  return report;
}

// A rule with no violation whose cases were mostly cut short (or skipped)
// was not checked; no-crash and no-hang judge those very crashes and hangs.
RuleVerdict VerdictOf(const RuleOutcome& outcome) {
  if (!outcome.error.empty()) return RuleVerdict::kError;
  if (outcome.violated) return RuleVerdict::kViolated;
  if (!outcome.rule->judges_cut_short_cases &&
      MostlyCutShort(outcome.cases_run, outcome.cases_reached, outcome.cases_skipped)) {
    return RuleVerdict::kNotChecked;
  }
  return RuleVerdict::kHolds;
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

// --diff DIR: each recorded case replayed against the impl in virtual time;
// a difference in what a caller observes is reported like a violation: on
// the console with the two observable traces side by side, and in a report
// directory (live/diff_report.h) unless --no-report.
int Diff(const Flags& flags, const ImplUnderTest& impl) {
  std::string error;
  const std::vector<std::string> cases = RecordedCases(flags.diff_dir, &error);
  if (!error.empty()) return Fail(error);
  if (cases.empty()) return Fail(flags.diff_dir + ": no recorded cases (NAME.pdscenario beside NAME.trace)");
  if (!flags.no_report) {
    if (std::string problem = PrepareReportDirectory(flags.report_dir); !problem.empty()) return Fail(problem);
  }
  DiffRun run;
  run.impl = flags.impl;
  run.recorded_dir = flags.diff_dir;
  run.rediff = CommandName() + " --diff " + kDiffCasesDir + " --impl " + ShellQuote(flags.impl);
  for (const std::string& name : cases) {
    const std::string base = JoinPath(flags.diff_dir, name);
    auto loaded = LoadScenarioFile(base + ".pdscenario");
    if (auto* problem = std::get_if<std::string>(&loaded)) return Fail(*problem);
    DiffCase diff_case;
    diff_case.name = name;
    if (!ReadWholeFile(base + ".pdscenario", diff_case.scenario, error) ||
        !ReadWholeFile(base + ".trace", diff_case.recorded_trace, error)) {
      return Fail(error);
    }
    diff_case.replayed_trace = ReplayScenario(std::get<Scenario>(loaded), impl.make, {}).trace;
    diff_case.difference = FirstDifference(diff_case.recorded_trace, diff_case.replayed_trace);
    diff_case.replay = ReplayCommand(flags.impl, DiffScenarioFile(name), flags.timeout_ms);
    if (!diff_case.difference) {
      std::cout << "same       " << name << "\n";
    } else {
      std::cout << "DIFFERENT  " << name << ": observable line " << diff_case.difference->line + 1
                << ": recorded \"" << diff_case.difference->recorded << "\", replayed \""
                << diff_case.difference->replayed << "\"\n"
                << "  scenario " << base << ".pdscenario\n"
                << SideBySide(diff_case.recorded_trace, diff_case.replayed_trace, 70);
    }
    run.cases.push_back(std::move(diff_case));
  }
  const int differences = run.Differences();
  WriteFailures failures;
  bool written = false;
  if (!flags.no_report) {
    WritingReports writing;
    if (std::string problem = PublishReportDirectory(flags.report_dir, DiffReportFiles(run)); !problem.empty()) {
      failures.lines.push_back("reports not written (" + flags.report_dir + " holds the previous report, if any): " +
                               problem);
    } else {
      written = true;
      writing.Done();
    }
  }
  std::cout << cases.size() << " recorded cases against " << flags.impl << ": " << differences
            << (differences == 1 ? " difference" : " differences") << " in what a caller observes\n";
  if (written) PrintReportPaths(flags.report_dir);
  return ExitAfterWriting(differences == 0 ? kExitHolds : kExitViolated, failures);
}

// The scenario files --record takes: each operand a .pdscenario file, or a
// directory whose .pdscenario files are taken in name order. Two with the
// same name would overwrite each other's recording: an error.
std::variant<std::vector<std::string>, std::string> RecordInputs(const std::vector<std::string>& operands) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& operand : operands) {
    std::error_code code;
    if (!fs::is_directory(operand, code)) {
      files.push_back(operand);
      continue;
    }
    std::vector<std::string> in_dir;
    for (fs::directory_iterator it(operand, code), end; !code && it != end; it.increment(code)) {
      if (it->path().extension() == ".pdscenario") in_dir.push_back(it->path().string());
    }
    if (code) return operand + ": " + code.message();
    if (in_dir.empty()) return operand + ": no .pdscenario files in this directory";
    std::sort(in_dir.begin(), in_dir.end());
    files.insert(files.end(), in_dir.begin(), in_dir.end());
  }
  std::map<std::string, std::string> by_name;
  for (const std::string& file : files) {
    const std::string name = fs::path(file).stem().string();
    if (fs::path(file).extension() != ".pdscenario") return file + ": not a .pdscenario file";
    auto [it, added] = by_name.emplace(name, file);
    if (!added) return file + ": same name as " + it->second + " (both would be recorded as " + name + ")";
  }
  return files;
}

// --record DIR SCENARIO...: each scenario run against the impl (a live one
// in real time), kept as DIR/NAME.pdscenario, byte for byte, beside the
// trace it gave, DIR/NAME.trace: what --diff compares against. A scenario
// an implementation fails (or crashes in) is still a recording; only bad
// input or a file that cannot be written makes the command fail.
int Record(const Flags& flags, const ImplUnderTest& impl) {
  auto inputs = RecordInputs(flags.record_inputs);
  if (auto* error = std::get_if<std::string>(&inputs)) return Fail(*error);
  const std::vector<std::string>& files = std::get<std::vector<std::string>>(inputs);
  std::vector<std::pair<std::string, Scenario>> scenarios;
  for (const std::string& file : files) {  // all parsed before the first (perhaps hour-long) run
    auto loaded = LoadScenarioFile(file);
    if (auto* error = std::get_if<std::string>(&loaded)) return Fail(*error);
    scenarios.emplace_back(file, std::get<Scenario>(std::move(loaded)));
  }
  std::error_code code;
  std::filesystem::create_directories(flags.record_dir, code);
  if (code) return Fail(flags.record_dir + ": cannot create: " + code.message());
  for (const auto& [file, scenario] : scenarios) {
    const std::string name = std::filesystem::path(file).stem().string();
    const std::string base = JoinPath(flags.record_dir, name);
    std::string text, error;
    if (!ReadWholeFile(file, text, error)) return Fail(error);
    const ReplayResult result = ReplayScenario(scenario, impl.make, flags.rules);
    if (std::string problem = WriteFileAtomically(base + ".pdscenario", text); !problem.empty()) return Fail(problem);
    if (std::string problem = WriteFileAtomically(base + ".trace", result.trace); !problem.empty()) return Fail(problem);
    std::string violated;
    for (const auto& [rule, violation] : result.verdicts) {
      if (violation) violated += (violated.empty() ? "" : ", ") + rule->id;
    }
    std::cout << "recorded   " << name << " (" << scenario.steps.size() << " steps): "
              << (violated.empty() ? "every rule holds" : "violated: " + violated) << "\n";
  }
  std::cout << scenarios.size() << " scenarios recorded against " << flags.impl << " in " << flags.record_dir
            << " (NAME.pdscenario + NAME.trace; compare with --diff " << flags.record_dir << " --impl X)\n";
  return kExitHolds;
}

int Replay(const Flags& flags, const ImplUnderTest& impl) {
  auto loaded = LoadScenarioFile(flags.replay_file);
  if (auto* error = std::get_if<std::string>(&loaded)) return Fail(*error);
  const Scenario& scenario = std::get<Scenario>(loaded);
  std::optional<Scenario> paired;
  if (!flags.paired_file.empty()) {
    auto other = LoadScenarioFile(flags.paired_file);
    if (auto* error = std::get_if<std::string>(&other)) return Fail(*error);
    paired = std::get<Scenario>(other);
  }
  const ReplayResult result = ReplayScenario(scenario, impl.make, flags.rules);
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
  if (!paired) return result.AllHold() ? kExitHolds : kExitViolated;

  // The pair: the paired scenario's own interpretations, then
  // consistent-interpretation across the two (when selected).
  const ReplayResult other = ReplayScenario(*paired, impl.make, flags.rules);
  std::cout << "\npaired scenario " << flags.paired_file << " (" << paired->steps.size() << " steps, seed "
            << paired->seed << "): " << (other.AllHold() ? "every rule holds" : "some rule is violated alone")
            << "\n";
  TextTable interpretations({"AMBIGUITY", "INTERPRETATION FOLLOWED (PAIRED)"});
  for (const AmbiguityObservation& observation : other.ambiguities) {
    interpretations.AddRow({observation.ambiguity_id, observation.Verdict()});
  }
  std::cout << interpretations.Render(color);
  bool judged = flags.rules.empty();
  for (const std::string& id : flags.rules) judged = judged || id == "consistent-interpretation";
  const std::optional<Violation> across = judged ? JudgeAcross(*paired, scenario, impl.make) : std::nullopt;
  if (judged) {
    std::cout << "\nacross the two scenarios: consistent-interpretation "
              << (across ? "VIOLATED at step " + std::to_string(across->step) + ", t=" + std::to_string(across->time) +
                               ": " + across->message
                         : std::string("holds"))
              << "\n";
  }
  return result.AllHold() && other.AllHold() && !across ? kExitHolds : kExitViolated;
}

// `left_out`: the rules a live: run does not judge, named in the reports.
int Run(const Flags& flags, const ImplUnderTest& impl, const std::vector<LeftOutRule>& left_out) {
  SuiteOptions options;
  options.impl_name = impl.name;
  options.make_impl = impl.make;
  options.seed = flags.seed;
  if (flags.cases) options.cases = *flags.cases;
  options.rule_ids = flags.rules;
  options.shard_index = flags.shard_index;
  options.shard_count = flags.shard_count;
  options.max_rule_hangs = flags.max_rule_hangs;
  options.max_hangs = flags.max_hangs;
  options.jobs = JobsFor(flags, impl);
  if (impl.open) {
    options.open_impl = [open = impl.open](bool isolated) -> std::variant<ImplFactory, std::string> {
      auto opened = open(isolated);
      if (auto* error = std::get_if<std::string>(&opened)) return *error;
      return ImplFactory(std::get<ExternalImplFactory>(std::move(opened)));
    };
  }
  // Before an hour-long run, not after it: a malformed baseline is bad input.
  std::optional<Baseline> baseline;
  if (std::string error = LoadGivenBaseline(flags, baseline); !error.empty()) return Fail(error);

  const auto clock_start = std::chrono::steady_clock::now();
  ProgressReporter progress(
      isatty(STDERR_FILENO) != 0,
      [](const std::string& text) {
        std::fputs(text.c_str(), stderr);
        std::fflush(stderr);
      },
      [clock_start] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count(); });
  options.on_progress = [&progress](const SuiteProgress& where) {
    ProgressState state;
    state.rules_done = where.rules_done;
    state.rules_total = where.rules_total;
    state.rule = where.rule != nullptr ? where.rule->id : "";
    if (where.finished != nullptr) {
      switch (VerdictOf(*where.finished)) {
        case RuleVerdict::kHolds: state.verdict = "holds"; break;
        case RuleVerdict::kViolated: state.verdict = "VIOLATED"; break;
        case RuleVerdict::kError: state.verdict = "ERROR"; break;
        case RuleVerdict::kNotChecked: state.verdict = "NOT-CHECKED"; break;
      }
    }
    state.cases_done = where.cases_done;
    state.cases_total = where.cases_planned;
    progress.Update(state);
  };

  const bool write_files = !flags.no_report;
  if (write_files) {
    // Fail before an hour-long run, not after it.
    if (std::string error = PrepareReportDirectory(flags.report_dir); !error.empty()) return Fail(error);
  }

  const auto start = std::chrono::steady_clock::now();
  const SuiteResult result = RunSuite(options);
  const double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.Finish();

  WritingReports writing;
  std::vector<ReportFile> report_files;  // the counterexamples; WriteReports adds the reports
  Report report;
  report.impl = impl.name;
  report.seed = flags.seed;
  report.cases = options.cases;
  report.timeout_ms = flags.timeout_ms;
  report.shard_index = flags.shard_index;
  report.shard_count = flags.shard_count;
  for (const RuleOutcome& outcome : result.rules) {
    RuleReport rule = RuleHeader(*outcome.rule);
    rule.cases = outcome.cases_run;
    rule.reached = outcome.cases_reached;
    rule.skipped = outcome.cases_skipped;
    const CounterexampleFiles files = FilesOf(outcome.rule->id);
    if (!outcome.violated && outcome.error.empty()) {
      rule.verdict = VerdictOf(outcome);
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
    if (outcome.counterexample) counterexample.scenario = RenderScenario(*outcome.counterexample);
    counterexample.timeline = TimelineOf(outcome.counterexample_events);
    counterexample.trace_truncated = outcome.counterexample_events.truncated();
    if (outcome.paired) {
      PairedScenarioReport paired;
      paired.steps = static_cast<int>(outcome.paired->steps.size());
      paired.note = outcome.paired_note;
      paired.scenario = RenderScenario(*outcome.paired);
      paired.timeline = TimelineOf(outcome.paired_events);
      paired.trace_truncated = outcome.paired_events.truncated();
      paired.step = outcome.paired_step;
      paired.time = outcome.paired_time;
      counterexample.paired = std::move(paired);
    }
    if (write_files && outcome.counterexample) {
      NameFiles(impl.name, files, flags.timeout_ms, flags.report_dir, counterexample);
      const CounterexampleHeader header = HeaderOf(impl.name, rule, counterexample);
      report_files.push_back({files.scenario,
                              RenderCounterexampleFile(*outcome.counterexample, header)});
      report_files.push_back({files.trace, outcome.counterexample_trace});
      if (outcome.paired) {
        const CounterexampleHeader paired_header = PairedHeaderOf(impl.name, rule, counterexample);
        report_files.push_back({files.paired_scenario,
                                RenderCounterexampleFile(*outcome.paired, paired_header)});
        report_files.push_back({files.paired_trace, outcome.paired_trace});
      }
    } else if (!outcome.counterexample) {
      counterexample.replay = "(no counterexample scenario)";
    } else {
      counterexample.replay = "(not saved: --no-report)";
    }
    rule.counterexample = std::move(counterexample);
    report.rules.push_back(std::move(rule));
  }
  report.left_out = left_out;
  for (const AmbiguityObservation& observation : result.ambiguities) report.ambiguities.push_back(ToReport(observation));
  report.totals.scenarios = result.scenarios_run;
  report.totals.api_calls = result.api_calls;
  report.coverage = CoverageOf(result.coverage);
  report.requirements = CheckedRequirements(RulesOfRun(flags));
  CountVerdicts(report);
  WriteFailures failures;
  if (std::string error = JudgeAgainstBaseline(flags, baseline ? &*baseline : nullptr, report, failures);
      !error.empty()) {
    return Fail(error);
  }

  const bool written = write_files && WriteReports(flags.report_dir, report, std::move(report_files), failures);
  if (written) writing.Done();

  ConsoleOptions console;
  console.color = UseColor(STDOUT_FILENO);
  console.wall_seconds = wall_seconds;
  if (write_files) console.report_dir = flags.report_dir;
  std::cout << RenderConsoleReport(report, console);
  if (written) PrintReportPaths(flags.report_dir);
  if (failures.baseline_written) std::cout << "baseline written to " << flags.write_baseline << "\n";
  return ExitAfterWriting(GateExit(report), failures);
}

// pdconform --merge: joins shard reports into the report of the whole run.
int Merge(const Flags& flags) {
  std::vector<Report> shards;
  std::vector<std::string> names;
  for (const std::string& input : flags.merge_inputs) {
    struct stat info;
    const bool is_dir = stat(input.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
    const std::string path = is_dir ? JoinPath(input, "report.json") : input;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(path + ": cannot read: " + std::strerror(errno));
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto read = ReadJsonReport(path, buffer.str());
    if (auto* error = std::get_if<std::string>(&read)) return Fail(*error);
    shards.push_back(std::move(std::get<Report>(read)));
    names.push_back(path);
  }
  auto merged_or = MergeReports(shards, names, AmbiguityVerdict);
  if (auto* error = std::get_if<std::string>(&merged_or)) return Fail("--merge: " + *error);
  Report report = std::move(std::get<Report>(merged_or));

  std::optional<Baseline> baseline;
  if (std::string error = LoadGivenBaseline(flags, baseline); !error.empty()) return Fail(error);
  if (std::string error = PrepareReportDirectory(flags.report_dir); !error.empty()) return Fail(error);
  WriteFailures failures;
  if (baseline || !flags.write_baseline.empty()) {
    if (std::string error = JudgeAgainstBaseline(flags, baseline ? &*baseline : nullptr, report, failures);
        !error.empty()) {
      return Fail(error);
    }
  }  // else: the shards' own baseline marks, as MergeReports carried them over

  // The counterexamples move into the merged report's directory, rewritten
  // from the scenario text and trace each shard's report.json carries.
  WritingReports writing;
  const auto trace_of = [](const std::vector<TimelineEvent>& timeline, bool truncated) {
    std::string trace;
    for (const TimelineEvent& event : timeline) trace += event.text + "\n";
    if (truncated) trace += "trace truncated\n";
    return trace;
  };
  std::vector<ReportFile> report_files;
  for (RuleReport& rule : report.rules) {
    const CounterexampleFiles files = FilesOf(rule.id);
    if (!rule.counterexample || rule.counterexample->scenario.empty()) continue;
    CounterexampleReport& counterexample = *rule.counterexample;
    auto scenario = ParseScenario(counterexample.scenario);
    if (auto* error = std::get_if<ScenarioParseError>(&scenario)) {
      return Fail("--merge: the counterexample for " + rule.id + ": line " + std::to_string(error->line) + ": " +
                  error->message);
    }
    std::optional<Scenario> paired;
    if (counterexample.paired) {
      auto parsed = ParseScenario(counterexample.paired->scenario);
      if (auto* error = std::get_if<ScenarioParseError>(&parsed)) {
        return Fail("--merge: the paired scenario for " + rule.id + ": line " + std::to_string(error->line) + ": " +
                    error->message);
      }
      paired = std::get<Scenario>(parsed);
    }
    // The shards' --timeout-ms (the default for reports that did not record it).
    NameFiles(report.impl, files, report.timeout_ms > 0 ? report.timeout_ms : Flags{}.timeout_ms, flags.report_dir,
              counterexample);
    const CounterexampleHeader header = HeaderOf(report.impl, rule, counterexample);
    report_files.push_back({files.scenario,
                            RenderCounterexampleFile(std::get<Scenario>(scenario), header)});
    report_files.push_back(
        {files.trace, trace_of(counterexample.timeline, counterexample.trace_truncated)});
    if (paired) {
      const CounterexampleHeader paired_header = PairedHeaderOf(report.impl, rule, counterexample);
      const PairedScenarioReport& pair = *counterexample.paired;
      report_files.push_back({files.paired_scenario,
                              RenderCounterexampleFile(*paired, paired_header)});
      report_files.push_back(
          {files.paired_trace, trace_of(pair.timeline, pair.trace_truncated)});
    }
  }
  const bool written = WriteReports(flags.report_dir, report, std::move(report_files), failures);
  if (written) writing.Done();

  std::cout << "pdconform: merged " << shards.size() << " shard reports\n";
  ConsoleOptions console;
  console.color = UseColor(STDOUT_FILENO);
  console.report_dir = flags.report_dir;
  std::cout << RenderConsoleReport(report, console);
  if (written) PrintReportPaths(flags.report_dir);
  if (failures.baseline_written) std::cout << "baseline written to " << flags.write_baseline << "\n";
  return ExitAfterWriting(GateExit(report), failures);
}

int Main(int argc, char** argv) {
  HandleInterrupts();
  // Under `bazel run`, paths the user types are relative to where they typed them.
  if (const char* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir != nullptr && *dir != '\0') {
    if (chdir(dir) != 0) return Fail(std::string("cannot enter BUILD_WORKING_DIRECTORY ") + dir);
  }
  auto parsed = ParseFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (auto* error = std::get_if<std::string>(&parsed)) return Fail(*error);
  Flags flags = std::get<Flags>(std::move(parsed));
  switch (flags.command) {
    case Command::kHelp:
      std::cout << UsageText();
      return kExitHolds;
    case Command::kListImpls:
      return ListImpls();
    case Command::kListRules:
      return ListRules();
    case Command::kMerge:
      return Merge(flags);
    case Command::kListRequirements:
      break;
    case Command::kRun:
    case Command::kReplay:
    case Command::kDiff:
    case Command::kRecord:
      break;
  }
  std::vector<std::string> impl_names, rule_ids;
  for (const BuiltInImpl& impl : BuiltInImpls()) impl_names.push_back(impl.name);
  for (const Rule& rule : AllRules()) rule_ids.push_back(rule.id);
  if (std::string error = CheckNames(flags, impl_names, rule_ids); !error.empty()) return Fail(error);
  if (flags.command == Command::kListRequirements) return ListRequirements(flags);
  if (flags.liveness_ms > 0) kLivenessBound = flags.liveness_ms * kMillisecond;
  const bool live = IsLiveSpec(flags.impl);
  std::vector<LeftOutRule> left_out;
  if (live) {
    // live:'COMMAND' is exec:'COMMAND' in real time (live/live_mode.h).
    std::cout << LiveModeNote(!flags.rules.empty());
    if (flags.rules.empty()) {
      flags.rules = LiveRules(rule_ids);
      for (const UnjudgedRule& rule : RulesRealTimeCannotJudge()) {
        left_out.push_back({rule.id, "a live run, in real time: " + std::string(rule.why)});
      }
    }
    if (flags.timeout_ms == Flags{}.timeout_ms) flags.timeout_ms = kLiveTimeoutMs;
    // One live process: DLLs in parallel would share one machine's real time.
    if (flags.jobs == 0) flags.jobs = 1;
  }
  ImplUnderTest impl{flags.impl, nullptr};
  if (live || IsExternalImplSpec(flags.impl)) {
    has_child_processes = true;
    ExternalImplOptions options;
    options.answer_timeout_ms = flags.timeout_ms;
    auto opened = OpenExternalImpl(live ? ExecSpecOf(flags.impl) : flags.impl, options);
    if (auto* error = std::get_if<std::string>(&opened)) return Fail(*error);
    impl.make = std::get<ExternalImplFactory>(std::move(opened));
    impl.open = ExternalImplOpenerFor(flags.impl, options);
  } else {
    impl.make = FactoryFor(FindBuiltInImpl(flags.impl));
  }
  if (flags.command == Command::kDiff) return Diff(flags, impl);
  if (flags.command == Command::kRecord) return Record(flags, impl);
  return flags.command == Command::kReplay ? Replay(flags, impl) : Run(flags, impl, left_out);
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) { return pd::Main(argc, argv); }
