#include "conformance/flags.h"

#include <algorithm>
#include <set>

#include "text/input_excerpt.h"

namespace pd {
namespace {

bool IsDecimal(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A decimal number no larger than `max`, nothing else (no sign, no spaces).
std::optional<std::uint64_t> ParseNumber(const std::string& text, std::uint64_t max) {
  if (!IsDecimal(text) || text.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

struct FlagSpec {
  const char* name;
  bool takes_value;
};

constexpr FlagSpec kFlags[] = {
    {"--impl", true},      {"--seed", true},         {"--cases", true},      {"--rules", true},
    {"--report-dir", true}, {"--no-report", false},  {"--replay", true},     {"--trace-out", true},
    {"--shard", true},     {"--list-impls", false},  {"--list-rules", false}, {"--list-requirements", false},
    {"--help", false},
    {"--baseline", true},  {"--write-baseline", true}, {"--merge", false},
    {"--timeout-ms", true}, {"--paired", true}, {"--max-hangs", true}, {"--max-rule-hangs", true},
    {"--liveness-ms", true}, {"--diff", true}, {"--jobs", true},
    {"--record", true},
};

std::string Got(const std::string& value) { return "got '" + InputExcerpt(value) + "'"; }

}  // namespace

std::variant<Flags, std::string> ParseFlags(const std::vector<std::string>& args) {
  Flags flags;
  std::set<std::string> seen;
  bool help = false, list_impls = false, list_rules = false, list_requirements = false, merge = false;
  bool seed_given = false;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h") {
      help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      // Only --merge (shard reports) and --record (scenarios) take operands; checked below.
      positional.push_back(arg);
      continue;
    }
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& candidate : kFlags) {
      if (name == candidate.name) spec = &candidate;
    }
    if (spec == nullptr) return "unknown flag '" + InputExcerpt(name) + "' (see --help)";
    if (!seen.insert(name).second) return name + ": given twice";
    std::string value;
    if (!spec->takes_value) {
      if (eq != std::string::npos) return name + ": takes no value, " + Got(arg.substr(eq + 1));
    } else if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return name + ": missing value";
    }

    if (name == "--help") {
      help = true;
    } else if (name == "--list-impls") {
      list_impls = true;
    } else if (name == "--list-rules") {
      list_rules = true;
    } else if (name == "--list-requirements") {
      list_requirements = true;
    } else if (name == "--no-report") {
      flags.no_report = true;
    } else if (name == "--merge") {
      merge = true;
    } else if (name == "--baseline") {
      if (value.empty()) return "--baseline: expected a baseline file, got ''";
      flags.baseline = value;
    } else if (name == "--write-baseline") {
      if (value.empty()) return "--write-baseline: expected a file, got ''";
      flags.write_baseline = value;
    } else if (name == "--timeout-ms") {
      auto timeout = ParseNumber(value, 3600000);
      if (!timeout || *timeout == 0) {
        return "--timeout-ms: expected milliseconds between 1 and 3600000, " + Got(value);
      }
      flags.timeout_ms = static_cast<int>(*timeout);
    } else if (name == "--diff") {
      if (value.empty()) return "--diff: expected a directory of recorded live traces, got ''";
      flags.diff_dir = value;
    } else if (name == "--record") {
      if (value.empty()) return "--record: expected the directory to record traces into, got ''";
      flags.record_dir = value;
    } else if (name == "--liveness-ms") {
      // Below the 1 s a scenario drains for, so every window closes in the trace.
      auto bound = ParseNumber(value, 900);
      if (!bound || *bound == 0) return "--liveness-ms: expected milliseconds between 1 and 900, " + Got(value);
      flags.liveness_ms = static_cast<int>(*bound);
    } else if (name == "--jobs") {
      auto jobs = ParseNumber(value, kMaxJobs);
      if (!jobs || *jobs == 0) return "--jobs: expected a number of processes between 1 and " + std::to_string(kMaxJobs) + ", " + Got(value);
      flags.jobs = static_cast<int>(*jobs);
    } else if (name == "--max-hangs" || name == "--max-rule-hangs") {
      auto bound = ParseNumber(value, kMaxCases);
      if (!bound) {
        return name + ": expected a number of hangs between 0 (no bound) and " + std::to_string(kMaxCases) + ", " +
               Got(value);
      }
      (name == "--max-hangs" ? flags.max_hangs : flags.max_rule_hangs) = static_cast<int>(*bound);
    } else if (name == "--impl") {
      if (value.empty()) return "--impl: expected an implementation name (see --list-impls), got ''";
      flags.impl = value;
    } else if (name == "--seed") {
      auto seed = ParseNumber(value, ~std::uint64_t{0});
      if (!seed) return "--seed: expected a non-negative integer below 2^64, " + Got(value);
      flags.seed = *seed;
      seed_given = true;
    } else if (name == "--cases") {
      auto cases = ParseNumber(value, kMaxCases);
      if (!cases || *cases == 0) {
        if (IsDecimal(value) && value.find_first_not_of('0') != std::string::npos) {
          return "--cases: expected a positive integer at most " + std::to_string(kMaxCases) + ", " + Got(value);
        }
        return "--cases: expected a positive integer, " + Got(value);
      }
      flags.cases = static_cast<int>(*cases);
    } else if (name == "--rules") {
      if (value.empty()) return "--rules: expected a comma-separated list of rule ids, got ''";
      for (const std::string& id : Split(value, ',')) {
        if (id.empty()) return "--rules: empty rule id in '" + InputExcerpt(value) + "'";
        if (std::find(flags.rules.begin(), flags.rules.end(), id) != flags.rules.end()) {
          return "--rules: rule '" + InputExcerpt(id) + "' listed twice";
        }
        flags.rules.push_back(id);
      }
    } else if (name == "--report-dir") {
      if (value.empty()) return "--report-dir: expected a directory, got '' (use --no-report to write no files)";
      flags.report_dir = value;
    } else if (name == "--replay") {
      if (value.empty()) return "--replay: expected a scenario file, got ''";
      flags.replay_file = value;
    } else if (name == "--paired") {
      if (value.empty()) return "--paired: expected a scenario file, got ''";
      flags.paired_file = value;
    } else if (name == "--trace-out") {
      if (value.empty()) return "--trace-out: expected a file, got ''";
      flags.trace_out = value;
    } else if (name == "--shard") {
      const std::size_t slash = value.find('/');
      const std::string index_text = slash == std::string::npos ? value : value.substr(0, slash);
      const std::string count_text = slash == std::string::npos ? "" : value.substr(slash + 1);
      auto index = ParseNumber(index_text, 1000000);
      auto count = ParseNumber(count_text, 1000000);
      if (!index || !count || *count == 0 || *index >= *count) {
        return "--shard: expected I/N with 0 <= I < N (e.g. 0/4), " + Got(value);
      }
      flags.shard_index = static_cast<int>(*index);
      flags.shard_count = static_cast<int>(*count);
    }
  }

  // Which command, and which flags make no sense with it.
  const int commands =
      int(help) + int(list_impls) + int(list_rules) + int(list_requirements) + int(!flags.replay_file.empty()) +
      int(merge) + int(!flags.diff_dir.empty()) + int(!flags.record_dir.empty());
  if (commands > 1) {
    return "--help, --list-impls, --list-rules, --list-requirements, --replay, --merge, --diff and --record exclude each "
           "other";
  }
  if (help) {
    flags.command = Command::kHelp;
    return flags;
  }
  if (!positional.empty() && !merge && flags.record_dir.empty()) {
    return "unexpected argument '" + InputExcerpt(positional[0]) + "' (flags start with --; see --help)";
  }
  auto only_with_run = [&](Command command, const char* what) -> std::string {
    for (const char* name : {"--seed", "--cases", "--shard", "--report-dir", "--no-report", "--impl", "--rules",
                             "--trace-out", "--baseline", "--write-baseline", "--timeout-ms", "--paired",
                             "--max-hangs", "--max-rule-hangs", "--liveness-ms", "--jobs"}) {
      const std::string flag = name;
      const bool allowed =
          (command == Command::kReplay && (flag == "--impl" || flag == "--rules" || flag == "--trace-out" ||
                                           flag == "--timeout-ms" || flag == "--paired" || flag == "--liveness-ms")) ||
          (command == Command::kListRequirements && flag == "--rules") ||
          (command == Command::kDiff && (flag == "--impl" || flag == "--timeout-ms" || flag == "--report-dir" ||
                                         flag == "--no-report")) ||
          (command == Command::kRecord && (flag == "--impl" || flag == "--timeout-ms" || flag == "--liveness-ms" ||
                                           flag == "--rules")) ||
          (command == Command::kMerge &&
           (flag == "--report-dir" || flag == "--baseline" || flag == "--write-baseline"));
      if (seen.count(flag) && !allowed) {
        if (command == Command::kReplay && (flag == "--seed" || flag == "--cases" || flag == "--shard")) {
          return flag + ": not used with --replay (the scenario file fixes the run)";
        }
        return flag + ": not used with " + what;
      }
    }
    return "";
  };
  if (list_impls) {
    flags.command = Command::kListImpls;
    if (std::string error = only_with_run(flags.command, "--list-impls"); !error.empty()) return error;
  } else if (list_rules) {
    flags.command = Command::kListRules;
    if (std::string error = only_with_run(flags.command, "--list-rules"); !error.empty()) return error;
  } else if (list_requirements) {
    flags.command = Command::kListRequirements;
    if (std::string error = only_with_run(flags.command, "--list-requirements"); !error.empty()) return error;
  } else if (!flags.replay_file.empty()) {
    flags.command = Command::kReplay;
    if (std::string error = only_with_run(flags.command, "--replay"); !error.empty()) return error;
  } else if (!flags.diff_dir.empty()) {
    flags.command = Command::kDiff;
    if (std::string error = only_with_run(flags.command, "--diff"); !error.empty()) return error;
    if (seen.count("--report-dir") && flags.no_report) return "--report-dir and --no-report exclude each other";
  } else if (!flags.record_dir.empty()) {
    flags.command = Command::kRecord;
    if (std::string error = only_with_run(flags.command, "--record"); !error.empty()) return error;
    if (positional.empty()) {
      return "--record: expected the scenarios to record (.pdscenario files or directories of them)";
    }
    flags.record_inputs = positional;
  } else if (merge) {
    flags.command = Command::kMerge;
    if (std::string error = only_with_run(flags.command, "--merge"); !error.empty()) return error;
    if (positional.empty()) return "--merge: expected the shard reports to merge (report directories or report.json files)";
    flags.merge_inputs = positional;
  } else {
    flags.command = Command::kRun;
    if (seen.count("--trace-out")) return "--trace-out: only used with --replay";
    if (seen.count("--paired")) return "--paired: only used with --replay";
    if (seen.count("--report-dir") && flags.no_report) return "--report-dir and --no-report exclude each other";
  }
  (void)seed_given;
  return flags;
}

std::string CheckNames(const Flags& flags, const std::vector<std::string>& impl_names,
                       const std::vector<std::string>& rule_ids) {
  // plugin:PATH and exec:COMMAND are checked when they are opened.
  const bool external = flags.impl.rfind("plugin:", 0) == 0 || flags.impl.rfind("exec:", 0) == 0 ||
                        flags.impl.rfind("live:", 0) == 0;
  if (!external && std::find(impl_names.begin(), impl_names.end(), flags.impl) == impl_names.end()) {
    return "--impl: unknown implementation '" + InputExcerpt(flags.impl) + "' (see --list-impls)";
  }
  for (const std::string& id : flags.rules) {
    if (std::find(rule_ids.begin(), rule_ids.end(), id) == rule_ids.end()) {
      return "--rules: unknown rule '" + InputExcerpt(id) + "' (see --list-rules)";
    }
  }
  return "";
}

std::string ShellQuote(const std::string& word) {
  const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string("-_./:,=+@%").find(c) != std::string::npos;
  });
  if (safe) return word;
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string UsageText() {
  return R"(usage: pdconform [flags]
       pdconform --replay FILE [--paired FILE] [--impl NAME] [--rules ID,...] [--trace-out FILE]
       pdconform --record DIR [--impl NAME] SCENARIO...
       pdconform --diff DIR [--impl NAME] [--report-dir DIR | --no-report]
       pdconform --merge REPORT... [--report-dir DIR] [--baseline FILE] [--write-baseline FILE]
       pdconform --list-requirements [--rules ID,...]
       pdconform --list-impls | --list-rules | --help

Runs the Peer Distribution API conformance suite against one implementation:
for every rule, generated scenarios in a deterministic simulated World; a
violation is shrunk to a minimal scenario and written out for replay.

  --impl NAME        implementation under test (default: reference); see --list-impls;
                     or plugin:PATH.so (built against adapters/peerdist_plugin.h)
                     or exec:'COMMAND ARGS' (speaks adapters/PROTOCOL.md on stdin/stdout)
                     or live:'COMMAND ARGS' (the same, in real time: pdlive.exe and a
                     real peerdist.dll; see live/README.md)
  --timeout-ms N     with plugin: or exec:, wall-clock bound on each answer
                     (default: 2000); a miss is a no-hang finding
  --record DIR SCENARIO...  run each scenario (a .pdscenario file, or every one
                     in a directory) against --impl, e.g. a live: one, and keep
                     DIR/NAME.pdscenario and the trace it gave, DIR/NAME.trace
  --diff DIR         replay the scenarios recorded in DIR (--record) against --impl
                     in virtual time and report every difference in what a caller
                     observes (codes, statuses, bytes, order), not timing; writes
                     report.html (the two traces side by side), report.json,
                     junit.xml and counterexamples/ under --report-dir
  --liveness-ms N    what must happen must happen within N ms (default: 100);
                     for live: runs, whose deliveries take real time
  --max-rule-hangs N after N consecutive cases of a rule cut short by a hang,
                     skip that rule's remaining cases (default: 3; 0: no bound)
  --max-hangs N      after N cases cut short by a hang in the whole run, skip
                     every remaining case but no-crash's and no-hang's own
                     (default: 10; 0: no bound). Skipped cases are counted, and
                     a rule whose cases mostly did not reach their end is NOT-CHECKED
  --jobs N           check rules in N processes at once (default: the number of
                     cores); the reports are the same, byte for byte, for every N
  --seed N           seed of the scenario generator (default: 1)
  --cases N          scenarios per rule (default: 1000)
  --rules ID,...     check only these rules (default: all); see --list-rules
  --shard I/N        run shard I (0-based) of N; shards split each rule's cases
                     (Bazel conformance tests pass TEST_SHARD_INDEX/TEST_TOTAL_SHARDS)
  --report-dir DIR   write report.html, report.json, junit.xml and counterexamples/
                     under DIR (default: pdconform-report; relative to the directory
                     pdconform was started from, also under `bazel run`)
  --no-report        write no files
  --baseline FILE    known deviations: the violations FILE lists are expected; the
                     run fails only on new violations and on listed rules that now
                     hold (format: 'pdbaseline 1', then '<impl> <rule-id>' lines)
  --write-baseline FILE  write the baseline that expects this run's violations
                     (keeping FILE's other lines when --baseline FILE is given too);
                     the run is then judged against it
  --merge REPORT...  join the reports of the shards of one run (their report
                     directories or report.json files) into one report under
                     --report-dir, with the counterexamples
  --replay FILE      run one scenario file (e.g. a counterexample) and judge it
                     with every rule (or --rules); prints the verdict per rule
  --paired FILE      with --replay: also run FILE, the scenario a violation across
                     two scenarios of a run pairs the counterexample with, and judge
                     consistent-interpretation across the two
  --trace-out FILE   with --replay: write the rendered trace to FILE
  --list-impls       list the built-in implementations (reference and mutants)
  --list-rules       list the rules: id, strength, source, why a rule is not
                     `documented`, and the catalog entries it cites
  --list-requirements  the requirements catalog: every statement of the
                     peerdist.h pages with the rules that check it (or NOT
                     CHECKED), then "<page>: N of M testable statements checked"
                     per page and "all pages: ..." (with --rules: by those rules)
  --help             this text

Exit status: 0 every rule holds (or every violation is listed in --baseline),
1 a rule is violated (or could not be checked, or was not checked because
fewer than half of its cases reached their end, or is listed but holds), 2 bad
usage or bad input (a malformed baseline names its line), or a run that would
pass but whose report files could not be written (one line says which).
Progress goes to stderr: a line redrawn in place on a terminal, a line per
rule otherwise.
Reports are byte-identical between runs with the same flags; wall time is
printed on the console only.
)";
}

}  // namespace pd
