// pdconform's command line. Parsing is a pure function so every error path is
// tested without running the suite: each error is one line, ready to print
// after "pdconform: ", naming the flag (or file) and what was wrong.
#ifndef CONFORMANCE_FLAGS_H_
#define CONFORMANCE_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pd {

// Where counterexamples and reports go when --report-dir is not given.
constexpr char kDefaultReportDir[] = "pdconform-report";
// Upper bound on --cases: beyond it a run takes hours, which is a typo.
constexpr int kMaxCases = 1000000;

enum class Command {
  kRun,        // run the suite (the default)
  kReplay,     // --replay FILE
  kListImpls,  // --list-impls
  kListRules,  // --list-rules
  kListRequirements,  // --list-requirements [--rules ID,...]
  kHelp,       // --help
  kMerge,      // --merge REPORT...: join shard reports into one
  kDiff,       // --diff DIR: replay recorded live traces, compare (live/trace_diff.h)
  kRecord,     // --record DIR SCENARIO...: replay scenarios, keep their traces for --diff
};

struct Flags {
  Command command = Command::kRun;
  std::string impl = "reference";
  std::uint64_t seed = 1;
  std::optional<int> cases;             // unset: the suite's default
  std::vector<std::string> rules;       // empty: every rule
  std::string report_dir = kDefaultReportDir;
  bool no_report = false;               // --no-report: write no files at all
  std::string replay_file;              // kReplay
  std::string diff_dir;                 // kDiff
  std::string record_dir;               // kRecord: where NAME.pdscenario + NAME.trace go
  std::vector<std::string> record_inputs;  // kRecord: scenario files or directories of them
  std::string paired_file;              // kReplay: --paired, the scenario it is judged across with
  std::string trace_out;                // kReplay: where to write the trace
  // --timeout-ms: wall-clock bound on each answer of a plugin: or exec:
  // implementation (adapters/implementation_process.h); a miss is a no-hang finding.
  int timeout_ms = 2000;
  // The hang budget (SuiteOptions::max_rule_hangs, max_hangs; 0: no bound):
  // after --max-rule-hangs consecutive cases of a rule cut short by a hang
  // its remaining cases are skipped; after --max-hangs in the whole run,
  // every remaining case is (bar no-crash's and no-hang's own).
  // --liveness-ms: the bound of every bounded-liveness rule (kLivenessBound);
  // 0 keeps the default.
  int liveness_ms = 0;
  int max_rule_hangs = 3;
  int max_hangs = 10;
  // --jobs: rules checked in this many processes at once; 0: the number of cores.
  int jobs = 0;
  int shard_index = 0;
  int shard_count = 1;
  std::string baseline;                 // --baseline FILE: known deviations
  std::string write_baseline;           // --write-baseline FILE
  std::vector<std::string> merge_inputs;  // kMerge: shard report dirs or report.json files
};

constexpr int kMaxJobs = 1024;

// Parses argv[1..]. Accepts "--flag value" and "--flag=value". Returns the
// flags or one line of error (without the "pdconform: " prefix).
std::variant<Flags, std::string> ParseFlags(const std::vector<std::string>& args);

// Checks the names in `flags` against what the binary knows. Returns "" or
// one line of error.
std::string CheckNames(const Flags& flags, const std::vector<std::string>& impl_names,
                       const std::vector<std::string>& rule_ids);

// The --help text.
std::string UsageText();

// Quotes `word` for a POSIX shell when it needs it, so a printed command can
// be pasted back as is.
std::string ShellQuote(const std::string& word);

}  // namespace pd

#endif  // CONFORMANCE_FLAGS_H_
